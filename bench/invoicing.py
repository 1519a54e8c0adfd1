"""Invoice run throughput: the INVOICING job body over 2,000 shipped orders of 3 lines on
PostgreSQL, next to a hand-written asyncpg loop doing the same work, interleaved A/B.

The yardstick does what the body does, in the same order and the same batches: share-lock
the period lock (§11), lock the orders in id order (FOR UPDATE), read their lines, price them
by §5.4, take gapless invoice and journal numbers (UPDATE … RETURNING per batch), insert
invoices, invoice lines, journal entries and lines (the customer on the 1200 line) and
`invoice.posted` events with `INSERT … SELECT unnest(…)`, and update the order lines and order
statuses. The body also keeps opportunity fulfilment and credit exposure in step (§9), which
the yardstick leaves out. A second comparison runs the yardstick one order per transaction
(the per-order loop of issue 15). Every slice starts from the same freshly loaded orders, and
what each side wrote — invoices, lines, entries, statuses, event payloads — is checked equal
before its figure counts. `BENCH_INVOICING_RUNS=2` races two bodies (and two yardstick loops
on two connections) over the same orders, as two workers would.

    .venv/bin/python bench/invoicing.py
    # BENCH_INVOICING_ORDERS=2000 BENCH_INVOICING_RUNS=1 BENCH_INVOICING_SLICES=5
    # BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL: where the throwaway database goes
"""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import orjson

# `python bench/<name>.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import (
    Comparison,
    admin_database_url,
    bench_int,
    format_load,
    interleaved,
    load_average,
)
from domain.billing.invoicing import BATCH_SIZE, invoiceable_lines
from domain.billing.statuses import (
    INVOICEABLE_ORDER_STATUSES,
    invoice_status,
    order_billing_statuses,
)
from domain.closing.periods import THE_LOCK
from domain.db import seed_reference_data
from domain.demo.bulk import load_shipped_orders
from domain.event_data import camel, money, ref
from domain.global_ids import global_id
from domain.jobs.kinds import InvoicingParams
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.jobs.runner import run_attempt
from domain.jobs.services import queue_job_run
from domain.orders.models import InvoicePolicy, OrderStatus

ORDERS = bench_int("INVOICING_ORDERS", 2000)
RUNS = bench_int("INVOICING_RUNS", 1)
SLICES = bench_int("INVOICING_SLICES", 5)
ACCOUNTS = 100
ISSUE_DATE = date(2026, 6, 1)
ZERO = Decimal("0.00")

# Emptied before every slice (identities restarted), so each side starts from the same rows.
TABLES = (
    "events",
    "invoice_lines",
    "invoices",
    "journal_lines",
    "journal_entries",
    "sales_order_lines",
    "sales_orders",
    "products",
    "accounts",
    "number_sequences",
    "job_runs",
)


def raw_url(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


async def fresh_orders(db: asyncpg.Connection) -> list[int]:
    await db.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    return await load_shipped_orders(ORDERS, ACCOUNTS)


# --- the yardstick: the same work in hand-written asyncpg --------------------------------


async def next_numbers(db: asyncpg.Connection, series: str, year: int, count: int) -> list[str]:
    if not count:
        return []
    bump = (
        "UPDATE number_sequences SET last_value = last_value + $1 "
        "WHERE series = $2 AND year = $3 RETURNING last_value"
    )
    last = await db.fetchval(bump, count, series, year)
    if last is None:
        await db.execute(
            "INSERT INTO number_sequences (series, year, last_value) VALUES ($1, $2, 0) "
            "ON CONFLICT (series, year) DO NOTHING",
            series,
            year,
        )
        last = await db.fetchval(bump, count, series, year)
    return [f"{series}-{year}-{n:06d}" for n in range(last - count + 1, last + 1)]


class RawLine:
    def __init__(self, row: asyncpg.Record) -> None:
        self.id = row["id"]
        self.product_id = row["product_id"]
        self.description = row["description"]
        self.quantity = row["quantity"]
        self.unit_price = row["unit_price"]
        self.discount_percent = row["discount_percent"]
        self.tax_rate = row["tax_rate"]
        self.quantity_shipped = row["quantity_shipped"]
        self.quantity_invoiced = row["quantity_invoiced"]


INVOICE_COLUMNS = (
    ("number", "text"),
    ("status", "text"),
    ("issue_date", "date"),
    ("due_date", "date"),
    ("currency", "text"),
    ("subtotal", "numeric"),
    ("tax_total", "numeric"),
    ("total", "numeric"),
    ("amount_paid", "numeric"),
    ("amount_credited", "numeric"),
    ("amount_due", "numeric"),
    ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("account_id", "int"),
    ("journal_entry_id", "int"),
    ("sales_order_id", "int"),
)
INVOICE_MONEY = ("subtotal", "tax_total", "total", "amount_paid", "amount_credited", "amount_due")


def event_payload(invoice: dict[str, Any], status: str, previous: str | None = None) -> str:
    """What invoice_event_data gives, spelt out."""
    currency = invoice["currency"]
    data = {
        "id": global_id("Invoice", invoice["id"]),
        "number": invoice["number"],
        "status": status,
        "issueDate": invoice["issue_date"].isoformat(),
        "dueDate": invoice["due_date"].isoformat(),
        "currency": currency,
        "accountId": ref("Account", invoice["account_id"]),
        "salesOrderId": ref("SalesOrder", invoice["sales_order_id"]),
        **{camel(name): money(invoice[name], currency) for name in INVOICE_MONEY},
    }
    if previous is not None:
        data["previousStatus"] = previous
    return orjson.dumps(data).decode()


async def raw_batch(
    db: asyncpg.Connection, order_ids: Sequence[int], ledger: dict[str, int]
) -> int:
    async with db.transaction():
        # The period lock, share-locked to commit as every posting takes it (§11).
        through = await db.fetchval(
            f"SELECT closed_through FROM period_locks WHERE id = {THE_LOCK} FOR SHARE"
        )
        if through is not None and through >= ISSUE_DATE:
            raise SystemExit(f"{ISSUE_DATE} is in a closed period")
        orders = [
            row
            for row in await db.fetch(
                "SELECT id, number, status, invoice_policy, account_id, currency, "
                "invoice_status, payment_status FROM sales_orders WHERE id = ANY($1::int[]) "
                "ORDER BY id FOR UPDATE",
                order_ids,
            )
            if OrderStatus(row["status"]) in INVOICEABLE_ORDER_STATUSES
        ]
        lines: dict[int, list[RawLine]] = {}
        for row in await db.fetch(
            "SELECT id, order_id, product_id, description, quantity, unit_price, "
            "discount_percent, tax_rate, quantity_shipped, quantity_invoiced "
            "FROM sales_order_lines WHERE order_id = ANY($1::int[]) "
            "ORDER BY order_id, position, id",
            [row["id"] for row in orders],
        ):
            lines.setdefault(row["order_id"], []).append(RawLine(row))
        drafts = []
        for order in orders:
            items = invoiceable_lines(InvoicePolicy(order["invoice_policy"]), lines[order["id"]])
            if items:
                drafts.append((order, items))
        if not drafts:
            return 0
        terms = dict(
            await db.fetch(
                "SELECT id, payment_terms_days FROM accounts WHERE id = ANY($1::int[])",
                sorted({order["account_id"] for order, _ in drafts}),
            )
        )
        invoiced_before = [
            order["id"]
            for order, _ in drafts
            if any(line.quantity_invoiced > 0 for line in lines[order["id"]])
        ]
        earlier: dict[int, list[tuple[Decimal, Decimal]]] = {}
        if invoiced_before:
            for row in await db.fetch(
                "SELECT sales_order_id, amount_paid, amount_due FROM invoices "
                "WHERE sales_order_id = ANY($1::int[])",
                invoiced_before,
            ):
                earlier.setdefault(row["sales_order_id"], []).append(
                    (row["amount_paid"], row["amount_due"])
                )
        numbers = await next_numbers(db, "INV", ISSUE_DATE.year, len(drafts))
        now = datetime.now(UTC)
        invoices = []
        for (order, items), number in zip(drafts, numbers, strict=True):
            subtotal = sum((item.net for item in items), ZERO)
            tax_total = sum((item.tax for item in items), ZERO)
            total = subtotal + tax_total
            invoices.append(
                {
                    "number": number,
                    "status": invoice_status(ZERO, total, ZERO).value,
                    "issue_date": ISSUE_DATE,
                    "due_date": ISSUE_DATE + timedelta(days=terms[order["account_id"]]),
                    "currency": order["currency"],
                    "subtotal": subtotal,
                    "tax_total": tax_total,
                    "total": total,
                    "amount_paid": ZERO,
                    "amount_credited": ZERO,
                    "amount_due": total,
                    "created_at": now,
                    "updated_at": now,
                    "account_id": order["account_id"],
                    "journal_entry_id": None,
                    "sales_order_id": order["id"],
                }
            )
        charged = [invoice for invoice in invoices if invoice["total"]]
        entry_numbers = await next_numbers(db, "JE", ISSUE_DATE.year, len(charged))
        if charged:
            order_number = {order["id"]: order["number"] for order, _ in drafts}
            entries = await db.fetch(
                "INSERT INTO journal_entries (number, date, memo, source, reference, created_at) "
                "SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], "
                "$5::text[], $6::timestamptz[]) RETURNING id, number",
                entry_numbers,
                [ISSUE_DATE] * len(charged),
                [
                    f"Invoice {invoice['number']} for {order_number[invoice['sales_order_id']]}"
                    for invoice in charged
                ],
                ["INVOICE"] * len(charged),
                [invoice["number"] for invoice in charged],
                [now] * len(charged),
            )
            entry_id = {row["number"]: row["id"] for row in entries}
            postings = []
            for invoice, entry_number in zip(charged, entry_numbers, strict=True):
                invoice["journal_entry_id"] = entry_id[entry_number]
                for code, customer, debit, credit in (
                    ("1200", invoice["account_id"], invoice["total"], ZERO),
                    ("4000", None, ZERO, invoice["subtotal"]),
                    ("2200", None, ZERO, invoice["tax_total"]),
                ):
                    if debit or credit:
                        postings.append(
                            (entry_id[entry_number], ledger[code], customer, debit, credit)
                        )
            await db.execute(
                "INSERT INTO journal_lines (entry_id, ledger_account_id, account_id, debit, "
                "credit) SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::numeric[], "
                "$5::numeric[])",
                *map(list, zip(*postings, strict=True)),
            )
        arrays = ", ".join(f"${n}::{kind}[]" for n, (_, kind) in enumerate(INVOICE_COLUMNS, 1))
        rows = await db.fetch(
            f"INSERT INTO invoices ({', '.join(name for name, _ in INVOICE_COLUMNS)}) "
            f"SELECT * FROM unnest({arrays}) RETURNING id, number",
            *[[invoice[name] for invoice in invoices] for name, _ in INVOICE_COLUMNS],
        )
        invoice_id = {row["number"]: row["id"] for row in rows}
        invoice_lines = []
        for invoice, (_, items) in zip(invoices, drafts, strict=True):
            invoice["id"] = invoice_id[invoice["number"]]
            for position, item in enumerate(items):
                line = item.line
                invoice_lines.append(
                    (
                        invoice["id"],
                        position,
                        line.id,
                        line.product_id,
                        line.description,
                        item.quantity,
                        line.unit_price,
                        line.discount_percent,
                        line.tax_rate,
                        item.net,
                        item.tax,
                        ZERO,
                        ZERO,
                        ZERO,
                    )
                )
        await db.execute(
            "INSERT INTO invoice_lines (invoice_id, position, sales_order_line_id, product_id, "
            "description, quantity, unit_price, discount_percent, tax_rate, net_amount, "
            "tax_amount, quantity_credited, net_credited, tax_credited) SELECT * FROM unnest("
            "$1::int[], $2::int[], $3::int[], $4::int[], $5::text[], $6::numeric[], "
            "$7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], "
            "$12::numeric[], $13::numeric[], $14::numeric[])",
            *map(list, zip(*invoice_lines, strict=True)),
        )
        await db.execute(
            "UPDATE sales_order_lines AS t SET quantity_invoiced = v.quantity_invoiced "
            "FROM unnest($1::int[], $2::numeric[]) AS v(id, quantity_invoiced) WHERE t.id = v.id",
            [item.line.id for _, items in drafts for item in items],
            [item.line.quantity_invoiced + item.quantity for _, items in drafts for item in items],
        )
        changed = []
        for invoice, (order, items) in zip(invoices, drafts, strict=True):
            now_invoiced = {item.line.id: item.quantity for item in items}
            statuses = order_billing_statuses(
                OrderStatus(order["status"]),
                [
                    (line.quantity, line.quantity_invoiced + now_invoiced.get(line.id, ZERO))
                    for line in lines[order["id"]]
                ],
                [*earlier.get(order["id"], []), (ZERO, invoice["amount_due"])],
            )
            if statuses != (order["invoice_status"], order["payment_status"], order["status"]):
                changed.append((order["id"], *(status.value for status in statuses)))
        if changed:
            await db.execute(
                "UPDATE sales_orders AS t SET invoice_status = v.invoice_status, "
                "payment_status = v.payment_status, status = v.status FROM unnest($1::int[], "
                "$2::text[], $3::text[], $4::text[]) AS v(id, invoice_status, payment_status, "
                "status) WHERE t.id = v.id",
                *map(list, zip(*changed, strict=True)),
            )
        events = []
        for invoice in invoices:
            events.append(("invoice.posted", event_payload(invoice, "POSTED"), invoice))
            if invoice["status"] == "PAID":  # 0.00: paid as it is posted
                events.append(("invoice.paid", event_payload(invoice, "PAID", "POSTED"), invoice))
        await db.execute(
            "INSERT INTO events (uid, type, payload, occurred_at, subject_type, subject_id) "
            "SELECT u, t, p::jsonb, o, s, i FROM unnest($1::uuid[], $2::text[], $3::text[], "
            "$4::timestamptz[], $5::text[], $6::bigint[]) AS e(u, t, p, o, s, i)",
            [uuid.uuid4() for _ in events],
            [event_type for event_type, _, _ in events],
            [payload for _, payload, _ in events],
            [now] * len(events),
            ["invoice"] * len(events),
            [invoice["id"] for _, _, invoice in events],
        )
        return len(invoices)


async def raw_run(db: asyncpg.Connection, order_ids: Sequence[int], batch_size: int) -> int:
    """The yardstick's whole run: select, then batches; the invoices it made."""
    ledger = dict(
        await db.fetch(
            "SELECT code, id FROM ledger_accounts WHERE code = ANY($1::text[])",
            ["1200", "4000", "2200"],
        )
    )
    candidates = [
        row["order_id"]
        for row in await db.fetch(
            "SELECT DISTINCT l.order_id FROM sales_order_lines l "
            "JOIN sales_orders o ON o.id = l.order_id "
            "WHERE l.order_id = ANY($1::int[]) AND o.status = ANY($2::text[]) AND ("
            "(o.invoice_policy = 'ON_DELIVERY' AND l.quantity_shipped > l.quantity_invoiced) "
            "OR (o.invoice_policy = 'ON_ORDER' AND l.quantity > l.quantity_invoiced)) "
            "ORDER BY l.order_id",
            order_ids,
            [status.value for status in INVOICEABLE_ORDER_STATUSES],
        )
    ]
    made = 0
    for start in range(0, len(candidates), batch_size):
        made += await raw_batch(db, candidates[start : start + batch_size], ledger)
    return made


# --- what a side wrote, to check both did the same work ----------------------------------

DIGEST = (
    "SELECT i.number, i.sales_order_id, i.status, i.issue_date, i.due_date, i.subtotal, "
    "i.tax_total, i.total, i.amount_due, e.number FROM invoices i "
    "LEFT JOIN journal_entries e ON e.id = i.journal_entry_id ORDER BY i.number",
    "SELECT i.number, l.position, l.sales_order_line_id, l.quantity, l.unit_price, "
    "l.net_amount, l.tax_amount FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
    "ORDER BY i.number, l.position",
    "SELECT e.number, e.memo, e.reference, a.code, l.account_id, l.debit, l.credit "
    "FROM journal_lines l "
    "JOIN journal_entries e ON e.id = l.entry_id "
    "JOIN ledger_accounts a ON a.id = l.ledger_account_id ORDER BY e.number, l.id",
    "SELECT id, status, invoice_status, payment_status FROM sales_orders ORDER BY id",
    "SELECT id, quantity_invoiced FROM sales_order_lines ORDER BY id",
    "SELECT type, payload, subject_type, subject_id FROM events ORDER BY id",
)


async def digest(db: asyncpg.Connection) -> list[list[tuple[Any, ...]]]:
    return [[tuple(row) for row in await db.fetch(query)] for query in DIGEST]


async def check(db: asyncpg.Connection, made: int) -> None:
    numbers = await db.fetchval("SELECT array_agg(number ORDER BY number) FROM invoices") or []
    if numbers != [f"INV-{ISSUE_DATE.year}-{n:06d}" for n in range(1, ORDERS + 1)]:
        raise SystemExit(f"the invoice numbers are not 1..{ORDERS} without gaps")
    if (
        made != ORDERS
        or await db.fetchval("SELECT count(DISTINCT sales_order_id) FROM invoices") != ORDERS
    ):
        raise SystemExit(f"{made} invoices made for {ORDERS} orders")
    debit, credit = await db.fetchrow("SELECT sum(debit), sum(credit) FROM journal_lines")
    if debit != credit:
        raise SystemExit(f"the trial balance is off: {debit} against {credit}")


class Bench:
    def __init__(self, db: asyncpg.Connection, yardstick: list[asyncpg.Connection]) -> None:
        self.db = db
        self.yardstick = yardstick
        self.written: dict[int, list[list[tuple[Any, ...]]]] = {}

    async def job_body(self, slice_number: int) -> float:
        """A: RUNS INVOICING job runs, each claimed and run as a worker runs it."""
        order_ids = await fresh_orders(self.db)
        params = InvoicingParams(ISSUE_DATE, tuple(order_ids)).to_json()
        runs = [(await queue_job_run(JobKind.INVOICING, params))[0] for _ in range(RUNS)]
        started = time.perf_counter()
        await asyncio.gather(*(run_attempt(run.id, None, None, "bench") for run in runs))
        elapsed = time.perf_counter() - started
        made = 0
        for run in runs:
            stored = await JobRun.get(id=run.id)
            if stored.status != JobStatus.SUCCEEDED:
                raise SystemExit(f"the invoice run ended {stored.status}: {stored.error}")
            made += int((stored.result or {})["invoices"])
        await check(self.db, made)
        self.written[slice_number] = await digest(self.db)
        return made / elapsed

    async def raw(self, slice_number: int, batch_size: int) -> float:
        """B: RUNS yardstick loops, each on its own connection."""
        order_ids = await fresh_orders(self.db)
        started = time.perf_counter()
        made = await asyncio.gather(
            *(raw_run(db, order_ids, batch_size) for db in self.yardstick[:RUNS])
        )
        elapsed = time.perf_counter() - started
        await check(self.db, sum(made))
        if await digest(self.db) != self.written[slice_number]:
            raise SystemExit("the yardstick did not write what the job body wrote")
        return sum(made) / elapsed


async def main() -> None:
    admin = admin_database_url()
    url = await create_database(admin, "tandem_bench_invoicing")
    comparisons: list[Comparison] = []
    try:
        await init_db(url)
        await create_schema_without_migrations(url)
        await seed_reference_data()
        db = await asyncpg.connect(raw_url(url))
        yardstick = [await asyncpg.connect(raw_url(url)) for _ in range(RUNS)]
        bench = Bench(db, yardstick)
        print(
            f"{ORDERS} shipped orders of 3 lines, {RUNS} concurrent run(s), batches of "
            f"{BATCH_SIZE}; load average at start: {format_load(load_average())}"
        )
        comparisons.append(
            await interleaved(
                "job body",
                f"asyncpg, batches of {BATCH_SIZE}",
                "invoices/s",
                bench.job_body,
                lambda n: bench.raw(n, BATCH_SIZE),
                slices=SLICES,
                higher_is_better=True,
            )
        )
        comparisons.append(
            await interleaved(
                "job body",
                "asyncpg, one order per transaction",
                "invoices/s",
                bench.job_body,
                lambda n: bench.raw(n, 1),
                slices=SLICES,
                higher_is_better=True,
            )
        )
        for connection in (db, *yardstick):
            await connection.close()
        await close_db()
    finally:
        await drop_database(admin, url)
    print(f"load average at end: {format_load(load_average())}")
    for comparison in comparisons:
        print(comparison.summary())


if __name__ == "__main__":
    asyncio.run(main())
