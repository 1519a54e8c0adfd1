"""Available-to-promise bench: the availability of 100 quote lines over the 5,000-item MRP
catalogue of bench/mrp.py (BOM depth 6, fan-out 3–8, 500 open sales lines, 300 PO lines,
100 released work orders), next to the MRP planner on the same catalogue, interleaved.

The lines: half are top-level (made, so capable-to-promise walks their whole BOM), half any
item of the catalogue, with quantities 1–40 wanted on one of the next 60 days. A = one
`availability_of_lines` call for the 100 lines (its loading and the pure book); B = the MRP
planner (its input loading and `plan`, the write left out). The time per line is A / 100.
Before timing, the batch's answers are checked equal to a book over all of MRP's inputs.
A throwaway PostgreSQL database (see bench/support/harness.py for the variables).

    .venv/bin/python bench/atp.py   # BENCH_ATP_ITEMS=5000 BENCH_ATP_LINES=100 BENCH_ATP_SLICES=5
"""

from __future__ import annotations

import asyncio
import logging
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

# `python bench/atp.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.mrp import AS_OF, HORIZON_DAYS, SEED, StatementCounter, load_catalogue
from bench.support.harness import (
    admin_database_url,
    bench_int,
    format_load,
    interleaved,
    load_average,
)
from domain.availability.atp import AvailabilityBook, AvailabilityStatus
from domain.availability.services import AvailabilityQuery, availability_of_lines
from domain.catalog.models import Product
from domain.db import seed_reference_data
from domain.manufacturing import planning
from domain.manufacturing.mrp import load_inputs

ITEMS = bench_int("ATP_ITEMS", 5000)
LINES = bench_int("ATP_LINES", 100)
SLICES = bench_int("ATP_SLICES", 5)


async def quote_lines(rng: random.Random) -> list[AvailabilityQuery]:
    skus = dict(await Product.all().values_list("sku", "id"))
    ordered = [skus[sku] for sku in sorted(skus)]
    top = ordered[: max(1, round(40 * ITEMS / 5000))]  # the catalogue's top level comes first
    products = [rng.choice(top) if n % 2 == 0 else rng.choice(ordered) for n in range(LINES)]
    return [
        AvailabilityQuery(
            product_id, Decimal(rng.randint(1, 40)), AS_OF + timedelta(days=rng.randint(0, 60))
        )
        for product_id in products
    ]


async def atp_batch(lines: list[AvailabilityQuery]) -> float:
    started = time.perf_counter()
    await availability_of_lines(lines, today=AS_OF)
    return time.perf_counter() - started


async def mrp_planner() -> float:
    started = time.perf_counter()
    inputs = await load_inputs(AS_OF)
    planning.plan(
        inputs.items,
        inputs.bom_lines,
        inputs.on_hand,
        inputs.receipts,
        inputs.demands,
        inputs.released_work_orders,
        AS_OF,
        HORIZON_DAYS,
    )
    return time.perf_counter() - started


async def checked_batch(lines: list[AvailabilityQuery]) -> tuple[list[AvailabilityStatus], int]:
    """The batch's statuses and statement count, once its answers are checked equal to a book
    over everything MRP loads (so the closure it loads misses nothing)."""
    inputs = await load_inputs(AS_OF)
    whole = AvailabilityBook(
        inputs.items,
        inputs.bom_lines,
        inputs.on_hand,
        inputs.receipts,
        inputs.demands,
        inputs.released_work_orders,
        AS_OF,
    )
    expected = [whole.promise(line.product_id, line.quantity, line.on) for line in lines]
    counter = StatementCounter()
    logger = logging.getLogger("tortoise.db_client")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        answers = await availability_of_lines(lines, today=AS_OF)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(logging.WARNING)
    if answers != expected:
        raise SystemExit("the batch disagrees with a book over all of MRP's inputs")
    return [answer.status for answer in answers], counter.count


async def bench() -> None:
    admin = admin_database_url()
    url = await create_database(admin, "tandem_bench_atp")
    try:
        await init_db(url)
        await create_schema_without_migrations(url)
        await seed_reference_data()
        rng = random.Random(SEED)
        shape = await load_catalogue(rng, ITEMS)
        lines = await quote_lines(rng)
        statuses, statements = await checked_batch(lines)
        print(
            f"\n== {shape['items']:,} items on {shape['levels']} levels, "
            f"{shape['bom_lines']:,} BOM lines, {shape['sales_lines']:,} sales lines; "
            f"{len(lines)} quote lines: "
            + ", ".join(f"{statuses.count(s)} {s.value}" for s in AvailabilityStatus)
            + f"; {statements} SQL statements for the batch, whose answers equal a book over "
            "all of MRP's inputs"
        )
        comparison = await interleaved(
            f"availability of {len(lines)} lines",
            "MRP planner (load + plan)",
            "s",
            lambda _: atp_batch(lines),
            lambda _: mrp_planner(),
            slices=SLICES,
            higher_is_better=False,
        )
        batch, planner = statistics.median(comparison.a), statistics.median(comparison.b)
        print(
            f"\nper line: {batch / len(lines) * 1000:.2f} ms (batch {batch * 1000:.0f} ms, "
            f"MRP planner {planner * 1000:.0f} ms); batch / planner: "
            f"{comparison.median_ratio:.2f}x"
        )
    finally:
        await close_db()
        await drop_database(admin, url)


def main() -> None:
    print(f"load average at start: {format_load(load_average())}")
    asyncio.run(bench())
    print(f"load average at end: {format_load(load_average())}")


if __name__ == "__main__":
    main()
