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
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "activities"
