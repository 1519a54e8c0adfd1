"""The IMPORT and EXPORT jobs (§14): started by importRunStart and exportRunStart."""

from __future__ import annotations

from typing import Any

from workers.queue import run_job


async def run_import(ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None) -> str:
    return await run_job(ctx, job_run_id, queue_seq)


async def run_export(ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None) -> str:
    return await run_job(ctx, job_run_id, queue_seq)


FUNCTIONS = [run_import, run_export]
