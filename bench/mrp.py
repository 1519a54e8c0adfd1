"""MRP bench: 5,000 items, BOM depth 6, fan-out 3–8 (20% shared), 500 open sales lines.

Creates a throwaway PostgreSQL database next to the one in BENCH_DATABASE_URL /
TEST_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, used
only as the admin connection), runs one MRP run as the worker would (progress included)
and prints load, plan and write times and the SQL statement count; then drops the database.

    .venv/bin/python bench/mrp.py [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db, postgres_admin_url
from adapters.migrate import create_schema_without_migrations
from domain.accounts.models import Account
from domain.catalog.models import Procurement, Product
from domain.db import seed_reference_data
from domain.inventory.models import StockLevel
from domain.inventory.services import default_warehouse
from domain.jobs.models import JobKind
from domain.jobs.services import queue_job_run, report_progress
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    PlannedOrder,
    WorkOrder,
)
from domain.manufacturing.mrp import MrpTimings, run_mrp
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine

ITEMS = 5000
DEPTH = 6
TOP_ITEMS = 40
SHARED_SHARE = 0.20
SALES_LINES = 500
AS_OF = date(2026, 3, 2)
HORIZON_DAYS = 90
BATCH = 2000


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


def generate(rng: random.Random) -> tuple[list[list[int]], dict[int, list[tuple[int, str, str]]]]:
    """Item numbers per level and BOM lines (component, quantity per, scrap) per MAKE item.

    Top-down: every MAKE item gets 3–8 components; each is a new item one level deeper, or
    (20%, and once 5,000 items exist) a shared one, filled in at the end from any deeper
    level — so components are always deeper than their parents and no cycle can exist.
    About 44% of items on levels 1–4 are made (sized so the sixth level ends the
    catalogue near 5,000 items); the rest, and all of level 6, are bought."""
    levels: list[list[int]] = [list(range(TOP_ITEMS))]
    makes = set(levels[0])
    bom: dict[int, list[tuple[int, str, str]]] = {}
    shared_slots: dict[int, int] = {}
    total = TOP_ITEMS

    def line(child: int) -> tuple[int, str, str]:
        per = str(rng.choice([1, 1, 2, 3, 4, Decimal("0.5"), Decimal("0.25")]))
        return child, per, str(rng.choice([0, 0, 0, 2, 5, Decimal("2.5")]))

    for depth in range(DEPTH - 1):
        below: list[int] = []
        for parent in (item for item in levels[depth] if item in makes):
            bom[parent] = []
            shared_slots[parent] = 0
            for _ in range(rng.randint(3, 8)):
                if rng.random() < SHARED_SHARE or total >= ITEMS:
                    shared_slots[parent] += 1
                else:
                    bom[parent].append(line(total))
                    below.append(total)
                    total += 1
        levels.append(below)
        if depth + 1 < DEPTH - 1:
            made = round(len(below) * 0.44)
            if depth + 1 == DEPTH - 2:  # the last made level sizes the last level
                made = min(len(below), (ITEMS - total) * 10 // 44 + 1)
            makes.update(rng.sample(below, made))
    # Chance leaves the count a little short: turn shared slots of the last made level
    # into new bought items until there are exactly 5,000.
    last_made = [p for p in levels[DEPTH - 2] if shared_slots.get(p)]
    while total < ITEMS and last_made:
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


async def load_catalogue(rng: random.Random) -> dict[str, int]:
    levels, bom = generate(rng)
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
            for n in range(SALES_LINES // 5)
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
            for n in range(SALES_LINES)
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
            for n, item in enumerate(rng.sample(buys, 300))
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
            for n, item in enumerate(rng.sample(sorted(makes - phantoms), 100))
        ]
    )
    lines = sum(len(lines) for lines in bom.values())
    shared = lines - (len(items) - len(levels[0]))
    return {"items": len(items), "bom_lines": lines, "shared_links": shared, "levels": len(levels)}


async def bench(seed: int) -> None:
    base = postgres_admin_url()
    url = await create_database(base, "tandem_bench_mrp")
    try:
        await init_db(url)
        await create_schema_without_migrations(url)
        await seed_reference_data()
        started = time.perf_counter()
        shape = await load_catalogue(random.Random(seed))
        print(
            f"catalogue: {shape['items']} items on {shape['levels']} levels, "
            f"{shape['bom_lines']} BOM lines ({shape['shared_links']} to shared components), "
            f"{SALES_LINES} sales lines; generated in {time.perf_counter() - started:.1f} s"
        )
        job_run, _ = await queue_job_run(JobKind.MRP, {"as_of": AS_OF, "horizon_days": 90})

        async def progress(done: int, total: int) -> None:
            await report_progress(job_run, done, total)

        counter = StatementCounter()
        logger = logging.getLogger("tortoise.db_client")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(counter)
        timings: list[MrpTimings] = []
        try:
            run = await run_mrp(
                AS_OF, HORIZON_DAYS, job_run_id=job_run.id, progress=progress, timings=timings
            )
        finally:
            logger.removeHandler(counter)
            logger.setLevel(logging.WARNING)
        (timing,) = timings
        planned = await PlannedOrder.filter(run_id=run.id).count()
        late = await PlannedOrder.filter(run_id=run.id, late=True).count()
        print(f"items planned: {run.items_planned}, planned orders: {planned} ({late} late)")
        print(f"load:  {timing.load_seconds * 1000:8.0f} ms")
        print(f"plan:  {timing.plan_seconds * 1000:8.0f} ms")
        print(f"write: {timing.write_seconds * 1000:8.0f} ms")
        print(f"SQL statements for the run: {counter.count}")
    finally:
        await close_db()
        await drop_database(base, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    asyncio.run(bench(parser.parse_args().seed))


if __name__ == "__main__":
    main()
