"""Billing queries and mutations: invoices, payments, credit notes, AR aging, invoice runs."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.billing.lists import (
    CreditNoteFilter,
    CreditNoteOrder,
    InvoiceFilter,
    InvoiceOrder,
    PaymentFilter,
    PaymentOrder,
    credit_note_criteria,
    credit_note_order,
    invoice_filter,
    invoice_order,
    payment_filter,
    payment_order,
)
from api.billing.types import (
    ArAging,
    CreditNote,
    CreditNoteCreateInput,
    CreditNoteCreatePayload,
    Invoice,
    InvoiceRunStartInput,
    InvoiceRunStartPayload,
    Payment,
    PaymentRecordInput,
    PaymentRecordPayload,
    ar_aging,
)
from api.errors import perform
from api.jobs.start import start_job
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
    to_node,
)
from domain.billing import listing, receivables
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.models import Invoice as InvoiceRow
from domain.billing.payments import AllocationDraft, record_payment
from domain.clock import today
from domain.errors import DomainError, ErrorCode
from domain.jobs.kinds import InvoicingParams
from domain.jobs.models import JobKind
from domain.orders.models import SalesOrder
from domain.validation import optional_date

BILLING_ROLES = " ADMIN, FINANCE, SALES and READONLY only."


def _decode_at(value: strawberry.ID, type_name: str, path: tuple[str, ...]) -> int:
    """decode_id for an id inside a list input: the error names the element's path."""
    try:
        return decode_id(value, type_name)
    except DomainError as error:
        raise DomainError(error.code, error.message, path) from None


@strawberry.type
class Query:
    @strawberry.field(
        description="An invoice by its global id; null for an unknown id." + BILLING_ROLES
    )
    async def invoice(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="An Invoice id.")],
    ) -> Invoice | None:
        return await node_by_global_id(Invoice, info, id)

    @strawberry.field(description="Posted invoices, newest first by default." + BILLING_ROLES)
    async def invoices(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            InvoiceFilter | None, strawberry.argument(description="Narrows the list.")
        ] = None,
        order_by: Annotated[
            InvoiceOrder | None,
            strawberry.argument(description="Default: newest first (by issue date)."),
        ] = None,
    ) -> Connection[Invoice]:
        return await paginate(
            listing.list_invoices(invoice_filter(filter)),
            Invoice.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=invoice_order(order_by),
        )

    @strawberry.field(
        description="A payment by its global id; null for an unknown id." + BILLING_ROLES
    )
    async def payment(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Payment id.")],
    ) -> Payment | None:
        return await node_by_global_id(Payment, info, id)

    @strawberry.field(description="Customer payments, newest first by default." + BILLING_ROLES)
    async def payments(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PaymentFilter | None, strawberry.argument(description="Narrows the list.")
        ] = None,
        order_by: Annotated[
            PaymentOrder | None,
            strawberry.argument(description="Default: newest first (by date)."),
        ] = None,
    ) -> Connection[Payment]:
        return await paginate(
            listing.list_payments(payment_filter(filter)),
            Payment.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=payment_order(order_by),
        )

    @strawberry.field(
        description="A credit note by its global id; null for an unknown id." + BILLING_ROLES
    )
    async def credit_note(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A CreditNote id.")],
    ) -> CreditNote | None:
        return await node_by_global_id(CreditNote, info, id)

    @strawberry.field(description="Credit notes, newest first by default." + BILLING_ROLES)
    async def credit_notes(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            CreditNoteFilter | None, strawberry.argument(description="Narrows the list.")
        ] = None,
        order_by: Annotated[
            CreditNoteOrder | None,
            strawberry.argument(description="Default: newest first (by issue date)."),
        ] = None,
    ) -> Connection[CreditNote]:
        criteria = credit_note_criteria(filter)
        queryset = listing.list_credit_notes(
            account_id=criteria.account_id, invoice_id=criteria.invoice_id
        )
        # The invoice comes in the same query: its currency is every amount's (§12).
        return await paginate(
            queryset.select_related("invoice"),
            lambda row: CreditNote.from_model(row, currency=row.invoice.currency),
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=credit_note_order(order_by),
        )

    @strawberry.field(
        description="Open invoices' amount due by days past due as of a day, per account and "
        "in total (§5.4)." + BILLING_ROLES
    )
    async def ar_aging(
        self,
        as_of: Annotated[
            date,
            strawberry.argument(
                description="The report's day: later invoices, payments and credit notes do "
                "not count yet."
            ),
        ],
    ) -> ArAging:
        return ar_aging(await receivables.ar_aging(as_of))


async def _start_invoice_run(info: Info, input: InvoiceRunStartInput) -> Any:
    issue_date = optional_date(input.issue_date, "issueDate")
    order_ids = None
    if input.sales_order_ids is not None:
        order_ids = [
            _decode_at(value, "SalesOrder", ("salesOrderIds", str(index)))
            for index, value in enumerate(input.sales_order_ids)
        ]
        known = set(await SalesOrder.filter(id__in=order_ids).values_list("id", flat=True))
        for index, order_id in enumerate(order_ids):
            if order_id not in known:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    f"salesOrderIds: sales order {input.sales_order_ids[index]} does not exist.",
                    ("salesOrderIds", str(index)),
                )
    params = InvoicingParams(issue_date or today(), None if order_ids is None else tuple(order_ids))
    return await start_job(info, JobKind.INVOICING, params)


async def _record_payment(input: PaymentRecordInput) -> Any:
    allocations = [
        AllocationDraft(
            invoice_id=_decode_at(item.invoice_id, "Invoice", ("allocations", str(i), "invoiceId")),
            amount=item.amount,
        )
        for i, item in enumerate(input.allocations or [])
    ]
    return await record_payment(
        decode_id(input.account_id, "Account", "accountId"),
        input.amount,
        input.date or today(),
        input.reference,
        allocations or None,
        input.currency,
    )


async def _create_credit_note(input: CreditNoteCreateInput) -> CreditNote:
    lines = [
        CreditLineDraft(
            invoice_line_id=_decode_at(
                line.invoice_line_id, "InvoiceLine", ("lines", str(i), "invoiceLineId")
            ),
            quantity=line.quantity,
        )
        for i, line in enumerate(input.lines)
    ]
    note = await create_credit_note(
        decode_id(input.invoice_id, "Invoice", "invoiceId"), lines, input.issue_date
    )
    invoice = await InvoiceRow.get(id=note.invoice_id)
    return CreditNote.from_model(note, currency=invoice.currency)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Starts an invoice run in a worker (JobRun kind INVOICING, §5.4): every "
        "selected confirmed order gets one posted invoice for its invoiceable quantity; "
        "nothing invoiceable, no invoice. Idempotent and race-free. ADMIN and FINANCE only."
    )
    async def invoice_run_start(
        self,
        info: Info,
        input: Annotated[
            InvoiceRunStartInput, strawberry.argument(description="The orders and issue date.")
        ],
    ) -> InvoiceRunStartPayload:
        return await perform(
            InvoiceRunStartPayload,
            "job_run",
            lambda: _start_invoice_run(info, input),
            to_node,
        )

    @strawberry.mutation(
        description="Records money received from a customer (§5.4): applied to the given "
        "invoices, or to the oldest due ones first; the rest stays as the customer's credit. "
        "Posts Dr 1000 / Cr 1200 / Cr 2100. ADMIN and FINANCE only."
    )
    async def payment_record(
        self,
        input: Annotated[
            PaymentRecordInput, strawberry.argument(description="The payment received.")
        ],
    ) -> PaymentRecordPayload:
        return await perform(
            PaymentRecordPayload, "payment", lambda: _record_payment(input), Payment.from_model
        )

    @strawberry.mutation(
        description="Reverses part or all of a posted invoice (§5.4): a credit note "
        "CN-YYYY-NNNNNN that reduces the amount due, any rest becoming the customer's "
        "credit. ADMIN and FINANCE only."
    )
    async def credit_note_create(
        self,
        input: Annotated[
            CreditNoteCreateInput, strawberry.argument(description="The invoice lines reversed.")
        ],
    ) -> CreditNoteCreatePayload:
        return await perform(
            CreditNoteCreatePayload, "credit_note", lambda: _create_credit_note(input)
        )
