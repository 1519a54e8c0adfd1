"""A real uvicorn server in the test's event loop, for websocket clients."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import uvicorn

from adapters.queue import JobQueue
from api.app import create_app
from domain.settings import Settings

ServeApi = Callable[[JobQueue], contextlib.AbstractAsyncContextManager[str]]


@pytest.fixture
def serve_api(settings: Settings, database: str) -> ServeApi:
    """`async with serve_api(queue) as url:` → `ws://127.0.0.1:<port>/graphql`."""

    @contextlib.asynccontextmanager
    async def serve(queue: JobQueue) -> AsyncIterator[str]:
        app = create_app(settings, manage_resources=False, queue=queue)
        config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve())
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield f"ws://127.0.0.1:{port}/graphql"
        finally:
            server.should_exit = True
            await task

    return serve


async def subscribers(queue: JobQueue, name: str) -> int:
    """How many pub/sub listeners the channel has (so a test publishes only once heard)."""
    counts: Any = await queue.redis.pubsub_numsub(f"{queue.queue_name}:{name}")
    return int(counts[0][1])
