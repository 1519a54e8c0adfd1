"""Account statements (§11): what a customer was charged and paid over a period, line by line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.functions import Sum
from tortoise.queryset import QuerySet

from domain.accounts.models import Account
from domain.billing.models import CreditNote, Invoice, Payment
from domain.errors import DomainError, ErrorCode
from domain.money import ZERO, stored_amount
from domain.validation import Checks, required_date


class DocumentType(str, Enum):
    INVOICE = "INVOICE"
    PAYMENT = "PAYMENT"
    CREDIT_NOTE = "CREDIT_NOTE"
    REFUND = "REFUND"


# Within a day: what was charged before what settled it.
_DAY_ORDER = {
    DocumentType.INVOICE: 0,
    DocumentType.CREDIT_NOTE: 1,
    DocumentType.PAYMENT: 2,
    DocumentType.REFUND: 3,
}


@dataclass(frozen=True)
class StatementDocument:
    """A document that moved the account's balance: a debit raises it, a credit lowers it."""

    date: date
    document_type: DocumentType
    reference: str
    debit: Decimal
    credit: Decimal
    created_at: datetime | None = None


@dataclass(frozen=True)
class StatementLine:
    date: date
    document_type: DocumentType
    reference: str
    debit: Decimal
    credit: Decimal
    # The account's balance once this line is counted.
    balance: Decimal


@dataclass(frozen=True)
class Statement:
    account_id: int
    currency: str
    date_from: date
    date_to: date
    opening_balance: Decimal
    lines: list[StatementLine]

    @property
    def closing_balance(self) -> Decimal:
        """openingBalance + Σ(debit − credit): the account's balance as of `date_to`."""
        return self.lines[-1].balance if self.lines else self.opening_balance


def statement_lines(
    opening_balance: Decimal, documents: Iterable[StatementDocument]
) -> list[StatementLine]:
    """The documents by date (invoices, then credit notes, then payments within a day, then
    as recorded) with the running balance after each (pure)."""
    ordered = sorted(
        documents,
        key=lambda d: (
            d.date,
            _DAY_ORDER[d.document_type],
            d.created_at or datetime.min,
            d.reference,
        ),
    )
    balance = opening_balance
    lines = []
    for document in ordered:
        balance += document.debit - document.credit
        lines.append(
            StatementLine(
                date=document.date,
                document_type=document.document_type,
                reference=document.reference,
                debit=document.debit,
                credit=document.credit,
                balance=balance,
            )
        )
    return lines


def _amount(value: Any) -> Decimal:
    """A stored or summed amount of the account's currency, to its minor units (at most 3,
    §12; SQLite may sum to a float)."""
    return stored_amount(value)


async def _total(queryset: QuerySet[Any], column: str) -> Decimal:
    rows = await queryset.annotate(amount=Sum(column)).values("amount")
    return _amount(rows[0]["amount"] or ZERO) if rows else ZERO


async def balance_before(account_id: int, day: date) -> Decimal:
    """The account's balance at the start of `day`: invoices issued before it, less payments
    and credit notes dated before it (§3's balance, as of then)."""
    charged = await _total(Invoice.filter(account_id=account_id, issue_date__lt=day), "total")
    paid = await _total(Payment.filter(account_id=account_id, date__lt=day), "amount")
    credited = await _total(CreditNote.filter(account_id=account_id, issue_date__lt=day), "total")
    return charged - paid - credited


async def _documents(account_id: int, date_from: date, date_to: date) -> list[StatementDocument]:
    invoices = await Invoice.filter(
        account_id=account_id, issue_date__gte=date_from, issue_date__lte=date_to
    ).values("issue_date", "number", "total", "created_at")
    payments = await Payment.filter(
        account_id=account_id, date__gte=date_from, date__lte=date_to
    ).values("date", "number", "amount", "created_at")
    credit_notes = await CreditNote.filter(
        account_id=account_id, issue_date__gte=date_from, issue_date__lte=date_to
    ).values("issue_date", "number", "total", "created_at")
    return [
        *(
            StatementDocument(
                row["issue_date"],
                DocumentType.INVOICE,
                row["number"],
                _amount(row["total"]),
                ZERO,
                row["created_at"],
            )
            for row in invoices
        ),
        *(
            StatementDocument(
                row["date"],
                DocumentType.PAYMENT,
                row["number"],
                ZERO,
                _amount(row["amount"]),
                row["created_at"],
            )
            for row in payments
        ),
        *(
            StatementDocument(
                row["issue_date"],
                DocumentType.CREDIT_NOTE,
                row["number"],
                ZERO,
                _amount(row["total"]),
                row["created_at"],
            )
            for row in credit_notes
        ),
    ]


async def account_statement(account_id: int, date_from: date, date_to: date) -> Statement | None:
    """accountStatement (§11), in the account's currency; None for an unknown account."""
    checks = Checks()
    checks(required_date, date_from, "from")
    checks(required_date, date_to, "to")
    checks.raise_if_any()
    if date_to < date_from:
        raise DomainError(ErrorCode.INVALID, "to must not be before from.", "to")
    account = await Account.get_or_none(id=account_id)
    if account is None:
        return None
    opening = await balance_before(account.id, date_from)
    documents = await _documents(account.id, date_from, date_to)
    return Statement(
        account_id=account.id,
        currency=account.currency,
        date_from=date_from,
        date_to=date_to,
        opening_balance=opening,
        lines=statement_lines(opening, documents),
    )
