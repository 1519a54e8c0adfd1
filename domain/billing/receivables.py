"""What customers owe: balances, credit, revenue and AR aging, summed by the database (§3, §5.4)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.functions import Sum

from domain.billing.models import (
    OPEN_INVOICE_STATUSES,
    CreditNote,
    Invoice,
    Payment,
    PaymentAllocation,
)
from domain.currencies.conversion import to_base
from domain.currencies.iso4217 import round_amount
from domain.currencies.services import base_currency
from domain.money import ZERO, cents, stored_amount
from domain.orders.models import OrderStatus, SalesOrder

# Orders whose uninvoiced value counts against the credit limit.
COMMITTED_ORDER_STATUSES = (
    OrderStatus.CONFIRMED,
    OrderStatus.PARTIALLY_SHIPPED,
    OrderStatus.SHIPPED,
)


async def _sum_by_account(
    queryset: Any, column: str, key: str = "account_id"
) -> dict[int, Decimal]:
    rows = await queryset.annotate(amount=Sum(column)).group_by(key).values(key, "amount")
    # Each account's documents are in its currency: at most its minor units (§12).
    return {
        row[key]: stored_amount(row["amount"] or ZERO)
        for row in rows
    }


async def balances(account_ids: Sequence[int]) -> dict[int, Decimal]:
    """Posted invoices' amount due minus unapplied payment and credit-note credit, per account."""
    due = await _sum_by_account(
        Invoice.filter(account_id__in=account_ids, status__in=OPEN_INVOICE_STATUSES), "amount_due"
    )
    paid_ahead = await _sum_by_account(
        Payment.filter(account_id__in=account_ids, unapplied_amount__gt=0), "unapplied_amount"
    )
    credited = await _sum_by_account(
        CreditNote.filter(account_id__in=account_ids, unapplied_amount__gt=0), "unapplied_amount"
    )
    return {
        account_id: due.get(account_id, ZERO)
        - paid_ahead.get(account_id, ZERO)
        - credited.get(account_id, ZERO)
        for account_id in account_ids
    }


async def account_balance(account_id: int) -> Decimal:
    """Posted invoices' amount due minus unapplied payment credit (§3)."""
    return (await balances([account_id]))[account_id]


async def uninvoiced_order_values(account_ids: Sequence[int]) -> dict[int, Decimal]:
    """Total of confirmed (not yet closed or cancelled) orders minus what is invoiced of them."""
    ordered = await _sum_by_account(
        SalesOrder.filter(account_id__in=account_ids, status__in=COMMITTED_ORDER_STATUSES),
        "total",
    )
    invoiced = await _sum_by_account(
        Invoice.filter(
            account_id__in=account_ids, sales_order__status__in=COMMITTED_ORDER_STATUSES
        ),
        "total",
    )
    return {
        account_id: max(ZERO, ordered.get(account_id, ZERO) - invoiced.get(account_id, ZERO))
        for account_id in account_ids
    }


def credit_left(credit_limit: Decimal, balance: Decimal, uninvoiced: Decimal) -> Decimal:
    """creditLimit − balance − uninvoiced confirmed orders (§3; pure)."""
    return cents(credit_limit) - balance - uninvoiced


async def credit_available(
    credit_limits: dict[int, Decimal | None],
) -> dict[int, Decimal | None]:
    """credit_left per account; None for accounts without a limit."""
    limited = [account_id for account_id, limit in credit_limits.items() if limit is not None]
    balance = await balances(limited) if limited else {}
    uninvoiced = await uninvoiced_order_values(limited) if limited else {}
    return {
        account_id: None
        if limit is None
        else credit_left(limit, balance[account_id], uninvoiced[account_id])
        for account_id, limit in credit_limits.items()
    }


async def lifetime_revenues(account_ids: Sequence[int]) -> dict[int, Decimal]:
    """Σ invoice subtotals minus Σ credit-note subtotals, per account (net of tax)."""
    invoiced = await _sum_by_account(Invoice.filter(account_id__in=account_ids), "subtotal")
    credited = await _sum_by_account(CreditNote.filter(account_id__in=account_ids), "subtotal")
    return {
        account_id: invoiced.get(account_id, ZERO) - credited.get(account_id, ZERO)
        for account_id in account_ids
    }


AGING_BUCKETS = ("current", "d1_30", "d31_60", "d61_90", "over90")


def aging_bucket(days_past_due: int) -> str:
    """Day 0 (the due date) and before are current; then 1–30, 31–60, 61–90, over 90 (pure)."""
    if days_past_due <= 0:
        return "current"
    if days_past_due <= 30:
        return "d1_30"
    if days_past_due <= 60:
        return "d31_60"
    if days_past_due <= 90:
        return "d61_90"
    return "over90"


@dataclass
class AgingRow:
    account_id: int | None
    # An account's row is in its currency; the total row in the base currency (§12).
    currency: str | None = None
    current: Decimal = ZERO
    d1_30: Decimal = ZERO
    d31_60: Decimal = ZERO
    d61_90: Decimal = ZERO
    over90: Decimal = ZERO

    def add(self, bucket: str, amount: Decimal) -> None:
        setattr(self, bucket, getattr(self, bucket) + amount)

    @property
    def total(self) -> Decimal:
        return self.current + self.d1_30 + self.d31_60 + self.d61_90 + self.over90


@dataclass(frozen=True)
class AgingReport:
    as_of: date
    accounts: list[AgingRow]
    total: AgingRow


def age(
    as_of: date, open_amounts: Iterable[tuple[Any, ...]], base_currency: str | None = None
) -> AgingReport:
    """Buckets (account id, due date, amount due[, currency, booked rate]) rows by days past
    due at `as_of`: each account's row in its currency, the total in the base currency, every
    amount converted at the rate its document was booked at (§12) (pure)."""
    rows: dict[int, AgingRow] = {}
    total = AgingRow(account_id=None, currency=base_currency)
    for account_id, due_date, amount, *booked in open_amounts:
        currency, rate = booked if booked else (base_currency, Decimal(1))
        bucket = aging_bucket((as_of - due_date).days)
        row = rows.setdefault(account_id, AgingRow(account_id=account_id, currency=currency))
        row.add(bucket, amount)
        if base_currency is None or currency == base_currency:
            total.add(bucket, amount)
        else:
            total.add(bucket, to_base(amount, rate, base_currency))
    return AgingReport(as_of=as_of, accounts=[rows[k] for k in sorted(rows)], total=total)


async def settled_after(as_of: date) -> dict[int, Decimal]:
    """Per invoice, what payments and credit notes dated after `as_of` took off its amount
    due: added back, it gives the amount due as of `as_of` (§5.4)."""
    later: dict[int, Decimal] = {}
    for queryset, column in (
        (PaymentAllocation.filter(payment__date__gt=as_of), "amount"),
        (CreditNote.filter(issue_date__gt=as_of, applied_amount__gt=0), "applied_amount"),
    ):
        for invoice_id, amount in (await _sum_by_account(queryset, column, "invoice_id")).items():
            later[invoice_id] = later.get(invoice_id, ZERO) + amount
    return later


async def ar_aging(as_of: date) -> AgingReport:
    """Each invoice issued by `as_of` with an amount due as of `as_of` — what is due today
    plus what later payments and credit notes took off — by account and due date (§5.4): so
    last month's aging reads the same today as it did then."""
    grouped = (
        await Invoice.filter(
            status__in=OPEN_INVOICE_STATUSES, amount_due__gt=0, issue_date__lte=as_of
        )
        .annotate(amount=Sum("amount_due"))
        .group_by("account_id", "due_date", "currency", "exchange_rate")
        .values("account_id", "due_date", "currency", "exchange_rate", "amount")
    )
    rows = [
        (
            row["account_id"],
            row["due_date"],
            round_amount(Decimal(str(row["amount"])), row["currency"]),
            row["currency"],
            Decimal(str(row["exchange_rate"])),
        )
        for row in grouped
    ]
    taken_off = await settled_after(as_of)
    if taken_off:
        settled = await Invoice.filter(id__in=sorted(taken_off), issue_date__lte=as_of).values(
            "id", "account_id", "due_date", "currency", "exchange_rate"
        )
        rows += [
            (
                row["account_id"],
                row["due_date"],
                taken_off[row["id"]],
                row["currency"],
                Decimal(str(row["exchange_rate"])),
            )
            for row in settled
        ]
    return age(as_of, rows, base_currency())
