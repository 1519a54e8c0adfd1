"""Which models, dialect and reference data the domain has (the ORM's setup is in adapters)."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

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


def dialect(database_url: str) -> str:
    """'postgres' or 'sqlite': migrations and a few guards differ per dialect."""
    scheme = database_url.split(":", 1)[0]
    if scheme.startswith("postgres") or scheme == "asyncpg" or scheme == "psycopg":
        return "postgres"
    if scheme == "sqlite":
        return "sqlite"
    raise ValueError(f"unsupported database URL scheme {scheme!r}")


def current_dialect() -> str:
    return str(connections.get("default").capabilities.dialect)


async def seed_reference_data() -> None:
    """Runs every area's idempotent `reference_data.seed()` (e.g. the chart of accounts)."""
    for name in area_modules("reference_data"):
        await import_module(name).seed()


async def serialize_on(connection: BaseDBAsyncClient, name: str) -> None:
    """Inside a transaction: waits until no other transaction holds `name`, and holds it to
    commit. PostgreSQL takes an advisory lock; SQLite write transactions are serial anyway."""
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock(hashtext($1))", [name])
