"""One Redis connection of its own for a command sent on every request (the rate limit's count).

Written by hand, beside redis-py, for the one place where redis-py's own cost shows. A
`{ __typename }` request costs about 0.09 ms of CPU in the API without the rate limit;
redis-py's client stack adds 45–70 µs to each count (the connection pool's acquire and
release, the retry and timeout wrappers, encoding each argument, its StreamReader), this
wire 10–30 µs (the spread is the machine's: an idle VM's wake-ups cost more):
the command is bytes built by the caller, written straight to the transport, and its reply
is parsed by hiredis (redis-py's own C parser) as it arrives. Commands are pipelined: replies
come back in the order sent, each to its waiting future.

Only plain connections (TCP or a unix socket, with a password and a database number or not)
are opened here; `open_wire` answers None for anything else (TLS, a credential provider), and
the caller keeps using its redis-py client.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from typing import Any, cast

import hiredis
from redis.asyncio import Redis
from redis.asyncio.connection import Connection, UnixDomainSocketConnection
from redis.exceptions import ResponseError

DEFAULT_PORT = 6379


def bulk(part: bytes) -> bytes:
    """One bulk string in RESP."""
    return b"$%d\r\n%s\r\n" % (len(part), part)


def command(*parts: bytes) -> bytes:
    """A command in RESP: an array of bulk strings."""
    return b"*%d\r\n%s" % (len(parts), b"".join(map(bulk, parts)))


class RedisWire(asyncio.Protocol):
    """A connection whose `call`s are answered in the order they were written."""

    def __init__(self) -> None:
        self._reader = hiredis.Reader(replyError=ResponseError)
        self._waiting: deque[asyncio.Future[Any]] = deque()
        self._transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's unix-socket transports are not asyncio.Transport subclasses.
        self._transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._reader.feed(data)
        while (reply := self._reader.gets()) is not False:
            if not self._waiting:  # a reply nobody asked for: the wire is out of step
                self.close()
                return
            waiter = self._waiting.popleft()
            if not waiter.done():  # given up on (a timeout): its reply is dropped
                waiter.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_exception(ConnectionError("Redis closed the connection"))

    def call(self, request: bytes) -> asyncio.Future[Any]:
        """The reply to `request` (one command in RESP), an error reply as ResponseError."""
        if self.closed or self._transport is None:
            raise ConnectionError("the connection to Redis is closed")
        waiter: asyncio.Future[Any] = self.loop.create_future()
        self._waiting.append(waiter)
        self._transport.write(request)
        return waiter

    async def ask(self, request: bytes) -> Any:
        reply = await self.call(request)
        if isinstance(reply, ResponseError):
            raise reply
        return reply

    def close(self) -> None:
        self.closed = True
        if self._transport is not None and not self.loop.is_closed():
            self._transport.close()


# One wire per redis-py client (and event loop), closed when the client is collected.
_wires: weakref.WeakKeyDictionary[Redis, RedisWire | None] = weakref.WeakKeyDictionary()
_opening: weakref.WeakKeyDictionary[Redis, asyncio.Future[RedisWire | None]] = (
    weakref.WeakKeyDictionary()
)


async def wire_for(redis: Redis) -> RedisWire | None:
    """The open wire to `redis`'s server, opened on first use and again after it closed;
    None when `redis` has no plain connections (see the module). The caller bounds the wait
    (a Redis that does not answer a connect)."""
    if redis in _wires:
        wire = _wires[redis]
        if wire is None or (not wire.closed and wire.loop is asyncio.get_running_loop()):
            return wire
    opening = _opening.get(redis)
    if opening is not None:
        return await asyncio.shield(opening)
    opening = _opening[redis] = asyncio.get_running_loop().create_future()
    try:
        wire = await open_wire(redis)
    except BaseException as error:
        # Those waiting for this opening fail as with Redis away, even when it was the
        # opener's own wait that ran out (cancelled).
        failure = error if isinstance(error, Exception) else ConnectionError(repr(error))
        opening.set_exception(failure)
        opening.exception()  # marked retrieved: nobody else may be waiting
        raise
    finally:
        del _opening[redis]
    _wires[redis] = wire
    if wire is not None:
        weakref.finalize(redis, wire.close)
    opening.set_result(wire)
    return wire


def drop_wire(redis: Redis) -> None:
    """Closes `redis`'s wire (one that stopped answering): the next `wire_for` opens another."""
    wire = _wires.pop(redis, None)
    if wire is not None:
        wire.close()


async def open_wire(redis: Redis) -> RedisWire | None:
    """A wire to the Redis that `redis` (a redis-py client) talks to, authenticated and on its
    database; None when that client's connections are not plain ones."""
    pool = redis.connection_pool
    options: dict[str, Any] = pool.connection_kwargs
    if options.get("credential_provider") is not None:
        return None
    loop = asyncio.get_running_loop()
    if pool.connection_class is UnixDomainSocketConnection:
        _, wire = await loop.create_unix_connection(RedisWire, options["path"])
    elif pool.connection_class is Connection:
        host, port = options.get("host", "localhost"), options.get("port") or DEFAULT_PORT
        _, wire = await loop.create_connection(RedisWire, host, port)
    else:
        return None
    try:
        if options.get("password"):
            credentials = [options["password"]]
            if options.get("username"):
                credentials.insert(0, options["username"])
            await wire.ask(command(b"AUTH", *(str(c).encode() for c in credentials)))
        if options.get("db"):
            await wire.ask(command(b"SELECT", str(options["db"]).encode()))
    except BaseException:
        wire.close()
        raise
    return wire
