"""Listening to the workers' pub/sub messages for one GraphQL subscription."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from graphql import GraphQLError
from redis.asyncio.client import PubSub
from strawberry.types import Info

from adapters.queue import JobQueue
from domain.webhooks.broadcast import channel, decode

log = logging.getLogger("tandem.live")


@asynccontextmanager
async def listening(info: Info, name: str) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
    """Subscribed on entry (so nothing published afterwards is missed), the messages of the
    named channel as an iterator; each subscription holds one connection of the pool."""
    queue: JobQueue | None = info.context.queue
    if queue is None:
        raise GraphQLError("Live updates need Redis.", extensions={"code": "UNAVAILABLE"})
    pubsub = queue.redis.pubsub(ignore_subscribe_messages=True)
    try:
        await pubsub.subscribe(channel(queue.queue_name, name))
        yield _messages(pubsub, name)
    finally:
        await pubsub.aclose()


async def _messages(pubsub: PubSub, name: str) -> AsyncIterator[dict[str, Any]]:
    async for message in pubsub.listen():
        if message.get("type") != "message":
            continue
        try:
            yield decode(message["data"])
        except ValueError:
            log.warning("dropped an undecodable message on %s", name)
