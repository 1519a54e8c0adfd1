"""MRP bench: the whole run (the worker's job body: load, plan, write, bookkeeping) next to an
in-memory reference planner on the same data, interleaved, at 1k, 5k and 20k items.

The catalogue: BOM depth 6, fan-out 3–8 (20% shared components), per 5,000 items 40 top
items, 500 open sales lines, 300 open purchase order lines and 100 released work orders.
Each size gets a throwaway PostgreSQL database (see bench/support/harness.py for the
variables), dropped afterwards. Before timing, the reference planner's plan (quantities,
due dates, pegs) is checked against the one the run wrote; one run is also timed by phase (load,
plan, write) with its SQL statement count. Later slices replace the earlier plan, as a
nightly run does.

    .venv/bin/python bench/mrp.py   # BENCH_MRP_ITEMS=1000,5000,20000 BENCH_MRP_SLICES=5
"""

from __future__ import annotations

import asyncio
import logging
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# `python bench/mrp.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import (
    Comparison,
    admin_database_url,
    bench_int,
    bench_list,
    format_load,
    interleaved,
    load_average,
)
from bench.support.reference_mrp import ReferencePlan, reference_plan
from domain.accounts.models import Account
from domain.catalog.models import Procurement, Product
from domain.db import seed_reference_data
from domain.inventory.models import StockLevel
from domain.inventory.services import default_warehouse
from domain.jobs.models import JobKind, JobStatus
from domain.jobs.runner import run_attempt
from domain.jobs.services import queue_job_run
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    PlannedOrder,
    WorkOrder,
)
from domain.manufacturing.mrp import MrpInputs, MrpTimings, load_inputs, run_mrp
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine

ITEMS = 5000
DEPTH = 6
TOP_ITEMS = 40
SHARED_SHARE = 0.20
SALES_LINES = 500
PURCHASE_LINES = 300
WORK_ORDERS = 100
AS_OF = date(2026, 3, 2)
HORIZON_DAYS = 90
BATCH = 2000
SIZES = bench_list("MRP_ITEMS", "1000,5000,20000")
SLICES = bench_int("MRP_SLICES", 5)
SEED = bench_int("MRP_SEED", 7)


class StatementCounter(logging.Handler):
    """Counts the statements tortoise sends (it logs each at DEBUG), as the tests do."""

    VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        # The SQL is the first argument of "%s: %s"; formatting 200,000 bound rows is avoided.
        text = record.args[0] if isinstance(record.args, tuple) and record.args else record.msg
        if str(text).lstrip().upper().startswith(self.VERBS):
            self.count += 1


def scaled(count: int, items: int) -> int:
    """`count` per 5,000 items, for a catalogue of `items` (the 5,000 one is the reference)."""
    return max(1, round(count * items / ITEMS))


def generate(
    rng: random.Random, items: int = ITEMS
) -> tuple[list[list[int]], dict[int, list[tuple[int, str, str]]]]:
    """Item numbers per level and BOM lines (component, quantity per, scrap) per MAKE item.

    Top-down: every MAKE item gets 3–8 components; each is a new item one level deeper, or
    (20%, and once `items` items exist) a shared one, filled in at the end from any deeper
    level — so components are always deeper than their parents and no cycle can exist.
    About 44% of items on levels 1–4 are made (sized so the sixth level ends the
    catalogue near `items` items); the rest, and all of level 6, are bought. The top level
    has 40 items per 5,000, so every size has the same shape."""
    levels: list[list[int]] = [list(range(scaled(TOP_ITEMS, items)))]
    makes = set(levels[0])
    bom: dict[int, list[tuple[int, str, str]]] = {}
    shared_slots: dict[int, int] = {}
    total = len(levels[0])

    def line(child: int) -> tuple[int, str, str]:
        per = str(rng.choice([1, 1, 2, 3, 4, Decimal("0.5"), Decimal("0.25")]))
        return child, per, str(rng.choice([0, 0, 0, 2, 5, Decimal("2.5")]))

    for depth in range(DEPTH - 1):
        below: list[int] = []
        for parent in (item for item in levels[depth] if item in makes):
            bom[parent] = []
            shared_slots[parent] = 0
            for _ in range(rng.randint(3, 8)):
                if rng.random() < SHARED_SHARE or total >= items:
                    shared_slots[parent] += 1
                else:
                    bom[parent].append(line(total))
                    below.append(total)
                    total += 1
        levels.append(below)
        if depth + 1 < DEPTH - 1:
            made = round(len(below) * 0.44)
            if depth + 1 == DEPTH - 2:  # the last made level sizes the last level
                made = min(len(below), (items - total) * 10 // 44 + 1)
            makes.update(rng.sample(below, made))
    # Chance leaves the count a little short: turn shared slots of the last made level
    # into new bought items until there are exactly `items`.
    last_made = [p for p in levels[DEPTH - 2] if shared_slots.get(p)]
    while total < items and last_made:
        parent = rng.choice(last_made)
        shared_slots[parent] -= 1
        if not shared_slots[parent]:
            last_made.remove(parent)
        bom[parent].append(line(total))
        levels[DEPTH - 1].append(total)
        total += 1
    level_of = {item: depth for depth, level in enumerate(levels) for item in level}
    for parent, count in shared_slots.items():
        taken = {child for child, _, _ in bom[parent]}
        deeper = [
            item for level in levels[level_of[parent] + 1 :] for item in level if item not in taken
        ]
        bom[parent].extend(line(child) for child in rng.sample(deeper, count))
    return levels, bom


async def load_catalogue(rng: random.Random, size: int = ITEMS) -> dict[str, int]:
    """The catalogue of `size` items, its stock, open sales and purchase order lines and
    released work orders (all scaled from the 5,000-item figures)."""
    levels, bom = generate(rng, size)
    items = [item for level in levels for item in level]
    makes = set(bom)
    await Product.bulk_create(
        [
            Product(
                sku=f"ITEM-{item:05d}",
                name=f"Item {item}",
                procurement=Procurement.MAKE if item in makes else Procurement.BUY,
                lead_time_days=rng.randint(0, 5),
                safety_stock=Decimal(rng.choice([0] * 9 + [10])),
                min_order_quantity=Decimal(rng.choice([0, 0, 0, 25])),
                order_multiple=Decimal(rng.choice([0, 0, 0, 5, 10])),
            )
            for item in items
        ],
        batch_size=BATCH,
    )
    ids = {int(sku.split("-")[1]): pk for sku, pk in await Product.all().values_list("sku", "id")}
    phantoms = {item for item in makes if item not in levels[0] and rng.random() < 0.01}
    await BillOfMaterials.bulk_create(
        [BillOfMaterials(product_id=ids[item], phantom=item in phantoms) for item in bom],
        batch_size=BATCH,
    )
    bom_ids = dict(await BillOfMaterials.all().values_list("product_id", "id"))
    await BomLine.bulk_create(
        [
            BomLine(
                bom_id=bom_ids[ids[parent]],
                position=position,
                component_id=ids[child],
                quantity_per=Decimal(per),
                scrap_percent=Decimal(scrap),
            )
            for parent, lines in bom.items()
            for position, (child, per, scrap) in enumerate(lines, start=1)
        ],
        batch_size=BATCH,
    )
    warehouse = await default_warehouse()
    await StockLevel.bulk_create(
        [
            StockLevel(product_id=ids[item], warehouse_id=warehouse.id, on_hand=rng.randint(1, 200))
            for item in items
            if rng.random() < 0.3
        ],
        batch_size=BATCH,
    )
    sales_lines = scaled(SALES_LINES, size) // 5 * 5
    account = await Account.create(name="Bench customer and supplier", currency="USD")
    await SalesOrder.bulk_create(
        [
            SalesOrder(
                number=f"SO-{n:04d}",
                account_id=account.id,
                status=OrderStatus.CONFIRMED if n % 5 else OrderStatus.PARTIALLY_SHIPPED,
                requested_date=AS_OF + timedelta(days=rng.randint(-5, HORIZON_DAYS)),
                currency="USD",
            )
            for n in range(sales_lines // 5)
        ]
    )
    orders = [pk for pk in await SalesOrder.all().order_by("id").values_list("id", flat=True)]
    await SalesOrderLine.bulk_create(
        [
            SalesOrderLine(
                order_id=orders[n // 5],
                position=n % 5 + 1,
                product_id=ids[rng.choice(levels[0])],
                quantity=Decimal(rng.randint(1, 20)),
                unit_price=Decimal("100"),
            )
            for n in range(sales_lines)
        ],
        batch_size=BATCH,
    )
    buys = [item for item in items if item not in makes]
    purchase = await PurchaseOrder.create(number="PO-BENCH", supplier_id=account.id, currency="USD")
    await PurchaseOrderLine.bulk_create(
        [
            PurchaseOrderLine(
                order_id=purchase.id,
                position=n + 1,
                product_id=ids[item],
                quantity=Decimal(rng.randint(10, 500)),
                unit_cost=Decimal("1.25"),
                expected_date=AS_OF + timedelta(days=rng.randint(-3, 60)),
            )
            for n, item in enumerate(rng.sample(buys, scaled(PURCHASE_LINES, size)))
        ],
        batch_size=BATCH,
    )
    await WorkOrder.bulk_create(
        [
            WorkOrder(
                number=f"WO-BENCH-{n}",
                product_id=ids[item],
                quantity=Decimal(rng.randint(1, 30)),
                start_date=AS_OF + timedelta(days=rng.randint(-2, 10)),
                due_date=AS_OF + timedelta(days=rng.randint(11, 30)),
            )
            for n, item in enumerate(
                rng.sample(sorted(makes - phantoms), scaled(WORK_ORDERS, size))
            )
        ]
    )
    lines = sum(len(lines) for lines in bom.values())
    shared = lines - (len(items) - len(levels[0]))
    return {
        "items": len(items),
        "bom_lines": lines,
        "shared_links": shared,
        "levels": len(levels),
        "sales_lines": sales_lines,
    }


@dataclass(frozen=True)
class SizeFigures:
    items: int
    planned_orders: int
    comparison: Comparison
    phases: MrpTimings
    statements: int


def reference(inputs: MrpInputs) -> ReferencePlan:
    return reference_plan(
        inputs.items,
        inputs.bom_lines,
        inputs.on_hand,
        inputs.receipts,
        inputs.demands,
        inputs.released_work_orders,
        AS_OF,
        HORIZON_DAYS,
    )


async def written_plan(run_id: int) -> ReferencePlan:
    plan: ReferencePlan = defaultdict(list)
    rows = (
        await PlannedOrder.filter(run_id=run_id)
        .order_by("product_id", "due_date")
        .values_list("product_id", "due_date", "quantity", "pegging")
    )
    for product_id, due, quantity, pegging in rows:
        pegs = tuple((p["source"], Decimal(p["quantity"]), p["reference"]) for p in pegging)
        plan[product_id].append((due, Decimal(quantity), pegs))
    return dict(plan)


async def whole_run() -> float:
    """One MRP run as a worker makes it (claim, lease, body, SUCCEEDED), timed."""
    job_run, _ = await queue_job_run(JobKind.MRP, {"as_of": AS_OF, "horizon_days": HORIZON_DAYS})
    started = time.perf_counter()
    await run_attempt(job_run.id, None, None, "bench")
    elapsed = time.perf_counter() - started
    await job_run.refresh_from_db()
    if job_run.status != JobStatus.SUCCEEDED:
        raise SystemExit(f"the MRP run ended {job_run.status}: {job_run.error}")
    return elapsed


async def phased_run() -> tuple[int, MrpTimings, int]:
    """One run_mrp call timed by phase, counting its statements; (run id, phases, count)."""
    counter = StatementCounter()
    logger = logging.getLogger("tortoise.db_client")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    timings: list[MrpTimings] = []
    try:
        run = await run_mrp(AS_OF, HORIZON_DAYS, timings=timings)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(logging.WARNING)
    return run.id, timings[0], counter.count


async def bench_size(size: int) -> SizeFigures:
    admin = admin_database_url()
    url = await create_database(admin, "tandem_bench_mrp")
    try:
        await init_db(url)
        await create_schema_without_migrations(url)
        await seed_reference_data()
        started = time.perf_counter()
        shape = await load_catalogue(random.Random(SEED), size)
        print(
            f"\n== {shape['items']:,} items on {shape['levels']} levels, "
            f"{shape['bom_lines']:,} BOM lines ({shape['shared_links']:,} to shared components), "
            f"{shape['sales_lines']:,} sales lines; "
            f"generated in {time.perf_counter() - started:.1f} s"
        )
        inputs = await load_inputs(AS_OF)
        run_id, phases, statements = await phased_run()
        plan = await written_plan(run_id)
        if reference(inputs) != plan:
            raise SystemExit("the reference planner disagrees with the plan the run wrote")
        planned_orders = sum(len(orders) for orders in plan.values())
        print(
            f"{planned_orders:,} planned orders; the reference planner's plan (quantities, due "
            f"dates, pegs) equals the run's. One run by phase: "
            f"load {phases.load_seconds * 1000:.0f} ms, "
            f"plan {phases.plan_seconds * 1000:.0f} ms, write {phases.write_seconds * 1000:.0f} "
            f"ms, {statements} SQL statements"
        )

        async def reference_run(_: int) -> float:
            started = time.perf_counter()
            reference(inputs)
            return time.perf_counter() - started

        comparison = await interleaved(
            f"MRP whole run, {size:,} items",
            "in-memory reference planner",
            "s",
            lambda _: whole_run(),
            reference_run,
            slices=SLICES,
            higher_is_better=False,
        )
        return SizeFigures(size, planned_orders, comparison, phases, statements)
    finally:
        await close_db()
        await drop_database(admin, url)


def main() -> None:
    print(f"load average at start: {format_load(load_average())}")
    figures = [asyncio.run(bench_size(size)) for size in SIZES]
    print("\nitems   planned   whole run   reference   ratio   load   plan  write  statements")
    for f in figures:
        whole = statistics.median(f.comparison.a)
        yardstick = statistics.median(f.comparison.b)
        print(
            f"{f.items:>6,} {f.planned_orders:>8,} {whole * 1000:>9.0f} ms"
            f" {yardstick * 1000:>8.0f} ms"
            f" {f.comparison.median_ratio:>6.2f}x {f.phases.load_seconds * 1000:>5.0f}"
            f" {f.phases.plan_seconds * 1000:>6.0f} {f.phases.write_seconds * 1000:>6.0f}"
            f" {f.statements:>11}"
        )
    print(f"load average at end: {format_load(load_average())}")


if __name__ == "__main__":
    main()
