"""The pipeline forecast (§4.1): weighted amounts rounded per deal, then bucketed in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.expressions import RawSQL
from tortoise.functions import Count, Sum

from domain.db import current_dialect
from domain.errors import DomainError, ErrorCode
from domain.global_ids import global_id, parse_global_id
from domain.money import cents, round_half_up
from domain.pipeline.models import Opportunity
from domain.pipeline.stages import OpportunityStatus, stage_rank

UNASSIGNED = "UNASSIGNED"
HUNDRED = Decimal(100)

# Amounts are stored to the cent, so amount × 100 is an integer; ROUND guards SQLite, which
# computes with the text value as a float (exact far beyond any realistic deal size).
AMOUNT_CENTS_SQL = "CAST(ROUND(amount * 100) AS BIGINT)"
# Integer division of non-negative integers: exact half-up to the cent on both dialects.
WEIGHTED_CENTS_SQL = f"(({AMOUNT_CENTS_SQL}) * probability + 50) / 100"
MONTH_SQL = {
    "postgres": "to_char(expected_close_date, 'YYYY-MM')",
    "sqlite": "strftime('%Y-%m', expected_close_date)",
}


class ForecastGroup(str, Enum):
    MONTH = "MONTH"
    STAGE = "STAGE"
    OWNER = "OWNER"


@dataclass(frozen=True)
class ForecastBucket:
    key: str
    count: int
    amount: Decimal
    weighted_amount: Decimal


def weighted_cents(amount_cents: int, probability: int) -> int:
    """amount × probability / 100 in cents, half-up; the integer form the SQL computes."""
    if amount_cents < 0 or not 0 <= probability <= 100:
        raise ValueError("amount must be non-negative and probability within 0..100")
    return (amount_cents * probability + 50) // 100


def weighted_amount(amount: Decimal, probability: int) -> Decimal:
    """One opportunity's weighted amount, rounded half-up to cents (§4.1)."""
    return round_half_up(amount * probability / HUNDRED)


def from_cents(value: int | Decimal | None) -> Decimal:
    return cents(Decimal(int(value or 0)) / HUNDRED)


def _bucket_sql(group: ForecastGroup) -> str:
    if group is ForecastGroup.MONTH:
        return MONTH_SQL[current_dialect()]
    return "stage" if group is ForecastGroup.STAGE else "owner_id"


def _bucket_key(group: ForecastGroup, value: Any) -> str:
    """The owner's User global id by owner (§13), else the month or stage as grouped."""
    if value is None:
        return UNASSIGNED
    return global_id("User", int(value)) if group is ForecastGroup.OWNER else str(value)


def _sort_key(group: ForecastGroup, bucket: ForecastBucket) -> tuple[Any, ...]:
    if group is ForecastGroup.STAGE:
        return (stage_rank(bucket.key),)
    if group is ForecastGroup.OWNER and bucket.key != UNASSIGNED:
        return (False, parse_global_id(bucket.key)[1])  # by user id
    return (bucket.key == UNASSIGNED, bucket.key)


async def pipeline_forecast(
    start: date, end: date, group: ForecastGroup = ForecastGroup.MONTH
) -> list[ForecastBucket]:
    """Buckets of OPEN opportunities expected to close in [start, end], one GROUP BY query."""
    if start > end:
        raise DomainError(ErrorCode.INVALID, "`from` must not be after `to`.", "from")
    group = ForecastGroup(group)
    rows = (
        await Opportunity.filter(
            status=OpportunityStatus.OPEN,
            expected_close_date__gte=start,
            expected_close_date__lte=end,
        )
        .annotate(
            bucket=RawSQL(_bucket_sql(group)),
            deals=Count("id"),
            amount_cents=Sum(RawSQL(AMOUNT_CENTS_SQL)),  # type: ignore[arg-type]
            weighted_cents=Sum(RawSQL(WEIGHTED_CENTS_SQL)),  # type: ignore[arg-type]
        )
        .group_by("bucket")
        .values("bucket", "deals", "amount_cents", "weighted_cents")
    )
    buckets = [
        ForecastBucket(
            key=_bucket_key(group, row["bucket"]),
            count=int(row["deals"]),
            amount=from_cents(row["amount_cents"]),
            weighted_amount=from_cents(row["weighted_cents"]),
        )
        for row in rows
    ]
    return sorted(buckets, key=lambda b: _sort_key(group, b))
