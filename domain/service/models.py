"""Support cases, business calendars, SLA policies and the escalation history (contract §7)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.fields import external_id_field, metadata_field
from domain.service.sla_rules import CaseStatus, Priority


class BusinessCalendar(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120, unique=True)
    timezone = fields.CharField(max_length=64)
    # [{"weekday": 1, "start": "09:00", "end": "17:00"}, …]: validated by business_time.Calendar
    # and always read whole, so a child table would add joins and nothing else.
    hours: list = fields.JSONField(default=list)
    # ISO dates in the calendar's own timezone, sorted.
    holidays: list = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "business_calendars"


class SlaPolicy(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120, unique=True)
    calendar: fields.ForeignKeyRelation[BusinessCalendar] = fields.ForeignKeyField(
        "models.BusinessCalendar", related_name="sla_policies", on_delete=fields.RESTRICT
    )
    calendar_id: int
    at_risk_percent = fields.SmallIntField(default=80)
    # At most one row is TRUE: a partial unique index in db_guards.py enforces it.
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sla_policies"


class SlaTarget(Model):
    id = fields.IntField(primary_key=True)
    policy: fields.ForeignKeyRelation[SlaPolicy] = fields.ForeignKeyField(
        "models.SlaPolicy", related_name="targets", on_delete=fields.CASCADE
    )
    policy_id: int
    priority = fields.CharEnumField(Priority, max_length=8)
    first_response_minutes = fields.IntField()
    resolution_minutes = fields.IntField()

    class Meta:
        table = "sla_targets"
        unique_together = (("policy", "priority"),)


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

    # The policy is captured when the case is created; a later change of the account's policy
    # or of the default does not move the promises already made.
    sla_policy: fields.ForeignKeyNullableRelation[SlaPolicy] = fields.ForeignKeyField(
        "models.SlaPolicy", related_name="cases", null=True, on_delete=fields.RESTRICT
    )
    sla_policy_id: int | None
    # The targets the due times were computed from. An escalation raises the priority without
    # recomputing the due times, so the priority alone no longer tells which targets apply.
    first_response_target_minutes = fields.IntField(null=True)
    resolution_target_minutes = fields.IntField(null=True)
    first_response_at_risk_at = fields.DatetimeField(null=True)
    first_response_due_at = fields.DatetimeField(null=True)
    resolution_at_risk_at = fields.DatetimeField(null=True)
    # Includes every finished pause in WAITING_ON_CUSTOMER; the current one starts at
    # waiting_since and is added when the case leaves that status.
    resolution_due_at = fields.DatetimeField(null=True)
    paused_business_minutes = fields.IntField(default=0)
    waiting_since = fields.DatetimeField(null=True)
    escalation_level = fields.SmallIntField(default=0)
    # When the case next needs an escalation (sla_rules.next_escalation_at); NULL when it
    # never will. The scan is a range query on this one indexed column.
    escalation_check_at = fields.DatetimeField(null=True, db_index=True)
    # Who works the case (§13).
    assignee: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="assigned_cases", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None

    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "cases"
        indexes = (
            ("account_id", "opened_at"),
            ("status", "opened_at"),
            ("first_response_due_at",),
            ("resolution_due_at",),
        )


class CaseEscalation(Model):
    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "models.Case", related_name="escalations", on_delete=fields.CASCADE
    )
    case_id: int
    level = fields.SmallIntField()
    reason = fields.TextField()
    # The scan's as-of instant: when the level was found to be reached.
    at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "case_escalations"
        # The database's guarantee that each level happens once per case, whatever runs at once.
        unique_together = (("case", "level"),)
