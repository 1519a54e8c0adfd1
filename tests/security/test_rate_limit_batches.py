"""The rate limit's group commit (api/rate_limit.py): concurrent requests of one token are
counted in batches, one round trip each, and exactly the requests one INCR each would let
through are let through. Against the test Redis."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from adapters.queue import JobQueue
from api.app import create_app
from api.rate_limit import RateLimiter, Verdict
from domain.settings import Settings
from tests.factories import forget_rate_keys, rate_prefix

TYPENAME = {"query": "{ __typename }"}


class CountingLimiter(RateLimiter):
    """Counts the round trips to Redis and the requests each one counted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sizes: list[int] = []

    async def _run(self, redis: Redis, key: str, size: int = 1) -> Any:
        self.sizes.append(size)
        return await super()._run(redis, key, size)


async def test_concurrent_hits_over_the_limit_let_exactly_the_limit_through(
    queue: JobQueue,
) -> None:
    limiter = CountingLimiter(rate_prefix(), 7)
    try:
        verdicts = await asyncio.gather(*(limiter.hit(queue.redis, "token") for _ in range(20)))
        stored = await queue.redis.get(limiter.key("token"))
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert all(isinstance(v, Verdict) for v in verdicts)
    counts = [v.count for v in verdicts if v]
    assert sorted(counts) == list(range(1, 21))  # each its own count, as with one INCR each
    assert [v.allowed for v in verdicts if v] == [c <= 7 for c in counts]
    assert sum(v.allowed for v in verdicts if v) == 7
    assert int(stored) == 20
    # The first flies alone; the 19 arriving while it is out are one batch.
    assert limiter.sizes == [1, 19]


async def test_batches_follow_each_other_and_keep_the_order_of_arrival(queue: JobQueue) -> None:
    limiter = CountingLimiter(rate_prefix(), 1000)

    async def burst(size: int) -> list[Verdict | None]:
        return list(await asyncio.gather(*(limiter.hit(queue.redis, "t") for _ in range(size))))

    try:
        first = asyncio.ensure_future(burst(5))
        await asyncio.sleep(0)
        second = asyncio.ensure_future(burst(5))
        results = [*(await first), *(await second)]
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert sorted(v.count for v in results if v) == list(range(1, 11))
    assert sum(limiter.sizes) == 10
    assert len(limiter.sizes) < 10


async def test_each_subject_is_counted_on_its_own(queue: JobQueue) -> None:
    limiter = CountingLimiter(rate_prefix(), 3)
    subjects = ["a", "b"] * 5
    try:
        verdicts = await asyncio.gather(*(limiter.hit(queue.redis, s) for s in subjects))
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    allowed = Counter(s for s, v in zip(subjects, verdicts, strict=True) if v and v.allowed)
    assert allowed == {"a": 3, "b": 3}
    assert Counter(limiter.sizes) == {1: 2, 4: 2}


async def test_a_cancelled_leader_lets_its_batch_through_uncounted(queue: JobQueue) -> None:
    limiter = CountingLimiter(rate_prefix(), 1)
    try:
        flying = asyncio.ensure_future(limiter.hit(queue.redis, "t"))
        await asyncio.sleep(0)
        leader = asyncio.ensure_future(limiter.hit(queue.redis, "t"))
        joiner = asyncio.ensure_future(limiter.hit(queue.redis, "t"))
        await asyncio.sleep(0)
        leader.cancel()
        first, joined = await flying, await joiner
        after = await limiter.hit(queue.redis, "t")
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert leader.cancelled()
    assert first is not None and (first.count, first.allowed) == (1, True)
    assert joined is None
    assert after is not None and (after.count, after.allowed) == (2, False)


async def test_a_failed_count_lets_the_batch_behind_it_through_without_asking(
    queue: JobQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    limiter = CountingLimiter(rate_prefix(), 1)
    real_run = RateLimiter._run
    failures: list[int] = []

    async def failing_once(self: RateLimiter, redis: Redis, key: str, size: int = 1) -> Any:
        if not failures:
            failures.append(size)
            raise ConnectionError("Redis went away")
        return await real_run(self, redis, key, size)

    monkeypatch.setattr(RateLimiter, "_run", failing_once)
    try:
        verdicts = await asyncio.gather(*(limiter.hit(queue.redis, "t") for _ in range(4)))
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert verdicts == [None] * 4
    assert limiter.sizes == [1]  # the batch behind the failure did not ask Redis


async def test_concurrent_requests_of_one_token_over_the_limit_get_exactly_the_limit(
    settings: Settings, database: str, queue: JobQueue, make_token: Any
) -> None:
    prefix = rate_prefix()
    app = create_app(
        replace(settings, rate_limit_per_minute=5, queue_name=prefix),
        manage_resources=False,
        queue=queue,
    )
    headers = {"Authorization": f"Bearer {await make_token('ADMIN')}"}
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://tandem.test"
        ) as client:
            await client.post("/graphql", json=TYPENAME, headers=headers)
            responses = await asyncio.gather(
                *(client.post("/graphql", json=TYPENAME, headers=headers) for _ in range(12))
            )
    finally:
        await forget_rate_keys(queue.redis, prefix)

    assert Counter(r.status_code for r in responses) == {200: 4, 429: 8}
    assert all(
        r.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        for r in responses
        if r.status_code == 429
    )
