"""OPEN_INVOICES rows (§14): each row an invoice the customer still owes from the system
before, posted as an opening balance — Dr 1200 on the customer / Cr 3900 Opening Balance
Equity, never 4000 (the sale was booked in the old books) — once per external id.

An imported invoice is a POSTED invoice like any other (aging, statements, balances,
payments), in the account's currency at the rate of its issue date (§12), numbered in the
INV series of its issue year; its externalId is the old system's number. An invoice belongs to
a sales order, so each has one holding order without lines (SHIPPED, INVOICED; CLOSED once
paid) that carries the memo as its notes. A row whose external id is imported already is
UNCHANGED when it says the same, else INVALID: a posted invoice is never rewritten."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.billing.models import Invoice, InvoiceStatus
from domain.clock import today, utcnow
from domain.closing.periods import ensure_open
from domain.credit.services import note_credit_exposure
from domain.currencies.iso4217 import minor_units
from domain.currencies.services import rate_on
from domain.errors import DomainError, ErrorCode
from domain.event_data import invoice_event_data
from domain.events import record_event
from domain.external_data import clean_external_fields
from domain.imports.models import ImportRowStatus
from domain.imports.rows import PendingRow, RowOutcome, in_savepoint
from domain.ledger.models import JournalSource
from domain.ledger.postings import ACCOUNTS_RECEIVABLE, OPENING_BALANCE_EQUITY, Posting
from domain.ledger.services import post_journal_entry
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.orders.models import (
    DeliveryStatus,
    InvoicePolicy,
    OrderStatus,
    PaymentStatus,
    SalesOrder,
)
from domain.orders.models import InvoiceStatus as OrderInvoiceStatus
from domain.validation import (
    Checks,
    currency_code,
    label,
    optional_date,
    optional_text,
    required_date,
    required_text,
    valid_amount,
)

METADATA_FIELDS = ("metadata", "private_metadata")
# The most minor units of any currency (KWD, BHD: 3).
MAX_MINOR_UNITS = 3


def opening_invoice_postings(amount: Decimal, account_id: int) -> list[Posting]:
    """An open invoice brought over: Dr 1200 on the customer / Cr 3900 (pure)."""
    return [
        Posting(ACCOUNTS_RECEIVABLE, debit=amount, account_id=account_id),
        Posting(OPENING_BALANCE_EQUITY, credit=amount),
    ]


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    """Every field that can be checked without the database, all refusals at once."""
    checks = Checks()
    clean: dict[str, Any] = {
        "external_id": checks(required_text, fields.get("external_id"), "external_id", 100),
        "issue_date": checks(required_date, fields.get("issue_date"), "issue_date"),
        "due_date": checks(optional_date, fields.get("due_date"), "due_date"),
        "currency": checks(currency_code, fields.get("currency"), "currency"),
        "memo": checks(optional_text, fields.get("memo"), "memo", 200),
    }
    if fields.get("account_external_id") is None:
        checks.add(
            DomainError(ErrorCode.REQUIRED, "accountExternalId is required.", "account_external_id")
        )
    # Its form and sign now; its decimals once the account's currency is known (§12).
    checks(valid_amount, fields.get("amount"), "amount", MAX_MINOR_UNITS, positive=True)
    with checks.collecting():
        clean.update(
            clean_external_fields({k: v for k, v in fields.items() if k in METADATA_FIELDS})
        )
    due, issue = clean["due_date"], clean["issue_date"]
    if due is not None and issue is not None and due < issue:
        checks.add(
            DomainError(ErrorCode.INVALID, "dueDate must not be before issueDate.", "due_date")
        )
    checks.raise_if_any()
    return clean


async def _account(reference: Any) -> Account:
    account = await Account.get_or_none(external_id=str(reference).strip())
    if account is None:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            f"accountExternalId {reference!r} names no account.",
            "account_external_id",
        )
    if account.archived_at is not None:
        raise DomainError(ErrorCode.INVALID, "The account is archived.", "account_external_id")
    return account


def _differences(
    invoice: Invoice, notes: str | None, account: Account, clean: dict[str, Any], given: set[str]
) -> list[str]:
    """The fields of the row that say otherwise than the invoice imported before (a column the
    file does not have, or a blank due date, says nothing)."""
    differ = []
    if invoice.account_id != account.id:
        differ.append("account_external_id")
    if invoice.issue_date != clean["issue_date"]:
        differ.append("issue_date")
    if clean["due_date"] is not None and invoice.due_date != clean["due_date"]:
        differ.append("due_date")
    if Decimal(invoice.total) != clean["amount"]:
        differ.append("amount")
    if clean["currency"] is not None and invoice.currency != clean["currency"]:
        differ.append("currency")
    if "memo" in given and (notes or None) != clean["memo"]:
        differ.append("memo")
    for name in METADATA_FIELDS:
        if name in given and getattr(invoice, name) != clean[name]:
            differ.append(name)
    return differ


async def _open_invoice_row(fields: dict[str, Any]) -> ImportRowStatus:
    clean = _checked(fields)
    account = await _account(fields["account_external_id"])
    if clean["currency"] is not None and clean["currency"] != account.currency:
        raise DomainError(
            ErrorCode.INVALID,
            f"currency must be the account's currency, {account.currency} (§12).",
            "currency",
        )
    clean["amount"] = valid_amount(
        fields["amount"], "amount", minor_units(account.currency), positive=True
    )
    external_id = clean["external_id"]
    existing = await Invoice.get_or_none(external_id=external_id)
    if existing is not None:
        order = await SalesOrder.get(id=existing.sales_order_id)
        differ = _differences(existing, order.notes, account, clean, set(fields))
        if not differ:
            return ImportRowStatus.UNCHANGED
        raise DomainError(
            ErrorCode.INVALID,
            f"Invoice {external_id!r} is posted already ({existing.number}) with another "
            f"{', '.join(label(name) for name in differ)}; a posted invoice is corrected with "
            "a payment or a credit, never rewritten.",
            differ[0],
        )
    issue: Any = clean["issue_date"]
    await ensure_open(issue, "issue_date")
    rate = await rate_on(account.currency, issue, "issue_date")
    amount: Decimal = clean["amount"]
    number = await next_number("INV", issue.year)
    order = await SalesOrder.create(
        number=await next_number("SO", today().year),
        account_id=account.id,
        status=OrderStatus.SHIPPED,
        invoice_policy=InvoicePolicy.ON_ORDER,
        currency=account.currency,
        subtotal=amount,
        tax_total=ZERO,
        total=amount,
        delivery_status=DeliveryStatus.SHIPPED,
        invoice_status=OrderInvoiceStatus.INVOICED,
        payment_status=PaymentStatus.UNPAID,
        notes=clean["memo"],
        confirmed_at=utcnow(),
    )
    entry = await post_journal_entry(
        entry_date=issue,
        memo=f"Opening balance: invoice {external_id} as {number}"
        + (f" ({clean['memo']})" if clean["memo"] else ""),
        source=JournalSource.INVOICE.value,
        postings=opening_invoice_postings(amount, account.id),
        reference=number,
        currency=account.currency,
        rate=rate,
    )
    invoice = await Invoice.create(
        number=number,
        account_id=account.id,
        sales_order_id=order.id,
        status=InvoiceStatus.POSTED,
        issue_date=issue,
        due_date=clean["due_date"] or issue + timedelta(days=account.payment_terms_days),
        currency=account.currency,
        exchange_rate=rate,
        subtotal=amount,
        tax_total=ZERO,
        total=amount,
        amount_due=amount,
        journal_entry_id=entry.id,
        external_id=external_id,
        metadata=clean.get("metadata") or {},
        private_metadata=clean.get("private_metadata") or {},
    )
    await note_credit_exposure([account.id])
    await record_event("invoice.posted", invoice_event_data(invoice))
    return ImportRowStatus.CREATED


async def apply_open_invoices(rows: Sequence[PendingRow]) -> list[RowOutcome]:
    """Each row in a savepoint of its batch: its invoice, order, entry and event, or nothing."""
    return [await in_savepoint(row, _open_invoice_row) for row in rows]
