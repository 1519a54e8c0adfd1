"""A campaign's return (§13): leads, conversions, deals, pipeline and revenue it brought.

`compute_stats` is the pure rule; `campaign_stats` loads its inputs for many campaigns in two
GROUP BY queries, whatever their number."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count, Sum

from domain.money import cents, round_half_up
from domain.pipeline.forecast import AMOUNT_CENTS_SQL, from_cents
from domain.pipeline.models import Lead, LeadStatus, Opportunity, OpportunityStatus

RATIO_PLACES = 4
# Sums in integer cents: exact on SQLite too, which would add the decimals as floats.
PIPELINE_CENTS_SQL = f"CASE WHEN status <> 'LOST' THEN {AMOUNT_CENTS_SQL} ELSE 0 END"
WON_CENTS_SQL = f"CASE WHEN status = 'WON' THEN {AMOUNT_CENTS_SQL} ELSE 0 END"


@dataclass(frozen=True)
class CampaignCounts:
    """What the database says about one campaign's leads and deals."""

    leads: int = 0
    converted_leads: int = 0
    opportunities: int = 0
    won_opportunities: int = 0
    pipeline_amount: Decimal = Decimal("0.00")
    won_amount: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class CampaignStats:
    leads: int
    converted_leads: int
    opportunities: int
    won_opportunities: int
    pipeline_amount: Decimal
    won_amount: Decimal
    cost_per_lead: Decimal | None
    return_on_spend: Decimal | None


def compute_stats(budget: Decimal | None, counts: CampaignCounts) -> CampaignStats:
    """costPerLead = budget / leads, half-up to cents (null without a budget or leads);
    returnOnSpend = wonAmount / budget, half-up to 4 decimals (null without a budget or with a
    zero one)."""
    cost_per_lead = (
        round_half_up(budget / counts.leads) if budget is not None and counts.leads else None
    )
    return_on_spend = round_half_up(counts.won_amount / budget, RATIO_PLACES) if budget else None
    return CampaignStats(
        leads=counts.leads,
        converted_leads=counts.converted_leads,
        opportunities=counts.opportunities,
        won_opportunities=counts.won_opportunities,
        pipeline_amount=cents(counts.pipeline_amount),
        won_amount=cents(counts.won_amount),
        cost_per_lead=cost_per_lead,
        return_on_spend=return_on_spend,
    )


async def campaign_counts(campaign_ids: Iterable[int]) -> dict[int, CampaignCounts]:
    """Every campaign's counts in two statements: one over leads, one over opportunities.

    pipelineAmount is the amount of every deal attributed to the campaign that is not LOST
    (open and won: the pipeline it sourced); wonAmount that of its WON deals."""
    ids = sorted(set(campaign_ids))
    if not ids:
        return {}
    lead_rows = (
        await Lead.filter(campaign_id__in=ids)
        .annotate(
            total=Count("id"),
            converted=Count("id", _filter=Q(status=LeadStatus.CONVERTED)),
        )
        .group_by("campaign_id")
        .values("campaign_id", "total", "converted")
    )
    deal_rows = (
        await Opportunity.filter(campaign_id__in=ids)
        .annotate(
            total=Count("id"),
            won=Count("id", _filter=Q(status=OpportunityStatus.WON)),
            pipeline_cents=Sum(RawSQL(PIPELINE_CENTS_SQL)),  # type: ignore[arg-type]
            won_cents=Sum(RawSQL(WON_CENTS_SQL)),  # type: ignore[arg-type]
        )
        .group_by("campaign_id")
        .values("campaign_id", "total", "won", "pipeline_cents", "won_cents")
    )
    leads = {int(row["campaign_id"]): row for row in lead_rows}
    deals = {int(row["campaign_id"]): row for row in deal_rows}
    result: dict[int, CampaignCounts] = {}
    for campaign_id in ids:
        lead = leads.get(campaign_id, {})
        deal = deals.get(campaign_id, {})
        result[campaign_id] = CampaignCounts(
            leads=int(lead.get("total") or 0),
            converted_leads=int(lead.get("converted") or 0),
            opportunities=int(deal.get("total") or 0),
            won_opportunities=int(deal.get("won") or 0),
            pipeline_amount=from_cents(deal.get("pipeline_cents")),
            won_amount=from_cents(deal.get("won_cents")),
        )
    return result
