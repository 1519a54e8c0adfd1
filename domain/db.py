"""The tortoise configuration, built in one place from the database URL."""

from __future__ import annotations

import os
import pkgutil
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise, connections

import domain


def area_modules(leaf: str) -> list[str]:
    """`domain.<area>.<leaf>` for every area package that has such a module, sorted, so a
    new area joins the ORM, the seeds and the migrations without editing a central list."""
    names = []
    for info in pkgutil.iter_modules(domain.__path__):
        if info.ispkg and (Path(domain.__path__[0]) / info.name / f"{leaf}.py").exists():
            names.append(f"domain.{info.name}.{leaf}")
    return sorted(names)


MODEL_MODULES: list[str] = area_modules("models")


def tortoise_config(database_url: str, *, with_aerich: bool = True) -> dict[str, Any]:
    models = [*MODEL_MODULES, "aerich.models"] if with_aerich else list(MODEL_MODULES)
    return {
        "connections": {"default": database_url},
        "apps": {"models": {"models": models, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def dialect(database_url: str) -> str:
    """'postgres' or 'sqlite': migrations and a few guards differ per dialect."""
    scheme = database_url.split(":", 1)[0]
    if scheme.startswith("postgres") or scheme == "asyncpg" or scheme == "psycopg":
        return "postgres"
    if scheme == "sqlite":
        return "sqlite"
    raise ValueError(f"unsupported database URL scheme {scheme!r}")


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


def current_dialect() -> str:
    return str(connections.get("default").capabilities.dialect)


async def seed_reference_data() -> None:
    """Runs every area's idempotent `reference_data.seed()` (e.g. the chart of accounts)."""
    for name in area_modules("reference_data"):
        await import_module(name).seed()


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
