"""The committed SDL and migrations match the code; `tandem migrate` is idempotent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from api.schema import export_sdl

ROOT = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "api.cli"]


def test_schema_graphql_equals_the_exported_schema() -> None:
    committed = (ROOT / "schema.graphql").read_text()

    assert committed == export_sdl(), "schema.graphql is stale: run `make schema`"


def test_tandem_schema_export_prints_the_schema() -> None:
    printed = subprocess.run(
        [*TANDEM, "schema", "export"], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert printed.stdout == export_sdl()


def run_tandem(*args: str, database_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "TANDEM_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run(
        [*TANDEM, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_tandem_migrate_twice_applies_everything_once(
    fresh_database_url: str, tmp_path: Path
) -> None:
    first = run_tandem("migrate", database_url=fresh_database_url, tmp_path=tmp_path)
    second = run_tandem("migrate", database_url=fresh_database_url, tmp_path=tmp_path)

    assert first.returncode == 0, first.stderr
    dialect = "postgres" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    committed = len(list((ROOT / "domain" / "migrations" / dialect / "models").glob("*_*.py")))
    assert first.stdout.startswith(f"applied {committed} migration(s): 0_")
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "applied 0 migration(s)"


def test_the_models_have_not_drifted_from_the_committed_migrations() -> None:
    dialect = "postgres" if os.environ.get("TEST_DATABASE_URL") else "sqlite"

    checked = subprocess.run(
        [sys.executable, "-m", "adapters.makemigrations", "drift", dialect, "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == f"{dialect}: in sync"
