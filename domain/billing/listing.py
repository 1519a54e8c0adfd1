"""The billing lists behind the `invoices`, `payments` and `creditNotes` connections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.queryset import QuerySet

from domain.billing.models import CreditNote, Invoice, InvoiceStatus, Payment
from domain.external_data import filter_external
from domain.querying import filter_given


@dataclass(frozen=True)
class InvoiceFilter:
    account_id: int | None = None
    sales_order_id: int | None = None
    status: InvoiceStatus | None = None
    issued_from: date | None = None
    issued_to: date | None = None
    overdue_on: date | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_invoices(flt: InvoiceFilter | None = None) -> QuerySet[Invoice]:
    """Issue dates inclusive; `overdue_on`: still owing and past the due date on that day."""
    flt = flt or InvoiceFilter()
    queryset = Invoice.all()
    queryset = filter_given(
        queryset,
        account_id=flt.account_id,
        sales_order_id=flt.sales_order_id,
        status=flt.status,
        issue_date__gte=flt.issued_from,
        issue_date__lte=flt.issued_to,
    )
    if flt.overdue_on is not None:
        queryset = queryset.filter(amount_due__gt=0, due_date__lt=flt.overdue_on)
    return filter_external(queryset, Invoice, flt.external_id, flt.metadata)


@dataclass(frozen=True)
class PaymentFilter:
    account_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def list_payments(flt: PaymentFilter | None = None) -> QuerySet[Payment]:
    flt = flt or PaymentFilter()
    queryset = Payment.all()
    queryset = filter_given(
        queryset,
        account_id=flt.account_id,
        date__gte=flt.date_from,
        date__lte=flt.date_to,
    )
    return queryset


def list_credit_notes(
    account_id: int | None = None, invoice_id: int | None = None
) -> QuerySet[CreditNote]:
    queryset = CreditNote.all()
    if account_id is not None:
        queryset = queryset.filter(account_id=account_id)
    if invoice_id is not None:
        queryset = queryset.filter(invoice_id=invoice_id)
    return queryset
