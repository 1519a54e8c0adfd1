"""The MRP job (started by mrpRunStart) and its nightly run."""

from __future__ import annotations

from datetime import date
from typing import Any

from arq import cron

from domain.clock import today
from domain.jobs.models import JobKind, JobRun
from domain.jobs.services import queue_job_run, report_progress
from domain.manufacturing.mrp import DEFAULT_HORIZON_DAYS, run_mrp
from workers.queue import run_tracked


async def run_mrp_job(ctx: dict[str, Any], job_run_id: int) -> str:
    async def body(run: JobRun) -> dict[str, Any]:
        async def progress(done: int, total: int) -> None:
            await report_progress(run, done, total)

        params = run.params
        as_of = date.fromisoformat(params["as_of"]) if params.get("as_of") else today()
        horizon = int(params.get("horizon_days", DEFAULT_HORIZON_DAYS))
        mrp_run = await run_mrp(as_of, horizon, job_run_id=run.id, progress=progress)
        return {
            "mrp_run_id": mrp_run.id,
            "items_planned": mrp_run.items_planned,
            "exceptions": len(mrp_run.exceptions),
        }

    return await run_tracked(job_run_id, body)


async def nightly_mrp(ctx: dict[str, Any]) -> str:
    """Plans from today over the default horizon, tracked as a JobRun like a started run."""
    run = await queue_job_run(
        JobKind.MRP,
        {"as_of": today(), "horizon_days": DEFAULT_HORIZON_DAYS},
        requested_by="cron",
    )
    return await run_mrp_job(ctx, run.id)


FUNCTIONS = [run_mrp_job]
CRON_JOBS = [cron(nightly_mrp, hour={2}, minute={15}, unique=True, run_at_startup=False)]
