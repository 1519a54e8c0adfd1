"""The per-token rate limit of contract §2: TANDEM_RATE_LIMIT_PER_MINUTE requests a minute,
counted in Redis so that every API process shares it; over it, HTTP 429 with Retry-After."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

import orjson
from redis.asyncio import Redis
from redis.exceptions import NoScriptError, RedisError, ResponseError
from starlette.types import ASGIApp, Receive, Scope, Send

from adapters.redis_wire import bulk, drop_wire, wire_for
from api.auth import PUBLIC_PATHS

log = logging.getLogger("tandem.rate_limit")

# One window per key, opened by its first request and closed WINDOW_SECONDS later (its TTL):
# a fixed window, so no request is ever counted twice, and no clock is shared but Redis's.
# ARGV[2] requests are counted at once (a batch, see RateLimiter).
_HIT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""
# Sent by its SHA-1 (EVALSHA): the script's text crosses the wire only when Redis lacks it.
_HIT_SHA = hashlib.sha1(_HIT.encode()).hexdigest()
_CALLS = ((b"EVALSHA", _HIT_SHA.encode()), (b"EVAL", _HIT.encode()))

# A Redis that does not answer must not hold a request up: past this, the request goes through.
REDIS_TIMEOUT_SECONDS = 0.5
# After a failure Redis is left alone this long (each request would otherwise wait the timeout).
BACKOFF_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window closes


class _Batch:
    """The requests of one subject counted by one round trip, in the order they came."""

    __slots__ = ("done", "size")

    def __init__(self) -> None:
        self.size = 1
        # (the count after the batch, the window's TTL in ms), or None: Redis was not asked.
        self.done: asyncio.Future[tuple[int, int] | None] = (
            asyncio.get_running_loop().create_future()
        )


class RateLimiter:
    """Counts requests per subject in fixed windows in Redis (keys `<prefix>:rate:<subject>`).

    `hit` answers None when Redis could not be asked: the caller lets the request through
    (availability over the limit), and a warning is logged at most once a minute.

    Group commit: while one subject's count is on its way to Redis, its next requests join
    one batch, counted by one `INCRBY <size>` as soon as the count before it is back. Each
    request of a batch gets its own count (the batch's last minus those after it), so the
    very requests one INCR each would let through are let through, at one round trip per
    batch rather than per request: many concurrent requests of one token no longer queue
    behind as many round trips, nor pay each one's CPU."""

    def __init__(self, prefix: str, limit: int, *, window_seconds: float = 60.0) -> None:
        self.prefix = prefix
        self.limit = limit
        self.window_ms = int(window_seconds * 1000)
        self._skip_until = 0.0
        self._warned_at: float | None = None
        self._gathering: dict[str, _Batch] = {}  # by subject: the batch requests join
        self._counting: dict[str, asyncio.Future[tuple[int, int] | None]] = {}  # in flight

    def key(self, subject: str) -> str:
        return f"{self.prefix}:rate:{subject}"

    async def hit(self, redis: Redis, subject: str) -> Verdict | None:
        if time.monotonic() < self._skip_until:
            return None
        batch = self._gathering.get(subject)
        if batch is None:
            batch = self._gathering[subject] = _Batch()
            position = 1
            counted = await self._lead(redis, subject, batch)
        else:
            batch.size += 1
            position = batch.size
            # Shielded: a joiner given up on leaves its batch to the others.
            counted = await asyncio.shield(batch.done)
        if counted is None:
            return None
        last, ttl_ms = counted
        count = last - batch.size + position
        retry_after = max(1, math.ceil(ttl_ms / 1000))
        return Verdict(allowed=count <= self.limit, count=count, retry_after=retry_after)

    async def _lead(self, redis: Redis, subject: str, batch: _Batch) -> tuple[int, int] | None:
        """Counts `batch` once the subject's count before it is back; meanwhile others join."""
        try:
            previous = self._counting.get(subject)
            if previous is not None:
                await asyncio.shield(previous)
            del self._gathering[subject]  # from here on, requests start the next batch
            self._counting[subject] = batch.done
            counted = (
                None
                if time.monotonic() < self._skip_until  # the one before failed
                else await self._count(redis, self.key(subject), batch.size)
            )
            batch.done.set_result(counted)
            return counted
        finally:
            if self._gathering.get(subject) is batch:
                del self._gathering[subject]
            if self._counting.get(subject) is batch.done:
                del self._counting[subject]
            if not batch.done.done():
                # The leader was cancelled (the server is stopping): its batch is not known
                # to be counted, so it goes through as with Redis away.
                batch.done.set_result(None)

    async def _count(self, redis: Redis, key: str, size: int) -> tuple[int, int] | None:
        now = time.monotonic()
        try:
            async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
                count, ttl_ms = await self._run(redis, key, size)
        except (RedisError, OSError, TimeoutError) as error:
            self._skip_until = now + BACKOFF_SECONDS
            if isinstance(error, TimeoutError):
                drop_wire(redis)  # its late replies must not be taken for the next counts
            if self._warned_at is None or now - self._warned_at >= WARN_EVERY_SECONDS:
                self._warned_at = now
                log.warning(
                    "rate limit not enforced: Redis unreachable (%s: %s)",
                    type(error).__name__,
                    error,
                )
            return None
        return int(count), int(ttl_ms)

    async def _run(self, redis: Redis, key: str, size: int = 1) -> Any:
        """The count after adding `size` and the window's TTL in ms: on a wire of its own to
        `redis`'s server (adapters.redis_wire: most of a small request's cost was redis-py's
        client), or through `redis` itself where no wire can be opened (TLS)."""
        window = str(self.window_ms)
        wire = await wire_for(redis)
        if wire is None:
            try:
                reply: Any = redis.evalsha(_HIT_SHA, 1, key, window, str(size))
                return await reply
            except NoScriptError:  # a restarted or flushed Redis: EVAL caches the script again
                reply = redis.eval(_HIT, 1, key, window, str(size))
                return await reply
        evalsha, eval_ = _script_calls(key, window)
        count = bulk(str(size).encode())
        try:
            return await wire.ask(evalsha + count)
        except ResponseError as error:
            if not str(error).startswith("NOSCRIPT"):
                raise
            return await wire.ask(eval_ + count)


@functools.lru_cache(maxsize=1024)
def _script_calls(key: str, window: str) -> tuple[bytes, bytes]:
    """EVALSHA and EVAL of the script for `key` in RESP, but for their last argument (the
    count, a `bulk`): a token's key and the window are the same on every request."""
    rest = b"".join(map(bulk, (b"1", key.encode(), window.encode())))
    evalsha, eval_ = (b"*6\r\n" + bulk(verb) + bulk(script) + rest for verb, script in _CALLS)
    return evalsha, eval_


def token_subject(principal: Any) -> str:
    """A stable name for the token in Redis that reveals neither it nor its stored hash."""
    return _subject(principal.pk, getattr(principal, "token_hash", ""))


@functools.lru_cache(maxsize=1024)
def _subject(pk: Any, token_hash: str) -> str:
    return hashlib.sha256(f"{pk}:{token_hash}".encode()).hexdigest()[:32]


def rate_limited_body(limit: int, retry_after: int) -> bytes:
    return orjson.dumps(
        {
            "errors": [
                {
                    "message": f"More than {limit} requests a minute with this token: "
                    f"retry in {retry_after} s.",
                    "extensions": {"code": "RATE_LIMITED", "retryAfter": retry_after},
                }
            ]
        }
    )


class RateLimitMiddleware:
    """ASGI middleware inside AuthMiddleware: counts each HTTP request of an authenticated
    token (the principal AuthMiddleware put in `scope["state"]`) and answers 429 over the
    limit. Unauthenticated requests (/healthz, /readyz, the GraphiQL page) are never counted.
    The limit and the Redis come from the app's state (settings, queue) on first use."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.limiter: RateLimiter | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        principal = scope.get("state", {}).get("principal")
        if scope["type"] != "http" or scope["path"] in PUBLIC_PATHS or principal is None:
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        limit = state.settings.rate_limit_per_minute
        if limit <= 0 or state.queue is None:
            await self.app(scope, receive, send)
            return
        if self.limiter is None:
            self.limiter = RateLimiter(state.settings.queue_name, limit)
        verdict = await self.limiter.hit(state.queue.redis, token_subject(principal))
        if verdict is None or verdict.allowed:
            await self.app(scope, receive, send)
            return
        body = rate_limited_body(limit, verdict.retry_after)
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(verdict.retry_after).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
