"""Demo front office: leads, 100 opportunities across every stage, won deals handed over."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.activities.models import ActivityKind
from domain.activities.services import create_activity
from domain.clock import frozen_at
from domain.demo.context import CustomerRef, DemoContext, day, moment
from domain.demo.names import (
    COMPANY_PREFIXES,
    FIRST_NAMES,
    LAST_NAMES,
    LEAD_SOURCES,
    LOST_REASONS,
    OWNERS,
)
from domain.pipeline.handover import win_opportunity
from domain.pipeline.models import LeadStatus, Opportunity, Stage
from domain.pipeline.services import (
    create_lead,
    create_opportunity,
    lose_opportunity,
    move_opportunity_stage,
    update_lead,
)
from domain.pipeline.stages import STAGE_ORDER

OPEN_PER_STAGE = 14  # 4 open stages → 56 open deals
WON = 20
LOST = 24
# Big-ticket vehicles stay in the pipeline; won deals sell what the demo has in stock.
IN_STOCK_SKUS = (
    "FG-CITY", "FG-CITY-PLUS", "FG-TREK", "FG-FOLD", "A-HELMET", "A-LOCK", "A-PANNIER",
    "SV-SERVICE-PLAN", "SV-FLEET-ONBOARD", "SV-WARRANTY-2Y",
)  # fmt: skip
PIPELINE_SKUS = (*IN_STOCK_SKUS, "FG-CARGO", "FG-TRIKE")
LEAD_MIX = (
    (LeadStatus.NEW, 5),
    (LeadStatus.QUALIFIED, 3),
    (LeadStatus.DISQUALIFIED, 2),
)
DEAL_THEMES = ("Fleet renewal", "Pilot fleet", "Staff mobility", "Delivery expansion", "Rentals")


def deal_lines(ctx: DemoContext, skus: tuple[str, ...], fleet: bool) -> list[dict[str, Any]]:
    """1–3 lines of distinct products; vehicles by the handful, accessories by the box."""
    lines = []
    for sku in ctx.rng.sample(skus, ctx.rng.randint(1, 3)):
        if sku.startswith("FG-"):
            quantity = ctx.rng.randint(2, 6) if fleet else ctx.rng.randint(1, 3)
        elif sku.startswith("A-"):
            quantity = ctx.rng.randint(2, 10)
        else:
            quantity = ctx.rng.randint(1, 3)
        lines.append(
            {
                "product_id": ctx.product(sku),
                "quantity": Decimal(quantity),
                "discount_percent": Decimal(ctx.rng.choice((0, 0, 0, 5, 10))),
            }
        )
    return lines


def _campaign(ctx: DemoContext, index: int, every: int) -> int | None:
    """Of each `every` leads or deals, the first comes from the first campaign and the second
    from the second (§13 attribution); the rest from none."""
    position = index % every
    return ctx.campaign_ids[position] if position < len(ctx.campaign_ids) else None


async def seed_leads(ctx: DemoContext) -> None:
    index = 0
    for status, count in LEAD_MIX:
        for _ in range(count):
            index += 1
            first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
            company = f"{ctx.rng.choice(COMPANY_PREFIXES)} Cycle Club"
            lead = await create_lead(
                {
                    "company_name": company,
                    "contact_name": f"{first} {last}",
                    "email": f"{first}.{last}@lead-{ctx.rng.randint(100, 999)}.example".lower(),
                    "source": ctx.rng.choice(LEAD_SOURCES),
                    "owner_id": ctx.user_ids[OWNERS[index % len(OWNERS)]],
                    "campaign_id": _campaign(ctx, index, 3),
                }
            )
            if status is not LeadStatus.NEW:
                await update_lead(lead.id, {"status": status})


async def seed_opportunities(ctx: DemoContext) -> None:
    """Deals walk the stages one by one (each move is an event); won deals become DRAFT
    orders through the handover, lost ones keep a reason."""
    open_stages = STAGE_ORDER[:4]
    plan: list[str] = [stage.value for stage in open_stages for _ in range(OPEN_PER_STAGE)]
    plan += ["WON"] * WON + ["LOST"] * LOST
    ctx.rng.shuffle(plan)
    for index, outcome in enumerate(plan):
        customer = ctx.rng.choice(ctx.customers)
        fleet = customer.tier == "ENTERPRISE"
        closed = outcome in ("WON", "LOST")
        skus = IN_STOCK_SKUS if outcome == "WON" else PIPELINE_SKUS
        fields: dict[str, Any] = {
            "account_id": customer.id,
            "name": f"{customer.name} — {ctx.rng.choice(DEAL_THEMES)}",
            "owner_id": ctx.user_ids[ctx.rng.choice(OWNERS)],
            "campaign_id": _campaign(ctx, index, 5),
        }
        closes_in = ctx.rng.randint(-90, -5) if closed else ctx.rng.randint(-10, 150)
        fields["expected_close_date"] = day(closes_in)
        fields["lines"] = deal_lines(ctx, skus, fleet)
        # A closed deal closes on its expected day, 15:00 in New York, after a sales cycle
        # of 10 to 80 days; an open one was opened in the last two months.
        closes_at = moment(closes_in)
        opened_at = moment(
            closes_in - ctx.dates.uniform(10, 80) if closed else -ctx.dates.uniform(3, 60)
        )
        with frozen_at(opened_at):
            opportunity = await create_opportunity(fields)
        await Opportunity.filter(id=opportunity.id).update(created_at=opened_at)
        with frozen_at(closes_at if closed else opened_at):
            await _walk_deal(ctx, customer, opportunity, outcome, index)


async def _walk_deal(
    ctx: DemoContext, customer: CustomerRef, opportunity: Opportunity, outcome: str, index: int
) -> None:
    open_stages = STAGE_ORDER[:4]
    closed = outcome in ("WON", "LOST")
    target = ctx.rng.randint(1, 3) if closed else open_stages.index(Stage(outcome))
    for stage in open_stages[1 : target + 1]:
        await move_opportunity_stage(opportunity.id, stage)
    # A third of the open deals' next steps are already overdue (§13 reminders, myWork).
    await _log_activity(
        ctx, customer, opportunity.id, opportunity.owner_id, closed, overdue=index % 3 == 0
    )
    if outcome == "WON":
        won = await win_opportunity(opportunity.id, requested_date=day(ctx.rng.randint(3, 40)))
        assert won.sales_order_id is not None
        ctx.handover_order_ids.append(won.sales_order_id)
    elif outcome == "LOST":
        await lose_opportunity(opportunity.id, ctx.rng.choice(LOST_REASONS))


async def _log_activity(
    ctx: DemoContext,
    customer: CustomerRef,
    opportunity_id: int,
    owner_id: int | None,
    closed: bool,
    *,
    overdue: bool = False,
) -> None:
    kind = ctx.rng.choice((ActivityKind.CALL, ActivityKind.MEETING, ActivityKind.EMAIL))
    fields: dict[str, Any] = {
        "kind": kind,
        "subject": f"{kind.value.title()} with {customer.name}",
        "opportunity_id": opportunity_id,
        "assignee_id": owner_id,
    }
    if closed:
        fields["due_at"] = moment(-ctx.rng.randint(10, 60))
        fields["completed_at"] = fields["due_at"]
    else:
        days = ctx.rng.randint(1, 14)
        fields["due_at"] = moment(-days if overdue else days)
    await create_activity(fields)
