"""Campaigns (contract §13): `campaign`, `campaigns`, campaignCreate and campaignUpdate."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.campaigns.types import (
    Campaign,
    CampaignCreateInput,
    CampaignCreatePayload,
    CampaignFilter,
    CampaignOrder,
    CampaignUpdateInput,
    CampaignUpdatePayload,
)
from api.errors import perform
from api.inputs import provided
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    order_fields,
    paginate,
)
from domain.campaigns import services


@strawberry.type
class Query:
    @strawberry.field(description="A campaign by its id; null when there is none.")
    async def campaign(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Campaign id.")],
    ) -> Campaign | None:
        return await node_by_global_id(Campaign, info, id)

    @strawberry.field(
        description="The campaigns, by name unless `orderBy` says otherwise; readable by every "
        "role."
    )
    async def campaigns(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            CampaignFilter | None, strawberry.argument(description="Which campaigns to list.")
        ] = None,
        order_by: Annotated[
            CampaignOrder | None, strawberry.argument(description="The sort; default: by name.")
        ] = None,
    ) -> Connection[Campaign]:
        flt = filter or CampaignFilter()
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)
        return await paginate(
            services.list_campaigns(search=flt.search, channel=flt.channel),
            Campaign.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Creates a campaign (ADMIN, SALES); records campaign.created.")
    async def campaign_create(
        self,
        input: Annotated[CampaignCreateInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignCreatePayload:
        return await perform(
            CampaignCreatePayload,
            "campaign",
            lambda: services.create_campaign(provided(input)),
            Campaign.from_model,
        )

    @strawberry.mutation(
        description="Changes the fields given of a campaign (ADMIN, SALES); records "
        "campaign.updated when something changed."
    )
    async def campaign_update(
        self,
        input: Annotated[
            CampaignUpdateInput, strawberry.argument(description="The campaign and its changes.")
        ],
    ) -> CampaignUpdatePayload:
        return await perform(
            CampaignUpdatePayload,
            "campaign",
            lambda: services.update_campaign(decode_id(input.id, "Campaign"), provided(input)),
            Campaign.from_model,
        )
