"""GraphQL types of campaigns and their stats (contract §13)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.campaigns.loaders import (
    CampaignCountsByIdLoader,
    LeadsByCampaignIdLoader,
    OpportunitiesByCampaignIdLoader,
)
from api.errors import payload
from api.nested import Window, nested_connection
from api.pipeline.inputs import (
    LeadFilter,
    LeadOrder,
    OpportunityFilter,
    OpportunityOrder,
    lead_filter,
    lead_order,
    opportunity_filter,
    opportunity_order,
)
from api.relay import After, Before, Connection, First, Last, ModelNode, to_node
from api.scalars import Money, OrderDirection, described_enum, money
from domain.campaigns import models
from domain.campaigns.stats import compute_stats

if TYPE_CHECKING:
    from api.pipeline.types import Lead, Opportunity


@strawberry.type(
    description="What a campaign brought (§13), computed when read from its leads and the "
    "deals attributed to it (a lead's deal on conversion keeps its campaign)."
)
class CampaignStats:
    leads: int = strawberry.field(description="Leads of the campaign.")
    converted_leads: int = strawberry.field(description="Of those, the CONVERTED ones.")
    opportunities: int = strawberry.field(description="Deals attributed to the campaign.")
    won_opportunities: int = strawberry.field(description="Of those, the WON ones.")
    pipeline_amount: Money = strawberry.field(
        description="Σ amount of its deals that are not LOST (open and won: the pipeline it "
        "sourced)."
    )
    won_amount: Money = strawberry.field(description="Σ amount of its WON deals.")
    cost_per_lead: Money | None = strawberry.field(
        description="budget / leads, half-up to cents; null without a budget or leads."
    )
    return_on_spend: Decimal | None = strawberry.field(
        description='wonAmount / budget, half-up to 4 decimals ("2.5000" = won 2.5 × the '
        "budget); null without a budget or with a zero one."
    )


@strawberry.type(
    description="A marketing campaign (§13): leads name it, their deals keep it, and its stats "
    "show its return. Readable by every role; ADMIN and SALES manage campaigns."
)
class Campaign(ModelNode):
    model_class = models.Campaign

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(
        description="Unique; `POST /hooks/leads` may name the campaign by it."
    )
    channel: str | None = strawberry.field(
        description='How it reaches people, free text, e.g. "email", "webinar", "ads".'
    )
    start_date: date | None = strawberry.field(description="When it starts.")
    end_date: date | None = strawberry.field(description="When it ends; not before startDate.")
    created_at: datetime = strawberry.field(description="When the campaign was created.")
    updated_at: datetime = strawberry.field(description="The last change.")

    @strawberry.field(
        description="What it costs, in the installation's currency; null: no budget given."
    )
    def budget(self) -> Money | None:
        return money(self.record.budget, self.record.currency)

    @strawberry.field(
        description="Leads, conversions, deals, pipeline and revenue of the campaign; the "
        "stats of a whole page of campaigns cost two statements."
    )
    async def stats(self, info: Info) -> CampaignStats:
        counts = await info.context.loaders[CampaignCountsByIdLoader].load(self.record.id)
        stats = compute_stats(self.record.budget, counts)
        currency = self.record.currency
        return CampaignStats(
            leads=stats.leads,
            converted_leads=stats.converted_leads,
            opportunities=stats.opportunities,
            won_opportunities=stats.won_opportunities,
            pipeline_amount=money(stats.pipeline_amount, currency),
            won_amount=money(stats.won_amount, currency),
            cost_per_lead=money(stats.cost_per_lead, currency),
            return_on_spend=stats.return_on_spend,
        )

    @strawberry.field(description="The campaign's leads, newest first unless `orderBy` says.")
    async def leads(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            LeadFilter | None, strawberry.argument(description="Which leads to list.")
        ] = None,
        order_by: Annotated[
            LeadOrder | None, strawberry.argument(description="The sort; default: newest first.")
        ] = None,
    ) -> Connection[Annotated[Lead, strawberry.lazy("api.pipeline.types")]]:
        return await nested_connection(
            info,
            LeadsByCampaignIdLoader,
            self.record.id,
            lead_filter(filter),
            to_node,
            Window(first, after, last, before, lead_order(order_by)),
        )

    @strawberry.field(
        description="The deals attributed to the campaign, oldest first unless `orderBy` says."
    )
    async def opportunities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            OpportunityFilter | None, strawberry.argument(description="Which deals to list.")
        ] = None,
        order_by: Annotated[
            OpportunityOrder | None,
            strawberry.argument(description="The sort; default: oldest first."),
        ] = None,
    ) -> Connection[Annotated[Opportunity, strawberry.lazy("api.pipeline.types")]]:
        return await nested_connection(
            info,
            OpportunitiesByCampaignIdLoader,
            self.record.id,
            opportunity_filter(filter),
            to_node,
            Window(first, after, last, before, opportunity_order(order_by)),
        )


@strawberry.input(description="Narrows the campaign list; the conditions given all apply.")
class CampaignFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the name, in any letter case."
    )
    channel: str | None = strawberry.field(default=None, description="Only this channel, exactly.")


class CampaignOrderField(Enum):
    NAME = "name"
    START_DATE = "start_date"
    CREATED_AT = "created_at"


described_enum(
    CampaignOrderField,
    name="CampaignOrderField",
    description="What campaigns can be sorted by.",
    values={
        "NAME": "The campaign's name.",
        "START_DATE": "When it starts (campaigns without a start date last).",
        "CREATED_AT": "When it was created.",
    },
)


@strawberry.input(description="The order of campaigns; by name when not given.")
class CampaignOrder:
    field: CampaignOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC; ties by id."
    )


@strawberry.input(description="A new campaign (campaignCreate).")
class CampaignCreateInput:
    name: str = strawberry.field(description="1–120 characters, unique (DUPLICATE otherwise).")
    channel: str | None = strawberry.field(
        default=None, description='Free text up to 64 characters, e.g. "webinar".'
    )
    start_date: date | None = strawberry.field(default=None, description="When it starts.")
    end_date: date | None = strawberry.field(
        default=None, description="When it ends; before startDate → INVALID."
    )
    budget: Decimal | None = strawberry.field(
        default=None,
        description="What it costs, in the installation's currency, at most 2 decimals.",
    )


@strawberry.input(description="Changes to a campaign (campaignUpdate); omitted fields stay.")
class CampaignUpdateInput:
    id: strawberry.ID = strawberry.field(description="The Campaign.")
    name: str | None = strawberry.field(
        default=strawberry.UNSET, description="1–120 characters, unique."
    )
    channel: str | None = strawberry.field(default=strawberry.UNSET, description="Null clears it.")
    start_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="Null clears it."
    )
    end_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="Null clears it; before startDate → INVALID."
    )
    budget: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Null removes the budget."
    )


@payload("campaign", Campaign, key_description="The new campaign; null when refused.")
class CampaignCreatePayload: ...


@payload("campaign", Campaign, key_description="The changed campaign; null when refused.")
class CampaignUpdatePayload: ...
