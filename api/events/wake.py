"""Wakes the outbox dispatcher after an HTTP request whose use case recorded events."""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send

from adapters.queue import JobQueue
from domain.events import track_recorded_events
from domain.webhooks.dispatch import DISPATCH_FUNCTION, DISPATCH_JOB_ID

log = logging.getLogger("tandem.outbox")


class WakeOutboxDispatcher:
    """ASGI middleware: after the request (its transactions committed), enqueues the
    dispatcher under one fixed job id, so a burst of requests wakes it once."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with track_recorded_events() as recorded:
            try:
                await self.app(scope, receive, send)
            finally:
                if recorded.count:
                    await wake(scope["app"].state.queue)


async def wake(queue: JobQueue | None) -> None:
    if queue is None:
        return
    try:
        await queue.enqueue(DISPATCH_FUNCTION, job_id=DISPATCH_JOB_ID)
    except Exception:
        log.warning("could not wake the outbox dispatcher (its cron catches up)", exc_info=True)
