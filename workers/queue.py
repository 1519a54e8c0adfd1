"""Worker-side job plumbing: the one arq function body every job kind shares."""

from __future__ import annotations

from typing import Any

from adapters.queue import JobQueue
from domain.jobs.runner import run_attempt
from domain.settings import get_settings


def job_queue(ctx: dict[str, Any]) -> JobQueue | None:
    """The queue over the worker's own Redis connection (none when called outside arq)."""
    redis = ctx.get("redis")
    return JobQueue(redis, get_settings().queue_name) if redis is not None else None


async def run_job(ctx: dict[str, Any], job_run_id: int, queue_seq: int | None = None) -> str:
    """One attempt at the run, if this queue entry may still claim it (see domain.jobs)."""
    return await run_attempt(
        job_run_id, queue_seq, job_queue(ctx), ctx.get("worker_id") or "worker"
    )
