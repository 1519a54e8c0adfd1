"""Dataloaders of the campaigns area: by id, the stats of many campaigns at once, and each
campaign's leads and deals for a filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.queryset import QuerySet

from api.loaders import by_id_loader
from api.nested import PagesByKeyLoader
from domain.campaigns.models import Campaign
from domain.campaigns.stats import CampaignCounts, campaign_counts
from domain.pipeline.services import LeadFilter, OpportunityFilter, list_leads, list_opportunities

CampaignByIdLoader = by_id_loader(Campaign)


class CampaignCountsByIdLoader(DataLoader[int, CampaignCounts]):
    """`Campaign.stats` of a whole page: two GROUP BY statements, whatever the campaigns."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[int]) -> list[CampaignCounts]:
        counts = await campaign_counts(ids)
        return [counts[campaign_id] for campaign_id in ids]


class LeadsByCampaignIdLoader(PagesByKeyLoader):
    """Keys: (campaign id, domain `LeadFilter`)."""

    key = "campaign_id"

    def rows(self, flt: LeadFilter) -> QuerySet[Any]:
        return list_leads(flt)


class OpportunitiesByCampaignIdLoader(PagesByKeyLoader):
    """Keys: (campaign id, domain `OpportunityFilter`)."""

    key = "campaign_id"

    def rows(self, flt: OpportunityFilter) -> QuerySet[Any]:
        return list_opportunities(flt)
