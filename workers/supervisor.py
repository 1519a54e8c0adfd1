"""The `tandem worker` process: an arq Worker supervised forever, beside the sweeper.

arq's Worker returns or raises when its Redis connection drops (arq#435, #498) and its
`conn_retries` cover only the first connect, so the process recreates it with backoff
instead of exiting. The sweeper and the worker heartbeat run on their own connections, so
they go on while Redis is away (and the jobs already running finish in the database).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import socket
from typing import Any

from arq.worker import Worker

from adapters.database import close_db, init_db
from adapters.queue import JobQueue, redis_settings
from domain.clock import utcnow
from domain.jobs.sweeper import SWEEP_SECONDS, beat, forget_worker, live_workers, sweep
from domain.settings import Settings
from workers.settings import worker_settings

log = logging.getLogger("tandem.worker")

MAX_BACKOFF_SECONDS = 5.0


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _connect_database(settings: Settings, stop: asyncio.Event) -> None:
    delay = 0.5
    while not stop.is_set():
        try:
            await init_db(settings.database_url, global_fallback=True)
            return
        except Exception as exc:
            log.warning("database not reachable (%s); retrying in %.1f s", exc, delay)
            await _pause(stop, delay)
            delay = min(MAX_BACKOFF_SECONDS, delay * 2)


async def _sweep_forever(settings: Settings, worker_id: str, stop: asyncio.Event) -> None:
    """Heartbeat and sweep every few seconds; each failure is logged and tried again."""
    assert settings.redis_url
    started_at = utcnow()
    queue: JobQueue | None = None
    while not stop.is_set():
        try:
            await beat(worker_id, settings.queue_name, started_at)
            if queue is None:
                queue = await JobQueue.connect(settings.redis_url, settings.queue_name)
            result = await sweep(queue, settings.job_lease_seconds)
            if result.taken_over or result.requeued or result.failed_lost:
                log.info("sweep: %s", result)
        except Exception as exc:
            log.warning("sweep failed (%s: %s); trying again", type(exc).__name__, exc)
        await _pause(stop, SWEEP_SECONDS)
    if queue is not None:
        with contextlib.suppress(Exception):
            await queue.close()


async def _close_quietly(worker: Worker) -> None:
    try:
        async with asyncio.timeout(10):
            await worker.close()
    except Exception as exc:
        log.info("closing the arq worker: %s", exc)


async def _run_arq_forever(
    settings: Settings, worker_id: str, stop: asyncio.Event, **overrides: Any
) -> None:
    assert settings.redis_url
    delay = 0.5
    running: list[asyncio.Task[Any]] = []
    while not stop.is_set():
        worker = Worker(
            **worker_settings(
                redis_settings(settings.redis_url),
                settings.queue_name,
                handle_signals=False,
                ctx={"worker_id": worker_id},
                **overrides,
            )
        )
        main = asyncio.ensure_future(worker.main())
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({main, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if stop.is_set():
            worker.handle_sig(signal.SIGTERM)  # cancels its jobs: they hand their runs back
            main.cancel()
            with contextlib.suppress(BaseException):
                await main
            await _close_quietly(worker)
            break
        error = main.exception() if not main.cancelled() else None
        if error is None:
            delay = 0.5
        log.warning(
            "the arq worker stopped (%s); reconnecting to Redis in %.1f s",
            f"{type(error).__name__}: {error}" if error else "returned",
            delay,
        )
        # Jobs already running go on against the database; they are awaited at shutdown.
        running.extend(task for task in worker.tasks.values() if not task.done())
        await _pause(stop, delay)
        delay = min(MAX_BACKOFF_SECONDS, delay * 2)
    for task in running:
        task.cancel()
    if running:
        await asyncio.gather(*running, return_exceptions=True)


async def supervise(settings: Settings, **overrides: Any) -> None:
    """Runs until SIGTERM/SIGINT, whatever happens to Redis or the database meanwhile."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    worker_id = new_worker_id()
    await _connect_database(settings, stop)
    if stop.is_set():
        return
    log.info("worker %s started on queue %s", worker_id, settings.queue_name)
    try:
        await asyncio.gather(
            _sweep_forever(settings, worker_id, stop),
            _run_arq_forever(settings, worker_id, stop, **overrides),
        )
    finally:
        with contextlib.suppress(Exception):
            await forget_worker(worker_id)
        await close_db()


async def check_workers(settings: Settings) -> bool:
    """`tandem worker --check`: a worker of this installation beat within 30 s."""
    await init_db(settings.database_url)
    try:
        return await live_workers(settings.queue_name) > 0
    finally:
        await close_db()
