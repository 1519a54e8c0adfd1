"""The demo company gives every insight of §13 real figures (no zero or empty figure where
its data exists), the same on every load: its deals, shipments and entries are dated at the
demo's own days (domain.clock.frozen_at), never at the moment it is loaded."""

from __future__ import annotations

from decimal import Decimal as D

from domain.demo import seed_demo
from domain.demo.context import ANCHOR, ANCHOR_AT, day
from domain.insights.figures import Period
from domain.insights.finance import load_finance_insights
from domain.insights.operations import load_operations_insights
from domain.insights.sales import SalesBucket, SalesGroup, load_sales_insights
from domain.insights.service import load_service_insights
from domain.pipeline.models import Opportunity
from domain.users.models import User

# The demo's last quarter: 2026-08-04 .. 2026-11-02 (the anchor, the demo's "now").
QUARTER = Period(day(-90), ANCHOR)
# won, lost, wonAmount, winRate, averageDealSize, averageSalesCycleDays,
# nextPeriodWeightedPipeline, pipelineCoverage
BY_OWNER = {
    "Alice Chen": "5 3 29317.30 0.6250 5863.46 34.6 39025.85 1.33",
    "Bruno Silva": "4 5 38694.80 0.4444 9673.70 36.3 17066.85 0.44",
    "Carla Jones": "8 10 47386.70 0.4444 5923.34 47.3 23489.25 0.50",
    "Dev Patel": "5 6 25090.65 0.4545 5018.13 49.8 35747.11 1.42",
}
# August's part (from the 4th) has no open deal due in the 28 days after it; November's two
# won deals are the open deals whose quotes were accepted on the anchor day.
BY_MONTH = {
    "2026-08": "9 7 47109.80 0.5625 5234.42 45.0 0.00 0.00",
    "2026-09": "5 8 38260.95 0.3846 7652.19 46.1 3675.30 0.10",
    "2026-10": "6 9 37812.50 0.4000 6302.08 44.3 44713.47 1.18",
    "2026-11": "2 0 17306.20 1.0000 8653.10 22.2 0.00 0.00",
}


def _row(bucket: SalesBucket) -> str:
    figures = (
        bucket.won_count,
        bucket.lost_count,
        bucket.won_amount,
        bucket.win_rate,
        bucket.average_deal_size,
        bucket.average_sales_cycle_days,
        bucket.next_period_weighted_pipeline,
        bucket.pipeline_coverage,
    )
    return " ".join(str(figure) for figure in figures)


async def test_demo_sales_insights_per_owner_and_month(database: str) -> None:
    await seed_demo()
    names = dict(await User.all().values_list("id", "name"))

    by_owner = await load_sales_insights(QUARTER, SalesGroup.OWNER)
    assert {names[b.owner_id]: _row(b) for b in by_owner if b.owner_id} == BY_OWNER
    assert len(by_owner) == 4  # every deal has an owner: no UNASSIGNED bucket
    by_month = await load_sales_insights(QUARTER, SalesGroup.MONTH)
    assert {b.key: _row(b) for b in by_month} == BY_MONTH

    # The won deals' cycles are spread (10 to 80 days), never created and closed at once.
    won = await Opportunity.filter(status="WON").values("created_at", "closed_at")
    cycles = [(row["closed_at"] - row["created_at"]).days for row in won]
    assert len(won) == 22 and min(cycles) >= 10 and max(cycles) >= 70


async def test_demo_finance_operations_and_service_insights(database: str) -> None:
    await seed_demo()

    finance = await load_finance_insights(ANCHOR)
    assert (
        finance.receivables,
        finance.invoiced_last_90_days,
        finance.dso,
        finance.overdue_receivables,
        finance.average_days_to_pay,
        finance.paid_invoices,
    ) == (D("67076.87"), D("161691.33"), D("37.3"), D("1656.79"), D("5.2"), 13)

    operations = await load_operations_insights(QUARTER)
    assert (
        operations.order_lines,
        operations.on_time_in_full_lines,
        operations.on_time_in_full_rate,
        operations.backorder_lines,
        operations.cost_of_goods_sold,
        operations.opening_inventory,
        operations.closing_inventory,
        operations.average_inventory,
        operations.inventory_turns,
    ) == (
        25,
        5,
        D("0.2000"),
        8,
        D("56401.00"),  # every shipment of the demo went out in the quarter
        D("234635.08"),  # the stock bought and built 120 days before the anchor
        D("179684.08"),
        D("207159.58"),
        D("0.27"),
    )

    service = await load_service_insights(QUARTER, ANCHOR_AT)
    assert (
        service.cases,
        service.first_responses_due,
        service.first_responses_met,
        service.first_response_met_rate,
        service.resolutions_due,
        service.resolutions_met,
        service.resolution_met_rate,
        service.average_first_response_business_minutes,
    ) == (80, 78, 53, D("0.6795"), 47, 31, D("0.6596"), D("61.2"))
