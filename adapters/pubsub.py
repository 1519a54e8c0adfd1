"""Redis pub/sub for live views: workers publish after commit, each GraphQL subscription
listens on its channel. Channels are namespaced by the installation's queue name."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from domain.webhooks.broadcast import channel, decode

log = logging.getLogger("tandem.live")


async def publish(redis: Redis, queue_name: str, name: str, messages: Iterable[bytes]) -> None:
    """One round trip for any number of messages on one channel."""
    target = channel(queue_name, name)
    async with redis.pipeline(transaction=False) as pipe:
        for message in messages:
            pipe.publish(target, message)
        await pipe.execute()


@asynccontextmanager
async def listening(
    redis: Redis, queue_name: str, name: str
) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
    """Subscribed on entry (so nothing published afterwards is missed), the decoded messages
    of the channel as an iterator; each listener holds one connection of the pool."""
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    try:
        await pubsub.subscribe(channel(queue_name, name))
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
