"""The job queue over arq/Redis, used by the API and the workers alike: enqueue by function
name (the API never imports worker code) under ids namespaced by the installation's queue."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from arq.connections import ArqRedis, RedisSettings
from arq.constants import in_progress_key_prefix, job_key_prefix

# A Redis that does not answer must not hold up a request or a sweep for long.
REDIS_TIMEOUT_SECONDS = 2.0


def redis_settings(url: str, **options: Any) -> RedisSettings:
    """arq settings for `redis://…`/`rediss://…` URLs and `unix://…` sockets (embedded)."""
    if url.startswith("unix://"):
        path, _, query = url[len("unix://") :].partition("?")
        database = 0
        for part in query.split("&"):
            key, _, value = part.partition("=")
            if key == "db" and value:
                database = int(value)
        return RedisSettings(unix_socket_path=path, database=database, **options)
    settings = RedisSettings.from_dsn(url)
    for name, value in options.items():
        setattr(settings, name, value)
    return settings


class JobQueue:
    def __init__(self, redis: ArqRedis, queue_name: str) -> None:
        self.redis = redis
        self.queue_name = queue_name

    @classmethod
    async def connect(cls, url: str, queue_name: str) -> JobQueue:
        """Connects lazily: a process started while Redis is away still starts (its
        `/readyz` says 503) and reaches Redis once it answers."""
        redis = ArqRedis.from_url(
            url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, health_check_interval=30
        )
        return cls(redis, queue_name)

    def full_id(self, job_id: str) -> str:
        # Installations sharing one Redis never collide: ids carry the queue name.
        return f"{self.queue_name}:{job_id}"

    async def enqueue(
        self,
        function: str,
        *args: Any,
        job_id: str | None = None,
        defer_until: datetime | None = None,
    ) -> bool:
        """False when a job with the same id is already queued or running (deduplicated)."""
        async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
            job = await self.redis.enqueue_job(
                function,
                *args,
                _job_id=self.full_id(job_id) if job_id else None,
                _queue_name=self.queue_name,
                _defer_until=defer_until,
            )
        return job is not None

    async def is_queued(self, job_id: str) -> bool:
        """The job waits on the queue (perhaps deferred) or runs."""
        full = self.full_id(job_id)
        async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
            found = await self.redis.exists(job_key_prefix + full, in_progress_key_prefix + full)
        return bool(found)

    async def ping(self) -> None:
        async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
            await self.redis.ping()

    async def close(self) -> None:
        await self.redis.aclose()
