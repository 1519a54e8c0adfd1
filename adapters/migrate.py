"""Applying (and, for developers, generating) the aerich migrations of each dialect."""

from __future__ import annotations

from pathlib import Path

from aerich import Command
from aerich.models import Aerich
from tortoise import Tortoise

import domain
from adapters.database import tortoise_config
from domain.db import area_modules, dialect, seed_reference_data

MIGRATIONS = Path(domain.__file__).parent / "migrations"


def migrations_location(database_url: str) -> Path:
    return MIGRATIONS / dialect(database_url)


def guard_statements(dialect_name: str) -> list[str]:
    """SQL the ORM cannot express (e.g. the balanced-entry trigger), from every area's
    `db_guards.SQL[dialect]`; migrations and the test schema both apply it."""
    from importlib import import_module

    statements: list[str] = []
    for name in area_modules("db_guards"):
        statements.extend(import_module(name).SQL.get(dialect_name, []))
    return statements


async def migrate(database_url: str) -> list[str]:
    """Applies pending migrations, the guards and the reference data; safe to run any number
    of times."""
    location = migrations_location(database_url)
    if not any(location.glob("models/[0-9]*_*.py")):
        raise RuntimeError(f"no migrations for {dialect(database_url)} (run `make migrations`)")
    command = Command(tortoise_config(database_url), app="models", location=str(location))
    try:
        try:
            # A fresh database: aerich applies every committed migration in order.
            await command.init_db(safe=True)
            applied = [row.version for row in await Aerich.filter(app="models").order_by("id")]
        except FileExistsError:
            await command.init()
            applied = await command.upgrade(run_in_transaction=True)
        await apply_guards(database_url)
        await seed_reference_data()
    finally:
        await command.aclose()
    return applied


async def apply_guards(database_url: str) -> None:
    from tortoise import connections

    conn = connections.get("default")
    for statement in guard_statements(dialect(database_url)):
        await conn.execute_script(statement)


async def create_schema_without_migrations(database_url: str) -> None:
    """The test schema: tables from the models plus the guards (the migrations are checked
    against the models by their own test)."""
    await Tortoise.generate_schemas(safe=False)
    await apply_guards(database_url)
