"""Activity use cases: log or plan an activity on an account, deal or case; complete it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain import clock
from domain.accounts.services import get_account
from domain.activities.models import Activity, ActivityKind
from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.pipeline.models import Opportunity
from domain.querying import filter_given
from domain.service.models import Case
from domain.users.services import check_active_users, default_owner_id
from domain.validation import Checks, optional_moment, optional_text, required_text

ACTIVITY_FIELDS = frozenset(
    {
        "kind",
        "subject",
        "body",
        "due_at",
        "completed_at",
        "account_id",
        "opportunity_id",
        "case_id",
        "assignee_id",
    }
)


def _kind(value: Any) -> ActivityKind:
    if value is None:
        raise DomainError(ErrorCode.REQUIRED, "kind is required.", "kind")
    try:
        return ActivityKind(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not a kind.", "kind") from None


async def create_activity(fields: Mapping[str, Any]) -> Activity:
    """At least one anchor (account, opportunity or case) is required; the account is derived
    from the opportunity or case when not given, and must agree with them when it is."""
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    kind = checks(_kind, fields.get("kind"))
    subject = checks(required_text, fields.get("subject"), "subject")
    body = checks(optional_text, fields.get("body"), "body", 20_000, multiline=True)
    due_at = checks(optional_moment, fields.get("due_at"), "due_at")
    completed_at = checks(optional_moment, fields.get("completed_at"), "completed_at")
    assignee_id = fields["assignee_id"] if "assignee_id" in fields else default_owner_id()
    with checks.collecting():
        await check_active_users({"assignee_id": assignee_id})
    checks.raise_if_any()
    account_id = fields.get("account_id")
    opportunity_id = fields.get("opportunity_id")
    case_id = fields.get("case_id")
    if account_id is None and opportunity_id is None and case_id is None:
        raise DomainError(
            ErrorCode.REQUIRED,
            "An activity needs an account, an opportunity or a case.",
            "account_id",
        )
    async with in_transaction():
        anchors: list[tuple[str, int]] = []
        if opportunity_id is not None:
            opportunity = await Opportunity.get_or_none(id=opportunity_id)
            if opportunity is None:
                raise not_found("Opportunity", opportunity_id, "opportunity_id")
            anchors.append(("opportunity_id", opportunity.account_id))
        if case_id is not None:
            case = await Case.get_or_none(id=case_id)
            if case is None:
                raise not_found("Case", case_id, "case_id")
            anchors.append(("case_id", case.account_id))
        if account_id is not None:
            account_id = (await get_account(account_id, field="account_id")).id
        else:
            account_id = anchors[0][1]
        for field, anchor_account in anchors:
            if anchor_account != account_id:
                raise DomainError(
                    ErrorCode.INVALID, "The activity's anchors belong to different accounts.", field
                )
        activity = await Activity.create(
            kind=kind,
            subject=subject,
            body=body,
            due_at=due_at,
            completed_at=completed_at,
            account_id=account_id,
            opportunity_id=opportunity_id,
            case_id=case_id,
            assignee_id=assignee_id,
        )
    return activity


async def complete_activity(activity_id: int, at: datetime | None = None) -> Activity:
    completed_at = optional_moment(at, "completed_at") or utcnow()
    async with in_transaction():
        activity = await Activity.filter(id=activity_id).select_for_update().first()
        if activity is None:
            raise not_found("Activity", activity_id, "id")
        if activity.completed_at is not None:
            raise DomainError(
                ErrorCode.ALREADY_PROCESSED, "The activity is already completed.", "id"
            )
        activity.completed_at = completed_at
        await activity.save(update_fields=["completed_at", "updated_at"])
    return activity


def timeline_key(activity: Activity) -> tuple[datetime, int]:
    """Activities are ordered by when they happen: due time, else when they were logged."""
    return (activity.due_at or activity.created_at, activity.id)


@dataclass(frozen=True)
class ActivityFilter:
    account_id: int | None = None
    opportunity_id: int | None = None
    case_id: int | None = None
    kind: ActivityKind | None = None
    completed: bool | None = None
    assignee_id: int | None = None
    # True: open and past due at `as_of`; False: not overdue (done, undated or not yet due).
    overdue: bool | None = None
    due_before: datetime | None = None
    as_of: datetime | None = None


def list_activities(flt: ActivityFilter | None = None) -> QuerySet[Activity]:
    flt = flt or ActivityFilter()
    qs = Activity.all()
    qs = filter_given(
        qs,
        account_id=flt.account_id,
        opportunity_id=flt.opportunity_id,
        case_id=flt.case_id,
    )
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.completed is not None:
        qs = qs.filter(completed_at__isnull=not flt.completed)
    if flt.assignee_id is not None:
        qs = qs.filter(assignee_id=flt.assignee_id)
    if flt.due_before is not None:
        qs = qs.filter(due_at__lt=flt.due_before)
    if flt.overdue is not None:
        now = flt.as_of or clock.utcnow()
        if flt.overdue:
            qs = qs.filter(completed_at__isnull=True, due_at__lt=now)
        else:  # spelled out: NOT (… due_at < now) would drop the undated ones (NULL)
            qs = qs.filter(
                Q(completed_at__isnull=False) | Q(due_at__isnull=True) | Q(due_at__gte=now)
            )
    return qs
