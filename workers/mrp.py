"""The MRP job (started by mrpRunStart) and its nightly run."""

from __future__ import annotations

from typing import Any

from arq.cron import CronJob, cron

from domain.clock import today
from domain.jobs.kinds import MrpParams, start_job_run
from domain.jobs.models import JobKind
from domain.settings import Settings
from workers.queue import job_queue, run_job


async def run_mrp_job(ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None) -> str:
    return await run_job(ctx, job_run_id, queue_seq)


async def start_nightly_mrp(ctx: dict[str, Any]) -> int:
    """Plans from today over the default horizon; single flight like a started run."""
    run = await start_job_run(
        JobKind.MRP, MrpParams(today()), job_queue(ctx), requested_by="schedule"
    )
    return run.id


FUNCTIONS = [run_mrp_job]


def cron_jobs(settings: Settings) -> list[CronJob]:
    return [
        cron(
            start_nightly_mrp,
            name=f"{settings.queue_name}:nightly_mrp",
            hour={2},
            minute={15},
            second={0},
            unique=True,
        )
    ]
