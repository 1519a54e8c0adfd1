"""JobRun: the record of one piece of background work, as clients see it (§2), and the
heartbeats of the workers that run them."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model


class JobKind(str, Enum):
    ACCOUNT_FIGURES = "ACCOUNT_FIGURES"
    INVOICING = "INVOICING"
    MRP = "MRP"
    SLA_ESCALATION = "SLA_ESCALATION"
    QUOTE_EXPIRY = "QUOTE_EXPIRY"
    REMINDER_SCAN = "REMINDER_SCAN"
    IMPORT = "IMPORT"
    EXPORT = "EXPORT"


class JobStatus(str, Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


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
    # Who started it (domain.actor): the run's events are recorded as theirs.
    actor_token_id = fields.IntField(null=True)
    actor_user_id = fields.IntField(null=True)
    # Every try counts, the first included; it also fences a lapsed attempt's late writes.
    attempts = fields.IntField(default=0)
    max_attempts = fields.IntField(default=3)
    # Random per run, so a queue id never meets a stale Redis key of another database.
    token = fields.CharField(max_length=32, default="")
    # Bumped on every enqueue: only the queue entry of the current number may claim the run.
    queue_seq = fields.IntField(default=0)
    enqueued_at = fields.DatetimeField(null=True)
    # A retry waits for its backoff until then.
    not_before = fields.DatetimeField(null=True)
    heartbeat_at = fields.DatetimeField(null=True)
    worker_id = fields.CharField(max_length=120, null=True)
    cancel_requested = fields.BooleanField(default=False)
    # Set only while QUEUED or RUNNING for a single-flight kind: the unique index is the guard.
    flight = fields.CharField(max_length=48, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "job_runs"
        indexes = (("status", "heartbeat_at"),)


class WorkerHeartbeat(Model):
    """One row per live worker process; `tandem worker --check` reads it."""

    id = fields.CharField(primary_key=True, max_length=120)
    queue_name = fields.CharField(max_length=120, db_index=True)
    started_at = fields.DatetimeField()
    heartbeat_at = fields.DatetimeField()

    class Meta:
        table = "worker_heartbeats"
