"""Activities: calls, emails, meetings, tasks and notes on accounts, deals and cases (§4.1)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model


class ActivityKind(str, Enum):
    CALL = "CALL"
    EMAIL = "EMAIL"
    MEETING = "MEETING"
    TASK = "TASK"
    NOTE = "NOTE"


class Activity(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ActivityKind, max_length=8)
    subject = fields.CharField(max_length=255)
    body = fields.TextField(null=True)
    due_at = fields.DatetimeField(null=True, db_index=True)
    completed_at = fields.DatetimeField(null=True)
    # Always set (derived from the deal or case when not given), so an account's
    # timeline is one indexed lookup.
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="activities", on_delete=fields.RESTRICT
    )
    account_id: int
    opportunity: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Opportunity", related_name="activities", null=True, on_delete=fields.CASCADE
    )
    opportunity_id: int | None
    case: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Case", related_name="activities", null=True, on_delete=fields.CASCADE
    )
    case_id: int | None
    # Who is to do it (§13); the reminder scan tells them when it falls due.
    assignee: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="assigned_activities", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "activities"


class ReminderKind(str, Enum):
    DUE_SOON = "DUE_SOON"
    OVERDUE = "OVERDUE"


class ActivityReminder(Model):
    """One row per reminder sent: the database's guarantee that `activity.due_soon` and
    `activity.overdue` fire once per activity, whatever scans run at once (§13)."""

    id = fields.IntField(primary_key=True)
    activity: fields.ForeignKeyRelation[Activity] = fields.ForeignKeyField(
        "models.Activity", related_name="reminders", on_delete=fields.CASCADE
    )
    activity_id: int
    kind = fields.CharEnumField(ReminderKind, max_length=16)
    # The scan's as-of instant.
    at = fields.DatetimeField()

    class Meta:
        table = "activity_reminders"
        unique_together = (("activity", "kind"),)


class StaleOpportunityNotice(Model):
    """One row per `opportunity.stale` sent: `since` is the start of the 14-day period without
    activity it reports (the last activity, or the deal's creation, plus n × 14 days), so a
    deal is reported once per period (§13)."""

    id = fields.IntField(primary_key=True)
    opportunity: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Opportunity", related_name="stale_notices", on_delete=fields.CASCADE
    )
    opportunity_id: int
    since = fields.DatetimeField()
    at = fields.DatetimeField()

    class Meta:
        table = "opportunity_stale_notices"
        unique_together = (("opportunity", "since"),)
