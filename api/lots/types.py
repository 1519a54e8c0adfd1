"""GraphQL types of lots and their traces (§15)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.accounts.loaders import AccountByIdLoader
from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError
from api.lots.enums import StepKind
from api.lots.loaders import LotByIdLoader, LotOnHandByIdLoader
from api.relay import ModelNode, to_node
from domain.event_data import plain_decimal
from domain.lots import models

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.catalog.types import Product

AccountType = Annotated["Account", strawberry.lazy("api.accounts.types")]
ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]


@strawberry.type(
    description="One lot of a lot-tracked product, or one unit of a SERIAL one (§15): created "
    "by the first move that brings it in."
)
class Lot(ModelNode):
    model_class = models.Lot

    id: strawberry.relay.NodeID[int]
    code: str = strawberry.field(description="The lot or serial number, unique per product.")
    expires_at: date | None = strawberry.field(
        description="When it expires: outgoing moves take the first expiry first."
    )
    recalled_at: datetime | None = strawberry.field(description="When lotRecall last fired.")
    created_at: datetime = strawberry.field(description="When it first came in.")

    @strawberry.field(description="The product it is a lot of.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @strawberry.field(description="On hand over all warehouses; 0 for an empty lot.")
    async def on_hand(self, info: strawberry.Info) -> Decimal:
        total = await info.context.loaders[LotOnHandByIdLoader].load(self.record.id)
        return Decimal(plain_decimal(total))


@strawberry.type(description="One move a traced lot went through.")
class LotTraceStep:
    record: strawberry.Private[Any]

    @strawberry.field(description="What the move was.")
    def kind(self) -> StepKind:
        return StepKind(self.record.kind)

    @strawberry.field(description="The day of the move (UTC).")
    def date(self) -> date:
        day: date = self.record.day
        return day

    @strawberry.field(description="Signed: positive into stock, negative out.")
    def quantity(self) -> Decimal:
        return Decimal(plain_decimal(self.record.quantity))

    @strawberry.field(description="The lot moved.")
    async def lot(self, info: strawberry.Info) -> Lot:
        return Lot.from_model(await info.context.loaders[LotByIdLoader].load(self.record.lot_id))

    @strawberry.field(
        description="The customer (shipments, returns) or supplier (receipts); null otherwise."
    )
    async def account(self, info: strawberry.Info) -> AccountType | None:
        if self.record.account_id is None:
            return None
        return to_node(await info.context.loaders[AccountByIdLoader].load(self.record.account_id))


@strawberry.type(description="Where a lot went (FORWARD) or came from (BACKWARD), §15.")
class LotTrace:
    record: strawberry.Private[Any]

    @strawberry.field(description="The lot traced.")
    def lot(self) -> Lot:
        return Lot.from_model(self.record.lot)

    @strawberry.field(
        description="Every move of the lot and of the lots reached through work orders, "
        "oldest first."
    )
    def steps(self) -> list[LotTraceStep]:
        return [LotTraceStep(record=step) for step in self.record.steps]

    @strawberry.field(
        description="The customers reached (FORWARD) or the suppliers (BACKWARD), by id."
    )
    async def accounts(self, info: strawberry.Info) -> list[AccountType]:
        rows = await info.context.loaders[AccountByIdLoader].load_many(self.record.account_ids)
        return [to_node(row) for row in rows]

    @strawberry.field(description="The lots reached through work orders, the traced one left out.")
    async def lots(self, info: strawberry.Info) -> list[Lot]:
        rows = await info.context.loaders[LotByIdLoader].load_many(self.record.lot_ids)
        return [Lot.from_model(row) for row in rows]


@strawberry.type(description="The result of lotRecall, or the errors that refused it.")
class LotRecallPayload:
    lot: Lot | None = strawberry.field(description="The lot recalled; null when refused.")
    trace: LotTrace | None = strawberry.field(
        description="Its FORWARD trace: the customers told in `lot.recalled`."
    )
    errors: list[UserError] = strawberry.field(
        description="Why the recall was refused; empty when it fired."
    )
