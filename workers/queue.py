"""Worker-side job plumbing: one tracked JobRun per job, and waking other jobs after commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from domain.jobs.models import JobRun
from domain.jobs.services import execute_job_run


async def run_tracked(
    job_run_id: int, body: Callable[[JobRun], Awaitable[dict[str, Any] | None]]
) -> str:
    """Executes a JobRun's body once; a second delivery of a finished run does nothing."""
    run = await execute_job_run(job_run_id, body)
    return "skipped" if run is None else run.status.value
