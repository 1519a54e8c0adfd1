"""The insights queries (contract §13): salesInsights, financeInsights, operationsInsights,
serviceInsights."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.insights.types import (
    FinanceInsights,
    OperationsInsights,
    SalesInsightBucket,
    ServiceInsights,
)
from domain.clock import today, utcnow
from domain.insights.figures import period
from domain.insights.finance import load_finance_insights
from domain.insights.operations import load_operations_insights
from domain.insights.sales import SalesGroup, load_sales_insights
from domain.insights.service import load_service_insights
from domain.validation import required_date

FROM = strawberry.argument(name="from", description="The period's first day, inclusive.")
TO = strawberry.argument(
    description="The period's last day, inclusive; before `from` is an INVALID error."
)


@strawberry.type
class Query:
    @strawberry.field(
        description="Won and lost deals, win rate, deal size, sales cycle and pipeline "
        "coverage of a period, per owner or per month (§13). SALES, ADMIN and READONLY."
    )
    async def sales_insights(
        self,
        from_: Annotated[date, FROM],
        to: Annotated[date, TO],
        group_by: Annotated[
            SalesGroup, strawberry.argument(description="The buckets; OWNER by default.")
        ] = SalesGroup.OWNER,
    ) -> list[SalesInsightBucket]:
        buckets = await load_sales_insights(period(from_, to), SalesGroup(group_by))
        return [SalesInsightBucket(bucket=bucket) for bucket in buckets]

    @strawberry.field(
        description="Receivables, DSO, overdue receivables and average days to pay as of a "
        "day (§13). ADMIN and FINANCE only."
    )
    async def finance_insights(
        self,
        as_of: Annotated[
            date | None,
            strawberry.argument(description="The day the figures are as of; default: today."),
        ] = None,
    ) -> FinanceInsights:
        day = today() if as_of is None else required_date(as_of, "as_of")
        return FinanceInsights(figures=await load_finance_insights(day))

    @strawberry.field(
        description="On-time-in-full rate, backorder lines and inventory turns of a period "
        "(§13). OPERATIONS, ADMIN and READONLY."
    )
    async def operations_insights(
        self, from_: Annotated[date, FROM], to: Annotated[date, TO]
    ) -> OperationsInsights:
        return OperationsInsights(figures=await load_operations_insights(period(from_, to)))

    @strawberry.field(
        description="First responses and resolutions within their SLA, and the business "
        "minutes to a first response, of the cases opened in a period (§13). SERVICE, ADMIN "
        "and READONLY."
    )
    async def service_insights(
        self, from_: Annotated[date, FROM], to: Annotated[date, TO]
    ) -> ServiceInsights:
        figures = await load_service_insights(period(from_, to), utcnow())
        return ServiceInsights(figures=figures)
