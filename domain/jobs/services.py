"""The JobRun life cycle: QUEUED → RUNNING → SUCCEEDED | FAILED, re-entrant for arq retries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from domain.clock import utcnow
from domain.errors import DomainError, not_found
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.jsonable import jsonable

FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)

# Called after every committed status or progress change; the API layer subscribes to
# publish `jobRunUpdated`, without the domain knowing about Redis or GraphQL.
JobRunListener = Callable[[JobRun], Awaitable[None]]
_listeners: list[JobRunListener] = []


def on_job_run_change(listener: JobRunListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


async def _notify(run: JobRun) -> None:
    for listener in _listeners:
        await listener(run)


async def queue_job_run(
    kind: JobKind, params: dict[str, Any] | None = None, requested_by: str | None = None
) -> JobRun:
    run = await JobRun.create(kind=kind, params=jsonable(params or {}), requested_by=requested_by)
    await _notify(run)
    return run


async def get_job_run(job_run_id: int) -> JobRun:
    run = await JobRun.get_or_none(id=job_run_id)
    if run is None:
        raise not_found("JobRun", job_run_id)
    return run


async def begin_job_run(job_run_id: int) -> JobRun | None:
    """Marks the run RUNNING; None when it already finished (a duplicate delivery by arq)."""
    run = await get_job_run(job_run_id)
    if run.status in FINISHED:
        return None
    run.status = JobStatus.RUNNING
    run.attempts += 1
    run.started_at = run.started_at or utcnow()
    await run.save(update_fields=["status", "attempts", "started_at"])
    await _notify(run)
    return run


async def report_progress(run: JobRun, done: int, total: int) -> None:
    progress = 1.0 if total <= 0 else min(1.0, done / total)
    # Writes at most every whole percent: progress is for humans, not an audit trail.
    if int(progress * 100) == int(run.progress * 100) and progress < 1.0:
        return
    run.progress = progress
    await run.save(update_fields=["progress"])
    await _notify(run)


async def finish_job_run(run: JobRun, result: dict[str, Any] | None) -> None:
    run.status = JobStatus.SUCCEEDED
    run.progress = 1.0
    run.result = jsonable(result) if result is not None else None
    run.error = None
    run.finished_at = utcnow()
    await run.save(update_fields=["status", "progress", "result", "error", "finished_at"])
    await _notify(run)


async def fail_job_run(run: JobRun, error: str) -> None:
    run.status = JobStatus.FAILED
    run.error = error
    run.finished_at = utcnow()
    await run.save(update_fields=["status", "error", "finished_at"])
    await _notify(run)


async def execute_job_run(
    job_run_id: int,
    body: Callable[[JobRun], Awaitable[dict[str, Any] | None]],
) -> JobRun | None:
    """Runs `body` for a queued JobRun and records the outcome.

    A DomainError (a business refusal such as BOM_CYCLE) fails the run with its code and
    message and is not retried; any other exception is recorded and re-raised so that the
    worker's retry policy applies.
    """
    run = await begin_job_run(job_run_id)
    if run is None:
        return None
    try:
        result = await body(run)
    except DomainError as exc:
        await fail_job_run(run, f"{exc.code.value}: {exc.message}")
        return run
    except Exception as exc:
        await fail_job_run(run, f"{type(exc).__name__}: {exc}")
        raise
    await finish_job_run(run, result)
    return run
