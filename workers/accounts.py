"""The account-figures job: the smallest job that proves API → Redis → worker → database."""

from __future__ import annotations

from typing import Any

from domain.accounts.figures import compute_account_figures
from domain.jobs.models import JobRun
from workers.queue import run_tracked


async def refresh_account_figures(ctx: dict[str, Any], job_run_id: int) -> str:
    async def body(run: JobRun) -> dict[str, Any]:
        return await compute_account_figures(int(run.params["account_id"]))

    return await run_tracked(job_run_id, body)


FUNCTIONS = [refresh_account_figures]
CRON_JOBS: list[Any] = []
