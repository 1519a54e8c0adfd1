"""The outbox dispatcher job and cron, waking it after jobs that recorded events, and
publishing events and JobRun changes on Redis pub/sub (for GraphQL subscriptions)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix
from arq.cron import CronJob, cron
from arq.worker import func

from adapters import pubsub
from domain.clock import utcnow
from domain.events import track_recorded_events
from domain.jobs.models import JobRun
from domain.jobs.services import on_job_run_change
from domain.outbox.models import Event
from domain.settings import Settings, get_settings
from domain.webhooks.broadcast import EVENTS, JOB_RUNS, event_message, job_run_message
from domain.webhooks.dispatch import (
    DELIVER_FUNCTION,
    DISPATCH_FUNCTION,
    DISPATCH_JOB_ID,
    DueAttempt,
    dispatch_events,
    overdue_attempts,
)

log = logging.getLogger("tandem.outbox")

# The running job's Redis connection, for listeners called deep inside domain code.
_job_redis: ContextVar[ArqRedis | None] = ContextVar("job_redis", default=None)
CRON_SECONDS = set(range(0, 60, 5))


def _full_id(job_id: str) -> str:
    # The same namespacing as adapters.queue.JobQueue, so the API and the workers agree on ids.
    return f"{get_settings().queue_name}:{job_id}"


async def enqueue(redis: ArqRedis, function: str, *args: Any, job_id: str, **options: Any) -> bool:
    """False when a job with this id is already queued (or its result is kept)."""
    job = await redis.enqueue_job(
        function,
        *args,
        _job_id=_full_id(job_id),
        _queue_name=get_settings().queue_name,
        **options,
    )
    return job is not None


async def schedule_attempts(redis: ArqRedis, attempts: Iterable[DueAttempt]) -> int:
    """Enqueues each attempt at its due time; returns how many jobs were new."""
    added = 0
    for attempt in attempts:
        added += await enqueue(
            redis,
            DELIVER_FUNCTION,
            attempt.delivery_id,
            attempt.attempt,
            job_id=attempt.job_id,
            _defer_until=attempt.due,
        )
    return added


async def publish_events(redis: ArqRedis, events: Iterable[Event]) -> None:
    await pubsub.publish(
        redis, get_settings().queue_name, EVENTS, [event_message(e) for e in events]
    )


async def _rescue(redis: ArqRedis, overdue: list[DueAttempt]) -> int:
    """Re-enqueues late attempts. An attempt whose job sits 'in progress' on a worker that
    died before leasing it gets a second job under its own id (the lease makes that safe)."""
    rescued = 0
    for attempt in overdue:
        if await schedule_attempts(redis, [attempt]):
            rescued += 1
        elif attempt.rescue is None and await redis.exists(
            in_progress_key_prefix + _full_id(attempt.job_id)
        ):
            stamp = f"stuck{int(attempt.due.timestamp() * 1000)}"
            replacement = DueAttempt(attempt.delivery_id, attempt.attempt, utcnow(), stamp)
            rescued += await schedule_attempts(redis, [replacement])
    return rescued


async def dispatch_outbox(ctx: dict[str, Any]) -> dict[str, int]:
    """Turns every undispatched event into deliveries (batch after batch), then re-enqueues
    attempts that were lost. Safe to run anywhere, any number of times, concurrently."""
    redis: ArqRedis = ctx["redis"]
    events = deliveries = 0
    while True:
        batch = await dispatch_events()
        if not batch.events:
            break
        events += len(batch.events)
        deliveries += await schedule_attempts(redis, batch.attempts)
        try:
            await publish_events(redis, batch.events)
        except Exception:
            # Subscriptions are live views; webhooks, the durable path, are already queued.
            log.exception("could not publish %d events", len(batch.events))
    rescued = await _rescue(redis, await overdue_attempts())
    return {"events": events, "deliveries": deliveries, "rescued": rescued}


async def wake_dispatcher(redis: ArqRedis) -> None:
    """Enqueues the dispatcher under one fixed id, so a burst of commits coalesces."""
    try:
        await enqueue(redis, DISPATCH_FUNCTION, job_id=DISPATCH_JOB_ID)
    except Exception:
        log.exception("could not wake the outbox dispatcher (the cron will catch up)")


async def job_started(ctx: dict[str, Any]) -> None:
    """arq on_job_start: notes the events the job records and its Redis for publishing."""
    tracking = track_recorded_events()
    ctx["recorded_events"] = (tracking, tracking.__enter__(), _job_redis.set(ctx["redis"]))


async def job_ended(ctx: dict[str, Any]) -> None:
    """arq on_job_end: wakes the dispatcher when the job recorded events."""
    tracking, recorded, token = ctx.pop("recorded_events")
    tracking.__exit__(None, None, None)
    _job_redis.reset(token)
    if recorded.count:
        await wake_dispatcher(ctx["redis"])


async def publish_job_run(run: JobRun) -> None:
    """Streams JobRun changes made inside a job to `jobRunUpdated` subscribers."""
    redis = _job_redis.get()
    if redis is None:
        return
    try:
        await pubsub.publish(redis, get_settings().queue_name, JOB_RUNS, [job_run_message(run)])
    except Exception:
        # A live view only: the JobRun row stays the truth, readable with jobRun(id:).
        log.warning("could not publish the change of job run %s", run.id, exc_info=True)


on_job_run_change(publish_job_run)

FUNCTIONS = [func(dispatch_outbox, keep_result=0)]


def cron_jobs(settings: Settings) -> list[CronJob]:
    return [cron(dispatch_outbox, second=CRON_SECONDS, run_at_startup=True, keep_result=0)]
