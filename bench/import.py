"""Import bench (§14): 50,000 product rows (`BENCH_IMPORT_ROWS`) as one CSV file through the
IMPORT body (`domain.imports.services.run_import`: the stored file streamed, batches of 500
rows, one SELECT of the batch's products and one multi-row INSERT), then the same file again
(every row UNCHANGED). Reports rows/s of both passes and the peak resident memory of the
process that ran them (a child process, so its `ru_maxrss` is the import's alone, the
interpreter and the ORM included). Targets: ≥ 2,000 rows/s, < 300 MB. A throwaway
PostgreSQL database (see bench/support/harness.py for the variables).

    .venv/bin/python bench/import.py   # BENCH_IMPORT_ROWS=50000
"""

from __future__ import annotations

import asyncio
import io
import resource
import subprocess
import sys
import time
from pathlib import Path

# `python bench/import.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import admin_database_url, bench_int, format_load, load_average
from domain.catalog.models import Product
from domain.db import seed_reference_data
from domain.imports.models import FileFormat, ImportKind
from domain.imports.services import run_import, store_import

ROWS = bench_int("IMPORT_ROWS", 50_000)
ROWS_PER_SECOND_TARGET = 2_000
MEMORY_TARGET_MB = 300


def products_csv(rows: int) -> str:
    out = io.StringIO()
    out.write(
        "externalId,sku,name,kind,procurement,uom,listPrice,standardCost,taxRate,"
        "leadTimeDays,safetyStock,metadata\n"
    )
    for n in range(1, rows + 1):
        out.write(
            f"erp-{n:06d},SKU-{n:06d},Product {n},STOCKED,{'MAKE' if n % 4 == 0 else 'BUY'},EA,"
            f"{n % 900 + 10}.{n % 100:02d},{n % 500 + 5}.2500,8.25,{n % 30},{n % 50},"
            f'"{{""family"": ""f{n % 12}""}}"\n'
        )
    return out.getvalue()


async def _noop(done: int, total: int) -> None:
    return None


async def child(url: str) -> None:
    """One process: both passes, printed as `rows seconds` lines for the parent."""
    await init_db(url)
    try:
        content = products_csv(ROWS)
        print(f"file: {len(content.encode()) / 1e6:.1f} MB", flush=True)
        for _ in ("first", "second"):
            data = await store_import(ImportKind.PRODUCTS, FileFormat.CSV, content, False)
            started = time.perf_counter()
            result = await run_import(0, data.id, _noop)
            elapsed = time.perf_counter() - started
            print(
                f"pass {result['created']} {result['unchanged']} {result['failed']} {elapsed:.3f}",
                flush=True,
            )
        assert await Product.all().count() == ROWS
    finally:
        await close_db()


async def prepare() -> tuple[str, str]:
    admin = admin_database_url()
    url = await create_database(admin, "tandem_bench_import")
    await init_db(url)
    await create_schema_without_migrations(url)
    await seed_reference_data()
    await close_db()
    return admin, url


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        asyncio.run(child(sys.argv[2]))
        return
    print(f"load average at start: {format_load(load_average())}")
    admin, url = asyncio.run(prepare())
    try:
        output = subprocess.run(
            [sys.executable, __file__, "--child", url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:

        async def drop() -> None:
            await drop_database(admin, url)

        asyncio.run(drop())
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = output.splitlines()
    print(lines[0])
    passes = [line.split() for line in lines if line.startswith("pass ")]
    for name, (_, created, unchanged, failed, seconds) in zip(
        ("first (all CREATED)", "second (all UNCHANGED)"), passes, strict=True
    ):
        rate = ROWS / float(seconds)
        print(
            f"{name}: {ROWS:,} rows in {float(seconds):.1f} s = {rate:,.0f} rows/s "
            f"(created {created}, unchanged {unchanged}, failed {failed}; target "
            f"≥ {ROWS_PER_SECOND_TARGET:,})"
        )
    print(f"peak memory of the importing process: {peak_mb:.0f} MB (target < {MEMORY_TARGET_MB})")
    print(f"load average at end: {format_load(load_average())}")


if __name__ == "__main__":
    main()
