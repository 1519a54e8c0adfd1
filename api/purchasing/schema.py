"""Queries and mutations of purchase orders (contract §5.1)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.errors import perform
from api.purchasing.types import (
    PurchaseOrder,
    PurchaseOrderCreateInput,
    PurchaseOrderCreatePayload,
    PurchaseOrderFilter,
    PurchaseOrderOrder,
    PurchaseOrderReceiveInput,
    PurchaseOrderReceivePayload,
)
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.purchasing import models, services


def _filter(flt: PurchaseOrderFilter | None) -> services.PurchaseOrderFilter:
    flt = flt or PurchaseOrderFilter()
    return services.PurchaseOrderFilter(
        status=models.PurchaseOrderStatus(flt.status.value) if flt.status else None,
        supplier_id=decode_id(flt.supplier_id, "Account", "supplier_id")
        if flt.supplier_id
        else None,
        product_id=decode_id(flt.product_id, "Product", "product_id") if flt.product_id else None,
    )


@strawberry.type
class Query:
    @strawberry.field
    async def purchase_order(self, info: Info, id: strawberry.ID) -> PurchaseOrder | None:
        return await node_by_global_id(PurchaseOrder, info, id)

    @strawberry.field
    async def purchase_orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: PurchaseOrderFilter | None = None,
        order_by: PurchaseOrderOrder | None = None,
    ) -> Connection[PurchaseOrder]:
        queryset = services.list_purchase_orders(_filter(filter))
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("-id",)
        return await paginate(
            queryset,
            PurchaseOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def purchase_order_create(
        self, input: PurchaseOrderCreateInput
    ) -> PurchaseOrderCreatePayload:
        async def create() -> models.PurchaseOrder:
            lines = [
                services.PurchaseLineDraft(
                    product_id=decode_id(
                        line.product_id, "Product", ("lines", str(i), "product_id")
                    ),
                    quantity=line.quantity,
                    unit_cost=line.unit_cost,
                    expected_date=line.expected_date,
                )
                for i, line in enumerate(input.lines)
            ]
            return await services.create_purchase_order(
                decode_id(input.supplier_id, "Account", "supplier_id"), lines, notes=input.notes
            )

        return await perform(
            PurchaseOrderCreatePayload, "purchase_order", create, PurchaseOrder.from_model
        )

    @strawberry.mutation
    async def purchase_order_receive(
        self, input: PurchaseOrderReceiveInput
    ) -> PurchaseOrderReceivePayload:
        async def receive() -> models.PurchaseOrder:
            lines = [
                services.ReceiptLine(
                    line_id=decode_id(
                        line.line_id, "PurchaseOrderLine", ("lines", str(i), "line_id")
                    ),
                    quantity=line.quantity,
                )
                for i, line in enumerate(input.lines)
            ]
            return await services.receive_purchase_order(
                decode_id(input.id, "PurchaseOrder"), lines
            )

        return await perform(
            PurchaseOrderReceivePayload, "purchase_order", receive, PurchaseOrder.from_model
        )
