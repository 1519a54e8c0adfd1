"""Listening to the workers' pub/sub messages for one GraphQL subscription."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from graphql import GraphQLError
from strawberry.types import Info

from adapters import pubsub
from adapters.queue import JobQueue


@asynccontextmanager
async def listening(info: Info, name: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
    """The messages of the named channel for one GraphQL subscription."""
    queue: JobQueue | None = info.context.queue
    if queue is None:
        raise GraphQLError("Live updates need Redis.", extensions={"code": "UNAVAILABLE"})
    async with pubsub.listening(queue.redis, queue.queue_name, name) as messages:
        yield messages
