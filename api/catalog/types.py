"""GraphQL type of products (contract §5.1), with their BOM, where-used and stock."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from api.catalog.enums import Procurement, ProductKind, Tracking
from api.errors import payload
from api.external_data import EXTERNAL_ID, METADATA, PRIVATE_METADATA
from api.inventory.inputs import StockLevelFilter, StockLevelOrder
from api.inventory.loaders import StockLevelPagesByProductIdLoader, StockLevelsByProductIdLoader
from api.manufacturing.inputs import BomLineFilter, BomLineOrder
from api.manufacturing.loaders import BomByProductIdLoader, BomLinePagesByComponentIdLoader
from api.nested import Window, nested_connection
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    order_fields,
    to_node,
    to_optional_node,
)
from api.scalars import Money, plain_decimal, unit_money
from domain.catalog import models
from domain.money import ZERO, cents
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.inventory.types import StockLevel
    from api.manufacturing.types import BillOfMaterials, BomLine

StockLevelType = Annotated["StockLevel", strawberry.lazy("api.inventory.types")]
BillOfMaterialsType = Annotated["BillOfMaterials", strawberry.lazy("api.manufacturing.types")]
BomLineType = Annotated["BomLine", strawberry.lazy("api.manufacturing.types")]


@strawberry.type(
    description="Something sold, stocked, bought or made (§5.1). Every role reads it; "
    "`standardCost` only ADMIN, FINANCE and OPERATIONS."
)
class Product(ModelNode):
    model_class = models.Product

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    sku: str = strawberry.field(description="Stock keeping unit: unique whatever its case.")
    name: str = strawberry.field(description="Shown on orders and invoices.")
    kind: ProductKind = strawberry.field(description="STOCKED or SERVICE.")
    procurement: Procurement = strawberry.field(description="How MRP replenishes it: BUY or MAKE.")
    tracking: Tracking = strawberry.field(
        description="NONE, LOT or SERIAL: whether its moves name lots (§15)."
    )
    uom: str = strawberry.field(description="Unit of measure of every quantity, e.g. EA.")

    @strawberry.field(
        description="Price per unit in the installation currency, to the cent; a sales "
        "order line starts from it."
    )
    def list_price(self) -> Money:
        return Money(amount=cents(self.record.list_price), currency=get_settings().currency)

    @strawberry.field(
        description="Cost per unit in the installation currency: cents, or up to the 4 "
        "decimals it is stored with. Stock and cost of goods sold are valued at it (§5.3). "
        "ADMIN, FINANCE and OPERATIONS only (FORBIDDEN, and null, otherwise)."
    )
    def standard_cost(self) -> Money | None:
        return unit_money(self.record.standard_cost)

    tax_rate: Decimal = strawberry.field(description="Sales tax in percent: 8.25 = 8.25 %.")
    lead_time_days: int = strawberry.field(
        description="Calendar days to buy or make it; MRP releases orders this early (§6.5)."
    )
    safety_stock: Decimal = strawberry.field(
        description="On-hand quantity MRP keeps at least (§6.4)."
    )
    min_order_quantity: Decimal = strawberry.field(
        description="Smallest quantity MRP plans in one order (§6.4)."
    )
    order_multiple: Decimal = strawberry.field(
        description="MRP rounds planned quantities up to a multiple of it; 0 = no rounding."
    )
    archived_at: datetime | None = strawberry.field(
        description="When it was archived; archived products are left out of `products`."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="What one unit is made of; null when it has no BOM.")
    async def bom(self, info: strawberry.Info) -> BillOfMaterialsType | None:
        row = await info.context.loaders[BomByProductIdLoader].load(self.record.id)
        return to_optional_node(row)

    @strawberry.field(
        description="Where it is used: the BOM lines that consume it as a component, by "
        "default in the order the BOMs were set."
    )
    async def where_used(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            BomLineFilter | None, strawberry.argument(description="Only these lines.")
        ] = None,
        order_by: Annotated[
            BomLineOrder | None,
            strawberry.argument(description="Default: the BOM, then the line's position."),
        ] = None,
    ) -> Connection[BomLineType]:
        order = (
            order_fields(order_by.field.value, order_by.direction)
            if order_by
            else ("bom_id", "position")
        )
        return await nested_connection(
            info,
            BomLinePagesByComponentIdLoader,
            self.record.id,
            (filter or BomLineFilter()).query(),
            to_node,
            Window(first, after, last, before, order),
        )

    @strawberry.field(
        description="Its stock per warehouse, one row for every warehouse that ever held it; "
        "by default in the order the warehouses were created."
    )
    async def stock_levels(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            StockLevelFilter | None, strawberry.argument(description="Only these levels.")
        ] = None,
        order_by: Annotated[
            StockLevelOrder | None,
            strawberry.argument(description="Default: by warehouse."),
        ] = None,
    ) -> Connection[StockLevelType]:
        order = (
            order_fields(order_by.field.value, order_by.direction)
            if order_by
            else ("warehouse_id",)
        )
        return await nested_connection(
            info,
            StockLevelPagesByProductIdLoader,
            self.record.id,
            (filter or StockLevelFilter()).query(),
            to_node,
            Window(first, after, last, before, order),
        )

    @strawberry.field(description="On hand summed over all warehouses, in `uom`.")
    async def on_hand(self, info: strawberry.Info) -> Decimal:
        rows = await info.context.loaders[StockLevelsByProductIdLoader].load(self.record.id)
        return plain_decimal(sum((Decimal(row.on_hand) for row in rows), ZERO))

    @strawberry.field(
        description="On hand minus reserved (by confirmed sales orders), summed over all "
        "warehouses, in `uom`."
    )
    async def available(self, info: strawberry.Info) -> Decimal:
        rows = await info.context.loaders[StockLevelsByProductIdLoader].load(self.record.id)
        return plain_decimal(sum((row.available for row in rows), ZERO))


@payload("product", Product, key_description="The new product; null when refused.")
class ProductCreatePayload:
    pass


@payload("product", Product)
class ProductUpdatePayload:
    pass
