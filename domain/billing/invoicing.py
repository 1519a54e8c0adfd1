"""Invoicing sales orders (§5.4): each order's invoiceable quantity becomes one posted invoice,
many orders to a transaction, written set-based."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from domain.billing.models import Invoice, InvoiceStatus
from domain.billing.pricing import PricedLine
from domain.billing.statuses import (
    INVOICEABLE_ORDER_STATUSES,
    invoice_status,
    invoiceable_quantity,
    order_billing_statuses,
)
from domain.clock import utcnow
from domain.closing.periods import ensure_open, first_open_date
from domain.credit.services import note_credit_exposure
from domain.currencies.conversion import EXCHANGE_GAIN_LOSS, book
from domain.currencies.iso4217 import minor_units
from domain.currencies.services import base_currency, rates_on
from domain.errors import not_found
from domain.event_data import invoice_event_data
from domain.events import record_events
from domain.fulfillment.services import sync_fulfillment
from domain.ledger.models import JournalSource, LedgerAccount
from domain.ledger.postings import invoice_postings
from domain.ledger.services import ACCOUNTS_RECEIVABLE, SALES_REVENUE, SALES_TAX_PAYABLE
from domain.money import ZERO
from domain.orders.models import InvoicePolicy, OrderStatus, SalesOrderLine

log = logging.getLogger("tandem.invoicing")

# Orders per transaction: large enough that the per-batch statements (lock, counters, one
# insert per table) cost little per invoice, small enough that a batch holds its order locks
# and the number counters for a fraction of a second.
BATCH_SIZE = 100

# An invoice posts Dr 1200 total / Cr 4000 subtotal / Cr 2200 tax (§5.3), and in another
# currency what per-line rounding leaves to 7000 (§12).
POSTED_ACCOUNTS = (ACCOUNTS_RECEIVABLE, SALES_REVENUE, SALES_TAX_PAYABLE, EXCHANGE_GAIN_LOSS)
# SQLite's limit on the parameters of one statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32).
SQLITE_MAX_VARIABLES = 32766


class LineFigures(Protocol):
    """What pricing an invoice line reads of its order line."""

    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def discount_percent(self) -> Decimal: ...
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def quantity_shipped(self) -> Decimal: ...
    @property
    def quantity_invoiced(self) -> Decimal: ...


L = TypeVar("L", bound=LineFigures)


@dataclass(frozen=True)
class InvoiceableLine(Generic[L]):
    line: L
    quantity: Decimal
    net: Decimal
    tax: Decimal


def invoiceable_lines(
    policy: InvoicePolicy, lines: Sequence[L], places: int = 2
) -> list[InvoiceableLine[L]]:
    """The order lines with something left to invoice, each priced by the §5.4 formula from
    its own invoiceable quantity — never from what earlier invoices left over — to the
    `places` minor units of the order's currency (§12) (pure)."""
    result = []
    for line in lines:
        quantity = invoiceable_quantity(
            policy, line.quantity, line.quantity_shipped, line.quantity_invoiced
        )
        if quantity <= 0:
            continue
        priced = PricedLine(
            quantity, line.unit_price, line.discount_percent, line.tax_rate, places
        )
        result.append(InvoiceableLine(line, quantity, priced.net, priced.tax))
    return result


@dataclass(frozen=True)
class _Order:
    id: int
    number: str
    status: OrderStatus
    invoice_policy: InvoicePolicy
    account_id: int
    currency: str
    invoice_status: str
    payment_status: str


@dataclass(frozen=True)
class _Line:
    id: int
    product_id: int
    description: str | None
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax_rate: Decimal
    quantity_shipped: Decimal
    quantity_invoiced: Decimal


@dataclass(frozen=True)
class _Draft:
    """One order's invoice before it has a number."""

    order: _Order
    lines: list[_Line]
    items: list[InvoiceableLine[_Line]]

    @property
    def subtotal(self) -> Decimal:
        return sum((item.net for item in self.items), ZERO)

    @property
    def tax_total(self) -> Decimal:
        return sum((item.tax for item in self.items), ZERO)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax_total

    @property
    def invoiced_before(self) -> bool:
        return any(line.quantity_invoiced > 0 for line in self.lines)

    def invoiced_after(self) -> list[tuple[Decimal, Decimal]]:
        """(ordered, invoiced) per line once this invoice is posted."""
        now = {item.line.id: item.quantity for item in self.items}
        return [
            (line.quantity, line.quantity_invoiced + now.get(line.id, ZERO)) for line in self.lines
        ]

    def postings(
        self, ledger: Mapping[str, int], rate: Decimal, base_currency: str
    ) -> list[tuple[Any, ...]]:
        """(ledger account id, customer id, debit, credit, currency, amount, rate) of §5.3's
        invoice rule booked in base at `rate` (§12), zero amounts left out like every entry's."""
        postings = invoice_postings(
            subtotal=self.subtotal, tax_total=self.tax_total, account_id=self.order.account_id
        )
        booked = book(
            [p for p in postings if p.debit or p.credit],
            currency=self.order.currency,
            rate=rate,
            base_currency=base_currency,
        )
        return [
            (
                ledger[line.account_code],
                line.account_id,
                line.debit,
                line.credit,
                line.currency,
                line.amount,
                line.rate,
            )
            for line in booked
        ]


class _Sql:
    """The statements of a batch in the dialect of its connection: written with PostgreSQL's
    `$n` (SQLite takes the same numbered parameters as `?n`); multi-row inserts and updates as
    `unnest` of arrays on PostgreSQL and executemany on SQLite."""

    def __init__(self, connection: BaseDBAsyncClient) -> None:
        self.connection = connection
        self.postgres = connection.capabilities.dialect == "postgres"

    def _text(self, sql: str) -> str:
        return sql if self.postgres else re.sub(r"\$(\d+)", r"?\1", sql)

    def in_ids(self, parameter: int) -> str:
        """`IN` a list of ids passed as one parameter (see `ids`)."""
        if self.postgres:
            return f"= ANY(${parameter}::int[])"
        return f"IN (SELECT value FROM json_each(${parameter}))"

    def ids(self, values: Iterable[int]) -> Any:
        return list(values) if self.postgres else json.dumps(list(values))

    @property
    def for_update(self) -> str:
        # SQLite's write transaction holds the whole database already (BEGIN IMMEDIATE).
        return " FOR UPDATE" if self.postgres else ""

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return await self.connection.execute_query_dict(self._text(sql), list(parameters))

    async def insert(
        self,
        table: str,
        columns: Sequence[tuple[str, str]],
        rows: Sequence[Sequence[Any]],
        returning: str | None = None,
    ) -> list[dict[str, Any]]:
        """One statement for all `rows`; `columns` are (name, PostgreSQL type)."""
        if not rows:
            return []
        names = ", ".join(name for name, _ in columns)
        suffix = f" RETURNING {returning}" if returning else ""
        if self.postgres:
            arrays = ", ".join(f"${n}::{kind}[]" for n, (_, kind) in enumerate(columns, 1))
            sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}){suffix}"
            return await self.fetch(sql, [list(column) for column in zip(*rows, strict=True)])
        row = f"({', '.join('?' * len(columns))})"
        if not returning:
            await self.connection.execute_many(
                f"INSERT INTO {table} ({names}) VALUES {row}", [list(r) for r in rows]
            )
            return []
        returned = []
        per_statement = SQLITE_MAX_VARIABLES // len(columns)
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([row] * len(chunk))}{suffix}"
            returned += await self.connection.execute_query_dict(sql, [v for r in chunk for v in r])
        return returned

    async def update(
        self, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Sets columns[1:] of the row whose `columns[0]` (the key) matches, for all `rows`."""
        if not rows:
            return
        (key, _), *changed = columns
        if self.postgres:
            arrays = ", ".join(f"${n}::{kind}[]" for n, (_, kind) in enumerate(columns, 1))
            names = ", ".join(name for name, _ in columns)
            sets = ", ".join(f"{name} = v.{name}" for name, _ in changed)
            sql = (
                f"UPDATE {table} AS t SET {sets} FROM unnest({arrays}) AS v({names}) "
                f"WHERE t.{key} = v.{key}"
            )
            await self.fetch(sql, [list(column) for column in zip(*rows, strict=True)])
            return
        sets = ", ".join(f"{name} = ?" for name, _ in changed)
        await self.connection.execute_many(
            f"UPDATE {table} SET {sets} WHERE {key} = ?", [[*r[1:], r[0]] for r in rows]
        )

    async def next_numbers(self, series: str, year: int, count: int) -> list[str]:
        """`count` consecutive numbers of the series, e.g. INV-2026-000001: one UPDATE … RETURNING
        that row-locks the counter to commit, so the series stays gapless across rollbacks."""
        if not count:
            return []
        bump = (
            "UPDATE number_sequences SET last_value = last_value + $1 "
            "WHERE series = $2 AND year = $3 RETURNING last_value"
        )
        rows = await self.fetch(bump, [count, series, year])
        if not rows:
            # The series' first number this year; a racing creator wins harmlessly.
            await self.fetch(
                "INSERT INTO number_sequences (series, year, last_value) VALUES ($1, $2, 0) "
                "ON CONFLICT (series, year) DO NOTHING",
                [series, year],
            )
            rows = await self.fetch(bump, [count, series, year])
        last = int(rows[0]["last_value"])
        return [f"{series}-{year}-{value:06d}" for value in range(last - count + 1, last + 1)]


_JOURNAL_ENTRY_COLUMNS = (
    ("number", "text"),
    ("date", "date"),
    ("memo", "text"),
    ("source", "text"),
    ("reference", "text"),
    ("created_at", "timestamptz"),
)
_JOURNAL_LINE_COLUMNS = (
    ("entry_id", "int"),
    ("ledger_account_id", "int"),
    ("account_id", "int"),
    ("debit", "numeric"),
    ("credit", "numeric"),
    ("currency", "text"),
    ("amount", "numeric"),
    ("rate", "numeric"),
)
_INVOICE_COLUMNS = (
    ("number", "text"),
    ("status", "text"),
    ("issue_date", "date"),
    ("due_date", "date"),
    ("currency", "text"),
    ("exchange_rate", "numeric"),
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
    # §14: an invoice the run makes has no metadata yet; the columns take no NULL.
    ("metadata", "jsonb"),
    ("private_metadata", "jsonb"),
)
_JSON_COLUMNS = frozenset({"metadata", "private_metadata"})
_INVOICE_LINE_COLUMNS = (
    ("invoice_id", "int"),
    ("position", "int"),
    ("sales_order_line_id", "int"),
    ("product_id", "int"),
    ("description", "text"),
    ("quantity", "numeric"),
    ("unit_price", "numeric"),
    ("discount_percent", "numeric"),
    ("tax_rate", "numeric"),
    ("net_amount", "numeric"),
    ("tax_amount", "numeric"),
    ("quantity_credited", "numeric"),
    ("net_credited", "numeric"),
    ("tax_credited", "numeric"),
)
_ORDER_LINE_INVOICED = (("id", "int"), ("quantity_invoiced", "numeric"))
_ORDER_STATUSES = (
    ("id", "int"),
    ("invoice_status", "text"),
    ("payment_status", "text"),
    ("status", "text"),
)


async def _lock_orders(sql: _Sql, order_ids: Sequence[int]) -> list[_Order]:
    """The invoiceable ones of the orders, locked in id order: two runs over overlapping
    orders queue up on the first they share and never deadlock."""
    rows = await sql.fetch(
        "SELECT id, number, status, invoice_policy, account_id, currency, invoice_status, "
        f"payment_status FROM sales_orders WHERE id {sql.in_ids(1)} ORDER BY id"
        f"{sql.for_update}",
        [sql.ids(order_ids)],
    )
    orders = [
        _Order(
            id=row["id"],
            number=row["number"],
            status=OrderStatus(row["status"]),
            invoice_policy=InvoicePolicy(row["invoice_policy"]),
            account_id=row["account_id"],
            currency=row["currency"],
            invoice_status=row["invoice_status"],
            payment_status=row["payment_status"],
        )
        for row in rows
    ]
    return [order for order in orders if order.status in INVOICEABLE_ORDER_STATUSES]


async def _order_lines(sql: _Sql, order_ids: Sequence[int]) -> dict[int, list[_Line]]:
    """Read after the orders are locked, so a run that waited sees what the other invoiced."""
    rows = await sql.fetch(
        "SELECT id, order_id, product_id, description, quantity, unit_price, "
        "discount_percent, tax_rate, quantity_shipped, quantity_invoiced "
        f"FROM sales_order_lines WHERE order_id {sql.in_ids(1)} ORDER BY order_id, position, id",
        [sql.ids(order_ids)],
    )
    lines: dict[int, list[_Line]] = {}
    for row in rows:
        lines.setdefault(row["order_id"], []).append(
            _Line(
                id=row["id"],
                product_id=row["product_id"],
                description=row["description"],
                quantity=Decimal(row["quantity"]),
                unit_price=Decimal(row["unit_price"]),
                discount_percent=Decimal(row["discount_percent"]),
                tax_rate=Decimal(row["tax_rate"]),
                quantity_shipped=Decimal(row["quantity_shipped"]),
                quantity_invoiced=Decimal(row["quantity_invoiced"]),
            )
        )
    return lines


async def _payment_terms(sql: _Sql, account_ids: Iterable[int]) -> dict[int, int]:
    rows = await sql.fetch(
        f"SELECT id, payment_terms_days FROM accounts WHERE id {sql.in_ids(1)}",
        [sql.ids(sorted(set(account_ids)))],
    )
    return {row["id"]: int(row["payment_terms_days"]) for row in rows}


async def _earlier_invoices(
    sql: _Sql, order_ids: Sequence[int]
) -> dict[int, list[tuple[Decimal, Decimal]]]:
    """(amount paid, amount due) of the orders' invoices so far, for their payment status."""
    if not order_ids:
        return {}
    rows = await sql.fetch(
        "SELECT sales_order_id, amount_paid, amount_due FROM invoices "
        f"WHERE sales_order_id {sql.in_ids(1)}",
        [sql.ids(order_ids)],
    )
    earlier: dict[int, list[tuple[Decimal, Decimal]]] = {}
    for row in rows:
        earlier.setdefault(row["sales_order_id"], []).append(
            (Decimal(row["amount_paid"]), Decimal(row["amount_due"]))
        )
    return earlier


async def ledger_account_ids() -> dict[str, int]:
    """The ids of the accounts an invoice posts to, read once per run."""
    rows = await LedgerAccount.filter(code__in=POSTED_ACCOUNTS).values_list("code", "id")
    ids = {str(code): int(pk) for code, pk in rows}
    missing = [code for code in POSTED_ACCOUNTS if code not in ids]
    if missing:
        raise not_found("Ledger account", ", ".join(missing), "postings")
    return ids


async def invoice_orders(
    order_ids: Sequence[int], issue_date: date, ledger: Mapping[str, int]
) -> list[Invoice]:
    """Invoices what is invoiceable of each order, all in one transaction; the invoices made,
    in order id order (an order with nothing invoiceable makes none).

    Per order, invoice, lines, number, journal entry, order quantities and statuses and the
    `invoice.posted` event commit together — here with those of the other orders.
    """
    async with in_transaction() as connection:
        sql = _Sql(connection)
        # Before anything is written, zero invoices included (they post no entry): §11.
        await ensure_open(issue_date, "issue_date")
        orders = await _lock_orders(sql, sorted(set(order_ids)))
        if not orders:
            return []
        lines = await _order_lines(sql, [order.id for order in orders])
        drafts = []
        for order in orders:
            order_lines = lines.get(order.id, [])
            items = invoiceable_lines(
                order.invoice_policy, order_lines, minor_units(order.currency)
            )
            if items:
                drafts.append(_Draft(order, order_lines, items))
        if not drafts:
            return []
        # One look-up per currency of the batch: none dated by the issue date → the batch
        # (then that order alone) is refused with NO_EXCHANGE_RATE before anything is written.
        rates = await rates_on({draft.order.currency for draft in drafts}, issue_date)
        terms = await _payment_terms(sql, (draft.order.account_id for draft in drafts))
        earlier = await _earlier_invoices(
            sql, [draft.order.id for draft in drafts if draft.invoiced_before]
        )
        numbers = await sql.next_numbers("INV", issue_date.year, len(drafts))
        charged = [(d, n) for d, n in zip(drafts, numbers, strict=True) if d.total]
        entry_ids = await _post_entries(sql, charged, issue_date, ledger, rates)
        now = utcnow()
        invoices = [
            _invoice(
                draft,
                number,
                issue_date,
                terms,
                entry_ids.get(number),
                now,
                rates[draft.order.currency],
            )
            for draft, number in zip(drafts, numbers, strict=True)
        ]
        ids = await sql.insert(
            "invoices",
            _INVOICE_COLUMNS,
            [_invoice_row(invoice) for invoice in invoices],
            returning="id, number",
        )
        by_number = {row["number"]: int(row["id"]) for row in ids}
        for invoice in invoices:
            invoice.id = by_number[invoice.number]
        await sql.insert(
            "invoice_lines",
            _INVOICE_LINE_COLUMNS,
            [
                (
                    invoice.id,
                    position,
                    item.line.id,
                    item.line.product_id,
                    item.line.description,
                    item.quantity,
                    item.line.unit_price,
                    item.line.discount_percent,
                    item.line.tax_rate,
                    item.net,
                    item.tax,
                    ZERO,
                    ZERO,
                    ZERO,
                )
                for draft, invoice in zip(drafts, invoices, strict=True)
                for position, item in enumerate(draft.items)
            ],
        )
        await sql.update(
            "sales_order_lines",
            _ORDER_LINE_INVOICED,
            [
                (item.line.id, item.line.quantity_invoiced + item.quantity)
                for draft in drafts
                for item in draft.items
            ],
        )
        changed = []
        for draft, invoice in zip(drafts, invoices, strict=True):
            statuses = order_billing_statuses(
                draft.order.status,
                draft.invoiced_after(),
                [*earlier.get(draft.order.id, []), (invoice.amount_paid, invoice.amount_due)],
            )
            order = draft.order
            if statuses != (order.invoice_status, order.payment_status, order.status):
                changed.append((order.id, *(status.value for status in statuses)))
        if changed:
            await sql.update("sales_orders", _ORDER_STATUSES, changed)
        await sync_fulfillment(draft.order.id for draft in drafts)
        await note_credit_exposure(draft.order.account_id for draft in drafts)
        await record_events([event for invoice in invoices for event in _events(invoice)])
    return invoices


async def _post_entries(
    sql: _Sql,
    charged: Sequence[tuple[_Draft, str]],
    issue_date: date,
    ledger: Mapping[str, int],
    rates: Mapping[str, Decimal],
) -> dict[str, int]:
    """The journal entries of the (draft, invoice number) pairs — invoices of 0.00 post none;
    invoice number → entry id. The database checks each entry's balance at commit."""
    if not charged:
        return {}
    entry_numbers = await sql.next_numbers("JE", issue_date.year, len(charged))
    now = utcnow()
    rows = await sql.insert(
        "journal_entries",
        _JOURNAL_ENTRY_COLUMNS,
        [
            (
                entry_number,
                issue_date,
                f"Invoice {number} for {draft.order.number}"[:255],
                JournalSource.INVOICE.value,
                number,
                now,
            )
            for (draft, number), entry_number in zip(charged, entry_numbers, strict=True)
        ],
        returning="id, number",
    )
    entry_id = {row["number"]: int(row["id"]) for row in rows}
    base = base_currency()
    await sql.insert(
        "journal_lines",
        _JOURNAL_LINE_COLUMNS,
        [
            (entry_id[entry_number], *line)
            for (draft, _), entry_number in zip(charged, entry_numbers, strict=True)
            for line in draft.postings(ledger, rates[draft.order.currency], base)
        ],
    )
    return {
        number: entry_id[entry_number]
        for (_, number), entry_number in zip(charged, entry_numbers, strict=True)
    }


def _invoice(
    draft: _Draft,
    number: str,
    issue_date: date,
    terms: Mapping[int, int],
    journal_entry_id: int | None,
    now: datetime,
    rate: Decimal,
) -> Invoice:
    order = draft.order
    return Invoice.construct(
        _saved_in_db=True,
        number=number,
        account_id=order.account_id,
        sales_order_id=order.id,
        issue_date=issue_date,
        due_date=issue_date + timedelta(days=terms[order.account_id]),
        currency=order.currency,
        exchange_rate=rate,
        subtotal=draft.subtotal,
        tax_total=draft.tax_total,
        total=draft.total,
        amount_paid=ZERO,
        amount_credited=ZERO,
        amount_due=draft.total,
        status=invoice_status(ZERO, draft.total, ZERO),
        journal_entry_id=journal_entry_id,
        metadata={},
        private_metadata={},
        created_at=now,
        updated_at=now,
    )


def _invoice_row(invoice: Invoice) -> tuple[Any, ...]:
    return tuple(
        getattr(invoice, name).value
        if name == "status"
        else json.dumps(getattr(invoice, name))
        if name in _JSON_COLUMNS
        else getattr(invoice, name)
        for name, _ in _INVOICE_COLUMNS
    )


def _events(invoice: Invoice) -> list[tuple[str, dict[str, Any]]]:
    """`invoice.posted`; an invoice of 0.00 is paid as it is posted, so `invoice.paid` too."""
    if invoice.status != InvoiceStatus.PAID:
        return [("invoice.posted", invoice_event_data(invoice))]
    posted = Invoice.construct(**{**_fields(invoice), "status": InvoiceStatus.POSTED})
    return [
        ("invoice.posted", invoice_event_data(posted)),
        ("invoice.paid", invoice_event_data(invoice, {"status": InvoiceStatus.POSTED})),
    ]


def _fields(invoice: Invoice) -> dict[str, Any]:
    return {
        name: getattr(invoice, name)
        for name in ("id", "account_id", "sales_order_id", *(n for n, _ in _INVOICE_COLUMNS))
    }


async def invoice_order(order_id: int, issue_date: date) -> Invoice | None:
    """Invoices what is invoiceable of one order; None when there is nothing to invoice."""
    invoices = await invoice_orders([order_id], issue_date, await ledger_account_ids())
    return await Invoice.get(id=invoices[0].id) if invoices else None


async def orders_to_invoice(order_ids: Sequence[int] | None = None) -> list[int]:
    """Ids of confirmed orders with something invoiceable, in id order (the lock order)."""
    open_lines = SalesOrderLine.filter(order__status__in=INVOICEABLE_ORDER_STATUSES).filter(
        Q(
            order__invoice_policy=InvoicePolicy.ON_DELIVERY,
            quantity_shipped__gt=F("quantity_invoiced"),
        )
        | Q(order__invoice_policy=InvoicePolicy.ON_ORDER, quantity__gt=F("quantity_invoiced"))
    )
    if order_ids is not None:
        open_lines = open_lines.filter(order_id__in=list(order_ids))
    rows = await open_lines.order_by("order_id").distinct().values("order_id")
    return sorted({row["order_id"] for row in rows})


@dataclass(frozen=True)
class InvoiceRunResult:
    orders: int
    invoices: list[str]
    issue_date: date
    # The day the run was asked for, when it is in a closed period (§11); else None.
    requested_issue_date: date | None = None

    def summary(self) -> dict[str, object]:
        summary: dict[str, object] = {
            "orders": self.orders,
            "invoices": len(self.invoices),
            "first_number": self.invoices[0] if self.invoices else None,
            "last_number": self.invoices[-1] if self.invoices else None,
        }
        if self.requested_issue_date is not None:
            summary["issue_date"] = self.issue_date.isoformat()
            summary["requested_issue_date"] = self.requested_issue_date.isoformat()
            summary["note"] = (
                f"{self.requested_issue_date.isoformat()} is in a closed period: invoiced on "
                f"{self.issue_date.isoformat()}, the first open date."
            )
        return summary


Progress = Callable[[int, int], Awaitable[None]]


async def _invoice_one_by_one(
    order_ids: Sequence[int],
    issue_date: date,
    ledger: Mapping[str, int],
    failures: list[Exception],
) -> list[Invoice]:
    """The orders of a failed batch, one transaction each; errors go to `failures`."""
    invoices = []
    for order_id in order_ids:
        try:
            invoices += await invoice_orders([order_id], issue_date, ledger)
        except Exception as error:
            log.exception("invoicing order %s failed", order_id)
            failures.append(error)
    return invoices


async def run_invoicing(
    issue_date: date,
    order_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    batch_size: int | None = None,
) -> InvoiceRunResult:
    """The invoice run: `batch_size` (default BATCH_SIZE) orders per transaction, so a crash
    keeps the batches already committed and a rerun invoices only what is left.

    A batch that fails is done again one order per transaction, so one bad order costs only
    itself; the run carries on and then raises that order's error (the job retries it).
    `progress` — the job's checkpoint — is called after every batch. An `issue_date` in a
    closed period becomes the first open date (§11), and the result says so.
    """
    requested = issue_date
    issue_date = await first_open_date(requested)
    size = batch_size or BATCH_SIZE
    candidates = await orders_to_invoice(order_ids)
    ledger = await ledger_account_ids()
    numbers: list[str] = []
    failures: list[Exception] = []
    for start in range(0, len(candidates), size):
        batch = candidates[start : start + size]
        try:
            invoices = await invoice_orders(batch, issue_date, ledger)
        except Exception as error:
            if len(batch) == 1:
                log.exception("invoicing order %s failed", batch[0])
                failures.append(error)
                invoices = []
            else:
                invoices = await _invoice_one_by_one(batch, issue_date, ledger, failures)
        numbers += [invoice.number for invoice in invoices]
        if progress is not None:
            await progress(start + len(batch), len(candidates))
    if failures:
        raise failures[0]
    return InvoiceRunResult(
        orders=len(candidates),
        invoices=numbers,
        issue_date=issue_date,
        requested_issue_date=requested if issue_date != requested else None,
    )
