"""The PostgreSQL pool hands a released connection back without asyncpg's session reset (one
round trip after every statement sent outside a transaction): Tandem keeps no session state
on a pooled connection, and what a failed transaction leaves is still rolled back."""

from __future__ import annotations

import pytest
from tortoise import connections
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from adapters.database import _keep_session


async def _session_state() -> tuple[str, int, int]:
    """What asyncpg's reset would undo, as a freshly released connection sees it."""
    _, rows = await connections.get("default").execute_query(
        "SELECT current_setting('statement_timeout') AS timeout,"
        " (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
        "  AND pid = pg_backend_pid()) AS advisory,"
        " (SELECT count(*) FROM pg_listening_channels()) AS listening"
    )
    row = rows[0]
    return row["timeout"], row["advisory"], row["listening"]


async def test_released_connections_skip_the_reset_and_keep_no_session_state(
    database: str, postgres_only: None
) -> None:
    client = connections.get("default")
    pool = client._pool  # type: ignore[attr-defined]
    assert pool._reset is _keep_session
    assert await _keep_session(object()) is None

    # A transaction-scoped advisory lock (the only kind Tandem takes) ends with its
    # transaction; the released connection holds none.
    async with in_transaction() as connection:
        await connection.execute_query("SELECT pg_advisory_xact_lock(4242)")
    assert await _session_state() == ("0", 0, 0)

    # A transaction that fails is rolled back before the pool takes its connection back.
    with pytest.raises(OperationalError):
        async with in_transaction() as connection:
            await connection.execute_query("SELECT pg_advisory_xact_lock(4243)")
            await connection.execute_query("SELECT 1 / 0")
    _, rows = await client.execute_query("SELECT 1 AS one")
    assert rows[0]["one"] == 1
    assert await _session_state() == ("0", 0, 0)
