"""Invoice run throughput: 2,000 shipped orders invoiced by the job body on PostgreSQL.

Creates a throwaway database, bulk-loads shipped orders of three lines each, runs the
INVOICING JobRun body (a transaction per order: lock, number, lines, journal entry, event)
and prints invoices per second; with BENCH_INVOICING_RUNS=2 two bodies race over the same
orders, as two workers would. The database is dropped afterwards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/invoicing.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from datetime import date
from pathlib import Path

# `python bench/<name>.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import admin_database_url
from domain.billing.models import Invoice
from domain.db import seed_reference_data
from domain.demo.bulk import load_shipped_orders
from domain.jobs.kinds import InvoicingParams
from domain.jobs.models import JobKind
from domain.jobs.runner import run_attempt
from domain.jobs.services import queue_job_run
from domain.ledger.services import trial_balance

ORDERS = int(os.environ.get("BENCH_INVOICING_ORDERS", "2000"))
RUNS = int(os.environ.get("BENCH_INVOICING_RUNS", "1"))
ACCOUNTS = 100
ISSUE_DATE = date(2026, 6, 1)


async def main() -> None:
    url = admin_database_url()
    bench_url = await create_database(url, "tandem_bench_invoicing")
    try:
        await init_db(bench_url)
        await create_schema_without_migrations(bench_url)
        await seed_reference_data()
        order_ids = await load_shipped_orders(ORDERS, ACCOUNTS)
        params = InvoicingParams(ISSUE_DATE, tuple(order_ids)).to_json()
        runs = [(await queue_job_run(JobKind.INVOICING, params))[0] for _ in range(RUNS)]
        started = time.perf_counter()
        await asyncio.gather(*(run_attempt(run.id, None, None, "bench") for run in runs))
        elapsed = time.perf_counter() - started
        invoices = await Invoice.all().count()
        numbers = await Invoice.all().order_by("number").values_list("number", flat=True)
        gapless = numbers == [f"INV-2026-{n:06d}" for n in range(1, len(numbers) + 1)]
        balanced = sum(row.balance for row in await trial_balance()) == 0
        print(f"orders: {len(order_ids)} shipped, 3 lines each; concurrent runs: {RUNS}")
        print(f"invoices: {invoices} in {elapsed:.2f} s = {invoices / elapsed:.0f} invoices/s")
        print(f"numbers gapless: {gapless}; trial balance zero: {balanced}")
        await close_db()
    finally:
        await drop_database(url, bench_url)


if __name__ == "__main__":
    asyncio.run(main())
