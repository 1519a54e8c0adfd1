"""The figures operators watch that live in the database — job runs, the queue, worker
heartbeats, the outbox, webhook attempts, SLA escalations — read with a few aggregate queries.

Every figure is computed from rows, so it is the same whichever process asks and however
many workers wrote the rows. The counters count rows that never change once written (a
finished run, a webhook attempt, an escalation level): they only grow, unless rows are
deleted (deleting a webhook subscription deletes its attempts, as the schema cascades).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise import connections
from tortoise.functions import Count

from domain.clock import utcnow
from domain.jobs.models import JobRun, JobStatus, WorkerHeartbeat
from domain.jobs.sweeper import live_workers
from domain.outbox.models import Event
from domain.service.models import CaseEscalation
from domain.webhooks.models import DeliveryStatus, WebhookDelivery

FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
# Upper bounds in seconds: runs take from milliseconds (an empty scan) to hours (invoicing).
JOB_DURATION_BOUNDS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 14400.0)
# Webhook requests time out after 10 s (domain.webhooks.dispatch.HTTP_TIMEOUT_SECONDS).
WEBHOOK_DURATION_BOUNDS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# An attempt's outcome: a 2xx answer, another HTTP answer, or none (a network error, a
# timeout, a refused address, a paused subscription).
WEBHOOK_OUTCOMES = ("succeeded", "http_error", "no_response")


@dataclass(frozen=True)
class Distribution:
    """Observations counted per bucket: `counts[i]` fall at or under `bounds[i]` and above
    the bound before it; the last count is over every bound."""

    bounds: tuple[float, ...]
    counts: tuple[int, ...]
    total: float

    @classmethod
    def empty(cls, bounds: tuple[float, ...]) -> Distribution:
        return cls(bounds, (0,) * (len(bounds) + 1), 0.0)

    @property
    def count(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Figures:
    # Finished runs by (kind, status).
    job_runs: dict[tuple[str, str], int]
    # From start (the first attempt) to finish, of finished runs that started, by kind.
    job_durations: dict[str, Distribution]
    jobs_queued: int
    jobs_running: int
    # Since the freshest heartbeat of the installation's workers; None when none beats.
    worker_heartbeat_age_seconds: float | None
    workers_live: int
    outbox_pending: int
    # 0 when nothing is pending.
    outbox_oldest_pending_age_seconds: float
    # Attempts by outcome (WEBHOOK_OUTCOMES).
    webhook_attempts: dict[str, int]
    webhook_durations: Distribution
    webhook_deliveries_pending: int
    # Escalations by level.
    sla_escalations: dict[int, int]


def _bucket_case(expression: str, bounds: tuple[float, ...]) -> str:
    """SQL giving the index of the bucket `expression` falls in (len(bounds) when over all)."""
    whens = " ".join(f"WHEN {expression} <= {bound!r} THEN {i}" for i, bound in enumerate(bounds))
    return f"CASE {whens} ELSE {len(bounds)} END"


def _seconds_between(start: str, end: str, dialect: str) -> str:
    if dialect == "postgres":
        return f"EXTRACT(EPOCH FROM ({end} - {start}))::float8"
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


def _distribution(rows: list[dict], bounds: tuple[float, ...]) -> Distribution:
    counts = [0] * (len(bounds) + 1)
    for row in rows:
        counts[int(row["bucket"])] += int(row["n"])
    return Distribution(bounds, tuple(counts), float(sum(row["total"] or 0 for row in rows)))


async def _job_durations(dialect: str) -> dict[str, Distribution]:
    seconds = _seconds_between("started_at", "finished_at", dialect)
    statuses = ", ".join(f"'{status.value}'" for status in FINISHED)
    rows = await connections.get("default").execute_query_dict(
        f"SELECT kind, {_bucket_case('d', JOB_DURATION_BOUNDS)} AS bucket, "
        "COUNT(*) AS n, SUM(d) AS total "
        f"FROM (SELECT kind, {seconds} AS d FROM job_runs WHERE status IN ({statuses}) "
        "AND started_at IS NOT NULL AND finished_at IS NOT NULL) AS finished "
        "GROUP BY kind, bucket"
    )
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(str(row["kind"]), []).append(row)
    return {kind: _distribution(rows, JOB_DURATION_BOUNDS) for kind, rows in by_kind.items()}


async def _webhook_attempts() -> tuple[dict[str, int], Distribution]:
    succeeded, http_error, no_response = WEBHOOK_OUTCOMES
    outcome = (
        f"CASE WHEN response_status BETWEEN 200 AND 299 THEN '{succeeded}' "
        f"WHEN response_status IS NOT NULL THEN '{http_error}' ELSE '{no_response}' END"
    )
    milliseconds = tuple(round(bound * 1000, 3) for bound in WEBHOOK_DURATION_BOUNDS)
    rows = await connections.get("default").execute_query_dict(
        f"SELECT {outcome} AS outcome, {_bucket_case('duration_ms', milliseconds)} AS bucket, "
        "COUNT(*) AS n, SUM(duration_ms) AS total "
        "FROM webhook_attempts GROUP BY 1, 2"
    )
    by_outcome = dict.fromkeys(WEBHOOK_OUTCOMES, 0)
    for row in rows:
        by_outcome[str(row["outcome"])] += int(row["n"])
    in_ms = _distribution(rows, WEBHOOK_DURATION_BOUNDS)
    return by_outcome, Distribution(in_ms.bounds, in_ms.counts, in_ms.total / 1000)


def _age(since: object, now: datetime) -> float | None:
    if not isinstance(since, datetime):
        return None
    return max(0.0, (now - since).total_seconds())


async def read_figures(queue_name: str, now: datetime | None = None) -> Figures:
    """The installation's figures as of now; `queue_name` picks its workers' heartbeats."""
    now = now or utcnow()
    dialect = str(connections.get("default").capabilities.dialect)
    finished = (
        await JobRun.filter(status__in=FINISHED)
        .annotate(n=Count("id"))
        .group_by("kind", "status")
        .values("kind", "status", "n")
    )
    active = (
        await JobRun.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
        .annotate(n=Count("id"))
        .group_by("status")
        .values("status", "n")
    )
    active_by_status = {JobStatus(row["status"]): int(row["n"]) for row in active}
    last_beat = (
        await WorkerHeartbeat.filter(queue_name=queue_name)
        .order_by("-heartbeat_at")
        .first()
        .values_list("heartbeat_at", flat=True)
    )
    pending_events = Event.filter(dispatched_at__isnull=True)
    oldest_pending = (
        await pending_events.order_by("occurred_at").first().values_list("occurred_at", flat=True)
    )
    escalations = (
        await CaseEscalation.all().annotate(n=Count("id")).group_by("level").values("level", "n")
    )
    attempts, attempt_durations = await _webhook_attempts()
    return Figures(
        job_runs={(_text(row["kind"]), _text(row["status"])): int(row["n"]) for row in finished},
        job_durations=await _job_durations(dialect),
        jobs_queued=active_by_status.get(JobStatus.QUEUED, 0),
        jobs_running=active_by_status.get(JobStatus.RUNNING, 0),
        worker_heartbeat_age_seconds=_age(last_beat, now),
        workers_live=await live_workers(queue_name, now),
        outbox_pending=await pending_events.count(),
        outbox_oldest_pending_age_seconds=_age(oldest_pending, now) or 0.0,
        webhook_attempts=attempts,
        webhook_durations=attempt_durations,
        webhook_deliveries_pending=await WebhookDelivery.filter(
            status=DeliveryStatus.PENDING
        ).count(),
        sla_escalations={int(row["level"]): int(row["n"]) for row in escalations},
    )


def _text(value: object) -> str:
    """An enum column read through `values()` comes back as the enum or as its text."""
    return str(getattr(value, "value", value))
