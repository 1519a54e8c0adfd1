"""Queries and mutations of purchase orders (contract §5.1)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.errors import MutationInput, perform
from api.purchasing.inputs import (
    PurchaseOrderCreateInput,
    PurchaseOrderFilter,
    PurchaseOrderOrder,
    PurchaseOrderReceiveInput,
)
from api.purchasing.types import (
    PurchaseOrder,
    PurchaseOrderCreatePayload,
    PurchaseOrderReceivePayload,
)
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    order_fields,
    paginate,
)
from domain.purchasing import models, services


@strawberry.type
class Query:
    @strawberry.field(description="One purchase order by its id; null when there is none.")
    async def purchase_order(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A PurchaseOrder id.")],
    ) -> PurchaseOrder | None:
        return await node_by_global_id(PurchaseOrder, info, id)

    @strawberry.field(description="The purchase orders, by default newest first.")
    async def purchase_orders(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PurchaseOrderFilter | None, strawberry.argument(description="Only these orders.")
        ] = None,
        order_by: Annotated[
            PurchaseOrderOrder | None, strawberry.argument(description="Default: newest first.")
        ] = None,
    ) -> Connection[PurchaseOrder]:
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("-id",)
        return await paginate(
            services.list_purchase_orders((filter or PurchaseOrderFilter()).query()),
            PurchaseOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates an OPEN purchase order numbered PO-YYYY-NNNNNN, in the "
        "supplier's currency."
    )
    async def purchase_order_create(
        self,
        input: MutationInput[PurchaseOrderCreateInput],
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
                decode_id(input.supplier_id, "Account", "supplier_id"),
                lines,
                notes=input.notes,
                external={
                    "external_id": input.external_id,
                    "metadata": input.metadata,
                    "private_metadata": input.private_metadata,
                },
            )

        return await perform(
            PurchaseOrderCreatePayload, "purchase_order", create, PurchaseOrder.from_model
        )

    @strawberry.mutation(
        description="Receives quantities into the MAIN warehouse and posts them (§5.3); the "
        "order is RECEIVED once every line is received in full."
    )
    async def purchase_order_receive(
        self,
        input: MutationInput[PurchaseOrderReceiveInput],
    ) -> PurchaseOrderReceivePayload:
        async def receive() -> models.PurchaseOrder:
            lines = [
                services.ReceiptLine(
                    line_id=decode_id(
                        line.line_id, "PurchaseOrderLine", ("lines", str(i), "line_id")
                    ),
                    quantity=line.quantity,
                    lot_code=line.lot_code,
                    expires_at=line.expires_at,
                )
                for i, line in enumerate(input.lines)
            ]
            warehouse_id = (
                None
                if input.warehouse_id is None
                else decode_id(input.warehouse_id, "Warehouse", "warehouse_id")
            )
            return await services.receive_purchase_order(
                decode_id(input.id, "PurchaseOrder"), lines, warehouse_id
            )

        return await perform(
            PurchaseOrderReceivePayload, "purchase_order", receive, PurchaseOrder.from_model
        )
