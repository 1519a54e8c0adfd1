"""The reminder scan (§13): the run reminderScanRunStart starts, and the scheduled scan every
TANDEM_REMINDER_SCAN_SECONDS."""

from __future__ import annotations

from typing import Any

from arq.cron import CronJob, cron

from domain.jobs.kinds import ReminderScanParams, start_job_run
from domain.jobs.models import JobKind
from domain.settings import Settings
from workers.queue import job_queue, run_job
from workers.sla import cron_schedule


async def run_reminder_scan(
    ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None
) -> str:
    """The job `reminderScanRunStart` enqueues."""
    return await run_job(ctx, job_run_id, queue_seq)


async def start_reminder_scan(ctx: dict[str, Any]) -> int:
    """The scheduled scan: a run like a started one (durable too); while one is still QUEUED
    or RUNNING the next tick joins it instead of piling up."""
    run = await start_job_run(
        JobKind.REMINDER_SCAN,
        ReminderScanParams(),
        job_queue(ctx),
        requested_by="schedule",
        flight="REMINDER_SCAN:schedule",
    )
    return run.id


FUNCTIONS = [run_reminder_scan]


def cron_jobs(settings: Settings) -> list[CronJob]:
    return [
        cron(
            start_reminder_scan,
            name=f"{settings.queue_name}:reminder_scan",
            unique=True,
            **cron_schedule(settings.reminder_scan_seconds),
        )
    ]
