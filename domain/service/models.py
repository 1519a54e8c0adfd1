"""Support cases (contract §7). The service area extends this module with calendars,
SLA policies and escalations; the Case table exists early because activities link to it."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.service.sla_rules import CaseStatus, Priority


class Case(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    subject = fields.CharField(max_length=255)
    description = fields.TextField(null=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="cases", on_delete=fields.RESTRICT
    )
    account_id: int
    contact: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Contact", related_name="cases", null=True, on_delete=fields.SET_NULL
    )
    contact_id: int | None
    priority = fields.CharEnumField(Priority, max_length=8, default=Priority.NORMAL)
    status = fields.CharEnumField(CaseStatus, max_length=24, default=CaseStatus.NEW)
    opened_at = fields.DatetimeField()
    first_responded_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    first_response_due_at = fields.DatetimeField(null=True)
    resolution_due_at = fields.DatetimeField(null=True)
    escalation_level = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "cases"
