"""Starting background work from a mutation: a QUEUED JobRun plus its arq job, by name."""

from __future__ import annotations

import logging
from typing import Any

from strawberry.types import Info

from domain.jobs.models import JobKind, JobRun
from domain.jobs.services import fail_job_run, queue_job_run

log = logging.getLogger("tandem.jobs")


async def start_job(info: Info, kind: JobKind, function: str, params: dict[str, Any]) -> JobRun:
    """The JobRun is committed before the job is enqueued, so the worker always finds it."""
    run = await queue_job_run(kind, params, requested_by=info.context.actor)
    queue = info.context.queue
    try:
        if queue is None:
            raise RuntimeError("no job queue is configured")
        await queue.enqueue(function, run.id, job_id=f"jobrun:{run.id}")
    except Exception as exc:
        await fail_job_run(run, f"QUEUE_UNAVAILABLE: {exc}")
        log.exception("could not enqueue %s for job run %s", function, run.id)
    return run
