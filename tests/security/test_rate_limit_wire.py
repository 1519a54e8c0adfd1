"""The rate limit's own connection to Redis (adapters/redis_wire.py): the same counts as
through redis-py, on the client's database, across a flushed script cache and a Redis that
stops answering; redis-py itself where no plain connection can be opened. Against the test
Redis (TCP with TEST_REDIS_URL, else the embedded one's unix socket)."""

from __future__ import annotations

import asyncio

import pytest
from redis.asyncio import Redis

from adapters.queue import JobQueue
from adapters.redis_wire import RedisWire, command, drop_wire, wire_for
from api import rate_limit
from api.rate_limit import RateLimiter
from tests.factories import forget_rate_keys, rate_prefix


async def test_counts_go_over_the_wire_to_the_clients_database(queue: JobQueue) -> None:
    limiter = RateLimiter(rate_prefix(), 2)
    try:
        verdicts = [await limiter.hit(queue.redis, "token") for _ in range(3)]
        wire = await wire_for(queue.redis)
        stored = await queue.redis.get(limiter.key("token"))  # through redis-py, its database
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert isinstance(wire, RedisWire) and not wire.closed
    assert [(v.allowed, v.count) for v in verdicts if v] == [(True, 1), (True, 2), (False, 3)]
    assert int(stored) == 3


async def test_pipelined_calls_get_their_own_replies_in_order(queue: JobQueue) -> None:
    wire = await wire_for(queue.redis)
    assert wire is not None
    prefix = rate_prefix()
    keys = [f"{prefix}:rate:k{n}".encode() for n in range(20)]
    try:
        replies = await asyncio.gather(
            *(wire.ask(command(b"INCRBY", key, str(n).encode())) for n, key in enumerate(keys))
        )
    finally:
        await forget_rate_keys(queue.redis, prefix)

    assert replies == list(range(20))


async def test_a_flushed_script_cache_is_filled_again_and_the_count_goes_on(
    queue: JobQueue,
) -> None:
    limiter = RateLimiter(rate_prefix(), 10)
    try:
        first = await limiter.hit(queue.redis, "token")
        await queue.redis.script_flush()
        second = await limiter.hit(queue.redis, "token")
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert first is not None and first.count == 1
    assert second is not None and second.count == 2


async def test_an_error_reply_is_raised_and_the_wire_stays_in_step(queue: JobQueue) -> None:
    wire = await wire_for(queue.redis)
    assert wire is not None

    with pytest.raises(Exception, match="unknown command"):
        await wire.ask(command(b"NOSUCHCOMMAND"))
    assert await wire.ask(command(b"PING")) == b"PONG"


async def test_a_redis_that_stops_answering_drops_the_wire_and_the_next_count_reconnects(
    queue: JobQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply that comes after its count gave up must not be taken for the next count."""
    monkeypatch.setattr(rate_limit, "REDIS_TIMEOUT_SECONDS", 0.05)
    monkeypatch.setattr(rate_limit, "BACKOFF_SECONDS", 0.0)
    limiter = RateLimiter(rate_prefix(), 10)
    stalled = await wire_for(queue.redis)
    assert stalled is not None
    # Redis holds every client's commands for 0.3 s: the count times out before its reply.
    await stalled.ask(command(b"CLIENT", b"PAUSE", b"300"))
    try:
        late = await limiter.hit(queue.redis, "token")
        await asyncio.sleep(0.4)
        fresh = await wire_for(queue.redis)
        after = await limiter.hit(queue.redis, "token")
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert late is None  # let through, as with Redis away
    assert stalled.closed and fresh is not stalled
    # The given-up count went with its connection, unprocessed: Redis counted none for it.
    assert after is not None and (after.allowed, after.count) == (True, 1)


async def test_a_tls_client_counts_through_redis_py(queue: JobQueue) -> None:
    """No wire for a connection class it does not know (rediss://): redis-py's own."""
    tls_like = Redis.from_url("rediss://127.0.0.1:1/0")
    try:
        assert await wire_for(tls_like) is None
    finally:
        await tls_like.aclose()
    assert isinstance(await wire_for(queue.redis), RedisWire)


async def test_concurrent_first_counts_open_one_wire(queue: JobQueue) -> None:
    client = Redis(connection_pool=queue.redis.connection_pool)
    try:
        wires = await asyncio.gather(*(wire_for(client) for _ in range(5)))
    finally:
        drop_wire(client)
    assert len({id(w) for w in wires}) == 1 and isinstance(wires[0], RedisWire)
    assert wires[0].closed  # dropped with its client
