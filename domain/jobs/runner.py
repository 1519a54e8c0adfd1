"""One attempt at a JobRun inside a worker: claim, renew the lease while the body runs,
record the outcome (§2 Background work)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from domain.actor import Actor, acting_as
from domain.errors import DomainError
from domain.jobs.kinds import spec_of
from domain.jobs.models import JobRun
from domain.jobs.services import (
    JobCancelled,
    JobQueuePort,
    LeaseLost,
    bind_attempt,
    cancel_running_job_run,
    claim_job_run,
    dispatch_job_run,
    fail_job_run,
    finish_job_run,
    mark_lease_lost,
    release_job_run,
    renew_lease,
    retry_or_fail_job_run,
)
from domain.settings import get_settings

log = logging.getLogger("tandem.jobs")


async def _keep_lease(run: JobRun, interval: float) -> None:
    """Renews the lease every `interval` seconds until cancelled; a failed renewal (the
    database is away) is tried again, a refused one means another worker took over."""
    while True:
        await asyncio.sleep(interval)
        try:
            if not await renew_lease(run):
                mark_lease_lost(run)
                return
        except Exception as exc:
            log.warning("could not renew the lease of job run %s: %s", run.id, exc)


async def run_attempt(
    job_run_id: int, queue_seq: int | None, queue: JobQueuePort | None, worker_id: str
) -> str:
    """Runs one attempt of the run if this queue entry may claim it; returns what happened
    ("skipped", the final status, "retrying", "lost", "released")."""
    run = await claim_job_run(job_run_id, queue_seq, worker_id)
    if run is None:
        return "skipped"
    spec = spec_of(run.kind)
    lease_seconds = get_settings().job_lease_seconds
    keeper = asyncio.create_task(_keep_lease(run, lease_seconds / 4))
    unbind = bind_attempt(run)
    try:
        # What the body records is recorded as done by whoever started the run (the audit).
        with acting_as(Actor(run.actor_token_id, run.actor_user_id)):
            result = await spec.body(run)
    except JobCancelled:
        await cancel_running_job_run(run)
        return "CANCELLED"
    except LeaseLost:
        log.warning("job run %s: attempt %s lost its lease, stopping", run.id, run.attempts)
        return "lost"
    except DomainError as exc:
        await fail_job_run(run, f"{exc.code.value}: {exc.message}")
        return "FAILED"
    except asyncio.CancelledError:
        # The worker is stopping: hand the run back now rather than after its lease.
        with contextlib.suppress(Exception):
            async with asyncio.timeout(5):
                if await release_job_run(run):
                    await dispatch_job_run(run, queue, spec.function)
        raise
    except Exception as exc:
        log.exception("job run %s: attempt %s failed", run.id, run.attempts)
        if await retry_or_fail_job_run(run, f"{type(exc).__name__}: {exc}"):
            await dispatch_job_run(run, queue, spec.function)
            return "retrying"
        return run.status.value
    finally:
        unbind()
        keeper.cancel()
    if not await finish_job_run(run, result):
        log.warning("job run %s: attempt %s finished after a takeover", run.id, run.attempts)
        return "lost"
    return "SUCCEEDED"
