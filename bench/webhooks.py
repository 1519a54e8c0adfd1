"""Webhook deliveries per second: N events, one subscription, a local HTTP receiver, and a
real arq worker (in this process) dispatching and delivering them.

PostgreSQL when a postgres URL is in BENCH_DATABASE_URL/DATABASE_URL/TEST_DATABASE_URL (a
throwaway database is created and dropped), SQLite otherwise; Redis from REDIS_URL or
TEST_REDIS_URL, embedded otherwise. The receiver runs on 127.0.0.1 in its own thread.

    .venv/bin/python bench/webhooks.py            # BENCH_WEBHOOK_EVENTS=2000, CONCURRENCY=50
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

# `python bench/webhooks.py` puts bench/ first on the path, where bench/api.py would shadow
# the api package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from arq.worker import Worker
from tortoise.transactions import in_transaction

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.embedded_redis import EmbeddedRedis
from adapters.migrate import create_schema_without_migrations
from adapters.queue import JobQueue, redis_settings
from domain.db import dialect
from domain.events import record_event
from domain.settings import load_settings, override_settings
from domain.webhooks.models import DeliveryStatus, WebhookDelivery
from domain.webhooks.services import create_subscription
from workers.settings import worker_settings

EVENTS = int(os.environ.get("BENCH_WEBHOOK_EVENTS", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_WEBHOOK_CONCURRENCY", "50"))


class Receiver:
    """A minimal HTTP/1.1 endpoint answering 204 to every POST, on its own event loop."""

    def __init__(self) -> None:
        self.received = 0
        self.port = 0
        self._ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True).start()
        self._ready.wait()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                self.received += 1
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def _serve(self) -> None:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=1024)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await server.serve_forever()


def postgres_base() -> str | None:
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL", "TEST_DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgres"):
            return url
    return None


async def run(var_dir: Path, redis_url: str) -> None:
    base = postgres_base()
    database_url = (
        await create_database(base, "tandem_bench_webhooks")
        if base
        else f"sqlite://{var_dir / 'bench.sqlite3'}"
    )
    settings = replace(
        load_settings(),
        database_url=database_url,
        redis_url=redis_url,
        var_dir=var_dir,
        queue_name=f"tandem-bench-{uuid.uuid4().hex[:8]}",
        webhook_allow_private=True,
    )
    override_settings(settings)
    receiver = Receiver()
    await init_db(database_url)
    queue = await JobQueue.connect(redis_url, settings.queue_name)
    try:
        await create_schema_without_migrations(database_url)
        await create_subscription(f"http://127.0.0.1:{receiver.port}/hooks", ["*"])
        for start in range(0, EVENTS, 500):
            async with in_transaction():
                for number in range(start, min(start + 500, EVENTS)):
                    await record_event("case.created", {"number": f"C-{number}"})

        worker = Worker(
            **worker_settings(
                redis_settings(redis_url),
                settings.queue_name,
                burst=True,
                poll_delay=0.01,
                handle_signals=False,
                cron_jobs=[],
                max_jobs=CONCURRENCY,
            )
        )
        started = time.perf_counter()
        await queue.enqueue("dispatch_outbox", job_id="outbox:dispatch")
        await worker.main()
        elapsed = time.perf_counter() - started
        await worker.close()

        succeeded = await WebhookDelivery.filter(status=DeliveryStatus.SUCCEEDED).count()
        assert succeeded == EVENTS == receiver.received, (succeeded, receiver.received)
        print(
            f"webhooks: {EVENTS} events dispatched and delivered in {elapsed:.2f} s = "
            f"{EVENTS / elapsed:.0f} deliveries/s "
            f"({dialect(database_url)}, one worker process, max_jobs={CONCURRENCY})"
        )
    finally:
        await queue.redis.delete(settings.queue_name)
        await queue.close()
        await close_db()
        if base:
            await drop_database(base, database_url)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tandem-bench-webhooks-") as path:
        var_dir = Path(path)
        redis_url = os.environ.get("REDIS_URL") or os.environ.get("TEST_REDIS_URL")
        embedded = None if redis_url else EmbeddedRedis(var_dir)
        try:
            asyncio.run(run(var_dir, redis_url or embedded.start()))  # type: ignore[union-attr]
        finally:
            if embedded:
                embedded.stop()


if __name__ == "__main__":
    main()
