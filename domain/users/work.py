"""A user's work list (§13 `myWork`): what is theirs to do now."""

from __future__ import annotations

from datetime import date, timedelta

from tortoise.queryset import QuerySet

from domain.activities.models import Activity
from domain.pipeline.models import Opportunity, OpportunityStatus
from domain.service.models import Case
from domain.service.sla_rules import OPEN_STATUSES

CLOSING_WITHIN_DAYS = 30


def open_activities_of(user_id: int) -> QuerySet[Activity]:
    """The user's open activities; sorted by dueAt the overdue ones come first."""
    return Activity.filter(assignee_id=user_id, completed_at__isnull=True)


def open_cases_of(user_id: int) -> QuerySet[Case]:
    """The cases assigned to the user that are not RESOLVED or CLOSED."""
    return Case.filter(assignee_id=user_id, status__in=sorted(OPEN_STATUSES))


def deals_closing_of(user_id: int, today: date) -> QuerySet[Opportunity]:
    """The user's OPEN deals expected to close by `today` + 30 days: those within the next 30
    days, and those whose expected close date has passed while they are still open."""
    return Opportunity.filter(
        owner_id=user_id,
        status=OpportunityStatus.OPEN,
        expected_close_date__lte=today + timedelta(days=CLOSING_WITHIN_DAYS),
    )
