"""Billing queries and mutations: invoices, payments, credit notes, AR aging, invoice runs."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from api.billing.types import (
    ArAging,
    ArAgingAccount,
    CreditNote,
    CreditNoteCreateInput,
    CreditNoteCreatePayload,
    CreditNoteFilter,
    Invoice,
    InvoiceFilter,
    InvoiceOrder,
    InvoiceRunStartInput,
    InvoiceRunStartPayload,
    Payment,
    PaymentFilter,
    PaymentRecordInput,
    PaymentRecordPayload,
    aging_buckets,
)
from api.errors import perform
from api.jobs.start import start_job
from api.jobs.types import JobRun
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.billing import listing, receivables
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.models import InvoiceStatus
from domain.billing.payments import AllocationDraft, record_payment
from domain.clock import today
from domain.errors import DomainError, ErrorCode
from domain.jobs.kinds import InvoicingParams
from domain.jobs.models import JobKind
from domain.orders.models import SalesOrder
from domain.validation import optional_date


def _optional_id(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return None if value is None else decode_id(value, type_name, field)


def _decode_at(value: strawberry.ID, type_name: str, path: tuple[str, ...]) -> int:
    """decode_id for an id inside a list input: the error names the element's path."""
    try:
        return decode_id(value, type_name)
    except DomainError as error:
        raise DomainError(error.code, error.message, path) from None


@strawberry.type
class Query:
    @strawberry.field
    async def invoice(self, info: Info, id: strawberry.ID) -> Invoice | None:
        return await node_by_global_id(Invoice, info, id)

    @strawberry.field(description="Newest first by default.")
    async def invoices(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: InvoiceFilter | None = None,
        order_by: InvoiceOrder | None = None,
    ) -> Connection[Invoice]:
        flt = filter or InvoiceFilter()
        queryset = listing.list_invoices(
            listing.InvoiceFilter(
                account_id=_optional_id(flt.account_id, "Account", "account_id"),
                sales_order_id=_optional_id(flt.sales_order_id, "SalesOrder", "sales_order_id"),
                status=None if flt.status is None else InvoiceStatus(flt.status.value),
                issued_from=flt.issued_from,
                issued_to=flt.issued_to,
                overdue_on=flt.overdue_on,
            )
        )
        order = (
            order_fields(order_by.field.value, order_by.direction)
            if order_by
            else ("-issue_date", "-id")
        )
        return await paginate(
            queryset,
            Invoice.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def payment(self, info: Info, id: strawberry.ID) -> Payment | None:
        return await node_by_global_id(Payment, info, id)

    @strawberry.field(description="Newest first.")
    async def payments(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: PaymentFilter | None = None,
    ) -> Connection[Payment]:
        flt = filter or PaymentFilter()
        queryset = listing.list_payments(
            listing.PaymentFilter(
                account_id=_optional_id(flt.account_id, "Account", "account_id"),
                date_from=flt.from_,
                date_to=flt.to,
            )
        )
        return await paginate(
            queryset,
            Payment.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-date", "-id"),
        )

    @strawberry.field
    async def credit_note(self, info: Info, id: strawberry.ID) -> CreditNote | None:
        return await node_by_global_id(CreditNote, info, id)

    @strawberry.field(description="Newest first.")
    async def credit_notes(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: CreditNoteFilter | None = None,
    ) -> Connection[CreditNote]:
        flt = filter or CreditNoteFilter()
        queryset = listing.list_credit_notes(
            account_id=_optional_id(flt.account_id, "Account", "account_id"),
            invoice_id=_optional_id(flt.invoice_id, "Invoice", "invoice_id"),
        )
        return await paginate(
            queryset,
            CreditNote.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-issue_date", "-id"),
        )

    @strawberry.field(
        description="Open invoices' amount due by days past due on asOf, per account and total.",
    )
    async def ar_aging(self, as_of: date) -> ArAging:
        report = await receivables.ar_aging(as_of)
        return ArAging(
            as_of=report.as_of,
            accounts=[
                aging_buckets(row, ArAgingAccount, account_id=row.account_id)  # type: ignore[misc]
                for row in report.accounts
            ],
            total=aging_buckets(report.total),  # type: ignore[arg-type]
        )


async def _start_invoice_run(info: Info, input: InvoiceRunStartInput) -> Any:
    issue_date = optional_date(input.issue_date, "issue_date")
    order_ids = None
    if input.sales_order_ids is not None:
        order_ids = [
            _decode_at(value, "SalesOrder", ("sales_order_ids", str(index)))
            for index, value in enumerate(input.sales_order_ids)
        ]
        known = set(await SalesOrder.filter(id__in=order_ids).values_list("id", flat=True))
        for index, order_id in enumerate(order_ids):
            if order_id not in known:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    f"Sales order {input.sales_order_ids[index]} does not exist.",
                    ("sales_order_ids", str(index)),
                )
    params = InvoicingParams(
        issue_date or today(), None if order_ids is None else tuple(order_ids)
    )
    return await start_job(info, JobKind.INVOICING, params)


async def _record_payment(input: PaymentRecordInput) -> Any:
    allocations = [
        AllocationDraft(
            invoice_id=_decode_at(
                item.invoice_id, "Invoice", ("allocations", str(i), "invoice_id")
            ),
            amount=item.amount,
        )
        for i, item in enumerate(input.allocations or [])
    ]
    return await record_payment(
        decode_id(input.account_id, "Account", "account_id"),
        input.amount,
        input.date or today(),
        input.reference,
        allocations or None,
    )


async def _create_credit_note(input: CreditNoteCreateInput) -> Any:
    lines = [
        CreditLineDraft(
            invoice_line_id=_decode_at(
                line.invoice_line_id, "InvoiceLine", ("lines", str(i), "invoice_line_id")
            ),
            quantity=line.quantity,
        )
        for i, line in enumerate(input.lines)
    ]
    return await create_credit_note(
        decode_id(input.invoice_id, "Invoice", "invoice_id"), lines, input.issue_date
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Invoices the selected (or all) orders in a worker (JobRun kind INVOICING).",
    )
    async def invoice_run_start(
        self, info: Info, input: InvoiceRunStartInput
    ) -> InvoiceRunStartPayload:
        return await perform(
            InvoiceRunStartPayload,
            "job_run",
            lambda: _start_invoice_run(info, input),
            JobRun.from_model,
        )

    @strawberry.mutation
    async def payment_record(self, input: PaymentRecordInput) -> PaymentRecordPayload:
        return await perform(
            PaymentRecordPayload, "payment", lambda: _record_payment(input), Payment.from_model
        )

    @strawberry.mutation
    async def credit_note_create(self, input: CreditNoteCreateInput) -> CreditNoteCreatePayload:
        return await perform(
            CreditNoteCreatePayload,
            "credit_note",
            lambda: _create_credit_note(input),
            CreditNote.from_model,
        )
