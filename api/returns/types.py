"""GraphQL types of customer returns (§15)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.billing.loaders import CreditNoteByIdLoader
from api.errors import payload
from api.inventory.loaders import WarehouseByIdLoader
from api.orders.loaders import SalesOrderByIdLoader, SalesOrderLineByIdLoader
from api.relay import ModelNode, node_type_of, to_node
from api.returns.enums import ReturnStatus
from api.returns.loaders import ReturnLinesByReturnIdLoader
from domain.billing.models import CreditNote as CreditNoteRow
from domain.event_data import plain_decimal
from domain.orders.models import SalesOrderLine as SalesOrderLineRow
from domain.returns import models

if TYPE_CHECKING:
    from api.billing.types import CreditNote
    from api.inventory.types import Warehouse
    from api.orders.types import SalesOrder, SalesOrderLine

CreditNoteType = Annotated["CreditNote", strawberry.lazy("api.billing.types")]
WarehouseType = Annotated["Warehouse", strawberry.lazy("api.inventory.types")]
SalesOrderType = Annotated["SalesOrder", strawberry.lazy("api.orders.types")]
SalesOrderLineType = Annotated["SalesOrderLine", strawberry.lazy("api.orders.types")]


@strawberry.type(description="What comes back of one sales order line.")
class ReturnLine:
    record: strawberry.Private[Any]

    @strawberry.field(description="The sales order line returned.")
    async def sales_order_line(self, info: strawberry.Info) -> SalesOrderLineType:
        row = await info.context.loaders[SalesOrderLineByIdLoader].load(self.record.order_line_id)
        # The orders area's own conversion, which hands the line its order's currency.
        nodes: list[Any] = await node_type_of(SalesOrderLineRow).nodes_of_rows(info, [row])
        return nodes[0]

    @strawberry.field(description="How many, in the product's `uom`.")
    def quantity(self) -> Decimal:
        return Decimal(plain_decimal(self.record.quantity))

    @strawberry.field(description="Whether it goes back into stock on receipt.")
    def restock(self) -> bool:
        return bool(self.record.restock)


@strawberry.type(
    description="A customer return (RMA, §15): authorized, then received back into stock "
    "with a credit note for the invoiced part of what came back."
)
class Return(ModelNode):
    model_class = models.Return

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(description="`RMA-YYYY-NNNNNN`, gapless per year.")
    status: ReturnStatus = strawberry.field(description="AUTHORIZED, RECEIVED or CANCELLED.")
    created_at: datetime = strawberry.field(description="When it was authorized.")
    received_at: datetime | None = strawberry.field(description="When it came back.")

    @strawberry.field(description="The sales order the goods were shipped on.")
    async def sales_order(self, info: strawberry.Info) -> SalesOrderType:
        return to_node(await info.context.loaders[SalesOrderByIdLoader].load(self.record.order_id))

    @strawberry.field(description="Where the goods came back to; null until received.")
    async def warehouse(self, info: strawberry.Info) -> WarehouseType | None:
        if self.record.warehouse_id is None:
            return None
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return to_node(row)

    @strawberry.field(description="What comes back, in the order given.")
    async def lines(self, info: strawberry.Info) -> list[ReturnLine]:
        rows = await info.context.loaders[ReturnLinesByReturnIdLoader].load(self.record.id)
        return [ReturnLine(record=row) for row in rows]

    @strawberry.field(
        description="The credit note of the invoiced part of the returned quantity (§5.4's "
        "rules); null while not received or when nothing returned was invoiced. ADMIN, "
        "FINANCE, SALES and READONLY only."
    )
    async def credit_note(self, info: strawberry.Info) -> CreditNoteType | None:
        if self.record.credit_note_id is None:
            return None
        note = await info.context.loaders[CreditNoteByIdLoader].load(self.record.credit_note_id)
        return (await node_type_of(CreditNoteRow).nodes_of_rows(info, [note]))[0]


@payload("return_", Return)
class ReturnCreatePayload:
    return_: Return | None = strawberry.field(
        name="return", description="The new return, AUTHORIZED; null when refused."
    )


@payload("return_", Return)
class ReturnReceivePayload:
    return_: Return | None = strawberry.field(
        name="return", description="The return as returnReceive left it; null when refused."
    )


@payload("return_", Return)
class ReturnCancelPayload:
    return_: Return | None = strawberry.field(
        name="return", description="The return as returnCancel left it; null when refused."
    )
