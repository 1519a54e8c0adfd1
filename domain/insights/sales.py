"""salesInsights (§13): won and lost deals, win rate, deal size, sales cycle and pipeline
coverage per owner or per month — a pure function over plain rows, and their loading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from domain.currencies.conversion import to_base
from domain.currencies.services import base_currency, rates_on
from domain.global_ids import global_id
from domain.insights.figures import Period, mean, rate, ratio
from domain.money import ZERO, cents
from domain.pipeline.forecast import weighted_amount
from domain.pipeline.models import Opportunity
from domain.pipeline.stages import OpportunityStatus

UNASSIGNED = "UNASSIGNED"


class SalesGroup(str, Enum):
    OWNER = "OWNER"
    MONTH = "MONTH"


@dataclass(frozen=True)
class ClosedDeal:
    """A deal won or lost in the period (closed on a day of it, UTC)."""

    owner_id: int | None
    won: bool
    amount: Decimal
    created_at: datetime
    closed_at: datetime


@dataclass(frozen=True)
class OpenDeal:
    """An OPEN deal and the day it is expected to close."""

    owner_id: int | None
    amount: Decimal
    probability: int
    expected_close_date: date


@dataclass(frozen=True)
class SalesBucket:
    """The figures of one owner over the whole period, or of one month's part of it."""

    key: str
    owner_id: int | None
    period: Period
    won_count: int
    lost_count: int
    won_amount: Decimal
    win_rate: Decimal | None
    average_deal_size: Decimal | None
    average_sales_cycle_days: Decimal | None
    next_period_weighted_pipeline: Decimal
    pipeline_coverage: Decimal | None


def _utc_day(moment: datetime) -> date:
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def _days(delta: timedelta) -> Decimal:
    seconds = Decimal(delta.days * 86400 + delta.seconds) + Decimal(delta.microseconds) / 10**6
    return seconds / Decimal(86400)


def month_slices(period: Period) -> list[Period]:
    """The parts of the period in each calendar month it touches, in order."""
    slices = []
    start = period.start
    while start <= period.end:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(period.end, following - timedelta(days=1))
        slices.append(Period(start, end))
        start = following
    return slices


def open_deal_window(period: Period, group: SalesGroup) -> Period:
    """The expected close days whose open deals any bucket's coverage counts."""
    slices = [period] if group is SalesGroup.OWNER else month_slices(period)
    return Period(min(s.next().start for s in slices), max(s.next().end for s in slices))


def _bucket(
    key: str,
    owner_id: int | None,
    part: Period,
    closed: Sequence[ClosedDeal],
    open_deals: Sequence[OpenDeal],
) -> SalesBucket:
    won = [deal for deal in closed if deal.won]
    lost = len(closed) - len(won)
    won_amount = cents(sum((deal.amount for deal in won), ZERO))
    ahead = part.next()
    weighted = sum(
        (
            weighted_amount(deal.amount, deal.probability)
            for deal in open_deals
            if deal.expected_close_date in ahead
        ),
        ZERO,
    )
    return SalesBucket(
        key=key,
        owner_id=owner_id,
        period=part,
        won_count=len(won),
        lost_count=lost,
        won_amount=won_amount,
        win_rate=rate(len(won), len(closed)),
        average_deal_size=cents(won_amount / len(won)) if won else None,
        average_sales_cycle_days=mean([_days(d.closed_at - d.created_at) for d in won]),
        next_period_weighted_pipeline=cents(weighted),
        pipeline_coverage=ratio(weighted, won_amount),
    )


def sales_insights(
    period: Period,
    group: SalesGroup,
    closed: Sequence[ClosedDeal],
    open_deals: Sequence[OpenDeal],
) -> list[SalesBucket]:
    """The buckets of §13, pure:

    - won/lost: deals closed on a day of the bucket's period; winRate = won / (won + lost);
    - averageDealSize = wonAmount / won, half-up to cents;
    - averageSalesCycleDays: mean of created → closed of the won deals, in days;
    - pipelineCoverage = Σ weighted amount (each deal's amount × probability, half-up to
      cents) of the OPEN deals expected to close in the next period / wonAmount.

    OWNER: one bucket per owner with a deal closed in the period or open pipeline in the next
    one (by owner id, deals without an owner last under UNASSIGNED); the bucket's period is
    the whole period. MONTH: one bucket per calendar month the period touches, even empty;
    the bucket's period is the month's part of the period, and its next period the same
    number of days right after that part."""
    closed = [deal for deal in closed if _utc_day(deal.closed_at) in period]
    if group is SalesGroup.MONTH:
        return [
            _bucket(
                f"{part.start:%Y-%m}",
                None,
                part,
                [deal for deal in closed if _utc_day(deal.closed_at) in part],
                open_deals,
            )
            for part in month_slices(period)
        ]
    ahead = period.next()
    owners = {deal.owner_id for deal in closed} | {
        deal.owner_id for deal in open_deals if deal.expected_close_date in ahead
    }
    return [
        _bucket(
            UNASSIGNED if owner is None else global_id("User", owner),
            owner,
            period,
            [deal for deal in closed if deal.owner_id == owner],
            [deal for deal in open_deals if deal.owner_id == owner],
        )
        for owner in sorted(owners, key=lambda o: (o is None, o or 0))
    ]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def load_sales_insights(period: Period, group: SalesGroup) -> list[SalesBucket]:
    """Two queries: the deals closed in the period and the open deals of the next ones (and
    one per foreign currency among them: its rate). Amounts in the base currency, a deal in
    another currency at the rate of `to` (NO_EXCHANGE_RATE when it has none)."""
    closed_rows = await Opportunity.filter(
        status__in=[OpportunityStatus.WON, OpportunityStatus.LOST],
        closed_at__gte=_midnight(period.start),
        closed_at__lt=_midnight(period.end + timedelta(days=1)),
    ).values("owner_id", "status", "amount", "currency", "created_at", "closed_at")
    window = open_deal_window(period, group)
    open_rows = await Opportunity.filter(
        status=OpportunityStatus.OPEN,
        expected_close_date__gte=window.start,
        expected_close_date__lte=window.end,
    ).values("owner_id", "amount", "currency", "probability", "expected_close_date")
    base = base_currency()
    rates = await rates_on({row["currency"] for row in [*closed_rows, *open_rows]}, period.end)

    def in_base(row: dict[str, Any]) -> Decimal:
        return to_base(Decimal(str(row["amount"])), rates[row["currency"]], base)

    closed = [
        ClosedDeal(
            owner_id=row["owner_id"],
            won=OpportunityStatus(row["status"]) is OpportunityStatus.WON,
            amount=in_base(row),
            created_at=row["created_at"],
            closed_at=row["closed_at"],
        )
        for row in closed_rows
    ]
    open_deals = [
        OpenDeal(
            owner_id=row["owner_id"],
            amount=in_base(row),
            probability=int(row["probability"]),
            expected_close_date=row["expected_close_date"],
        )
        for row in open_rows
    ]
    return sales_insights(period, group, closed, open_deals)
