"""Tells an outage (the database or Redis unreachable, a connection killed) from a bug."""

from __future__ import annotations

from collections.abc import Iterator

import asyncpg
import redis.exceptions
from tortoise import connections
from tortoise.exceptions import DBConnectionError

# asyncpg's own errors for a connection that is gone or unusable ("connection was closed in
# the middle of operation", "cannot switch to state 12" after the server hung up) and the
# server's classes 08 (connection), 53 (insufficient resources: too many connections) and
# 57 (operator intervention: admin shutdown, crash shutdown, cannot connect now).
_OUTAGES: tuple[type[BaseException], ...] = (
    OSError,  # ConnectionError, TimeoutError, socket.gaierror: the network or server is gone
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError,
    asyncpg.InsufficientResourcesError,
    asyncpg.OperatorInterventionError,
    DBConnectionError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
# InterfaceErrors that are about the statement or its values, whatever the connection.
_NOT_OUTAGES: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.DataError,
    asyncpg.exceptions.ClientConfigurationError,
    asyncpg.exceptions.UnsupportedClientFeatureError,
    asyncpg.exceptions.UnsupportedServerFeatureError,
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what caused it (tortoise wraps asyncpg's errors) and, for a group, its
    members."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        if current.__cause__ is not None:
            pending.append(current.__cause__)
        elif current.__context__ is not None and not current.__suppress_context__:
            pending.append(current.__context__)


def is_outage(error: BaseException) -> bool:
    """True when `error` means the database or Redis cannot be reached right now, so the
    same request may well succeed a moment later (HTTP 503, a job retried with backoff)."""
    return any(isinstance(e, _OUTAGES) and not isinstance(e, _NOT_OUTAGES) for e in _chain(error))


async def replace_pooled_connections() -> None:
    """Has each pooled PostgreSQL connection replaced on its next use. When PostgreSQL killed
    one connection (a failover, a restart, pg_terminate_backend) it usually killed them all,
    and the pool would otherwise hand out the ones whose end it has not noticed yet."""
    client = connections.get("default")
    expire = getattr(client, "_expire_connections", None)  # tortoise's PostgreSQL clients
    if expire is not None:
        await expire()
