"""Webhook bench: deliveries per second through the outbox, arq and the delivery code, next
to bare httpx posting the same signed payloads at the same concurrency, interleaved.

Each slice records BENCH_WEBHOOK_EVENTS events (2,000) for one subscription, untimed. A: a
real arq worker in this process (burst mode, max_jobs=BENCH_WEBHOOK_CONCURRENCY, 50)
dispatches and delivers them; timed from enqueueing the dispatcher to the last delivery
recorded. B: one httpx.AsyncClient with as many connections, posting the same events'
signed messages (body and Standard Webhooks headers built per request), as many at once.
The receiver is another process answering 204. A throwaway PostgreSQL database and the
run's Redis keys (see bench/support/harness.py for the variables) are removed afterwards.

    .venv/bin/python bench/webhooks.py   # BENCH_WEBHOOK_SLICES=5
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
import tempfile
import time
from dataclasses import replace
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

# `python bench/webhooks.py` puts bench/ first on the path, where bench/api.py would shadow
# the api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from arq.worker import Worker
from tortoise.transactions import in_transaction

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from adapters.queue import JobQueue, redis_settings
from bench.support.harness import (
    admin_database_url,
    bench_int,
    bench_queue_name,
    bench_redis,
    format_load,
    interleaved,
    load_average,
)
from domain.events import record_event
from domain.outbox.models import Event
from domain.settings import load_settings, override_settings
from domain.webhooks.dispatch import DISPATCH_FUNCTION, DISPATCH_JOB_ID
from domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from domain.webhooks.services import create_subscription
from domain.webhooks.signing import message_body, signed_headers
from workers.settings import worker_settings

EVENTS = bench_int("WEBHOOK_EVENTS", 2000)
CONCURRENCY = bench_int("WEBHOOK_CONCURRENCY", 50)
SLICES = bench_int("WEBHOOK_SLICES", 5)


def _serve(port: Synchronized, received: Synchronized, ready: Any) -> None:  # type: ignore[type-arg]
    """The receiver process: HTTP/1.1 keep-alive, 204 to every request."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                with received.get_lock():
                    received.value += 1
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def serve() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        port.value = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


class Receiver:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._port = context.Value("i", 0)
        self._received = context.Value("q", 0)
        ready = context.Event()
        self.process = context.Process(
            target=_serve, args=(self._port, self._received, ready), daemon=True
        )
        self.process.start()
        if not ready.wait(30):
            raise RuntimeError("the receiver did not start within 30 s")
        self.url = f"http://127.0.0.1:{self._port.value}/hooks"

    @property
    def received(self) -> int:
        return int(self._received.value)

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


async def record_events(number: int) -> list[int]:
    """`number` undispatched events with a payload like a case's; their ids."""
    ids = []
    for start in range(0, number, 500):
        async with in_transaction():
            for n in range(start, min(start + 500, number)):
                event = await record_event(
                    "case.created",
                    {
                        "id": f"Case:{n + 1}",
                        "number": f"CASE-2026-{n + 1:06d}",
                        "subject": "The pump in hall 3 is leaking",
                        "priority": "HIGH",
                        "status": "NEW",
                        "openedAt": "2026-12-02T09:30:00+00:00",
                        "escalationLevel": 0,
                    },
                )
                ids.append(event.id)
    return ids


class Bench:
    def __init__(self, redis_url: str, queue_name: str, receiver: Receiver) -> None:
        self.redis_url = redis_url
        self.queue_name = queue_name
        self.receiver = receiver
        self.last_events: list[int] = []

    async def through_tandem(self, _: int) -> float:
        self.last_events = await record_events(EVENTS)
        before = self.receiver.received
        queue = await JobQueue.connect(self.redis_url, self.queue_name)
        worker = Worker(
            **worker_settings(
                redis_settings(self.redis_url),
                self.queue_name,
                burst=True,
                poll_delay=0.01,
                handle_signals=False,
                cron_jobs=[],
                max_jobs=CONCURRENCY,
            )
        )
        try:
            started = time.perf_counter()
            await queue.enqueue(DISPATCH_FUNCTION, job_id=DISPATCH_JOB_ID)
            await worker.main()
            elapsed = time.perf_counter() - started
        finally:
            await worker.close()
            await queue.close()
        delivered = await WebhookDelivery.filter(
            event_id__in=self.last_events, status=DeliveryStatus.SUCCEEDED
        ).count()
        if delivered != EVENTS or self.receiver.received - before != EVENTS:
            raise SystemExit(
                f"{delivered} deliveries succeeded, {self.receiver.received - before} received, "
                f"of {EVENTS}"
            )
        return EVENTS / elapsed

    async def bare_httpx(self, _: int) -> float:
        subscription = await WebhookSubscription.get()
        events = await Event.filter(id__in=self.last_events).order_by("id")
        before = self.receiver.received
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        pending = iter(events)

        async def sender(http: httpx.AsyncClient) -> None:
            for event in pending:
                body = message_body(event.type, event.occurred_at, event.payload)
                headers = signed_headers(
                    subscription.secret, event.public_id, int(time.time()), body
                )
                response = await http.post(subscription.url, content=body, headers=headers)
                if response.status_code != 204:
                    raise SystemExit(f"the receiver answered {response.status_code}")

        async with httpx.AsyncClient(limits=limits, timeout=10, trust_env=False) as http:
            started = time.perf_counter()
            await asyncio.gather(*(sender(http) for _ in range(CONCURRENCY)))
            elapsed = time.perf_counter() - started
        if self.receiver.received - before != EVENTS:
            raise SystemExit(f"{self.receiver.received - before} received of {EVENTS}")
        return EVENTS / elapsed


async def run(var_dir: Path) -> None:
    admin = admin_database_url()
    queue_name = bench_queue_name("webhooks")
    receiver = Receiver()
    database_url = await create_database(admin, "tandem_bench_webhooks")
    try:
        async with bench_redis(var_dir, queue_name) as redis_url:
            override_settings(
                replace(
                    load_settings(),
                    database_url=database_url,
                    redis_url=redis_url,
                    var_dir=var_dir,
                    queue_name=queue_name,
                    webhook_allow_private=True,
                )
            )
            await init_db(database_url)
            await create_schema_without_migrations(database_url)
            await create_subscription(receiver.url, ["*"])
            bench = Bench(redis_url, queue_name, receiver)
            print(
                f"{EVENTS:,} events a slice, concurrency {CONCURRENCY}, PostgreSQL, "
                f"Redis {redis_url}, receiver in its own process"
            )
            await interleaved(
                "webhook delivery (outbox, arq worker, delivery code)",
                "bare httpx, same signed payloads",
                "deliveries/s",
                bench.through_tandem,
                bench.bare_httpx,
                slices=SLICES,
                higher_is_better=True,
            )
    finally:
        await close_db()
        await drop_database(admin, database_url)
        receiver.stop()


def main() -> None:
    print(f"load average at start: {format_load(load_average())}")
    with tempfile.TemporaryDirectory(prefix="tandem-bench-webhooks-") as path:
        asyncio.run(run(Path(path)))
    print(f"load average at end: {format_load(load_average())}")


if __name__ == "__main__":
    main()
