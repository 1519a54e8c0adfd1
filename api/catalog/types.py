"""GraphQL types of products (contract §5.1)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.errors import payload_type
from api.inventory.loaders import StockLevelsByProductIdLoader
from api.manufacturing.product_fields import ProductManufacturingFields
from api.relay import ModelNode
from api.scalars import Money, OrderDirection, money, plain_decimal, unit_money
from domain.catalog import models
from domain.money import ZERO
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.inventory.types import StockLevel

ProductKind = strawberry.enum(models.ProductKind, name="ProductKind")
Procurement = strawberry.enum(models.Procurement, name="Procurement")


@strawberry.type
class Product(ProductManufacturingFields, ModelNode):
    """Something sold, stocked, bought or made."""

    model_class = models.Product

    id: strawberry.relay.NodeID[int]
    sku: str
    name: str
    kind: ProductKind  # type: ignore[valid-type]
    procurement: Procurement  # type: ignore[valid-type]
    uom: str
    lead_time_days: int
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    def list_price(self) -> Money:
        return money(self.record.list_price, get_settings().currency)  # type: ignore[return-value]

    @strawberry.field(
        description="Readable by ADMIN, FINANCE and OPERATIONS only (FORBIDDEN otherwise).",
    )
    def standard_cost(self) -> Money | None:
        return unit_money(self.record.standard_cost)

    @strawberry.field(description="Percent, e.g. 8.25.")
    def tax_rate(self) -> Decimal:
        return plain_decimal(self.record.tax_rate)

    @strawberry.field
    def safety_stock(self) -> Decimal:
        return plain_decimal(self.record.safety_stock)

    @strawberry.field
    def min_order_quantity(self) -> Decimal:
        return plain_decimal(self.record.min_order_quantity)

    @strawberry.field
    def order_multiple(self) -> Decimal:
        return plain_decimal(self.record.order_multiple)

    @strawberry.field(description="One row per warehouse that ever held the product.")
    async def stock_levels(
        self, info: strawberry.Info
    ) -> list[Annotated[StockLevel, strawberry.lazy("api.inventory.types")]]:
        from api.inventory.types import StockLevel

        rows = await info.context.loaders[StockLevelsByProductIdLoader].load(self.record.id)
        return [StockLevel.from_model(row) for row in rows]

    @strawberry.field(description="On hand summed over all warehouses.")
    async def on_hand(self, info: strawberry.Info) -> Decimal:
        rows = await info.context.loaders[StockLevelsByProductIdLoader].load(self.record.id)
        return plain_decimal(sum((Decimal(row.on_hand) for row in rows), ZERO))

    @strawberry.field(description="On hand minus reserved, summed over all warehouses.")
    async def available(self, info: strawberry.Info) -> Decimal:
        rows = await info.context.loaders[StockLevelsByProductIdLoader].load(self.record.id)
        return plain_decimal(sum((row.available for row in rows), ZERO))


@strawberry.enum
class ProductOrderField(Enum):
    SKU = "sku"
    NAME = "name"
    CREATED_AT = "created_at"


@strawberry.input
class ProductOrder:
    field: ProductOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class ProductFilter:
    search: str | None = strawberry.field(default=None, description="Matches SKU or name.")
    kind: ProductKind | None = None  # type: ignore[valid-type]
    procurement: Procurement | None = None  # type: ignore[valid-type]
    include_archived: bool = False


@strawberry.input
class ProductCreateInput:
    sku: str | None = strawberry.field(
        default=None, description="Required and unique; a duplicate is a DUPLICATE UserError."
    )
    name: str | None = strawberry.field(
        default=None, description="Required; a missing or blank name is a REQUIRED UserError."
    )
    kind: ProductKind = models.ProductKind.STOCKED  # type: ignore[valid-type]
    procurement: Procurement = models.Procurement.BUY  # type: ignore[valid-type]
    uom: str = "EA"
    list_price: Decimal = ZERO
    standard_cost: Decimal = ZERO
    tax_rate: Decimal = ZERO
    lead_time_days: int = 0
    safety_stock: Decimal = ZERO
    min_order_quantity: Decimal = ZERO
    order_multiple: Decimal = ZERO


@strawberry.input
class ProductUpdateInput:
    id: strawberry.ID
    sku: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    kind: ProductKind | None = strawberry.UNSET  # type: ignore[valid-type]
    procurement: Procurement | None = strawberry.UNSET  # type: ignore[valid-type]
    uom: str | None = strawberry.UNSET
    list_price: Decimal | None = strawberry.UNSET
    standard_cost: Decimal | None = strawberry.UNSET
    tax_rate: Decimal | None = strawberry.UNSET
    lead_time_days: int | None = strawberry.UNSET
    safety_stock: Decimal | None = strawberry.UNSET
    min_order_quantity: Decimal | None = strawberry.UNSET
    order_multiple: Decimal | None = strawberry.UNSET


ProductCreatePayload = payload_type("ProductCreatePayload", "product", Product)
ProductUpdatePayload = payload_type("ProductUpdatePayload", "product", Product)
