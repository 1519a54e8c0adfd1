"""Test helpers shared by the webhook and live-event tests: a real HTTP receiver on
127.0.0.1, settings overrides, an isolated arq queue and a real `tandem worker` process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from standardwebhooks.webhooks import Webhook

from adapters.queue import JobQueue
from domain.settings import Settings, get_settings, override_settings

REASONS = {200: "OK", 204: "No Content", 410: "Gone", 500: "Internal Server Error"}


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]

    def verified(self, secret: str) -> Any:
        """The payload as the consumers' own library verifies it (raises when it does not)."""
        return Webhook(secret).verify(self.body, self.headers)


@dataclass
class Receiver:
    """Answers each POST with the next scripted status (then `default`), after `delay`."""

    statuses: list[int] = field(default_factory=list)
    default: int = 200
    delay: float = 0.0
    requests: list[Received] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1]
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.requests.append(Received(path, headers, body))
            status = self.statuses.pop(0) if self.statuses else self.default
            if self.delay:
                await asyncio.sleep(self.delay)
            reason = REASONS.get(status, "Status")
            head_out = f"HTTP/1.1 {status} {reason}\r\ncontent-length: 0\r\n"
            writer.write(f"{head_out}connection: close\r\n\r\n".encode())
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@contextlib.asynccontextmanager
async def running_receiver(**options: Any) -> AsyncIterator[Receiver]:
    receiver = Receiver(**options)
    server = await asyncio.start_server(receiver.handle, "127.0.0.1", 0)
    receiver.port = server.sockets[0].getsockname()[1]
    try:
        yield receiver
    finally:
        server.close()
        await server.wait_closed()


@contextlib.contextmanager
def settings_changed(**changes: Any) -> Iterator[Settings]:
    previous = get_settings()
    changed = replace(previous, **changes)
    override_settings(changed)
    try:
        yield changed
    finally:
        override_settings(previous)


@contextlib.asynccontextmanager
async def isolated_queue(settings: Settings) -> AsyncIterator[JobQueue]:
    """A queue of its own (settings follow it), so jobs a killed worker left 'in progress'
    never hold up the session queue that the burst workers of other tests drain."""
    assert settings.redis_url
    name = f"{settings.queue_name}-{uuid.uuid4().hex[:8]}"
    job_queue = await JobQueue.connect(settings.redis_url, name)
    try:
        with settings_changed(queue_name=name):
            yield job_queue
    finally:
        await job_queue.redis.delete(name)
        await job_queue.close()


def worker_command() -> list[str]:
    script = Path(sys.executable).with_name("tandem")
    return (
        [str(script), "worker"] if script.exists() else [sys.executable, "-m", "api.cli", "worker"]
    )


def process_env(settings: Settings, **extra: str) -> dict[str, str]:
    assert settings.redis_url
    return {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "TANDEM_QUEUE_NAME": settings.queue_name,
        "TANDEM_VAR_DIR": str(settings.var_dir),
        "TANDEM_WEBHOOK_ALLOW_PRIVATE": "true" if settings.webhook_allow_private else "false",
        "TANDEM_WEBHOOK_RETRY_SCHEDULE": ",".join(map(str, settings.webhook_retry_schedule)),
        "TANDEM_LOG_LEVEL": "WARNING",
        **extra,
    }


@contextlib.contextmanager
def worker_process(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    """A real `tandem worker` on the current settings' database and queue."""
    log_path = settings.var_dir / f"worker-{uuid.uuid4().hex[:8]}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            worker_command(),
            env=process_env(settings),
            cwd=Path(__file__).resolve().parents[2],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)


async def eventually(check: Any, *, within: float = 60.0, interval: float = 0.1) -> Any:
    """Polls the async `check` until it returns something truthy (a bounded wait, never an
    assertion on time)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"gave up waiting after {within} s")
        await asyncio.sleep(interval)
