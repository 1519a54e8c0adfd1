"""Dataloaders of activities, each list in timeline order (due time, else when logged)."""

from __future__ import annotations

from typing import Any

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.activities.models import Activity
from domain.activities.services import timeline_key

ActivityByIdLoader = by_id_loader(Activity)


class _TimelineLoader(ManyByKeyLoader):
    model = Activity

    def _sort_key(self, row: Any) -> tuple[Any, ...]:
        return timeline_key(row)


class ActivitiesByAccountIdLoader(_TimelineLoader):
    key = "account_id"


class ActivitiesByOpportunityIdLoader(_TimelineLoader):
    key = "opportunity_id"
