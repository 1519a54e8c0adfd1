"""SLA escalation jobs: the run a mutation starts, and the scan cron runs on a schedule (§7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from arq import cron

from domain import clock
from domain.jobs.models import JobKind, JobRun
from domain.jobs.services import queue_job_run, report_progress
from domain.service.escalation import escalate_overdue_cases
from domain.settings import get_settings
from workers.queue import run_tracked


async def _escalate(run: JobRun) -> dict[str, Any]:
    raw = run.params.get("as_of")
    as_of = datetime.fromisoformat(raw) if raw else clock.utcnow()

    async def progress(done: int, total: int) -> None:
        await report_progress(run, done, total)

    summary = await escalate_overdue_cases(as_of, on_progress=progress)
    return summary.as_dict()


async def run_sla_escalation(ctx: dict[str, Any], job_run_id: int) -> str:
    """The job `slaEscalationRunStart` enqueues (job id `jobrun:<id>`)."""
    return await run_tracked(job_run_id, _escalate)


async def scan_sla_escalations(ctx: dict[str, Any]) -> str:
    """The scheduled scan: a JobRun of its own, so scheduled runs show up like started ones."""
    run = await queue_job_run(JobKind.SLA_ESCALATION, {"as_of": None}, requested_by="cron")
    return await run_tracked(run.id, _escalate)


def _largest_divisor_up_to(whole: int, limit: int) -> int:
    return max(d for d in range(1, whole + 1) if whole % d == 0 and d <= limit)


def cron_schedule(interval_seconds: int) -> dict[str, set[int] | None]:
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
CRON_JOBS = [
    cron(
        scan_sla_escalations,
        name="sla_escalation_scan",
        **cron_schedule(get_settings().sla_scan_seconds),  # type: ignore[arg-type]
    )
]
