"""Segment bench (§13): the first page (20 accounts by name) and the count of a segment with
four rules (tier, minimum lifetime revenue, no open case, an order after a day) over 10,000
accounts (`BENCH_SEGMENT_ACCOUNTS`), as `Segment.accounts` and `Segment.count` read them
(`segment_members`: one queryset, paged and counted), next to one hand-written SQL page and
one count over the same rows (the sums joined once per table instead of correlated
subqueries); the two answers are checked equal first. 5 slices (`BENCH_SEGMENT_SLICES`) of
`BENCH_SEGMENT_REPEATS` (10) reads each. A throwaway PostgreSQL database (see
bench/support/harness.py for the variables).

    .venv/bin/python bench/segments.py   # BENCH_SEGMENT_ACCOUNTS=10000 BENCH_SEGMENT_SLICES=5
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

# `python bench/segments.py` puts bench/ first on the path, where bench/api.py would shadow
# the api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tortoise import connections

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.mrp import StatementCounter
from bench.support.harness import (
    admin_database_url,
    bench_int,
    format_load,
    interleaved,
    load_average,
)
from domain.accounts.models import Account, Lifecycle
from domain.billing.models import Invoice
from domain.db import seed_reference_data
from domain.orders.models import OrderStatus, SalesOrder
from domain.segments.members import segment_accounts
from domain.segments.rules import clean_rules
from domain.service.models import Case
from domain.service.sla_rules import CaseStatus

ACCOUNTS = bench_int("SEGMENT_ACCOUNTS", 10_000)
SLICES = bench_int("SEGMENT_SLICES", 5)
REPEATS = bench_int("SEGMENT_REPEATS", 10)
PAGE = 20
CONFIRMED = datetime(2026, 1, 15, 12, tzinfo=UTC)
RULES = clean_rules(
    {
        "tier": "GOLD",
        "min_lifetime_revenue": Decimal("150.00"),
        "has_open_cases": False,
        "last_order_after": date(2026, 1, 1),
    }
)
# The same rules written by hand.
CONDITIONS = """
    FROM accounts a
    LEFT JOIN (SELECT account_id, SUM(subtotal * exchange_rate) AS total FROM invoices
               GROUP BY account_id) i
      ON i.account_id = a.id
    LEFT JOIN (SELECT n.account_id, SUM(n.subtotal * v.exchange_rate) AS total
               FROM credit_notes n JOIN invoices v ON v.id = n.invoice_id
               GROUP BY n.account_id) c
      ON c.account_id = a.id
    WHERE a.archived_at IS NULL AND upper(a.tier) = 'GOLD'
      AND COALESCE(i.total, 0) - COALESCE(c.total, 0) >= 150
      AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.account_id = a.id
                      AND k.status IN ('NEW', 'OPEN', 'WAITING_ON_CUSTOMER'))
      AND EXISTS (SELECT 1 FROM sales_orders o WHERE o.account_id = a.id
                  AND o.status <> 'CANCELLED' AND o.confirmed_at >= '2026-01-02T00:00:00+00:00')
"""
PAGE_SQL = f"SELECT a.id {CONDITIONS} ORDER BY a.name, a.id LIMIT {PAGE + 1}"
COUNT_SQL = f"SELECT COUNT(*) AS n {CONDITIONS}"


async def load_accounts(total: int) -> None:
    """Account i: GOLD when even; one order, CONFIRMED on 2026-01-15 when i % 3 == 0 (else a
    DRAFT); an invoice of 100.00 when i % 4 == 0, else 200.00; an OPEN case when
    i % 10 == 2 (the shape of tests/segments/test_segment_query_count.py)."""
    await Account.bulk_create(
        [
            Account(
                name=f"Account {i:06d}",
                currency="USD",
                lifecycle=Lifecycle.CUSTOMER,
                tier="GOLD" if i % 2 == 0 else "SILVER",
            )
            for i in range(total)
        ],
        batch_size=2000,
    )
    ids = list(await Account.all().order_by("name").values_list("id", flat=True))
    await SalesOrder.bulk_create(
        [
            SalesOrder(
                number=f"SO-B-{i:06d}",
                account_id=account_id,
                currency="USD",
                status=OrderStatus.CONFIRMED if i % 3 == 0 else OrderStatus.DRAFT,
                confirmed_at=CONFIRMED if i % 3 == 0 else None,
            )
            for i, account_id in enumerate(ids)
        ],
        batch_size=2000,
    )
    orders = dict(await SalesOrder.all().values_list("account_id", "id"))
    await Invoice.bulk_create(
        [
            Invoice(
                number=f"INV-B-{i:06d}",
                account_id=account_id,
                sales_order_id=orders[account_id],
                issue_date=date(2026, 1, 20),
                due_date=date(2026, 2, 19),
                currency="USD",
                subtotal=Decimal(100 if i % 4 == 0 else 200),
                tax_total=Decimal(0),
                total=Decimal(100 if i % 4 == 0 else 200),
                amount_due=Decimal(0),
            )
            for i, account_id in enumerate(ids)
        ],
        batch_size=2000,
    )
    await Case.bulk_create(
        [
            Case(
                number=f"CASE-B-{i:06d}",
                subject="Help",
                account_id=account_id,
                status=CaseStatus.OPEN,
                opened_at=CONFIRMED,
            )
            for i, account_id in enumerate(ids)
            if i % 10 == 2
        ],
        batch_size=2000,
    )
    await connections.get("default").execute_script("ANALYZE")


async def segment_read() -> tuple[list[int], int]:
    members = segment_accounts(RULES)
    page = await members.order_by("name", "id").limit(PAGE + 1).values_list("id", flat=True)
    return [int(pk) for pk in page], await members.count()  # type: ignore[call-overload]


async def raw_read() -> tuple[list[int], int]:
    db = connections.get("default")
    page = [row["id"] for row in await db.execute_query_dict(PAGE_SQL)]
    count = (await db.execute_query_dict(COUNT_SQL))[0]["n"]
    return page, int(count)


async def timed(read: Any) -> float:
    started = time.perf_counter()
    for _ in range(REPEATS):
        await read()
    return (time.perf_counter() - started) / REPEATS


async def checked() -> tuple[int, int]:
    counter = StatementCounter()
    logger = logging.getLogger("tortoise.db_client")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        ours = await segment_read()
    finally:
        logger.removeHandler(counter)
        logger.setLevel(logging.WARNING)
    if ours != await raw_read():
        raise SystemExit("the segment's page or count disagrees with the hand-written SQL")
    return ours[1], counter.count


async def bench() -> None:
    admin = admin_database_url()
    url = await create_database(admin, "tandem_bench_segments")
    try:
        await init_db(url)
        await create_schema_without_migrations(url)
        await seed_reference_data()
        await load_accounts(ACCOUNTS)
        members, statements = await checked()
        print(
            f"\n== {ACCOUNTS:,} accounts; the segment has {members:,} members; first page of "
            f"{PAGE} and count in {statements} SQL statements, equal to the hand-written SQL"
        )
        comparison = await interleaved(
            "segment page + count",
            "hand-written SQL page + count",
            "s",
            lambda _: timed(segment_read),
            lambda _: timed(raw_read),
            slices=SLICES,
            higher_is_better=False,
        )
        ours, raw = statistics.median(comparison.a), statistics.median(comparison.b)
        print(
            f"\nfirst page + count: {ours * 1000:.1f} ms (hand-written SQL {raw * 1000:.1f} ms); "
            f"ratio {comparison.median_ratio:.2f}x"
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
