"""GraphQL types of blind cycle counts (§15)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.auth import has_role
from api.catalog.loaders import ProductByIdLoader
from api.errors import payload
from api.inventory.loaders import LotByIdLoader, WarehouseByIdLoader
from api.relay import ModelNode, to_node
from api.stock_counts.enums import StockCountStatus
from api.stock_counts.loaders import StockCountLinesByCountIdLoader
from domain.auth.models import Role
from domain.event_data import plain_decimal
from domain.stock_counts import models

if TYPE_CHECKING:
    from api.catalog.types import Product
    from api.inventory.types import Warehouse
    from api.lots.types import Lot

ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]
LotType = Annotated["Lot", strawberry.lazy("api.lots.types")]
WarehouseType = Annotated["Warehouse", strawberry.lazy("api.inventory.types")]

# Who sees the system quantity while a count is COUNTING: not the counters (OPERATIONS,
# INTEGRATION), so the count stays blind.
EXPECTED_READERS_WHILE_COUNTING = (Role.ADMIN, Role.FINANCE)


@strawberry.type(description="One product of a stock count; quantities in its `uom`.")
class StockCountLine:
    record: strawberry.Private[models.StockCountLine]
    status: strawberry.Private[models.StockCountStatus]

    @strawberry.field(description="The product counted.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @strawberry.field(description="The lot counted; null for a product not tracked by lot.")
    async def lot(self, info: strawberry.Info) -> LotType | None:
        if self.record.lot_id is None:
            return None
        return to_node(await info.context.loaders[LotByIdLoader].load(self.record.lot_id))

    @strawberry.field(
        description="The system quantity at the snapshot. A blind count: while the count is "
        "COUNTING only ADMIN and FINANCE read it, every other role reads null."
    )
    def expected_quantity(self, info: strawberry.Info) -> Decimal | None:
        if self.status == models.StockCountStatus.COUNTING and not has_role(
            info, *EXPECTED_READERS_WHILE_COUNTING
        ):
            return None
        return Decimal(plain_decimal(self.record.expected_quantity))

    @strawberry.field(description="What was counted; null until recorded.")
    def counted_quantity(self) -> Decimal | None:
        value = self.record.counted_quantity
        return None if value is None else Decimal(plain_decimal(value))

    @strawberry.field(
        description="counted − (snapshot + net moves since the snapshot), as posted; null "
        "until the count is posted or when the line was never counted."
    )
    def variance(self) -> Decimal | None:
        value = self.record.variance
        return None if value is None else Decimal(plain_decimal(value))


@strawberry.type(
    description="A blind cycle count of one warehouse (§15): it snapshots the system "
    "quantity, takes the counted quantities and posts the variance."
)
class StockCount(ModelNode):
    model_class = models.StockCount

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(description="`SC-YYYY-NNNNNN`, gapless per year.")
    status: StockCountStatus = strawberry.field(description="COUNTING, POSTED or CANCELLED.")
    created_at: datetime = strawberry.field(description="When it started (the snapshot).")
    posted_at: datetime | None = strawberry.field(description="When it was posted.")

    @strawberry.field(description="The warehouse counted.")
    async def warehouse(self, info: strawberry.Info) -> WarehouseType:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return to_node(row)

    @strawberry.field(description="Its products, in the order they were created.")
    async def lines(self, info: strawberry.Info) -> list[StockCountLine]:
        rows = await info.context.loaders[StockCountLinesByCountIdLoader].load(self.record.id)
        return [StockCountLine(record=row, status=self.record.status) for row in rows]


@payload("stock_count", StockCount)
class StockCountStartPayload:
    pass


@payload("stock_count", StockCount)
class StockCountRecordPayload:
    pass


@payload("stock_count", StockCount)
class StockCountPostPayload:
    pass


@payload("stock_count", StockCount)
class StockCountCancelPayload:
    pass
