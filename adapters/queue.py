"""Enqueuing worker jobs by name (the API never imports worker code) with namespaced ids."""

from __future__ import annotations

from typing import Any

from arq.connections import ArqRedis, RedisSettings, create_pool


def redis_settings(url: str) -> RedisSettings:
    """arq settings for `redis://…`/`rediss://…` URLs and `unix://…` sockets (embedded)."""
    if url.startswith("unix://"):
        path, _, query = url[len("unix://") :].partition("?")
        database = 0
        for part in query.split("&"):
            key, _, value = part.partition("=")
            if key == "db" and value:
                database = int(value)
        return RedisSettings(unix_socket_path=path, database=database)
    return RedisSettings.from_dsn(url)


class JobQueue:
    def __init__(self, redis: ArqRedis, queue_name: str) -> None:
        self.redis = redis
        self.queue_name = queue_name

    @classmethod
    async def connect(cls, url: str, queue_name: str) -> JobQueue:
        return cls(
            await create_pool(redis_settings(url), default_queue_name=queue_name), queue_name
        )

    async def enqueue(self, function: str, *args: Any, job_id: str | None = None) -> bool:
        """False when a job with the same id is already queued or running (deduplicated)."""
        # Job ids carry the queue name so that installations sharing one Redis never collide.
        full_id = f"{self.queue_name}:{job_id}" if job_id else None
        job = await self.redis.enqueue_job(
            function, *args, _job_id=full_id, _queue_name=self.queue_name
        )
        return job is not None

    async def ping(self) -> None:
        await self.redis.ping()

    async def close(self) -> None:
        await self.redis.aclose()
