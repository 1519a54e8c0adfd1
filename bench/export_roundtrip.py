"""Export round-trip bench (§14): 10,000 accounts (`BENCH_ROUNDTRIP_ACCOUNTS`) exported as CSV
through the EXPORT body (`domain.exports.services.run_export`), then the file imported back
through the IMPORT body (`run_import`): every row must come back UNCHANGED. Reports the time
of both and fails when a row does not. The test suite does the same through GraphQL and the
worker with 1,000 accounts (tests/data_in_out/test_exports.py), to stay fast. A throwaway
PostgreSQL database (see bench/support/harness.py for the variables).

    .venv/bin/python bench/export_roundtrip.py   # BENCH_ROUNDTRIP_ACCOUNTS=10000
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

# `python bench/export_roundtrip.py` puts bench/ first on the path, where bench/api.py would
# shadow the api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import admin_database_url, bench_int, format_load, load_average
from domain.accounts.models import Account
from domain.db import seed_reference_data
from domain.exports.services import export_dir, run_export
from domain.imports.models import FileFormat, ImportKind
from domain.imports.services import run_import, store_import

ACCOUNTS = bench_int("ROUNDTRIP_ACCOUNTS", 10_000)


async def _noop(done: int, total: int) -> None:
    return None


def accounts(count: int) -> list[Account]:
    """`count` accounts with every kind of column filled on some of them (the suite's round
    trip in tests/data_in_out/test_exports.py uses them too)."""
    return [
        Account(
            name=f"Account {n:05d}",
            external_id=f"crm-{n:05d}",
            currency="USD",
            email=f"buyer{n}@example.com",
            tier=("GOLD", "SILVER", None)[n % 3],
            credit_limit=None if n % 2 else f"{n}.50",
            metadata={"n": str(n)} if n % 5 == 0 else {},
            billing_address={"city": "Berlin", "postal_code": f"{n:05d}"} if n % 7 else None,
        )
        for n in range(1, count + 1)
    ]


async def run(url: str) -> None:
    await init_db(url)
    try:
        await create_schema_without_migrations(url)
        await seed_reference_data()
        await Account.bulk_create(accounts(ACCOUNTS), batch_size=1000)
        started = time.perf_counter()
        result = await run_export(0, "ACCOUNTS", "CSV", {}, None, _noop)
        exported = time.perf_counter() - started
        token = result["url"].rsplit("/", 1)[1]
        content = (export_dir() / f"{token}.csv").read_text(encoding="utf-8")
        data = await store_import(ImportKind.ACCOUNTS, FileFormat.CSV, content, False)
        started = time.perf_counter()
        back = await run_import(0, data.id, _noop)
        imported = time.perf_counter() - started
    finally:
        await close_db()
    counts = {key: back[key] for key in ("created", "updated", "unchanged", "failed")}
    print(f"export: {result['rows']:,} accounts in {exported:.2f} s")
    print(f"import back: {back['rows']:,} rows in {imported:.2f} s: {counts}")
    expected = {"created": 0, "updated": 0, "unchanged": ACCOUNTS, "failed": 0}
    if result["rows"] != ACCOUNTS or counts != expected:
        raise SystemExit(f"round trip broken: expected {expected}")
    print("round trip: every row UNCHANGED")


def main() -> None:
    print(f"load average at start: {format_load(load_average())}")
    with tempfile.TemporaryDirectory() as var_dir:
        os.environ["TANDEM_VAR_DIR"] = var_dir
        admin = admin_database_url()
        url = asyncio.run(create_database(admin, "tandem_bench_roundtrip"))
        try:
            asyncio.run(run(url))
        finally:
            asyncio.run(drop_database(admin, url))
    print(f"load average at end: {format_load(load_average())}")


if __name__ == "__main__":
    main()
