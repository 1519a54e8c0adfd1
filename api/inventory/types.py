"""GraphQL types of warehouses, stock levels and stock moves (contract §5.1)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError, payload
from api.inventory.inputs import STOCK_MOVE_SOURCES
from api.inventory.loaders import LotByIdLoader, WarehouseByIdLoader
from api.relay import ModelNode, to_node
from domain.inventory import models

if TYPE_CHECKING:
    from api.catalog.types import Product
    from api.lots.types import Lot

ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]
LotType = Annotated["Lot", strawberry.lazy("api.lots.types")]


@strawberry.type(description="A place that holds stock; MAIN is seeded (§5.1).")
class Warehouse(ModelNode):
    model_class = models.Warehouse

    id: strawberry.relay.NodeID[int]
    code: str = strawberry.field(description="Short unique code in capitals, e.g. MAIN.")
    name: str = strawberry.field(description="What people call it.")
    created_at: datetime = strawberry.field(description="When it was created.")


@strawberry.type(
    description="One product's stock in one warehouse: on hand (the sum of its stock moves), "
    "reserved by confirmed sales orders, and what is left (§5.1). Quantities in the "
    "product's `uom`."
)
class StockLevel(ModelNode):
    model_class = models.StockLevel

    id: strawberry.relay.NodeID[int]
    on_hand: Decimal = strawberry.field(description="The sum of the stock moves; never < 0.")
    reserved: Decimal = strawberry.field(
        description="Earmarked for confirmed sales order lines, not shipped yet."
    )
    available: Decimal = strawberry.field(description="onHand − reserved; may be negative.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The product held.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @strawberry.field(description="Where it is held.")
    async def warehouse(self, info: strawberry.Info) -> Warehouse:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return Warehouse.from_model(row)


@strawberry.type(
    description="One immutable, signed change of on-hand stock (§5.1): stock changes only "
    "through these, and a correction is another move."
)
class StockMove(ModelNode):
    model_class = models.StockMove

    id: strawberry.relay.NodeID[int]
    quantity: Decimal = strawberry.field(
        description="Signed, in the product's `uom`: positive into stock, negative out."
    )
    reason: str = strawberry.field(description="Why, as given (e.g. `OPENING`, `Damaged`).")
    source: str = strawberry.field(description=f"What caused it: {STOCK_MOVE_SOURCES}.")
    reference: str | None = strawberry.field(
        description="The document behind it, e.g. `PO-2026-000001`; an adjustment's is "
        "`<SKU>@<warehouse code>`."
    )
    created_at: datetime = strawberry.field(description="When it was made.")

    @strawberry.field(description="The product moved.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @strawberry.field(description="The warehouse it moved in or out of.")
    async def warehouse(self, info: strawberry.Info) -> Warehouse:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return Warehouse.from_model(row)

    @strawberry.field(description="The lot moved; null for a product not tracked by lot.")
    async def lot(self, info: strawberry.Info) -> LotType | None:
        if self.record.lot_id is None:
            return None
        return to_node(await info.context.loaders[LotByIdLoader].load(self.record.lot_id))


@payload(
    "stock_move",
    StockMove,
    description="The result of stockAdjust: the move booked and the level it changed, or the "
    "errors that refused it.",
    key_description="The move booked; null when the adjustment was refused.",
)
class StockAdjustPayload:
    stock_move: StockMove | None
    stock_level: StockLevel | None = strawberry.field(
        description="The product's level in the warehouse after the move; null when refused."
    )
    errors: list[UserError]


@payload("warehouse", Warehouse, key_description="The new warehouse; null when refused.")
class WarehouseCreatePayload:
    pass


@strawberry.type(description="The result of stockTransfer, or the errors that refused it.")
class StockTransferPayload:
    number: str | None = strawberry.field(
        description="The transfer's number `TR-YYYY-NNNNNN`, the reference of both moves."
    )
    stock_moves: list[StockMove] | None = strawberry.field(
        description="The move out of the source warehouse, then the move into the target."
    )
    from_level: StockLevel | None = strawberry.field(
        description="The product's level in the source warehouse after the transfer."
    )
    to_level: StockLevel | None = strawberry.field(
        description="The product's level in the target warehouse after the transfer."
    )
    errors: list[UserError] = strawberry.field(
        description="Why the transfer was refused; empty when it was made."
    )
