"""SLA escalation jobs: the run a mutation starts, and the scan cron runs on a schedule (§7)."""

from __future__ import annotations

from typing import Any, TypedDict

from arq.cron import CronJob, cron

from domain.jobs.kinds import SlaEscalationParams, start_job_run
from domain.jobs.models import JobKind
from domain.settings import Settings
from workers.queue import job_queue, run_job


async def run_sla_escalation(
    ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None
) -> str:
    """The job `slaEscalationRunStart` enqueues."""
    return await run_job(ctx, job_run_id, queue_seq)


async def start_sla_scan(ctx: dict[str, Any]) -> int:
    """The scheduled scan: a run like a started one; while one is still QUEUED or RUNNING
    the next tick joins it instead of piling up."""
    run = await start_job_run(
        JobKind.SLA_ESCALATION,
        SlaEscalationParams(),
        job_queue(ctx),
        requested_by="schedule",
        flight="SLA_ESCALATION:schedule",
    )
    return run.id


def _largest_divisor_up_to(whole: int, limit: int) -> int:
    return max(d for d in range(1, whole + 1) if whole % d == 0 and d <= limit)


class CronFields(TypedDict):
    """The clock positions arq's `cron()` fires at; None is every position."""

    second: set[int]
    minute: set[int] | None
    hour: set[int] | None


def cron_schedule(interval_seconds: int) -> CronFields:
    """arq `cron()` fields for a scan every `interval_seconds`.

    cron fields are sets of clock positions, so an interval that does not divide the minute
    (hour, day) is rounded down to one that does: the scan never runs less often than asked.
    """
    if interval_seconds < 1:
        raise ValueError("TANDEM_SLA_SCAN_SECONDS must be at least 1.")
    if interval_seconds < 60:
        step = _largest_divisor_up_to(60, interval_seconds)
        return {"second": set(range(0, 60, step)), "minute": None, "hour": None}
    if interval_seconds < 3600:
        step = _largest_divisor_up_to(60, interval_seconds // 60)
        return {"second": {0}, "minute": set(range(0, 60, step)), "hour": None}
    if interval_seconds < 86400:
        step = _largest_divisor_up_to(24, interval_seconds // 3600)
        return {"second": {0}, "minute": {0}, "hour": set(range(0, 24, step))}
    return {"second": {0}, "minute": {0}, "hour": {0}}


FUNCTIONS = [run_sla_escalation]


def cron_jobs(settings: Settings) -> list[CronJob]:
    return [
        cron(
            start_sla_scan,
            name=f"{settings.queue_name}:sla_escalation_scan",
            unique=True,
            **cron_schedule(settings.sla_scan_seconds),
        )
    ]
