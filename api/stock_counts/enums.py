"""GraphQL enums of stock counts (§15), described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.stock_counts.models import StockCountStatus

__all__ = ["StockCountStatus"]

described_enum(
    StockCountStatus,
    name="StockCountStatus",
    description="Where a stock count is (§15).",
    values={
        "COUNTING": "Started: the system quantity is snapshotted and counts are being "
        "recorded; the warehouse takes no second count meanwhile.",
        "POSTED": "Its variance is booked as stock moves and Dr/Cr 1300 against 5100.",
        "CANCELLED": "Dropped without changing stock.",
    },
)
