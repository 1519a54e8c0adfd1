"""The account-figures job: the smallest job that proves API → Redis → worker → database."""

from __future__ import annotations

from typing import Any

from workers.queue import run_job


async def refresh_account_figures(
    ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None
) -> str:
    return await run_job(ctx, job_run_id, queue_seq)


FUNCTIONS = [refresh_account_figures]
