"""The sweeper every live worker runs (§2 Background work): its own heartbeat, takeover of
runs whose worker died, and re-enqueuing QUEUED runs that are not on the queue."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.clock import utcnow
from domain.jobs.kinds import spec_of
from domain.jobs.models import JobStatus, WorkerHeartbeat
from domain.jobs.services import (
    JobQueuePort,
    dispatch_job_run,
    lapsed_runs,
    queue_id,
    queued_runs_to_check,
    take_over_job_run,
)

log = logging.getLogger("tandem.jobs")

SWEEP_SECONDS = 5.0
# A run enqueued this recently is given time to show up on the queue.
ENQUEUE_GRACE_SECONDS = 5.0
# `tandem worker --check` wants a heartbeat this fresh (§1).
HEALTHY_SECONDS = 30


@dataclass(frozen=True)
class SweepResult:
    taken_over: int = 0
    failed_lost: int = 0
    requeued: int = 0


async def beat(worker_id: str, queue_name: str, started_at: datetime) -> None:
    now = utcnow()
    updated = await WorkerHeartbeat.filter(id=worker_id).update(heartbeat_at=now)
    if not updated:
        await WorkerHeartbeat.create(
            id=worker_id, queue_name=queue_name, started_at=started_at, heartbeat_at=now
        )
    # Rows of workers long gone only clutter the table.
    await WorkerHeartbeat.filter(heartbeat_at__lt=now - timedelta(days=1)).delete()


async def forget_worker(worker_id: str) -> None:
    await WorkerHeartbeat.filter(id=worker_id).delete()


async def live_workers(queue_name: str, now: datetime | None = None) -> int:
    cutoff = (now or utcnow()) - timedelta(seconds=HEALTHY_SECONDS)
    return await WorkerHeartbeat.filter(queue_name=queue_name, heartbeat_at__gte=cutoff).count()


async def sweep(
    queue: JobQueuePort, lease_seconds: int, now: datetime | None = None
) -> SweepResult:
    """One pass. Safe in any number of workers at once: takeovers and enqueues are
    conditional updates, so each lapsed run is taken over once and enqueued once."""
    now = now or utcnow()
    taken_over = failed = requeued = 0
    for run in await lapsed_runs(now, lease_seconds):
        if await take_over_job_run(run):
            taken_over += 1
            log.warning(
                "job run %s: took over after attempt %s lost its worker", run.id, run.attempts
            )
            await dispatch_job_run(run, queue, spec_of(run.kind).function)
        elif run.status == JobStatus.FAILED:
            failed += 1
            log.error("job run %s: FAILED, %s", run.id, run.error)
    for run in await queued_runs_to_check(now, ENQUEUE_GRACE_SECONDS):
        if run.queue_seq and await queue.is_queued(queue_id(run)):
            continue
        if await dispatch_job_run(run, queue, spec_of(run.kind).function):
            requeued += 1
            log.info("job run %s: was QUEUED but not on the queue, enqueued again", run.id)
    return SweepResult(taken_over, failed, requeued)
