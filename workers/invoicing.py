"""The invoicing job: an INVOICING JobRun started by invoiceRunStart, and the daily run."""

from __future__ import annotations

from typing import Any

from arq.cron import CronJob, cron

from domain.clock import today
from domain.jobs.kinds import InvoicingParams, start_job_run
from domain.jobs.models import JobKind
from domain.settings import Settings
from workers.queue import job_queue, run_job


async def run_invoicing(ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None) -> str:
    return await run_job(ctx, job_run_id, queue_seq)


async def start_daily_invoicing(ctx: dict[str, Any]) -> int:
    """Every invoiceable order, issued today; a run like a requested one (durable too)."""
    run = await start_job_run(
        JobKind.INVOICING,
        InvoicingParams(today()),
        job_queue(ctx),
        requested_by="schedule",
        flight="INVOICING:schedule",
    )
    return run.id


FUNCTIONS = [run_invoicing]


def cron_jobs(settings: Settings) -> list[CronJob]:
    # Named per installation: arq derives a scheduled firing's job id from the name.
    return [
        cron(
            start_daily_invoicing,
            name=f"{settings.queue_name}:daily_invoicing",
            hour={2},
            minute={0},
            second={0},
            unique=True,
        )
    ]
