"""Developer tool: writes (or checks) the aerich migrations of both dialects from the models.

Each dialect gets its own scratch database: the committed migrations are applied to it, then
aerich writes the difference to the models as a new migration (the first run writes the
initial one). `python -m adapters.makemigrations [name]` writes; `--check` fails when the
models have drifted from the committed migrations (a test runs it)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aerich import Command
from tortoise import Tortoise

from adapters.database import postgres_admin_url, throwaway_database, tortoise_config
from adapters.migrate import MIGRATIONS, migrate


@asynccontextmanager
async def scratch_database(dialect_name: str) -> AsyncIterator[str]:
    if dialect_name == "sqlite":
        with tempfile.TemporaryDirectory() as scratch:
            yield f"sqlite://{Path(scratch) / 'scratch.sqlite3'}"
        return
    async with throwaway_database(postgres_admin_url(), "tandem_migrations") as url:
        try:
            yield url
        finally:
            await Tortoise.close_connections()


def _sqlite_comments_are_no_ops() -> None:
    """SQLite keeps column comments only in its CREATE TABLE text; a changed comment (an enum
    gaining a value) needs no statement there, where aerich refuses the whole migration. The
    same holds for a DecimalField's digits (see modify_column below)."""
    from aerich.ddl.sqlite import SqliteDDL

    SqliteDDL.set_comment = lambda self, model, field_describe: "SELECT 1"  # type: ignore[method-assign]
    refuse_modify = SqliteDDL.modify_column

    def modify_column(self: SqliteDDL, model: Any, field_describe: dict, is_pk: bool = True) -> str:
        # tortoise stores every DecimalField as VARCHAR(40) on SQLite: a change of digits or
        # places (money gaining a third decimal for KWD, §12) changes nothing there.
        if field_describe.get("field_type") in ("DecimalField", "MoneyField"):
            return "SELECT 1"
        return refuse_modify(self, model, field_describe, is_pk)

    SqliteDDL.modify_column = modify_column  # type: ignore[method-assign]


async def write_migration(dialect_name: str, name: str) -> str | None:
    if dialect_name == "sqlite":
        _sqlite_comments_are_no_ops()
    async with scratch_database(dialect_name) as url:
        location = str(MIGRATIONS / dialect_name)
        command = Command(tortoise_config(url), app="models", location=location)
        try:
            if await command.init_db(safe=True):
                return "initial migration"
            await command.init()
            return await command.migrate(name, no_input=True) or None
        finally:
            await Tortoise.close_connections()


async def check_migrations(dialect_name: str, name: str) -> str | None:
    """Applies the committed migrations twice (idempotence), then asks aerich for the
    difference to the models in a throwaway copy; any difference is drift."""
    if dialect_name == "sqlite":
        _sqlite_comments_are_no_ops()
    async with scratch_database(dialect_name) as url:
        await migrate(url)
        await Tortoise.close_connections()
        await migrate(url)
        with tempfile.TemporaryDirectory() as copy:
            shutil.copytree(MIGRATIONS / dialect_name, copy, dirs_exist_ok=True)
            config = tortoise_config(url)
            command = Command(config, app="models", location=copy)
            await Tortoise.init(config=config)
            await command.init()
            drift = await command.migrate("drift", no_input=True)
            await Tortoise.close_connections()
            if drift:
                return _read_new_migration(Path(copy), drift)
    return None


def _read_new_migration(location: Path, name: str) -> str:
    found = next(location.glob(f"models/*{name}*"), None)
    return found.read_text() if found else name


ACTIONS: dict[str, Callable[[str, str], Coroutine[Any, Any, str | None]]] = {
    "write": write_migration,
    "check": check_migrations,
}


def main(argv: list[str]) -> int:
    """One process per dialect: tortoise caches dialect-specific query builders on the models."""
    action = "check" if "--check" in argv else "write"
    args = [a for a in argv if a != "--check"]
    name = args[0] if args else "update"
    if len(args) == 2:
        outcome = asyncio.run(ACTIONS[action](args[1], name))
        if action == "check":
            print(f"{args[1]}: {'models drifted from the migrations' if outcome else 'in sync'}")
            if outcome:
                print(outcome)
            return 1 if outcome else 0
        print(f"{args[1]}: {outcome or 'no change'}")
        return 0
    failed = 0
    for dialect_name in ("sqlite", "postgres"):
        command = [sys.executable, "-m", "adapters.makemigrations", name, dialect_name]
        failed |= subprocess.run(command + (["--check"] if action == "check" else [])).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
