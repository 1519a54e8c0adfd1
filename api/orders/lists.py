"""The sales-order and shipment lists: their filter and order inputs, and the connections of
them that other objects show (`Account.salesOrders`), for any area to call (§2 Lists)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from api.catalog.loaders import ProductByIdLoader
from api.external_data import ExternalDataFilter, metadata_pairs
from api.loaders import selects
from api.nested import Window, nested_connection
from api.orders.enums import (
    SalesOrderDeliveryStatus,
    SalesOrderInvoiceStatus,
    SalesOrderStatus,
)
from api.orders.loaders import (
    SalesOrderLinesByOrderIdLoader,
    SalesOrdersByAccountIdLoader,
    ShipmentCriteria,
)
from api.relay import Connection, filter_id, node_type_of, order_fields, to_node
from api.scalars import OrderDirection, described_enum
from domain.orders import services
from domain.orders.models import SalesOrderLine

DIRECTION_DESCRIPTION = "ASC (the default) or DESC; ties are broken by creation order."


class SalesOrderOrderField(Enum):
    NUMBER = "number"
    CREATED_AT = "created_at"
    REQUESTED_DATE = "requested_date"
    TOTAL = "total"


described_enum(
    SalesOrderOrderField,
    name="SalesOrderOrderField",
    description="What a list of sales orders can be sorted by.",
    values={
        "NUMBER": "The order number, SO-YYYY-NNNNNN: the order of creation.",
        "CREATED_AT": "When the order was created.",
        "REQUESTED_DATE": "When the customer wants the goods; orders without one sort last "
        "ascending, first descending.",
        "TOTAL": "The order's total incl. tax.",
    },
)


@strawberry.input(description="The order of a sales-order list.")
class SalesOrderOrder:
    field: SalesOrderOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=DIRECTION_DESCRIPTION
    )


@strawberry.input(description="Narrows a sales-order list; the conditions given all apply.")
class SalesOrderFilter(ExternalDataFilter):
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's orders (an Account id)."
    )
    status: list[SalesOrderStatus] | None = strawberry.field(
        default=None,
        description="Only orders in one of these statuses.",
    )
    delivery_status: SalesOrderDeliveryStatus | None = strawberry.field(
        default=None,
        description="Only orders with this delivery status.",
    )
    invoice_status: SalesOrderInvoiceStatus | None = strawberry.field(
        default=None,
        description="Only orders with this invoice status.",
    )
    search: str | None = strawberry.field(
        default=None, description="A part of the order number, case-insensitive."
    )


def sales_order_filter(flt: SalesOrderFilter | None) -> services.SalesOrderFilter:
    """The domain's filter for the input (ids checked by the filter-id rule, §2)."""
    flt = flt or SalesOrderFilter()
    return services.SalesOrderFilter(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        status=None if flt.status is None else tuple(flt.status),
        delivery_status=flt.delivery_status,
        invoice_status=flt.invoice_status,
        search=flt.search,
        external_id=flt.external_id,
        metadata=metadata_pairs(flt),
    )


def sales_order_order(
    order_by: SalesOrderOrder | None, default: tuple[str, ...] = ("number",)
) -> tuple[str, ...]:
    return order_fields(order_by.field.value, order_by.direction) if order_by else default


async def account_sales_orders(
    info: Info,
    account_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: SalesOrderFilter | None = None,
    order_by: SalesOrderOrder | None = None,
) -> Connection[Any]:
    """`Account.salesOrders`: one query for all accounts of the page, oldest order first
    unless `order_by` says otherwise; the page's lines come with it (`preload_lines`)."""
    page = await nested_connection(
        info,
        SalesOrdersByAccountIdLoader,
        account_id,
        sales_order_filter(filter),
        to_node,
        Window(first, after, last, before, sales_order_order(order_by, default=("id",))),
    )
    await preload_lines(info, [edge.node for edge in page.edges], ("edges", "node"))
    return page


async def preload_lines(info: Info, orders: list[Any], path: tuple[str, ...]) -> None:
    """Hands the orders of a page their lines, and the lines their products, when the query
    at `path` asks for them: the statements the per-order loaders would send (one for the
    lines of every order, one for their products), and `SalesOrder.lines` and
    `SalesOrderLine.product` then answer without awaiting."""
    if not orders or not selects(info, *path, "lines"):
        return
    loaders = info.context.loaders
    rows_of = await loaders[SalesOrderLinesByOrderIdLoader].load_many(
        [order.record.id for order in orders]
    )
    line_type = node_type_of(SalesOrderLine)
    lines_of = [
        [line_type.from_model(row, currency=order.currency) for row in rows]
        for order, rows in zip(orders, rows_of, strict=True)
    ]
    if selects(info, *path, "lines", "product"):
        await hand_over_products(info, [line for order_lines in lines_of for line in order_lines])
    for order, order_lines in zip(orders, lines_of, strict=True):
        order.preloaded = order_lines


async def hand_over_products(info: Info, lines: list[Any]) -> None:
    """Gives order lines their products' nodes with one batch, so `SalesOrderLine.product`
    awaits nothing: each product asked for once, one node however many lines order it."""
    product_ids = list(dict.fromkeys(line.record.product_id for line in lines))
    products = await info.context.loaders[ProductByIdLoader].load_many(product_ids)
    nodes = {
        product_id: to_node(product)
        for product_id, product in zip(product_ids, products, strict=True)
        if product is not None
    }
    for line in lines:
        line.preloaded = nodes.get(line.record.product_id)


class ShipmentOrderField(Enum):
    NUMBER = "number"
    SHIPPED_ON = "shipped_on"
    CREATED_AT = "created_at"


described_enum(
    ShipmentOrderField,
    name="ShipmentOrderField",
    description="What a list of shipments can be sorted by.",
    values={
        "NUMBER": "The shipment number: the order of creation.",
        "SHIPPED_ON": "The day the goods left.",
        "CREATED_AT": "When it was recorded.",
    },
)


@strawberry.input(description="The order of a shipment list.")
class ShipmentOrder:
    field: ShipmentOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=DIRECTION_DESCRIPTION
    )


@strawberry.input(description="Narrows a shipment list; the conditions given all apply.")
class ShipmentFilter:
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only shipments from this warehouse (a Warehouse id)."
    )
    shipped_from: date | None = strawberry.field(
        default=None, description="Only shipments on or after this day."
    )
    shipped_to: date | None = strawberry.field(
        default=None, description="Only shipments on or before this day."
    )


def shipment_criteria(flt: ShipmentFilter | None) -> ShipmentCriteria:
    flt = flt or ShipmentFilter()
    return ShipmentCriteria(
        warehouse_id=filter_id(flt.warehouse_id, "Warehouse", "warehouseId"),
        shipped_from=flt.shipped_from,
        shipped_to=flt.shipped_to,
    )


def shipment_order(order_by: ShipmentOrder | None) -> tuple[str, ...]:
    return order_fields(order_by.field.value, order_by.direction) if order_by else ("id",)
