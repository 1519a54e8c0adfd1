"""GraphQL inputs of stock counts (§15)."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from api.relay import filter_id
from api.stock_counts.enums import StockCountStatus
from domain.stock_counts import services


@strawberry.input(description="Narrows `stockCounts`; every given condition must hold.")
class StockCountFilter:
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the counts of this Warehouse."
    )
    status: StockCountStatus | None = strawberry.field(
        default=None, description="Only the counts in this status."
    )

    def query(self) -> services.StockCountFilter:
        pk = filter_id(self.warehouse_id, "Warehouse", "warehouseId")
        return services.StockCountFilter(
            warehouse_ids=None if pk is None else (pk,), status=self.status
        )


@strawberry.input(description="A new blind count of one warehouse.")
class StockCountStartInput:
    warehouse_id: strawberry.ID = strawberry.field(
        description="The Warehouse counted; one with a count still COUNTING → INVALID."
    )
    product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="The STOCKED Products to count; default: every product the warehouse "
        "holds a stock level of.",
    )


@strawberry.input(description="What was found of one product.")
class StockCountLineInput:
    product_id: strawberry.ID = strawberry.field(
        description="A STOCKED Product; one the count left out joins it, snapshotted now."
    )
    lot_id: strawberry.ID | None = strawberry.field(
        default=None, description="The Lot counted, for a lot-tracked product."
    )
    counted_quantity: Decimal = strawberry.field(
        description="How many are on the shelf, ≥ 0; recording again replaces it."
    )


@strawberry.input(description="Counted quantities of a COUNTING count.")
class StockCountRecordInput:
    id: strawberry.ID = strawberry.field(description="The StockCount.")
    lines: list[StockCountLineInput] = strawberry.field(description="At least one line.")


@strawberry.input(description="A COUNTING stock count to post.")
class StockCountPostInput:
    id: strawberry.ID = strawberry.field(description="The StockCount.")


@strawberry.input(description="A COUNTING stock count to drop.")
class StockCountCancelInput:
    id: strawberry.ID = strawberry.field(description="The StockCount.")
