"""The invoice, payment, credit-note and allocation lists: their filter and order inputs, and
the connection of invoices that other objects show (`Account.invoices`), for any area to call."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from api.billing.enums import InvoiceStatus
from api.billing.loaders import (
    AllocationCriteria,
    CreditNoteCriteria,
    InvoicesByAccountIdLoader,
)
from api.external_data import ExternalDataFilter, metadata_pairs
from api.nested import Window, nested_connection
from api.relay import Connection, filter_id, order_fields, to_node
from api.scalars import OrderDirection, described_enum
from domain.billing import listing

DIRECTION_DESCRIPTION = "ASC (the default) or DESC; ties are broken by creation order."


def _order(order_by: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    return order_fields(order_by.field.value, order_by.direction) if order_by else default


class InvoiceOrderField(Enum):
    NUMBER = "number"
    ISSUE_DATE = "issue_date"
    DUE_DATE = "due_date"
    TOTAL = "total"
    AMOUNT_DUE = "amount_due"


described_enum(
    InvoiceOrderField,
    name="InvoiceOrderField",
    description="What a list of invoices can be sorted by.",
    values={
        "NUMBER": "The invoice number, INV-YYYY-NNNNNN: gapless per issue year.",
        "ISSUE_DATE": "The day it was issued.",
        "DUE_DATE": "The day payment is due.",
        "TOTAL": "The total incl. tax.",
        "AMOUNT_DUE": "What is still owed.",
    },
)


@strawberry.input(description="The order of an invoice list.")
class InvoiceOrder:
    field: InvoiceOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=DIRECTION_DESCRIPTION
    )


@strawberry.input(description="Narrows an invoice list; the conditions given all apply.")
class InvoiceFilter(ExternalDataFilter):
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's invoices (an Account id)."
    )
    sales_order_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the invoices of this order (a SalesOrder id)."
    )
    status: InvoiceStatus | None = strawberry.field(default=None, description="Only this status.")
    issued_from: date | None = strawberry.field(
        default=None, description="Only invoices issued on or after this day."
    )
    issued_to: date | None = strawberry.field(
        default=None, description="Only invoices issued on or before this day."
    )
    overdue_on: date | None = strawberry.field(
        default=None,
        description="Only invoices with an amount still due whose due date is before this day.",
    )


def invoice_filter(flt: InvoiceFilter | None) -> listing.InvoiceFilter:
    """The domain's filter for the input (ids checked by the filter-id rule, §2)."""
    flt = flt or InvoiceFilter()
    return listing.InvoiceFilter(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        sales_order_id=filter_id(flt.sales_order_id, "SalesOrder", "salesOrderId"),
        status=flt.status,
        issued_from=flt.issued_from,
        issued_to=flt.issued_to,
        overdue_on=flt.overdue_on,
        external_id=flt.external_id,
        metadata=metadata_pairs(flt),
    )


def invoice_order(
    order_by: InvoiceOrder | None, default: tuple[str, ...] = ("-issue_date", "-id")
) -> tuple[str, ...]:
    return _order(order_by, default)


async def account_invoices(
    info: Info,
    account_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: InvoiceFilter | None = None,
    order_by: InvoiceOrder | None = None,
) -> Connection[Any]:
    """`Account.invoices`: one query for all accounts of the page, oldest first (by issue
    date) unless `order_by` says otherwise."""
    return await nested_connection(
        info,
        InvoicesByAccountIdLoader,
        account_id,
        invoice_filter(filter),
        to_node,
        Window(first, after, last, before, invoice_order(order_by, default=("issue_date",))),
    )


class PaymentOrderField(Enum):
    NUMBER = "number"
    DATE = "date"
    AMOUNT = "amount"


described_enum(
    PaymentOrderField,
    name="PaymentOrderField",
    description="What a list of payments can be sorted by.",
    values={
        "NUMBER": "The payment number.",
        "DATE": "The day the money was received.",
        "AMOUNT": "The amount received.",
    },
)


@strawberry.input(description="The order of a payment list.")
class PaymentOrder:
    field: PaymentOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=DIRECTION_DESCRIPTION
    )


@strawberry.input(description="Narrows a payment list; the conditions given all apply.")
class PaymentFilter:
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's payments (an Account id)."
    )
    from_: date | None = strawberry.field(
        default=None, name="from", description="Only payments dated on or after this day."
    )
    to: date | None = strawberry.field(
        default=None, description="Only payments dated on or before this day."
    )


def payment_filter(flt: PaymentFilter | None) -> listing.PaymentFilter:
    flt = flt or PaymentFilter()
    return listing.PaymentFilter(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        date_from=flt.from_,
        date_to=flt.to,
    )


def payment_order(order_by: PaymentOrder | None) -> tuple[str, ...]:
    return _order(order_by, ("-date", "-id"))


class CreditNoteOrderField(Enum):
    NUMBER = "number"
    ISSUE_DATE = "issue_date"
    TOTAL = "total"


described_enum(
    CreditNoteOrderField,
    name="CreditNoteOrderField",
    description="What a list of credit notes can be sorted by.",
    values={
        "NUMBER": "The credit note number, CN-YYYY-NNNNNN: gapless per year.",
        "ISSUE_DATE": "The day it was issued.",
        "TOTAL": "The total credited incl. tax.",
    },
)


@strawberry.input(description="The order of a credit-note list.")
class CreditNoteOrder:
    field: CreditNoteOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=DIRECTION_DESCRIPTION
    )


@strawberry.input(description="Narrows a credit-note list; the conditions given all apply.")
class CreditNoteFilter:
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's credit notes (an Account id)."
    )
    invoice_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the credit notes of this invoice (an Invoice id)."
    )


def credit_note_criteria(flt: CreditNoteFilter | None) -> CreditNoteCriteria:
    flt = flt or CreditNoteFilter()
    return CreditNoteCriteria(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        invoice_id=filter_id(flt.invoice_id, "Invoice", "invoiceId"),
    )


def credit_note_order(
    order_by: CreditNoteOrder | None, default: tuple[str, ...] = ("-issue_date", "-id")
) -> tuple[str, ...]:
    return _order(order_by, default)


class PaymentAllocationOrderField(Enum):
    APPLIED = "id"
    AMOUNT = "amount"


described_enum(
    PaymentAllocationOrderField,
    name="PaymentAllocationOrderField",
    description="What a list of payment allocations can be sorted by.",
    values={
        "APPLIED": "The order the amounts were applied in (the default).",
        "AMOUNT": "The amount applied.",
    },
)


@strawberry.input(description="The order of a list of payment allocations.")
class PaymentAllocationOrder:
    field: PaymentAllocationOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=DIRECTION_DESCRIPTION
    )


@strawberry.input(
    description="Narrows a list of payment allocations; the conditions given all apply."
)
class PaymentAllocationFilter:
    payment_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only what this payment applied (a Payment id)."
    )
    invoice_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only what was applied to this invoice (an Invoice id)."
    )


def allocation_criteria(flt: PaymentAllocationFilter | None) -> AllocationCriteria:
    flt = flt or PaymentAllocationFilter()
    return AllocationCriteria(
        payment_id=filter_id(flt.payment_id, "Payment", "paymentId"),
        invoice_id=filter_id(flt.invoice_id, "Invoice", "invoiceId"),
    )


def allocation_order(order_by: PaymentAllocationOrder | None) -> tuple[str, ...]:
    return _order(order_by, ("id",))
