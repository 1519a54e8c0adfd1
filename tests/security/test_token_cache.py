"""The API's cache of verified tokens (api.auth.TokenCache): one read per token per TTL, and a
revocation made behind its back refused once the TTL has passed — the clock is the test's."""

from __future__ import annotations

from datetime import timedelta

from api.auth import TokenCache
from domain.auth.models import ApiToken
from domain.auth.services import authenticate, create_token, revoke_token
from domain.clock import utcnow


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class CountingVerify:
    def __init__(self) -> None:
        self.reads = 0

    async def __call__(self, raw: str) -> ApiToken | None:
        self.reads += 1
        return await authenticate(raw)


async def test_a_token_is_read_once_per_ttl(database: str) -> None:
    _, raw = await create_token("laptop", "SALES")
    clock, verify = Clock(), CountingVerify()
    cache = TokenCache(2.0, clock=clock, verify=verify)

    answers = [await cache.authenticate(raw) for _ in range(3)]
    clock.now += 2.0
    again = await cache.authenticate(raw)

    assert [a is not None for a in answers] == [True, True, True] and again is not None
    assert verify.reads == 2


async def test_a_token_revoked_elsewhere_is_refused_once_the_ttl_has_passed(database: str) -> None:
    token, raw = await create_token("laptop", "SALES")
    clock, verify = Clock(), CountingVerify()
    cache = TokenCache(2.0, clock=clock, verify=verify)
    assert await cache.authenticate(raw) is not None

    # Another process revokes it: no save in this one, so only the TTL ends the cached verdict.
    await ApiToken.filter(id=token.id).update(revoked_at=utcnow())
    clock.now += 1.9
    within = await cache.authenticate(raw)
    clock.now += 0.1
    after = await cache.authenticate(raw)

    assert within is not None
    assert after is None


async def test_a_revocation_in_this_process_is_refused_at_once(database: str) -> None:
    token, raw = await create_token("laptop", "SALES")
    cache = TokenCache(2.0, clock=Clock())
    assert await cache.authenticate(raw) is not None

    await revoke_token(token.id)

    assert await cache.authenticate(raw) is None


async def test_an_expiry_is_checked_on_every_hit(database: str) -> None:
    token, raw = await create_token("temp", "SALES", expires_in_days=1)
    clock, verify = Clock(), CountingVerify()
    cache = TokenCache(2.0, clock=clock, verify=verify)
    cached = await cache.authenticate(raw)
    assert cached is not None

    # Its expiry passes while it is cached (moved, rather than waited for).
    past = utcnow() - timedelta(seconds=1)
    await ApiToken.filter(id=token.id).update(expires_at=past)
    cached.expires_at = past

    assert await cache.authenticate(raw) is None
    assert verify.reads == 2


async def test_the_cache_holds_at_most_its_size(database: str) -> None:
    raws = [(await create_token(f"t{n}", "SALES"))[1] for n in range(3)]
    verify = CountingVerify()
    cache = TokenCache(2.0, size=2, clock=Clock(), verify=verify)

    for raw in raws:
        await cache.authenticate(raw)
    await cache.authenticate(raws[0])  # the oldest was dropped to make room

    assert len(cache.entries) == 2
    assert verify.reads == 4
