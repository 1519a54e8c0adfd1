"""GraphQL types of warehouses, stock levels and stock moves (contract §5.1)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.catalog.loaders import ProductByIdLoader
from api.catalog.types import Product
from api.errors import UserError, payload_type
from api.inventory.loaders import WarehouseByIdLoader
from api.relay import ModelNode
from api.scalars import OrderDirection, plain_decimal
from domain.inventory import models


async def _product(info: strawberry.Info, product_id: int) -> Product:
    row = await info.context.loaders[ProductByIdLoader].load(product_id)
    return Product.from_model(row)


@strawberry.type
class Warehouse(ModelNode):
    model_class = models.Warehouse

    id: strawberry.relay.NodeID[int]
    code: str
    name: str
    created_at: datetime


@strawberry.type
class StockLevel(ModelNode):
    """On hand (the sum of the moves), reserved by confirmed orders, and the difference."""

    model_class = models.StockLevel

    id: strawberry.relay.NodeID[int]
    updated_at: datetime

    @strawberry.field
    async def product(self, info: strawberry.Info) -> Product:
        return await _product(info, self.record.product_id)

    @strawberry.field
    async def warehouse(self, info: strawberry.Info) -> Warehouse:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return Warehouse.from_model(row)

    @strawberry.field
    def on_hand(self) -> Decimal:
        return plain_decimal(self.record.on_hand)

    @strawberry.field
    def reserved(self) -> Decimal:
        return plain_decimal(self.record.reserved)

    @strawberry.field(description="onHand − reserved.")
    def available(self) -> Decimal:
        return plain_decimal(self.record.available)


@strawberry.type
class StockMove(ModelNode):
    """One immutable, signed change of on-hand stock."""

    model_class = models.StockMove

    id: strawberry.relay.NodeID[int]
    reason: str
    source: str
    reference: str | None
    created_at: datetime

    @strawberry.field
    async def product(self, info: strawberry.Info) -> Product:
        return await _product(info, self.record.product_id)

    @strawberry.field
    async def warehouse(self, info: strawberry.Info) -> Warehouse:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return Warehouse.from_model(row)

    @strawberry.field(description="Signed: positive into stock, negative out.")
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)


@strawberry.input
class StockLevelFilter:
    product_id: strawberry.ID | None = None
    warehouse_id: strawberry.ID | None = None


@strawberry.input
class StockMoveFilter:
    product_id: strawberry.ID | None = None
    warehouse_id: strawberry.ID | None = None
    source: str | None = strawberry.field(
        default=None, description="ADJUSTMENT, SHIPMENT, PO_RECEIPT, WORK_ORDER, …"
    )
    reference: str | None = None
    from_: date | None = strawberry.field(default=None, name="from")
    to: date | None = None


@strawberry.enum
class StockMoveOrderField(Enum):
    CREATED_AT = "created_at"


@strawberry.input
class StockMoveOrder:
    field: StockMoveOrderField = StockMoveOrderField.CREATED_AT
    direction: OrderDirection = OrderDirection.DESC


@strawberry.input
class WarehouseCreateInput:
    code: str
    name: str


@strawberry.input
class StockAdjustInput:
    product_id: strawberry.ID
    warehouse_id: strawberry.ID
    quantity: Decimal = strawberry.field(description="Signed: positive adds stock.")
    reason: str


@strawberry.type(description="The result of stockAdjust: the move and the level it changed.")
class StockAdjustPayload:
    stock_move: StockMove | None
    stock_level: StockLevel | None
    errors: list[UserError]


WarehouseCreatePayload = payload_type("WarehouseCreatePayload", "warehouse", Warehouse)
