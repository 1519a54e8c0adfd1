"""Dataloaders of activities: by id, and each parent's activities for a filter."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import by_id_loader
from api.nested import PagesByKeyLoader
from domain.activities.models import Activity
from domain.activities.services import ActivityFilter, list_activities, timeline_key

ActivityByIdLoader = by_id_loader(Activity)


class _ActivitiesLoader(PagesByKeyLoader):
    """Without an `orderBy`, a parent's activities come in timeline order."""

    def rows(self, flt: ActivityFilter) -> QuerySet[Any]:
        return list_activities(flt)

    def arrange(self, rows: list[Any]) -> list[Any]:
        return sorted(rows, key=timeline_key)


class ActivitiesByAccountIdLoader(_ActivitiesLoader):
    """Keys: (account id, domain `ActivityFilter`)."""

    key = "account_id"


class ActivitiesByOpportunityIdLoader(_ActivitiesLoader):
    """Keys: (opportunity id, domain `ActivityFilter`)."""

    key = "opportunity_id"
