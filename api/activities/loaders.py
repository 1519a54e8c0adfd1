"""Dataloaders of activities: by id, and each parent's activities for a filter."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ChildrenByKeyLoader, by_id_loader
from domain.activities.models import Activity
from domain.activities.services import ActivityFilter, list_activities

ActivityByIdLoader = by_id_loader(Activity)


class ActivitiesByAccountIdLoader(ChildrenByKeyLoader):
    """Keys: (account id, domain `ActivityFilter`)."""

    key = "account_id"

    def rows(self, flt: ActivityFilter) -> QuerySet[Any]:
        return list_activities(flt)


class ActivitiesByOpportunityIdLoader(ChildrenByKeyLoader):
    """Keys: (opportunity id, domain `ActivityFilter`)."""

    key = "opportunity_id"

    def rows(self, flt: ActivityFilter) -> QuerySet[Any]:
        return list_activities(flt)
