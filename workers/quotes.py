"""The quote expiry job: the run quoteExpiryRunStart starts, and the hourly scan (§9)."""

from __future__ import annotations

from typing import Any

from arq.cron import CronJob, cron

from domain.jobs.kinds import QuoteExpiryParams, start_job_run
from domain.jobs.models import JobKind
from domain.settings import Settings
from workers.queue import job_queue, run_job


async def run_quote_expiry(
    ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None
) -> str:
    return await run_job(ctx, job_run_id, queue_seq)


async def start_quote_expiry_scan(ctx: dict[str, Any]) -> int:
    """Expires what is past its validity today; a run like a started one (durable too), and
    one still QUEUED or RUNNING is joined instead of doubled."""
    run = await start_job_run(
        JobKind.QUOTE_EXPIRY,
        QuoteExpiryParams(),
        job_queue(ctx),
        requested_by="schedule",
        flight="QUOTE_EXPIRY:schedule",
    )
    return run.id


FUNCTIONS = [run_quote_expiry]


def cron_jobs(settings: Settings) -> list[CronJob]:
    # Hourly, so a quote expires within the hour its last valid day ends in any timezone;
    # named per installation, as arq derives a firing's job id from the name.
    return [
        cron(
            start_quote_expiry_scan,
            name=f"{settings.queue_name}:quote_expiry_scan",
            minute={5},
            second={0},
            unique=True,
        )
    ]
