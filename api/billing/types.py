"""GraphQL types of invoices, payments, credit notes and AR aging, and the billing mutations'
inputs and payloads (contract §5.4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.billing.enums import InvoiceStatus
from api.billing.lists import (
    CreditNoteFilter,
    CreditNoteOrder,
    PaymentAllocationFilter,
    PaymentAllocationOrder,
    allocation_criteria,
    allocation_order,
    credit_note_criteria,
    credit_note_order,
)
from api.billing.loaders import (
    CreditNoteLinesByCreditNoteIdLoader,
    CreditNotesByInvoiceIdLoader,
    InvoiceByIdLoader,
    InvoiceLineByIdLoader,
    InvoiceLinesByInvoiceIdLoader,
    PaymentAllocationsByInvoiceIdLoader,
    PaymentAllocationsByPaymentIdLoader,
    PaymentByIdLoader,
)
from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError, errors_field, payload
from api.external_data import EXTERNAL_ID, METADATA, PRIVATE_METADATA
from api.ledger.loaders import JournalEntryByIdLoader
from api.nested import Window, nested_connection
from api.orders.loaders import SalesOrderByIdLoader, SalesOrderLineByIdLoader
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    node_type_of,
    to_node,
    to_optional_node,
)
from api.scalars import Money, money, plain_decimal, unit_money
from domain.billing import models
from domain.billing.receivables import AgingReport, AgingRow
from domain.orders.models import SalesOrderLine as SalesOrderLineRow
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.catalog.types import Product
    from api.jobs.types import JobRun
    from api.ledger.types import JournalEntry
    from api.orders.types import SalesOrder, SalesOrderLine

IN_CURRENCY = "In the document's currency (the account's), rounded half-up to its minor units."
LEDGER_ONLY = " ADMIN, FINANCE and OPERATIONS only: null (with a FORBIDDEN error) for other roles."


def _money(amount: Decimal, currency: str) -> Money:
    return money(amount, currency)  # to the currency's minor units (§12)


async def _journal_entry(info: Info, entry_id: int | None) -> Any:
    if entry_id is None:
        return None
    return to_optional_node(await info.context.loaders[JournalEntryByIdLoader].load(entry_id))


async def _invoice_currencies(info: Info, invoice_ids: Sequence[int]) -> dict[int, str]:
    invoices = await info.context.loaders[InvoiceByIdLoader].load_many(sorted(set(invoice_ids)))
    return {invoice.id: invoice.currency for invoice in invoices}


@strawberry.type(
    description="A posted invoice of one sales order (§5.4): POSTED → PARTIALLY_PAID → PAID, "
    "or VOID when credit notes cancelled it unpaid. Read by ADMIN, FINANCE, SALES and "
    "READONLY."
)
class Invoice(ModelNode):
    model_class = models.Invoice

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    number: str = strawberry.field(
        description="INV-YYYY-NNNNNN: gapless per issue year, allocated with the invoice."
    )
    status: InvoiceStatus = strawberry.field(
        description="Where it stands with payments and credits."
    )
    issue_date: date = strawberry.field(description="The day it was issued and posted.")
    due_date: date = strawberry.field(
        description="issueDate + the account's paymentTermsDays: aging counts from this day."
    )
    currency: str = strawberry.field(
        description="ISO 4217 code, the order's (the account's) currency: every amount of the "
        "invoice is in it (§12)."
    )
    exchange_rate: Decimal = strawberry.field(
        description="Base-currency units per unit of `currency` the invoice was booked at: the "
        "latest rate dated on or before issueDate (1 in the base currency, §12). 1200 carries "
        "it at this rate until it is paid."
    )

    @strawberry.field(description="Σ line net amounts. " + IN_CURRENCY)
    def subtotal(self) -> Money:
        return _money(self.record.subtotal, self.currency)

    @strawberry.field(description="Σ line tax amounts. " + IN_CURRENCY)
    def tax_total(self) -> Money:
        return _money(self.record.tax_total, self.currency)

    @strawberry.field(description="subtotal + taxTotal. " + IN_CURRENCY)
    def total(self) -> Money:
        return _money(self.record.total, self.currency)

    @strawberry.field(description="What payments applied to it. " + IN_CURRENCY)
    def amount_paid(self) -> Money:
        return _money(self.record.amount_paid, self.currency)

    @strawberry.field(description="What credit notes took off the amount due. " + IN_CURRENCY)
    def amount_credited(self) -> Money:
        return _money(self.record.amount_credited, self.currency)

    @strawberry.field(
        description="total − amountPaid − amountCredited, never below zero. " + IN_CURRENCY
    )
    def amount_due(self) -> Money:
        return _money(self.record.amount_due, self.currency)

    created_at: datetime = strawberry.field(description="When it was created.")

    @strawberry.field(description="The customer billed (an Account, §3).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(description="The order invoiced.")
    async def sales_order(
        self, info: Info
    ) -> Annotated[SalesOrder, strawberry.lazy("api.orders.types")]:
        row = await info.context.loaders[SalesOrderByIdLoader].load(self.record.sales_order_id)
        return to_node(row)

    @strawberry.field(description="The invoice's lines, in their position order.")
    async def lines(self, info: Info) -> list[InvoiceLine]:
        rows = await info.context.loaders[InvoiceLinesByInvoiceIdLoader].load(self.record.id)
        return [InvoiceLine.from_model(row, currency=self.currency) for row in rows]

    @strawberry.field(
        description="The payments applied to this invoice, one allocation each; in the order "
        "they were applied by default."
    )
    async def payments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PaymentAllocationFilter | None,
            strawberry.argument(description="Narrows the allocations."),
        ] = None,
        order_by: Annotated[
            PaymentAllocationOrder | None,
            strawberry.argument(description="Default: the order they were applied in."),
        ] = None,
    ) -> Connection[PaymentAllocation]:
        return await nested_connection(
            info,
            PaymentAllocationsByInvoiceIdLoader,
            self.record.id,
            allocation_criteria(filter),
            lambda row: PaymentAllocation(record=row, currency=self.currency),
            Window(first, after, last, before, allocation_order(order_by)),
        )

    @strawberry.field(description="The credit notes against this invoice; oldest first by default.")
    async def credit_notes(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            CreditNoteFilter | None, strawberry.argument(description="Narrows the credit notes.")
        ] = None,
        order_by: Annotated[
            CreditNoteOrder | None,
            strawberry.argument(description="Default: oldest first (by issue date)."),
        ] = None,
    ) -> Connection[CreditNote]:
        return await nested_connection(
            info,
            CreditNotesByInvoiceIdLoader,
            self.record.id,
            credit_note_criteria(filter),
            lambda row: CreditNote.from_model(row, currency=self.currency),
            Window(
                first, after, last, before, credit_note_order(order_by, default=("issue_date",))
            ),
        )

    @strawberry.field(
        description="The posting: Dr 1200 total / Cr 4000 subtotal / Cr 2200 tax (§5.3); null "
        "for an invoice of zero total." + LEDGER_ONLY
    )
    async def journal_entry(
        self, info: Info
    ) -> Annotated[JournalEntry, strawberry.lazy("api.ledger.types")] | None:
        return await _journal_entry(info, self.record.journal_entry_id)


@strawberry.type(
    description="One line of an invoice: the quantity of an order line it bills, priced by "
    "§5.4 from its own quantity. Amounts are in the invoice's currency."
)
class InvoiceLine(ModelNode):
    model_class = models.InvoiceLine

    # The invoice's currency, handed down by whoever builds the line: no field awaits it.
    currency: strawberry.Private[str]

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="Order of the line on its invoice, from 0.")
    description: str | None = strawberry.field(
        description="Free text from the order line; null: the product's name is used."
    )
    quantity: Decimal = strawberry.field(
        description="Billed by this invoice, in the product's unit; no trailing zeros."
    )

    @strawberry.field(
        description="Per unit, the order line's price: cents, or up to the 4 decimals it was "
        "priced with."
    )
    def unit_price(self) -> Money:
        return unit_money(self.record.unit_price, self.currency)

    discount_percent: Decimal = strawberry.field(
        description="Percent off the unit price, 0–100; no trailing zeros."
    )
    tax_rate: Decimal = strawberry.field(description="Sales tax in percent; no trailing zeros.")

    @strawberry.field(
        description="round_half_up(quantity × unitPrice × (1 − discountPercent/100)) to the "
        "currency's minor units (§5.4)."
    )
    def net_amount(self) -> Money:
        return _money(self.record.net_amount, self.currency)

    @strawberry.field(
        description="round_half_up(netAmount × taxRate/100) to the currency's minor units."
    )
    def tax_amount(self) -> Money:
        return _money(self.record.tax_amount, self.currency)

    quantity_credited: Decimal = strawberry.field(
        description="How much of the quantity credit notes have reversed."
    )

    @strawberry.field(description="The invoice the line is on.")
    async def invoice(self, info: Info) -> Invoice:
        row = await info.context.loaders[InvoiceByIdLoader].load(self.record.invoice_id)
        return Invoice.from_model(row)

    @strawberry.field(description="The order line billed.")
    async def sales_order_line(
        self, info: Info
    ) -> Annotated[SalesOrderLine, strawberry.lazy("api.orders.types")]:
        row = await info.context.loaders[SalesOrderLineByIdLoader].load(
            self.record.sales_order_line_id
        )
        # An invoice is in its order's currency.
        return node_type_of(SalesOrderLineRow).from_model(row, currency=self.currency)

    @strawberry.field(description="The product billed.")
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return to_node(row)

    @classmethod
    async def nodes_of_rows(cls, info: Info, rows: Sequence[Any | None]) -> list[Any | None]:
        currency = await _invoice_currencies(info, [row.invoice_id for row in rows if row])
        return [
            None if row is None else cls.from_model(row, currency=currency[row.invoice_id])
            for row in rows
        ]


@strawberry.type(description="The part of a payment applied to one invoice.")
class PaymentAllocation:
    record: strawberry.Private[models.PaymentAllocation]
    currency: strawberry.Private[str]

    @strawberry.field(description="What was applied. " + IN_CURRENCY)
    def amount(self) -> Money:
        return _money(self.record.amount, self.currency)

    @strawberry.field(description="The payment applied.")
    async def payment(self, info: Info) -> Payment:
        row = await info.context.loaders[PaymentByIdLoader].load(self.record.payment_id)
        return Payment.from_model(row)

    @strawberry.field(description="The invoice it was applied to.")
    async def invoice(self, info: Info) -> Invoice:
        row = await info.context.loaders[InvoiceByIdLoader].load(self.record.invoice_id)
        return Invoice.from_model(row)


@strawberry.type(
    description="Money received from a customer (paymentRecord): applied to invoices, the "
    "rest kept as the customer's credit (§5.4). Read by ADMIN, FINANCE, SALES and READONLY."
)
class Payment(ModelNode):
    model_class = models.Payment

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(description="PAY-YYYY-NNNNNN: gapless per year.")
    date: date = strawberry.field(description="The day the money was received.")
    reference: str | None = strawberry.field(
        description="The customer's reference (a bank transfer's text, a cheque number)."
    )
    currency: str = strawberry.field(description="ISO 4217 code, the account's currency.")
    exchange_rate: Decimal = strawberry.field(
        description="Base-currency units per unit of `currency` on the payment date (§12): cash "
        "enters at it; the invoices it settles leave 1200 at theirs, the difference on 7000."
    )

    @strawberry.field(description="What was received. " + IN_CURRENCY)
    def amount(self) -> Money:
        return _money(self.record.amount, self.currency)

    @strawberry.field(
        description="What no invoice took: the customer's credit (ledger 2100). " + IN_CURRENCY
    )
    def unapplied_amount(self) -> Money:
        return _money(self.record.unapplied_amount, self.currency)

    created_at: datetime = strawberry.field(description="When it was recorded.")

    @strawberry.field(description="The customer who paid (an Account, §3).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(
        description="The invoices the payment was applied to; in the order applied by default."
    )
    async def allocations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PaymentAllocationFilter | None,
            strawberry.argument(description="Narrows the allocations."),
        ] = None,
        order_by: Annotated[
            PaymentAllocationOrder | None,
            strawberry.argument(description="Default: the order they were applied in."),
        ] = None,
    ) -> Connection[PaymentAllocation]:
        return await nested_connection(
            info,
            PaymentAllocationsByPaymentIdLoader,
            self.record.id,
            allocation_criteria(filter),
            lambda row: PaymentAllocation(record=row, currency=self.currency),
            Window(first, after, last, before, allocation_order(order_by)),
        )

    @strawberry.field(
        description="The posting: Dr 1000 amount / Cr 1200 applied / Cr 2100 unapplied (§5.3)."
        + LEDGER_ONLY
    )
    async def journal_entry(
        self, info: Info
    ) -> Annotated[JournalEntry, strawberry.lazy("api.ledger.types")] | None:
        return await _journal_entry(info, self.record.journal_entry_id)


@strawberry.type(description="The quantity of one invoice line a credit note reverses.")
class CreditNoteLine:
    record: strawberry.Private[models.CreditNoteLine]
    currency: strawberry.Private[str]

    @strawberry.field(description="Reversed, in the product's unit; no trailing zeros.")
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field(description="The net amount reversed. " + IN_CURRENCY)
    def net_amount(self) -> Money:
        return _money(self.record.net_amount, self.currency)

    @strawberry.field(description="The tax reversed. " + IN_CURRENCY)
    def tax_amount(self) -> Money:
        return _money(self.record.tax_amount, self.currency)

    @strawberry.field(description="The invoice line reversed.")
    async def invoice_line(self, info: Info) -> InvoiceLine:
        row = await info.context.loaders[InvoiceLineByIdLoader].load(self.record.invoice_line_id)
        return InvoiceLine.from_model(row, currency=self.currency)


@strawberry.type(
    description="Reverses part or all of an invoice (creditNoteCreate, §5.4), numbered "
    "CN-YYYY-NNNNNN. Amounts are in the invoice's currency. Read by ADMIN, FINANCE, SALES and "
    "READONLY."
)
class CreditNote(ModelNode):
    model_class = models.CreditNote

    # The invoice's currency, handed down by whoever builds the note: no field awaits it.
    currency: strawberry.Private[str]

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(description="CN-YYYY-NNNNNN: gapless per year.")
    issue_date: date = strawberry.field(description="The day it was issued and posted.")

    @strawberry.field(description="Σ line net amounts reversed. " + IN_CURRENCY)
    def subtotal(self) -> Money:
        return _money(self.record.subtotal, self.currency)

    @strawberry.field(description="Σ line tax amounts reversed. " + IN_CURRENCY)
    def tax_total(self) -> Money:
        return _money(self.record.tax_total, self.currency)

    @strawberry.field(description="subtotal + taxTotal. " + IN_CURRENCY)
    def total(self) -> Money:
        return _money(self.record.total, self.currency)

    @strawberry.field(
        description="The part of the total that reduced the invoice's amount due. " + IN_CURRENCY
    )
    def applied_amount(self) -> Money:
        return _money(self.record.applied_amount, self.currency)

    @strawberry.field(
        description="The rest, kept as the customer's credit (ledger 2100). " + IN_CURRENCY
    )
    def unapplied_amount(self) -> Money:
        return _money(self.record.unapplied_amount, self.currency)

    created_at: datetime = strawberry.field(description="When it was recorded.")

    @strawberry.field(description="The invoice credited.")
    async def invoice(self, info: Info) -> Invoice:
        row = await info.context.loaders[InvoiceByIdLoader].load(self.record.invoice_id)
        return Invoice.from_model(row)

    @strawberry.field(description="The customer credited (an Account, §3).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(description="The invoice lines reversed and by how much.")
    async def lines(self, info: Info) -> list[CreditNoteLine]:
        rows = await info.context.loaders[CreditNoteLinesByCreditNoteIdLoader].load(self.record.id)
        return [CreditNoteLine(record=row, currency=self.currency) for row in rows]

    @strawberry.field(
        description="The reversing posting of the credited part (§5.3); null for a credit "
        "note of zero total." + LEDGER_ONLY
    )
    async def journal_entry(
        self, info: Info
    ) -> Annotated[JournalEntry, strawberry.lazy("api.ledger.types")] | None:
        return await _journal_entry(info, self.record.journal_entry_id)

    @classmethod
    async def nodes_of_rows(cls, info: Info, rows: Sequence[Any | None]) -> list[Any | None]:
        return await credit_notes_with_currency(info, rows)


async def credit_notes_with_currency(
    info: Info, rows: Sequence[models.CreditNote | None]
) -> list[CreditNote | None]:
    """Credit-note nodes built without their invoice at hand: the invoices are loaded (one
    query for the batch) for their currency."""
    currency = await _invoice_currencies(info, [row.invoice_id for row in rows if row])
    return [
        None if row is None else CreditNote.from_model(row, currency=currency[row.invoice_id])
        for row in rows
    ]


AGING_MONEY = (
    "Σ amount due: an account's row in the account's currency, the total in the base "
    "currency, each invoice converted at the rate it was booked at (§12)."
)


@strawberry.type(
    description="Open amounts due by days past their due date on the report's day (§5.4): "
    "day 0 and before is current."
)
class ArAgingBuckets:
    current: Money = strawberry.field(description="Not yet past due. " + AGING_MONEY)
    d1_30: Money = strawberry.field(name="d1_30", description="1–30 days past due. " + AGING_MONEY)
    d31_60: Money = strawberry.field(
        name="d31_60", description="31–60 days past due. " + AGING_MONEY
    )
    d61_90: Money = strawberry.field(
        name="d61_90", description="61–90 days past due. " + AGING_MONEY
    )
    over90: Money = strawberry.field(description="More than 90 days past due. " + AGING_MONEY)
    total: Money = strawberry.field(description="Σ of the buckets. " + AGING_MONEY)


@strawberry.type(description="One account's open amounts by days past due.")
class ArAgingAccount(ArAgingBuckets):
    account_id: strawberry.Private[int]

    @strawberry.field(description="The customer (an Account, §3).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.account_id)
        return to_node(row)


@strawberry.type(
    description="Accounts receivable aging as of a day (§5.4): invoices issued after it are "
    "left out, payments and credit notes dated after it not yet subtracted."
)
class ArAging:
    as_of: date = strawberry.field(description="The day the report is as of.")
    accounts: list[ArAgingAccount] = strawberry.field(
        description="One row per account with an open amount, by account id."
    )
    total: ArAgingBuckets = strawberry.field(description="All accounts together.")


def _buckets(row: AgingRow) -> dict[str, Money]:
    currency = row.currency or get_settings().currency
    return {
        "current": _money(row.current, currency),
        "d1_30": _money(row.d1_30, currency),
        "d31_60": _money(row.d31_60, currency),
        "d61_90": _money(row.d61_90, currency),
        "over90": _money(row.over90, currency),
        "total": _money(row.total, currency),
    }


def ar_aging(report: AgingReport) -> ArAging:
    return ArAging(
        as_of=report.as_of,
        accounts=[
            ArAgingAccount(account_id=row.account_id, **_buckets(row))
            for row in report.accounts
            if row.account_id is not None
        ],
        total=ArAgingBuckets(**_buckets(report.total)),
    )


@strawberry.input(description="Which orders an invoice run bills (invoiceRunStart, §5.4).")
class InvoiceRunStartInput:
    sales_order_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="The orders (SalesOrder ids); omitted: every confirmed order with "
        "something invoiceable.",
    )
    issue_date: date | None = strawberry.field(
        default=None, description="The invoices' issue date; default: today (§1 TANDEM_TIMEZONE)."
    )


@strawberry.input(description="How much of a payment to apply to one invoice.")
class PaymentAllocationInput:
    invoice_id: strawberry.ID = strawberry.field(description="The invoice (an Invoice id).")
    amount: Decimal = strawberry.field(
        description="More than 0, at most the invoice's amount due; in the account's currency."
    )


@strawberry.input(description="Money received from a customer (paymentRecord, §5.4).")
class PaymentRecordInput:
    account_id: strawberry.ID = strawberry.field(description="The customer (an Account id).")
    amount: Decimal = strawberry.field(
        description="More than 0, in the account's currency (at most its minor units)."
    )
    date: date | None = strawberry.field(default=None, description="Default: today.")
    reference: str | None = strawberry.field(
        default=None, description="The customer's reference, up to 120 characters."
    )
    allocations: list[PaymentAllocationInput] | None = strawberry.field(
        default=None,
        description="Where the money goes; omitted or empty: the oldest due invoices first. "
        "Any rest stays as the customer's credit.",
    )
    currency: str | None = strawberry.field(
        default=None,
        description="ISO 4217 code of the money received: omitted, the account's; another "
        "currency than the account's → INVALID (§12).",
    )


@strawberry.input(description="How much of one invoice line to reverse.")
class CreditNoteLineInput:
    invoice_line_id: strawberry.ID = strawberry.field(
        description="The invoice line (an InvoiceLine id) of the invoice credited."
    )
    quantity: Decimal = strawberry.field(
        description="More than 0, at most what is not yet credited on the line."
    )


@strawberry.input(description="A credit note against a posted invoice (creditNoteCreate, §5.4).")
class CreditNoteCreateInput:
    invoice_id: strawberry.ID = strawberry.field(description="The invoice (an Invoice id).")
    lines: list[CreditNoteLineInput] = strawberry.field(
        description="The lines and quantities reversed; amounts by §5.4 rounding."
    )
    issue_date: date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.type(
    description="The result of invoiceRunStart: the INVOICING job run (§2 Background work), "
    "or the errors that refused it."
)
class InvoiceRunStartPayload:
    job_run: Annotated[JobRun, strawberry.lazy("api.jobs.types")] | None = strawberry.field(
        description="The run, QUEUED; follow it with jobRun(id:) or jobRunUpdated."
    )
    errors: list[UserError] = errors_field()


@payload(
    "payment", Payment, key_description="The payment as recorded and applied; null when refused."
)
class PaymentRecordPayload: ...


@payload("credit_note", CreditNote, key_description="The posted credit note; null when refused.")
class CreditNoteCreatePayload: ...
