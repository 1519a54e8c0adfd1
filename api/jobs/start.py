"""Starting background work from a mutation: the kind's QUEUED JobRun, put on the queue."""

from __future__ import annotations

from strawberry.types import Info

from domain.jobs.kinds import Params, start_job_run
from domain.jobs.models import JobKind, JobRun


async def start_job(info: Info, kind: JobKind, params: Params) -> JobRun:
    """Answers with the run QUEUED even when Redis is away (the sweeper enqueues it later)."""
    return await start_job_run(kind, params, info.context.queue, requested_by=info.context.actor)
