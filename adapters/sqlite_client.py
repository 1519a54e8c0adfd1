"""The SQLite engine of the embedded default: write transactions that wait for the write
lock (`BEGIN IMMEDIATE`, a busy timeout, WAL) instead of failing with "database is locked",
and the bounded retry of a unit of work that still met a locked database.

Written by hand because tortoise's own `SqliteClient` (1.1.x) opens every transaction, and
every `execute_many`, with a deferred `BEGIN` and offers no option to change it. A deferred
transaction takes its read snapshot first and asks for the write lock only at its first write;
when another process (the worker beside the API) holds that lock or has committed since the
snapshot, SQLite returns SQLITE_BUSY at once, without calling the busy handler, because
waiting could deadlock. `BEGIN IMMEDIATE` asks for the write lock up front, where the busy
timeout applies. Tortoise resolves an engine from a config dict's `"engine"` (a module with
`client_class`), so `tortoise_config` names this module for `sqlite://` URLs; the URL's
query (pragmas) still passes through as the client's keyword arguments.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tortoise.backends.base.client import TransactionalDBClient, TransactionContext
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
    translate_exceptions,
)
from tortoise.connection import get_connections
from tortoise.exceptions import OperationalError

T = TypeVar("T")

# How long a write waits for another process's write transaction before SQLite gives up.
BUSY_TIMEOUT_MS = 10_000
# Pauses before each new attempt of a unit of work that still found the database locked.
LOCKED_RETRY_BACKOFF = (0.05, 0.2, 0.5)

_LOCKED_MESSAGES = ("database is locked", "database table is locked")
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def sqlite_connection(database_url: str) -> dict[str, Any]:
    """The tortoise connection config of a `sqlite://path[?pragma=value…]` URL, on this
    module's engine; the URL's query still sets the pragmas."""
    return {**expand_db_url(database_url), "engine": __name__}


def is_locked_error(error: BaseException) -> bool:
    """Whether `error` (or what it wraps) is SQLite's SQLITE_BUSY/SQLITE_LOCKED."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.OperationalError):
            code = getattr(current, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return True
        if any(message in str(current) for message in _LOCKED_MESSAGES):
            return True
        if current.__cause__ is not None or current.__suppress_context__:
            current = current.__cause__
        else:
            current = current.__context__
    return False


async def retry_when_locked(
    call: Callable[[], Awaitable[T]], backoff: tuple[float, ...] = LOCKED_RETRY_BACKOFF
) -> T:
    """Runs `call`, and again after each pause of `backoff` while it fails because the
    database was locked; the last failure propagates. Only for a call whose transaction has
    rolled back when it raises, so that running it again is safe."""
    for pause in backoff:
        try:
            return await call()
        except Exception as error:
            if not is_locked_error(error):
                raise
        await asyncio.sleep(pause * (1 + random.random()))
    return await call()


class ImmediateTransactionContext(SqliteTransactionContext):
    """Tortoise's context, except that a failed `BEGIN` releases what `__aenter__` took:
    tortoise's never fails there, but `BEGIN IMMEDIATE` can (busy timeout), and a leaked
    connection lock would stall every later query of the process."""

    async def __aenter__(self) -> TransactionalDBClient:
        await self._trxlock.acquire()
        try:
            await self.ensure_connection()
            self.token = get_connections().set(self.connection_name, self.connection)
            try:
                await self.connection.begin()
            except BaseException:
                get_connections().reset(self.token)
                raise
        except BaseException:
            self._trxlock.release()
            raise
        return self.connection


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise OperationalError(exc) from exc


class ImmediateSqliteClient(SqliteClient):
    """Tortoise's client with WAL, the busy timeout (unless the URL sets them) and write
    transactions that begin immediately."""

    def __init__(self, file_path: str, **kwargs: Any) -> None:
        kwargs.setdefault("journal_mode", "WAL")
        kwargs.setdefault("busy_timeout", BUSY_TIMEOUT_MS)
        super().__init__(file_path, **kwargs)

    def _in_transaction(self) -> TransactionContext:
        return ImmediateTransactionContext(ImmediateTransactionWrapper(self), self._lock)

    @translate_exceptions
    async def execute_many(self, query: str, values: list[list[Any]]) -> None:
        async with self.acquire_connection() as connection:
            self.log.debug("%s: %s", query, values)
            await connection.execute("BEGIN IMMEDIATE")
            try:
                await connection.executemany(query, values)
            except Exception:
                await connection.rollback()
                raise
            else:
                await connection.commit()


client_class = ImmediateSqliteClient
