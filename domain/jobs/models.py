"""JobRun: the record of one piece of background work, as clients see it (§2)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model


class JobKind(str, Enum):
    ACCOUNT_FIGURES = "ACCOUNT_FIGURES"
    INVOICING = "INVOICING"
    MRP = "MRP"
    SLA_ESCALATION = "SLA_ESCALATION"
    WEBHOOK_DISPATCH = "WEBHOOK_DISPATCH"


class JobStatus(str, Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


class JobRun(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(JobKind, max_length=32, db_index=True)
    status = fields.CharEnumField(JobStatus, max_length=16, default=JobStatus.QUEUED)
    # Fraction done, 0.0 to 1.0: a display value, not money.
    progress = fields.FloatField(default=0.0)
    params: dict = fields.JSONField(default=dict)
    result: dict | None = fields.JSONField(null=True)
    error: str | None = fields.TextField(null=True)
    requested_by = fields.CharField(max_length=120, null=True)
    attempts = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "job_runs"
