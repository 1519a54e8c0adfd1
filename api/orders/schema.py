"""Queries and mutations of sales orders (contract §5.2)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import perform, user_errors
from api.inputs import provided
from api.orders.lists import (
    SalesOrderFilter,
    SalesOrderOrder,
    sales_order_filter,
    sales_order_order,
)
from api.orders.types import (
    SalesOrder,
    SalesOrderCancelInput,
    SalesOrderCancelPayload,
    SalesOrderConfirmInput,
    SalesOrderConfirmPayload,
    SalesOrderCreateInput,
    SalesOrderCreatePayload,
    SalesOrderLineInput,
    SalesOrderShipInput,
    SalesOrderShipPayload,
    SalesOrderUpdateInput,
    SalesOrderUpdatePayload,
    Shipment,
)
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
)
from domain.errors import DomainError
from domain.inventory.services import default_warehouse
from domain.orders import services
from domain.orders.models import SalesOrder as SalesOrderRow


def _decode_at(value: strawberry.ID, type_name: str, path: tuple[str, ...]) -> int:
    """decode_id for an id inside a list input: the error names the element's path."""
    try:
        return decode_id(value, type_name)
    except DomainError as error:
        raise DomainError(error.code, error.message, path) from None


def _drafts(lines: list[SalesOrderLineInput]) -> list[services.OrderLineDraft]:
    return [
        services.OrderLineDraft(
            product_id=_decode_at(line.product_id, "Product", ("lines", str(i), "productId")),
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            tax_rate=line.tax_rate,
            description=line.description,
        )
        for i, line in enumerate(lines)
    ]


async def _create(input: SalesOrderCreateInput) -> Any:
    return await services.create_sales_order(
        decode_id(input.account_id, "Account", "accountId"),
        _drafts(input.lines),
        requested_date=input.requested_date,
        invoice_policy=input.invoice_policy,
        notes=input.notes,
        external={
            "external_id": input.external_id,
            "metadata": input.metadata,
            "private_metadata": input.private_metadata,
        },
    )


async def _update(input: SalesOrderUpdateInput) -> Any:
    changes = provided(input, exclude=("id", "lines"))
    if changes.get("account_id") is not None:
        changes["account_id"] = decode_id(changes["account_id"], "Account", "accountId")
    lines = None if input.lines is strawberry.UNSET or input.lines is None else input.lines
    return await services.update_sales_order(
        decode_id(input.id, "SalesOrder"), changes, None if lines is None else _drafts(lines)
    )


ORDER_ID = Annotated[strawberry.ID, strawberry.argument(description="A SalesOrder id.")]


@strawberry.type
class Query:
    @strawberry.field(description="A sales order by its global id; null for an unknown id.")
    async def sales_order(self, info: Info, id: ORDER_ID) -> SalesOrder | None:
        return await node_by_global_id(SalesOrder, info, id)

    @strawberry.field(description="Sales orders, by number (oldest first) by default.")
    async def sales_orders(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            SalesOrderFilter | None, strawberry.argument(description="Narrows the list.")
        ] = None,
        order_by: Annotated[
            SalesOrderOrder | None, strawberry.argument(description="Default: by number.")
        ] = None,
    ) -> Connection[SalesOrder]:
        return await paginate(
            services.list_sales_orders(sales_order_filter(filter)),
            SalesOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=sales_order_order(order_by),
        )

    @strawberry.field(description="A shipment by its global id; null for an unknown id.")
    async def shipment(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Shipment id.")],
    ) -> Shipment | None:
        return await node_by_global_id(Shipment, info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates a DRAFT order numbered SO-YYYY-NNNNNN, lines priced by §9 unless "
        "given and rounded by §5.4. ADMIN, SALES and INTEGRATION."
    )
    async def sales_order_create(
        self,
        input: Annotated[SalesOrderCreateInput, strawberry.argument(description="The new order.")],
    ) -> SalesOrderCreatePayload:
        return await perform(
            SalesOrderCreatePayload, "sales_order", lambda: _create(input), SalesOrder.from_model
        )

    @strawberry.mutation(
        description="Changes a DRAFT order (INVALID_TRANSITION otherwise); given lines "
        "replace all its lines. ADMIN, SALES and INTEGRATION."
    )
    async def sales_order_update(
        self,
        input: Annotated[SalesOrderUpdateInput, strawberry.argument(description="The changes.")],
    ) -> SalesOrderUpdatePayload:
        return await perform(
            SalesOrderUpdatePayload, "sales_order", lambda: _update(input), SalesOrder.from_model
        )

    @strawberry.mutation(
        description="DRAFT → CONFIRMED (§5.2): checks the account's credit "
        "(CREDIT_LIMIT_EXCEEDED), reserves the available stock per line (the rest is "
        "backordered) and makes the account a CUSTOMER. ADMIN, SALES and INTEGRATION."
    )
    async def sales_order_confirm(
        self,
        input: Annotated[
            SalesOrderConfirmInput, strawberry.argument(description="The order to confirm.")
        ],
    ) -> SalesOrderConfirmPayload:
        return await perform(
            SalesOrderConfirmPayload,
            "sales_order",
            lambda: services.confirm_sales_order(decode_id(input.id, "SalesOrder")),
            SalesOrder.from_model,
        )

    @strawberry.mutation(
        description="Cancels an order before any shipment (INVALID_TRANSITION after one), "
        "releasing its reservations. ADMIN, SALES and INTEGRATION."
    )
    async def sales_order_cancel(
        self,
        input: Annotated[
            SalesOrderCancelInput, strawberry.argument(description="The order to cancel.")
        ],
    ) -> SalesOrderCancelPayload:
        return await perform(
            SalesOrderCancelPayload,
            "sales_order",
            lambda: services.cancel_sales_order(decode_id(input.id, "SalesOrder")),
            SalesOrder.from_model,
        )

    @strawberry.mutation(
        description="Ships quantities of a confirmed order's lines from a warehouse (§5.2): "
        "stock moves out (never below zero: INSUFFICIENT_STOCK), never more than ordered, "
        "and cost of goods sold is posted at standard cost. ADMIN and OPERATIONS."
    )
    async def sales_order_ship(
        self,
        input: Annotated[
            SalesOrderShipInput, strawberry.argument(description="The lines and quantities.")
        ],
    ) -> SalesOrderShipPayload:
        try:
            warehouse_id = (
                (await default_warehouse()).id
                if input.warehouse_id is None
                else decode_id(input.warehouse_id, "Warehouse", "warehouseId")
            )
            order_id = decode_id(input.id, "SalesOrder")
            lines = [
                services.ShipLineDraft(
                    line_id=_decode_at(line.line_id, "SalesOrderLine", ("lines", str(i), "lineId")),
                    quantity=line.quantity,
                    lot_id=None
                    if line.lot_id is None
                    else _decode_at(line.lot_id, "Lot", ("lines", str(i), "lotId")),
                )
                for i, line in enumerate(input.lines)
            ]
            shipment = await retry_when_locked(
                lambda: services.ship_sales_order(order_id, warehouse_id, lines)
            )
        except DomainError as error:
            return SalesOrderShipPayload(sales_order=None, shipment=None, errors=user_errors(error))
        order = await SalesOrderRow.get(id=shipment.order_id)
        return SalesOrderShipPayload(
            sales_order=SalesOrder.from_model(order),
            shipment=Shipment.from_model(shipment),
            errors=[],
        )
