"""financeInsights (§13): receivables, days sales outstanding, what is overdue and how long
customers take to pay, as of a day — a pure function over plain rows, and their loading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tortoise.functions import Max

from domain.billing.models import OPEN_INVOICE_STATUSES, Invoice, InvoiceStatus, PaymentAllocation
from domain.billing.receivables import settled_after
from domain.currencies.conversion import to_base
from domain.currencies.services import base_currency
from domain.insights.figures import Period, mean, one_decimal
from domain.money import ZERO, cents

DSO_DAYS = 90


@dataclass(frozen=True)
class Receivable:
    """What an invoice issued by the day still had due on it that day."""

    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class PaidInvoice:
    """An invoice paid in full, and the day of the last payment applied to it."""

    issue_date: date
    paid_on: date


@dataclass(frozen=True)
class FinanceInsights:
    as_of: date
    receivables: Decimal
    invoiced_last_90_days: Decimal
    dso: Decimal | None
    overdue_receivables: Decimal
    average_days_to_pay: Decimal | None
    paid_invoices: int


def last_90_days(as_of: date) -> Period:
    """The 90 days ending with `as_of`, inclusive."""
    return Period(as_of - timedelta(days=DSO_DAYS - 1), as_of)


def finance_insights(
    as_of: date,
    receivables: Sequence[Receivable],
    invoiced_last_90_days: Decimal,
    paid: Sequence[PaidInvoice],
) -> FinanceInsights:
    """The figures of §13, pure:

    - receivables (AR): Σ amount due as of `as_of` (arAging's total);
    - dso = AR ÷ Σ totals (tax included) of the invoices issued in the 90 days ending with
      `as_of` × 90, in days with 1 decimal; None when nothing was invoiced then;
    - overdueReceivables: the part of AR past its due date (due before `as_of`);
    - averageDaysToPay: mean days from issue to the last payment of the invoices paid in full
      by a payment dated in those 90 days; None when there are none."""
    window = last_90_days(as_of)
    total = cents(sum((r.amount for r in receivables), ZERO))
    overdue = cents(sum((r.amount for r in receivables if r.due_date < as_of), ZERO))
    invoiced = cents(invoiced_last_90_days)
    counted = [p for p in paid if p.paid_on in window]
    return FinanceInsights(
        as_of=as_of,
        receivables=total,
        invoiced_last_90_days=invoiced,
        dso=None if invoiced == 0 else one_decimal(total / invoiced * DSO_DAYS),
        overdue_receivables=overdue,
        average_days_to_pay=mean([Decimal((p.paid_on - p.issue_date).days) for p in counted]),
        paid_invoices=len(counted),
    )


def _base(amount: Any, rate: Any) -> Decimal:
    """An invoice amount in the base currency at the invoice's booked rate (§12), as 1200
    carries it."""
    return to_base(Decimal(str(amount)), Decimal(str(rate)), base_currency())


async def load_finance_insights(as_of: date) -> FinanceInsights:
    """Six queries: the open invoices, what later payments and credit notes took off (two)
    and those invoices, the invoices of the 90 days, and the invoices paid in those days
    with their issue days. Amounts in the base currency, each invoice's at its booked rate."""
    receivables = [
        Receivable(row["due_date"], _base(row["amount_due"], row["exchange_rate"]))
        for row in await Invoice.filter(
            status__in=OPEN_INVOICE_STATUSES, amount_due__gt=0, issue_date__lte=as_of
        ).values("due_date", "amount_due", "exchange_rate")
    ]
    taken_off = await settled_after(as_of)
    if taken_off:
        settled = await Invoice.filter(id__in=sorted(taken_off), issue_date__lte=as_of).values(
            "id", "due_date", "exchange_rate"
        )
        receivables += [
            Receivable(row["due_date"], _base(taken_off[row["id"]], row["exchange_rate"]))
            for row in settled
        ]
    window = last_90_days(as_of)
    invoiced_rows = (
        await Invoice.filter(issue_date__gte=window.start, issue_date__lte=window.end)
        .exclude(status=InvoiceStatus.VOID)
        .values("total", "exchange_rate")
    )
    invoiced = sum((_base(row["total"], row["exchange_rate"]) for row in invoiced_rows), ZERO)
    # An invoice whose last payment falls in the window has a payment in it: its latest
    # allocation dated from the window's start on is its last one.
    last_paid = {
        row["invoice_id"]: row["paid_on"]
        for row in await PaymentAllocation.filter(
            invoice__status=InvoiceStatus.PAID, payment__date__gte=window.start
        )
        .annotate(paid_on=Max("payment__date"))
        .group_by("invoice_id")
        .values("invoice_id", "paid_on")
    }
    paid: list[PaidInvoice] = []
    if last_paid:
        issued = await Invoice.filter(id__in=sorted(last_paid)).values("id", "issue_date")
        paid = [PaidInvoice(row["issue_date"], _as_date(last_paid[row["id"]])) for row in issued]
    return finance_insights(as_of, receivables, invoiced, paid)


def _as_date(value: object) -> date:
    # SQLite hands MAX over a date column back as its text.
    return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]
