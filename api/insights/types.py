"""GraphQL types of the four insights (contract §13): sales, finance, operations, service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.relay import to_optional_node
from api.scalars import Money, described_enum, money
from api.users.loaders import UserByIdLoader
from domain.insights import finance, operations, sales, service
from domain.insights.sales import SalesGroup
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.users.types import User

described_enum(
    SalesGroup,
    name="SalesInsightsGroupBy",
    description="How salesInsights buckets the deals.",
    values={
        "OWNER": "One bucket per owner (the deal's owner), over the whole period; deals "
        "without an owner under the key UNASSIGNED.",
        "MONTH": "One bucket per calendar month the period touches (YYYY-MM), over the "
        "month's part of the period.",
    },
)

RATE = 'A Decimal fraction from 0 to 1 with 4 decimals, half-up ("0.7500")'
BASE = "in the installation (base) currency"
DEALS_IN_BASE = (
    "in the installation (base) currency: a deal in another currency at the rate of `to` "
    "(NO_EXCHANGE_RATE without one)"
)
INVOICES_IN_BASE = "in the installation (base) currency, each invoice at its booked rate"


def _money(amount: Decimal | None) -> Money | None:
    return money(amount, get_settings().currency)


@strawberry.type(
    description="The sales figures of one owner, or one month, of a period (§13). Amounts are "
    f"the deals' amounts {DEALS_IN_BASE}."
)
class SalesInsightBucket:
    bucket: strawberry.Private[sales.SalesBucket]

    @strawberry.field(
        description="The owner's User id (UNASSIGNED for deals without an owner), or the "
        "month as YYYY-MM."
    )
    def key(self) -> str:
        return self.bucket.key

    @strawberry.field(description="The owner of an OWNER bucket; null otherwise.")
    async def owner(self, info: Info) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.bucket.owner_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.bucket.owner_id)
        return to_optional_node(row)

    @strawberry.field(
        name="from",
        description="The bucket's first day: `from`, or the month's first day within the period.",
    )
    def from_(self) -> date:
        return self.bucket.period.start

    @strawberry.field(
        description="The bucket's last day: `to`, or the month's last day within the period."
    )
    def to(self) -> date:
        return self.bucket.period.end

    @strawberry.field(description="Deals won on a day of the bucket (UTC).")
    def won_count(self) -> int:
        return self.bucket.won_count

    @strawberry.field(description="Deals lost on a day of the bucket (UTC).")
    def lost_count(self) -> int:
        return self.bucket.lost_count

    @strawberry.field(description="Σ amount of the deals won.")
    def won_amount(self) -> Money:
        return money(self.bucket.won_amount, get_settings().currency)

    @strawberry.field(description=f"won / (won + lost): {RATE}; null when none closed.")
    def win_rate(self) -> Decimal | None:
        return self.bucket.win_rate

    @strawberry.field(description="wonAmount / wonCount, half-up to cents; null when none was won.")
    def average_deal_size(self) -> Money | None:
        return _money(self.bucket.average_deal_size)

    @strawberry.field(
        description="Mean days from creation to closing of the deals won, with 1 decimal "
        "(exact times: 36 hours is 1.5); null when none was won."
    )
    def average_sales_cycle_days(self) -> Decimal | None:
        return self.bucket.average_sales_cycle_days

    @strawberry.field(
        description="Σ weighted amount (amount × probability, each deal half-up to cents) of "
        "the OPEN deals expected to close in the next period: the same number of days as the "
        "bucket, right after it."
    )
    def next_period_weighted_pipeline(self) -> Money:
        return money(self.bucket.next_period_weighted_pipeline, get_settings().currency)

    @strawberry.field(
        description="nextPeriodWeightedPipeline / wonAmount, with 2 decimals; null when "
        "nothing was won."
    )
    def pipeline_coverage(self) -> Decimal | None:
        return self.bucket.pipeline_coverage


@strawberry.type(
    description="Receivables figures as of a day (§13), from posted invoices, payments and "
    f"credit notes dated up to it, {INVOICES_IN_BASE}."
)
class FinanceInsights:
    figures: strawberry.Private[finance.FinanceInsights]

    @strawberry.field(description="The day the figures are as of.")
    def as_of(self) -> date:
        return self.figures.as_of

    @strawberry.field(
        description="AR: Σ amount due as of asOf of the invoices issued by then (arAging's total)."
    )
    def receivables(self) -> Money:
        return money(self.figures.receivables, get_settings().currency)

    @strawberry.field(
        description="Σ totals (tax included) of the invoices issued in the 90 days ending "
        "with asOf, void ones left out."
    )
    def invoiced_last_90_days(self) -> Money:
        return money(self.figures.invoiced_last_90_days, get_settings().currency)

    @strawberry.field(
        description="Days sales outstanding: receivables ÷ invoicedLast90Days × 90, in days "
        "with 1 decimal; null when nothing was invoiced in those days."
    )
    def dso(self) -> Decimal | None:
        return self.figures.dso

    @strawberry.field(description="The part of receivables past its due date (due before asOf).")
    def overdue_receivables(self) -> Money:
        return money(self.figures.overdue_receivables, get_settings().currency)

    @strawberry.field(
        description="Mean days from issue date to the last payment of the invoices paid in "
        "full whose last payment is dated in the 90 days ending with asOf, with 1 decimal; "
        "null when there are none."
    )
    def average_days_to_pay(self) -> Decimal | None:
        return self.figures.average_days_to_pay

    @strawberry.field(description="How many paid invoices averageDaysToPay averages.")
    def paid_invoices(self) -> int:
        return self.figures.paid_invoices


@strawberry.type(
    description="Delivery and stock figures of a period (§13): the order lines are those of "
    "orders (confirmed, not cancelled) whose requestedDate is a day of the period; money "
    f"{BASE}, from the ledger."
)
class OperationsInsights:
    figures: strawberry.Private[operations.OperationsInsights]

    @strawberry.field(name="from", description="The period's first day.")
    def from_(self) -> date:
        return self.figures.period.start

    @strawberry.field(description="The period's last day.")
    def to(self) -> date:
        return self.figures.period.end

    @strawberry.field(description="Order lines requested for a day of the period.")
    def order_lines(self) -> int:
        return self.figures.order_lines

    @strawberry.field(
        description="Of those, lines whose shipments dated on or before the order's "
        "requestedDate add up to the quantity ordered."
    )
    def on_time_in_full_lines(self) -> int:
        return self.figures.on_time_in_full_lines

    @strawberry.field(
        description=f"onTimeInFullLines / orderLines: {RATE}; null without order lines."
    )
    def on_time_in_full_rate(self) -> Decimal | None:
        return self.figures.on_time_in_full_rate

    @strawberry.field(
        description="Of those lines, the ones of orders still open (CONFIRMED, "
        "PARTIALLY_SHIPPED) whose quantity is neither shipped nor reserved in full: they "
        "wait for stock."
    )
    def backorder_lines(self) -> int:
        return self.figures.backorder_lines

    @strawberry.field(
        description="COGS: the 5000 balance of the journal entries dated in the period."
    )
    def cost_of_goods_sold(self) -> Money:
        return money(self.figures.cost_of_goods_sold, get_settings().currency)

    @strawberry.field(description="The 1300 (inventory) balance before `from`.")
    def opening_inventory(self) -> Money:
        return money(self.figures.opening_inventory, get_settings().currency)

    @strawberry.field(description="The 1300 balance at the end of `to`.")
    def closing_inventory(self) -> Money:
        return money(self.figures.closing_inventory, get_settings().currency)

    @strawberry.field(description="(openingInventory + closingInventory) / 2, half-up to cents.")
    def average_inventory(self) -> Money:
        return money(self.figures.average_inventory, get_settings().currency)

    @strawberry.field(
        description="costOfGoodsSold ÷ the average inventory value, with 2 decimals, for the "
        "period as given (not annualised); null when the average is 0."
    )
    def inventory_turns(self) -> Decimal | None:
        return self.figures.inventory_turns


@strawberry.type(
    description="SLA figures of the cases opened on a day of a period (UTC) under an SLA "
    "policy (§13); cases without one are not counted."
)
class ServiceInsights:
    figures: strawberry.Private[service.ServiceInsights]

    @strawberry.field(name="from", description="The period's first day.")
    def from_(self) -> date:
        return self.figures.period.start

    @strawberry.field(description="The period's last day.")
    def to(self) -> date:
        return self.figures.period.end

    @strawberry.field(description="Cases opened in the period under an SLA policy.")
    def cases(self) -> int:
        return self.figures.cases

    @strawberry.field(
        description="Of those, cases whose first response is decided: answered, or past "
        "firstResponseDueAt unanswered."
    )
    def first_responses_due(self) -> int:
        return self.figures.first_responses_due

    @strawberry.field(description="Cases answered by their firstResponseDueAt.")
    def first_responses_met(self) -> int:
        return self.figures.first_responses_met

    @strawberry.field(
        description=f"firstResponsesMet / firstResponsesDue: {RATE}; null when none is decided."
    )
    def first_response_met_rate(self) -> Decimal | None:
        return self.figures.first_response_met_rate

    @strawberry.field(
        description="Cases whose resolution is decided: resolved (or closed), or past "
        "resolutionDueAt unresolved and not paused before it."
    )
    def resolutions_due(self) -> int:
        return self.figures.resolutions_due

    @strawberry.field(description="Cases resolved (or closed) by their resolutionDueAt.")
    def resolutions_met(self) -> int:
        return self.figures.resolutions_met

    @strawberry.field(
        description=f"resolutionsMet / resolutionsDue: {RATE}; null when none is decided."
    )
    def resolution_met_rate(self) -> Decimal | None:
        return self.figures.resolution_met_rate

    @strawberry.field(
        description="Mean business minutes (the policy's calendar, exact) from opening to "
        "the first response of the answered cases, with 1 decimal; null when none is "
        "answered."
    )
    def average_first_response_business_minutes(self) -> Decimal | None:
        return self.figures.average_first_response_business_minutes
