"""The JobRun life cycle (§2 Background work): QUEUED → RUNNING → SUCCEEDED | FAILED |
CANCELLED, with leases, fenced writes, retries and cancellation.

The database row is the truth; the queue only carries "run number N may be claimed now".
Every write an attempt makes after claiming is fenced on (status RUNNING, its attempt
number), so an attempt whose lease lapsed and was taken over can no longer change the run.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from domain.actor import current_actor
from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.jsonable import jsonable
from domain.settings import get_settings

log = logging.getLogger("tandem.jobs")

FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
# A start answers within 5 s even when Redis hangs (§2); the sweeper enqueues it later.
ENQUEUE_TIMEOUT_SECONDS = 3.0
# How often a running attempt reads its row for a cancel request or a lost lease.
CHECKPOINT_READ_SECONDS = 1.0


class JobQueuePort(Protocol):
    """What the life cycle needs of the queue (adapters.queue.JobQueue)."""

    async def enqueue(
        self, function: str, *args: Any, job_id: str, defer_until: datetime | None = None
    ) -> bool: ...

    async def is_queued(self, job_id: str) -> bool: ...


class JobCancelled(Exception):
    """Raised at a checkpoint once `jobRunCancel` asked a RUNNING run to stop."""


class LeaseLost(Exception):
    """Raised at a checkpoint when another worker took the run over (this lease lapsed)."""


# Called after every committed status or progress change; the worker subscribes to
# publish `jobRunUpdated`, without the domain knowing about Redis or GraphQL.
JobRunListener = Callable[[JobRun], Awaitable[None]]
_listeners: list[JobRunListener] = []


def on_job_run_change(listener: JobRunListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


async def _notify(run: JobRun) -> None:
    for listener in _listeners:
        await listener(run)


def queue_id(run: JobRun) -> str:
    """The queue entry of the run's current enqueue: unique across databases (the token)
    and across retries (the sequence number), so no stale Redis key can swallow it."""
    return f"jobrun:{run.id}:{run.token}:{run.queue_seq}"


async def queue_job_run(
    kind: JobKind,
    params: dict[str, Any] | None = None,
    requested_by: str | None = None,
    *,
    flight: str | None = None,
) -> tuple[JobRun, bool]:
    """A new QUEUED run, or — for a single-flight key — the run already QUEUED or RUNNING
    under it. Returns (run, created). The run remembers the current actor (domain.actor)."""
    actor = current_actor()
    while True:
        try:
            run = await JobRun.create(
                kind=kind,
                params=jsonable(params or {}),
                requested_by=requested_by,
                actor_token_id=actor.token_id if actor else None,
                actor_user_id=actor.user_id if actor else None,
                max_attempts=get_settings().job_max_attempts,
                token=secrets.token_hex(8),
                flight=flight,
            )
        except IntegrityError:
            existing = await JobRun.get_or_none(flight=flight)
            if existing is not None:
                return existing, False
            continue  # the holder finished between our insert and our read: try again
        await _notify(run)
        return run, True


async def dispatch_job_run(run: JobRun, queue: JobQueuePort | None, function: str) -> bool:
    """Puts the QUEUED run on the queue under a fresh queue id; False when that did not
    happen (no queue, Redis down, refused id): the run stays QUEUED for the sweeper."""
    seq = run.queue_seq
    moved = await JobRun.filter(id=run.id, status=JobStatus.QUEUED, queue_seq=seq).update(
        queue_seq=seq + 1, enqueued_at=utcnow()
    )
    if not moved:
        return False  # someone else enqueued it (another sweeper) or it started meanwhile
    run.queue_seq = seq + 1
    if queue is None:
        log.warning("job run %s stays QUEUED: no job queue is configured", run.id)
        return False
    try:
        async with asyncio.timeout(ENQUEUE_TIMEOUT_SECONDS):
            accepted = await queue.enqueue(
                function, run.id, run.queue_seq, job_id=queue_id(run), defer_until=run.not_before
            )
    except Exception as exc:
        log.warning(
            "job run %s stays QUEUED until the queue answers (%s: %s)",
            run.id,
            type(exc).__name__,
            exc,
        )
        return False
    if not accepted:
        log.error("the queue refused job id %s of job run %s", queue_id(run), run.id)
    return accepted


async def get_job_run(job_run_id: int) -> JobRun:
    run = await JobRun.get_or_none(id=job_run_id)
    if run is None:
        raise not_found("JobRun", job_run_id)
    return run


async def claim_job_run(job_run_id: int, queue_seq: int | None, worker_id: str) -> JobRun | None:
    """Marks the run RUNNING for a new attempt; None when this queue entry is stale (the run
    finished, runs elsewhere, was re-enqueued under a newer number, or waits for its backoff)."""
    now = utcnow()
    query = JobRun.filter(id=job_run_id, status=JobStatus.QUEUED)
    if queue_seq is not None:
        query = query.filter(queue_seq=queue_seq)
    candidates = await query.values("attempts", "not_before", "started_at")
    if not candidates:
        return None
    before = candidates[0]
    if before["not_before"] is not None and before["not_before"] > now + timedelta(seconds=1):
        return None
    claimed = await query.filter(attempts=before["attempts"]).update(
        status=JobStatus.RUNNING,
        attempts=before["attempts"] + 1,
        heartbeat_at=now,
        worker_id=worker_id,
        not_before=None,
        started_at=before["started_at"] or now,
    )
    if not claimed:
        return None
    run = await JobRun.get(id=job_run_id)
    await _notify(run)
    return run


async def _update_attempt(run: JobRun, **changes: Any) -> bool:
    """Writes `changes` only while `run` is still this attempt's; True when it did."""
    written = await JobRun.filter(
        id=run.id, status=JobStatus.RUNNING, attempts=run.attempts
    ).update(**changes)
    if written:
        for name, value in changes.items():
            setattr(run, name, value)
        await _notify(run)
    return bool(written)


async def renew_lease(run: JobRun) -> bool:
    """The heartbeat; False once the run is no longer this attempt's."""
    written = await JobRun.filter(
        id=run.id, status=JobStatus.RUNNING, attempts=run.attempts
    ).update(heartbeat_at=utcnow())
    return bool(written)


@dataclass
class _Attempt:
    run: JobRun
    last_read: float = field(default_factory=time.monotonic)
    lost: bool = False


_attempt: ContextVar[_Attempt | None] = ContextVar("job_attempt", default=None)


def bind_attempt(run: JobRun) -> Callable[[], None]:
    """Makes `run` the current attempt for checkpoints; returns the undo."""
    token = _attempt.set(_Attempt(run))
    return lambda: _attempt.reset(token)


def mark_lease_lost(run: JobRun) -> None:
    attempt = _attempt.get()
    if attempt is not None and attempt.run is run:
        attempt.lost = True


async def checkpoint(run: JobRun) -> None:
    """Where a body may stop (per order, per case…): raises JobCancelled after a cancel
    request and LeaseLost after a takeover. Reads the row at most once a second."""
    attempt = _attempt.get()
    if attempt is None or attempt.run is not run:
        return
    if attempt.lost:
        raise LeaseLost(f"job run {run.id} was taken over")
    now = time.monotonic()
    if now - attempt.last_read < CHECKPOINT_READ_SECONDS:
        return
    attempt.last_read = now
    rows = await JobRun.filter(id=run.id).values("status", "attempts", "cancel_requested")
    if not rows or rows[0]["status"] != JobStatus.RUNNING or rows[0]["attempts"] != run.attempts:
        attempt.lost = True
        raise LeaseLost(f"job run {run.id} was taken over")
    if rows[0]["cancel_requested"]:
        raise JobCancelled(f"job run {run.id} was cancelled")


async def report_progress(run: JobRun, done: int, total: int) -> None:
    """A checkpoint that also records the fraction done."""
    await checkpoint(run)
    progress = 1.0 if total <= 0 else min(1.0, done / total)
    # Writes at most every whole percent: progress is for humans, not an audit trail.
    if int(progress * 100) == int(run.progress * 100) and progress < 1.0:
        return
    await _update_attempt(run, progress=progress)


async def finish_job_run(run: JobRun, result: dict[str, Any] | None) -> bool:
    return await _update_attempt(
        run,
        status=JobStatus.SUCCEEDED,
        progress=1.0,
        result=jsonable(result) if result is not None else None,
        error=None,
        finished_at=utcnow(),
        flight=None,
        heartbeat_at=None,
    )


async def fail_job_run(run: JobRun, error: str) -> bool:
    return await _update_attempt(
        run, status=JobStatus.FAILED, error=error, finished_at=utcnow(), flight=None
    )


async def cancel_running_job_run(run: JobRun) -> bool:
    """The body stopped at a checkpoint after a cancel request: what it did stays done."""
    return await _update_attempt(
        run, status=JobStatus.CANCELLED, finished_at=utcnow(), flight=None, heartbeat_at=None
    )


def retry_delay(attempt: int, lease_seconds: int) -> timedelta:
    """Backoff before the next try: 1 s, 2 s, 4 s … at most one lease."""
    return timedelta(seconds=min(lease_seconds, 2 ** max(0, attempt - 1)))


async def retry_or_fail_job_run(run: JobRun, error: str) -> bool:
    """After a failed attempt: QUEUED again after a backoff while attempts remain, else
    FAILED with the last error. True when the run is to be enqueued again."""
    if run.attempts >= run.max_attempts:
        await fail_job_run(run, error)
        return False
    delay = retry_delay(run.attempts, get_settings().job_lease_seconds)
    return await _update_attempt(
        run,
        status=JobStatus.QUEUED,
        error=error,
        not_before=utcnow() + delay,
        heartbeat_at=None,
        worker_id=None,
    )


async def release_job_run(run: JobRun) -> bool:
    """The worker is stopping: the run goes back to QUEUED at once (no lease to wait for)."""
    return await _update_attempt(run, status=JobStatus.QUEUED, heartbeat_at=None, worker_id=None)


async def cancel_job_run(job_run_id: int) -> JobRun:
    """`jobRunCancel`: a QUEUED run is CANCELLED now; a RUNNING one at its next checkpoint."""
    run = await get_job_run(job_run_id)
    if run.status == JobStatus.QUEUED:
        cancelled = await JobRun.filter(id=run.id, status=JobStatus.QUEUED).update(
            status=JobStatus.CANCELLED, finished_at=utcnow(), flight=None, cancel_requested=True
        )
        if not cancelled:
            return await cancel_job_run(job_run_id)  # it started meanwhile
    elif run.status == JobStatus.RUNNING:
        await JobRun.filter(id=run.id, status=JobStatus.RUNNING).update(cancel_requested=True)
    else:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Job run {run.id} is {run.status.value} and can no longer be cancelled.",
            "id",
        )
    run = await get_job_run(job_run_id)
    await _notify(run)
    return run


async def lapsed_runs(now: datetime, lease_seconds: int, limit: int = 500) -> list[JobRun]:
    return (
        await JobRun.filter(
            status=JobStatus.RUNNING, heartbeat_at__lt=now - timedelta(seconds=lease_seconds)
        )
        .order_by("id")
        .limit(limit)
    )


async def take_over_job_run(run: JobRun) -> bool:
    """A lapsed attempt's run: QUEUED again, or FAILED with WORKER_LOST after the last
    attempt. True when it is to be enqueued again."""
    lost = (
        f"WORKER_LOST: attempt {run.attempts} of {run.max_attempts} stopped renewing its lease"
        + (f" (worker {run.worker_id})" if run.worker_id else "")
    )
    if run.attempts >= run.max_attempts:
        await fail_job_run(run, lost)
        return False
    return await _update_attempt(
        run, status=JobStatus.QUEUED, error=lost, heartbeat_at=None, worker_id=None
    )


async def queued_runs_to_check(
    now: datetime, grace_seconds: float, limit: int = 500
) -> list[JobRun]:
    """QUEUED runs whose last enqueue (or creation, if none ever succeeded) is old enough
    that their entry should be visible on the queue."""
    cutoff = now - timedelta(seconds=grace_seconds)
    return (
        await JobRun.filter(status=JobStatus.QUEUED)
        .filter(
            Q(enqueued_at__lt=cutoff) | Q(enqueued_at__isnull=True, created_at__lt=cutoff)
        )
        .order_by("id")
        .limit(limit)
    )
