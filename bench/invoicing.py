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
import time
from datetime import date
from decimal import Decimal

from adapters.database import close_db, create_database, drop_database, init_db, postgres_admin_url
from adapters.migrate import create_schema_without_migrations
from domain.accounts.models import Account
from domain.billing.invoicing import execute_invoice_run, invoice_run_params
from domain.billing.models import Invoice
from domain.billing.pricing import PricedLine, totals
from domain.catalog.models import Product, ProductKind
from domain.db import seed_reference_data
from domain.jobs.models import JobKind
from domain.jobs.services import execute_job_run, queue_job_run
from domain.ledger.services import trial_balance
from domain.orders.models import (
    DeliveryStatus,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
)

ORDERS = int(os.environ.get("BENCH_INVOICING_ORDERS", "2000"))
RUNS = int(os.environ.get("BENCH_INVOICING_RUNS", "1"))
ACCOUNTS = 100
ISSUE_DATE = date(2026, 6, 1)
# (quantity, discount %) per line; prices and tax rates come from the three products.
LINES = [(Decimal("3"), Decimal("10")), (Decimal("1"), Decimal("0")), (Decimal("7"), Decimal("5"))]


async def load_shipped_orders() -> list[int]:
    await Account.bulk_create(
        [Account(name=f"Customer {i:03d}", currency="USD") for i in range(ACCOUNTS)]
    )
    account_ids = sorted(await Account.all().values_list("id", flat=True))
    await Product.bulk_create(
        [
            Product(
                sku="WIDGET",
                name="Widget",
                kind=ProductKind.SERVICE,
                list_price=Decimal("19.99"),
                tax_rate=Decimal("7"),
            ),
            Product(
                sku="SCREW",
                name="Screw",
                kind=ProductKind.SERVICE,
                list_price=Decimal("0.33"),
                tax_rate=Decimal("19"),
            ),
            Product(
                sku="HOUR",
                name="Hour",
                kind=ProductKind.SERVICE,
                list_price=Decimal("85.00"),
                tax_rate=Decimal("20"),
            ),
        ]
    )
    products = list(await Product.all().order_by("id"))
    priced = [
        PricedLine(quantity, product.list_price, discount, product.tax_rate)
        for (quantity, discount), product in zip(LINES, products, strict=True)
    ]
    document = totals(priced)
    await SalesOrder.bulk_create(
        [
            SalesOrder(
                number=f"SO-BENCH-{i:06d}",
                account_id=account_ids[i % ACCOUNTS],
                status=OrderStatus.SHIPPED,
                delivery_status=DeliveryStatus.SHIPPED,
                currency="USD",
                subtotal=document.subtotal,
                tax_total=document.tax_total,
                total=document.total,
            )
            for i in range(ORDERS)
        ],
        batch_size=1000,
    )
    order_ids = sorted(await SalesOrder.all().values_list("id", flat=True))
    await SalesOrderLine.bulk_create(
        [
            SalesOrderLine(
                order_id=order_id,
                position=position,
                product_id=product.id,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                tax_rate=line.tax_rate,
                net_amount=line.net,
                tax_amount=line.tax,
                quantity_shipped=line.quantity,
            )
            for order_id in order_ids
            for position, (line, product) in enumerate(zip(priced, products, strict=True))
        ],
        batch_size=1000,
    )
    return order_ids


async def main() -> None:
    url = postgres_admin_url()
    bench_url = await create_database(url, "tandem_bench_invoicing")
    try:
        await init_db(bench_url)
        await create_schema_without_migrations(bench_url)
        await seed_reference_data()
        order_ids = await load_shipped_orders()
        runs = [
            await queue_job_run(JobKind.INVOICING, invoice_run_params(ISSUE_DATE, order_ids))
            for _ in range(RUNS)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(execute_job_run(run.id, execute_invoice_run) for run in runs))
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
