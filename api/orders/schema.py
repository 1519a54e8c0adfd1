"""Queries and mutations of sales orders (contract §5.2)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import perform, user_errors
from api.inputs import provided
from api.orders.types import (
    SalesOrder,
    SalesOrderCancelInput,
    SalesOrderCancelPayload,
    SalesOrderConfirmInput,
    SalesOrderConfirmPayload,
    SalesOrderCreateInput,
    SalesOrderCreatePayload,
    SalesOrderFilter,
    SalesOrderLineInput,
    SalesOrderOrder,
    SalesOrderShipInput,
    SalesOrderShipPayload,
    SalesOrderUpdateInput,
    SalesOrderUpdatePayload,
    Shipment,
)
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.errors import DomainError
from domain.inventory.services import default_warehouse
from domain.orders import services
from domain.orders.models import InvoicePolicy
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
            product_id=_decode_at(line.product_id, "Product", ("lines", str(i), "product_id")),
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
        decode_id(input.account_id, "Account", "account_id"),
        _drafts(input.lines),
        requested_date=input.requested_date,
        invoice_policy=InvoicePolicy(input.invoice_policy),
        notes=input.notes,
    )


async def _update(input: SalesOrderUpdateInput) -> Any:
    changes = provided(input, exclude=("id", "lines"))
    if "account_id" in changes and changes["account_id"] is not None:
        changes["account_id"] = decode_id(changes["account_id"], "Account", "account_id")
    lines = None if input.lines is strawberry.UNSET or input.lines is None else input.lines
    return await services.update_sales_order(
        decode_id(input.id, "SalesOrder"), changes, None if lines is None else _drafts(lines)
    )


@strawberry.type
class Query:
    @strawberry.field
    async def sales_order(self, info: Info, id: strawberry.ID) -> SalesOrder | None:
        return await node_by_global_id(SalesOrder, info, id)

    @strawberry.field
    async def sales_orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: SalesOrderFilter | None = None,
        order_by: SalesOrderOrder | None = None,
    ) -> Connection[SalesOrder]:
        flt = filter or SalesOrderFilter()
        try:
            account_id = (
                None
                if flt.account_id is None
                else decode_id(flt.account_id, "Account", "account_id")
            )
        except DomainError:
            account_id = 0  # an id of another type matches no order
        queryset = services.list_sales_orders(
            services.SalesOrderFilter(
                account_id=account_id,
                status=flt.status,
                delivery_status=flt.delivery_status,
                invoice_status=flt.invoice_status,
                search=flt.search,
            )
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("number",)
        return await paginate(
            queryset,
            SalesOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def shipment(self, info: Info, id: strawberry.ID) -> Shipment | None:
        return await node_by_global_id(Shipment, info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def sales_order_create(self, input: SalesOrderCreateInput) -> SalesOrderCreatePayload:
        return await perform(
            SalesOrderCreatePayload, "sales_order", lambda: _create(input), SalesOrder.from_model
        )

    @strawberry.mutation
    async def sales_order_update(self, input: SalesOrderUpdateInput) -> SalesOrderUpdatePayload:
        return await perform(
            SalesOrderUpdatePayload, "sales_order", lambda: _update(input), SalesOrder.from_model
        )

    @strawberry.mutation
    async def sales_order_confirm(self, input: SalesOrderConfirmInput) -> SalesOrderConfirmPayload:
        return await perform(
            SalesOrderConfirmPayload,
            "sales_order",
            lambda: services.confirm_sales_order(decode_id(input.id, "SalesOrder")),
            SalesOrder.from_model,
        )

    @strawberry.mutation
    async def sales_order_cancel(self, input: SalesOrderCancelInput) -> SalesOrderCancelPayload:
        return await perform(
            SalesOrderCancelPayload,
            "sales_order",
            lambda: services.cancel_sales_order(decode_id(input.id, "SalesOrder")),
            SalesOrder.from_model,
        )

    @strawberry.mutation
    async def sales_order_ship(self, input: SalesOrderShipInput) -> SalesOrderShipPayload:
        try:
            warehouse_id = (
                (await default_warehouse()).id
                if input.warehouse_id is None
                else decode_id(input.warehouse_id, "Warehouse", "warehouse_id")
            )
            order_id = decode_id(input.id, "SalesOrder")
            lines = [
                services.ShipLineDraft(
                    line_id=_decode_at(
                        line.line_id, "SalesOrderLine", ("lines", str(i), "line_id")
                    ),
                    quantity=line.quantity,
                )
                for i, line in enumerate(input.lines)
            ]
            shipment = await retry_when_locked(
                lambda: services.ship_sales_order(order_id, warehouse_id, lines)
            )
        except DomainError as error:
            return SalesOrderShipPayload(
                sales_order=None, shipment=None, errors=user_errors(error)
            )
        order = await SalesOrderRow.get(id=shipment.order_id)
        return SalesOrderShipPayload(
            sales_order=SalesOrder.from_model(order),
            shipment=Shipment.from_model(shipment),
            errors=[],
        )
