"""The embedded default's SQLite engine: two connections to one file, as the API and the
worker have, write at the same time and wait for each other instead of failing (§1)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from tortoise.backends.sqlite.client import SqliteClient
from tortoise.context import TortoiseContext
from tortoise.exceptions import OperationalError

from adapters.database import _keep_session, tortoise_config
from adapters.sqlite_client import (
    BUSY_TIMEOUT_MS,
    ImmediateSqliteClient,
    is_locked_error,
    retry_when_locked,
    sqlite_connection,
)

SCHEMA = """
CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO counter VALUES (1, 0);
CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
"""


@asynccontextmanager
async def two_clients(
    path: Path, client_class: type[SqliteClient] = ImmediateSqliteClient, **pragmas: Any
) -> AsyncIterator[tuple[SqliteClient, SqliteClient]]:
    """Two clients, each with its own SQLite connection to the same file."""
    with TortoiseContext():
        first = client_class(str(path), connection_name="first")
        second = client_class(str(path), connection_name="second", **pragmas)
        await first.execute_script(SCHEMA)
        try:
            yield first, second
        finally:
            await first.close()
            await second.close()


async def increment(client: SqliteClient, times: int) -> None:
    """Read, then write, in one transaction: the shape that a deferred BEGIN cannot wait in."""
    for _ in range(times):
        async with client._in_transaction() as tx:
            _, rows = await tx.execute_query("SELECT n FROM counter WHERE id = 1")
            await asyncio.sleep(0)
            await tx.execute_query("UPDATE counter SET n = ? WHERE id = 1", [rows[0]["n"] + 1])


async def counter(client: SqliteClient) -> int:
    rows = await client.execute_query_dict("SELECT n FROM counter WHERE id = 1")
    return int(rows[0]["n"])


async def test_two_connections_incrementing_in_transactions_wait_and_lose_nothing(tmp_path):
    async with two_clients(tmp_path / "x.sqlite3") as (first, second):
        await asyncio.gather(increment(first, 100), increment(second, 100))

        assert await counter(first) == 200


async def test_tortoise_own_client_fails_at_once_when_another_wrote_after_its_read(tmp_path):
    """Why the engine is written by hand: tortoise's deferred BEGIN cannot wait, whatever the
    busy timeout, once another connection committed after the transaction's first read."""
    stock = two_clients(tmp_path / "x.sqlite3", SqliteClient, busy_timeout=BUSY_TIMEOUT_MS)
    async with stock as (first, second), second._in_transaction() as tx:
        await tx.execute_query("SELECT n FROM counter WHERE id = 1")
        await first.execute_query("UPDATE counter SET n = n + 1 WHERE id = 1")
        with pytest.raises(OperationalError, match="database is locked"):
            await tx.execute_query("UPDATE counter SET n = n + 1 WHERE id = 1")


async def hold_write_lock(client: SqliteClient, held: asyncio.Event, release: asyncio.Event):
    async with client._in_transaction() as tx:
        await tx.execute_query("INSERT INTO item (label) VALUES ('holder')")
        held.set()
        await release.wait()


async def while_locked(
    client: SqliteClient, write: Callable[[], Any]
) -> tuple[asyncio.Task[Any], bool]:
    """Starts `write` while `client` holds the write lock; returns it and whether it was still
    waiting when the lock was released."""
    held, release = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(hold_write_lock(client, held, release))
    await held.wait()
    writer = asyncio.create_task(write())
    await asyncio.sleep(0.2)
    waiting = not writer.done()
    release.set()
    await holder
    return writer, waiting


async def test_a_transaction_waits_for_the_other_connections_write_lock(tmp_path):
    async with two_clients(tmp_path / "x.sqlite3") as (a, b):

        async def read_then_write() -> int:
            async with b._in_transaction() as tx:
                _, rows = await tx.execute_query("SELECT count(*) AS n FROM item")
                await tx.execute_query("INSERT INTO item (label) VALUES ('waiter')")
                return int(rows[0]["n"])

        writer, waiting = await while_locked(a, read_then_write)

        assert waiting
        assert await writer == 1  # it began after the holder committed
        rows = await a.execute_query_dict("SELECT label FROM item ORDER BY id")
        assert [row["label"] for row in rows] == ["holder", "waiter"]


async def test_execute_many_outside_a_transaction_waits_too(tmp_path):
    async with two_clients(tmp_path / "x.sqlite3") as (a, b):
        insert = "INSERT INTO item (label) VALUES (?)"
        writer, waiting = await while_locked(a, lambda: b.execute_many(insert, [["x"], ["y"]]))

        assert waiting
        await writer
        rows = await a.execute_query_dict("SELECT label FROM item ORDER BY id")
        assert [row["label"] for row in rows] == ["holder", "x", "y"]


async def test_a_begin_that_times_out_raises_locked_and_leaves_the_client_usable(tmp_path):
    async with two_clients(tmp_path / "x.sqlite3", busy_timeout=50) as (a, b):

        async def write() -> None:
            async with b._in_transaction() as tx:
                await tx.execute_query("INSERT INTO item (label) VALUES ('late')")

        held, release = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(hold_write_lock(a, held, release))
        await held.wait()
        with pytest.raises(OperationalError) as refused:
            await write()
        release.set()
        await holder

        assert is_locked_error(refused.value)
        await asyncio.wait_for(write(), timeout=30)
        rows = await b.execute_query_dict("SELECT label FROM item ORDER BY id")
        assert [row["label"] for row in rows] == ["holder", "late"]


async def test_retry_when_locked_runs_the_call_again_until_it_succeeds():
    calls = []

    async def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError(sqlite3.OperationalError("database is locked"))
        return "done"

    assert await retry_when_locked(flaky, backoff=(0, 0, 0)) == "done"
    assert len(calls) == 3


async def test_retry_when_locked_gives_up_after_the_backoff_and_ignores_other_errors():
    calls = []

    async def locked() -> None:
        calls.append("locked")
        raise OperationalError("database table is locked")

    async def broken() -> None:
        calls.append("broken")
        raise OperationalError("no such table: item")

    with pytest.raises(OperationalError, match="table is locked"):
        await retry_when_locked(locked, backoff=(0, 0))
    with pytest.raises(OperationalError, match="no such table"):
        await retry_when_locked(broken, backoff=(0, 0))
    assert calls == ["locked"] * 3 + ["broken"]


def test_sqlite_urls_get_the_waiting_engine_and_keep_their_pragmas():
    config = tortoise_config("sqlite://var/x.sqlite3?busy_timeout=2000&cache_size=-4000")

    assert config["connections"]["default"] == {
        "engine": "adapters.sqlite_client",
        "credentials": {
            "file_path": "var/x.sqlite3",
            "journal_mode": "WAL",
            "journal_size_limit": 16384,
            "busy_timeout": "2000",
            "cache_size": "-4000",
        },
    }
    # PostgreSQL keeps asyncpg's engine and the URL's settings, with the pool's own reset.
    postgres = tortoise_config("postgres://postgres@127.0.0.1:5432/x?maxsize=20")
    assert postgres["connections"]["default"] == {
        "engine": "tortoise.backends.asyncpg",
        "credentials": {
            "host": "127.0.0.1",
            "port": 5432,
            "user": "postgres",
            "password": None,
            "database": "x",
            "maxsize": "20",
            "reset": _keep_session,
        },
    }


async def test_the_client_runs_in_wal_with_the_busy_timeout_by_default(tmp_path):
    info = sqlite_connection(f"sqlite://{tmp_path / 'x.sqlite3'}")
    client = ImmediateSqliteClient(**info["credentials"], connection_name="default")
    try:
        [journal] = await client.execute_query_dict("PRAGMA journal_mode")
        [timeout] = await client.execute_query_dict("PRAGMA busy_timeout")
    finally:
        await client.close()

    assert (journal["journal_mode"], timeout["timeout"]) == ("wal", BUSY_TIMEOUT_MS)
