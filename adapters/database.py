"""The tortoise configuration, built in one place from the database URL, and the
throwaway PostgreSQL databases of tests, benches and the migration check."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url

from adapters.sqlite_client import sqlite_connection
from domain.db import MODEL_MODULES


def tortoise_config(database_url: str, *, with_aerich: bool = True) -> dict[str, Any]:
    models = [*MODEL_MODULES, "aerich.models"] if with_aerich else list(MODEL_MODULES)
    # SQLite: the engine whose write transactions wait for the lock (adapters/sqlite_client).
    sqlite = database_url.startswith("sqlite:")
    connection = sqlite_connection(database_url) if sqlite else postgres_connection(database_url)
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": models, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def _keep_session(connection: Any) -> None:
    """What the pool does to a connection given back, after asyncpg has rolled back any
    transaction left open on it: nothing more.

    asyncpg's default reset (`pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`)
    is a round trip of its own after every statement sent outside a transaction, which
    doubled the round trips of a read-only GraphQL request. Tandem leaves no session state
    to undo: its advisory locks are transaction-scoped (`pg_advisory_xact_lock`), it sets no
    session variable, opens no cursor outside a transaction and never LISTENs on a pooled
    connection (tests/foundation/test_database_sessions.py checks a released connection)."""


def postgres_connection(database_url: str) -> dict[str, Any]:
    """The tortoise connection config of a `postgres://` URL (its query still sets the pool
    size and the like), with the pool's reset of `_keep_session`."""
    config = expand_db_url(database_url)
    config["credentials"]["reset"] = _keep_session
    return config


async def init_db(database_url: str, *, global_fallback: bool = False) -> None:
    """`global_fallback`: the ORM is also visible to tasks that do not descend from the
    caller's task, as uvicorn's request tasks do not descend from its lifespan task."""
    await Tortoise.init(
        config=tortoise_config(database_url), _enable_global_fallback=global_fallback
    )


async def close_db() -> None:
    await connections.close_all()


async def ping_db() -> None:
    """Raises when the database does not answer."""
    await connections.get("default").execute_query("SELECT 1")


def postgres_admin_url() -> str:
    """Where throwaway databases are created: the first PostgreSQL URL among the variables
    benches and tests use, else the local default."""
    for name in ("BENCH_DATABASE_URL", "TEST_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgres"):
            return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


async def _run_admin_statement(admin_url: str, statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect("postgresql://" + admin_url.split("://", 1)[1])
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def create_database(admin_url: str, prefix: str) -> str:
    """Creates `<prefix>_<random>` next to `admin_url`'s database and returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    await _run_admin_statement(admin_url, f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


async def drop_database(admin_url: str, database_url: str) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    await _run_admin_statement(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def throwaway_database(admin_url: str, prefix: str) -> AsyncIterator[str]:
    """A PostgreSQL database that exists for the block (tests, benches, migration checks)."""
    url = await create_database(admin_url, prefix)
    try:
        yield url
    finally:
        await drop_database(admin_url, url)
