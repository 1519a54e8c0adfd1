"""GraphQL types of invoices, payments, credit notes and AR aging (contract §5.4)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.accounts.loaders import AccountByIdLoader
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
from api.errors import payload_type
from api.jobs.types import JobRun
from api.ledger.loaders import JournalEntryByIdLoader
from api.ledger.types import JournalEntry
from api.orders.loaders import SalesOrderByIdLoader, SalesOrderLineByIdLoader
from api.relay import ModelNode
from api.scalars import Money, OrderDirection, money, plain_decimal, unit_money
from domain.billing import models
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.catalog.types import Product
    from api.orders.types import SalesOrder, SalesOrderLine

InvoiceStatus = strawberry.enum(models.InvoiceStatus, name="InvoiceStatus")


def _money(amount: Decimal, currency: str) -> Money:
    return money(amount, currency)  # type: ignore[return-value]


async def _account(info: strawberry.Info, account_id: int) -> Account:
    from api.accounts.types import Account

    row = await info.context.loaders[AccountByIdLoader].load(account_id)
    return Account.from_model(row)  # type: ignore[no-any-return]


async def _journal_entry(info: strawberry.Info, entry_id: int | None) -> JournalEntry | None:
    if entry_id is None:
        return None
    row = await info.context.loaders[JournalEntryByIdLoader].load(entry_id)
    return JournalEntry.from_optional(row)  # type: ignore[no-any-return]


async def _invoice(info: strawberry.Info, invoice_id: int) -> Invoice:
    row = await info.context.loaders[InvoiceByIdLoader].load(invoice_id)
    return Invoice.from_model(row)  # type: ignore[no-any-return]


@strawberry.type
class Invoice(ModelNode):
    """A posted invoice: POSTED → PARTIALLY_PAID → PAID, or VOID when fully credited."""

    model_class = models.Invoice

    id: strawberry.relay.NodeID[int]
    number: str
    status: InvoiceStatus  # type: ignore[valid-type]
    issue_date: date
    due_date: date
    currency: str
    created_at: datetime

    @strawberry.field
    async def account(
        self, info: strawberry.Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        return await _account(info, self.record.account_id)

    @strawberry.field
    async def sales_order(
        self, info: strawberry.Info
    ) -> Annotated[SalesOrder, strawberry.lazy("api.orders.types")]:
        from api.orders.types import SalesOrder

        row = await info.context.loaders[SalesOrderByIdLoader].load(self.record.sales_order_id)
        return SalesOrder.from_model(row)  # type: ignore[no-any-return]

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[InvoiceLine]:
        rows = await info.context.loaders[InvoiceLinesByInvoiceIdLoader].load(self.record.id)
        return [InvoiceLine.from_model(row) for row in rows]

    @strawberry.field
    def subtotal(self) -> Money:
        return _money(self.record.subtotal, self.record.currency)

    @strawberry.field
    def tax_total(self) -> Money:
        return _money(self.record.tax_total, self.record.currency)

    @strawberry.field
    def total(self) -> Money:
        return _money(self.record.total, self.record.currency)

    @strawberry.field
    def amount_paid(self) -> Money:
        return _money(self.record.amount_paid, self.record.currency)

    @strawberry.field(description="What credit notes took off the amount due.")
    def amount_credited(self) -> Money:
        return _money(self.record.amount_credited, self.record.currency)

    @strawberry.field(description="Total − amount paid − amount credited.")
    def amount_due(self) -> Money:
        return _money(self.record.amount_due, self.record.currency)

    @strawberry.field
    async def journal_entry(self, info: strawberry.Info) -> JournalEntry | None:
        return await _journal_entry(info, self.record.journal_entry_id)

    @strawberry.field(description="The payments applied to this invoice.")
    async def payments(self, info: strawberry.Info) -> list[PaymentAllocation]:
        rows = await info.context.loaders[PaymentAllocationsByInvoiceIdLoader].load(self.record.id)
        return [PaymentAllocation(record=row, currency=self.record.currency) for row in rows]

    @strawberry.field
    async def credit_notes(self, info: strawberry.Info) -> list[CreditNote]:
        rows = await info.context.loaders[CreditNotesByInvoiceIdLoader].load(self.record.id)
        return [CreditNote.from_model(row) for row in rows]


async def _currency_of_invoice(info: strawberry.Info, invoice_id: int) -> str:
    row = await info.context.loaders[InvoiceByIdLoader].load(invoice_id)
    return row.currency  # type: ignore[no-any-return]


@strawberry.type
class InvoiceLine(ModelNode):
    model_class = models.InvoiceLine

    id: strawberry.relay.NodeID[int]
    position: int
    description: str | None

    @strawberry.field
    async def invoice(self, info: strawberry.Info) -> Invoice:
        return await _invoice(info, self.record.invoice_id)

    @strawberry.field
    async def sales_order_line(
        self, info: strawberry.Info
    ) -> Annotated[SalesOrderLine, strawberry.lazy("api.orders.types")]:
        from api.orders.types import SalesOrderLine

        row = await info.context.loaders[SalesOrderLineByIdLoader].load(
            self.record.sales_order_line_id
        )
        return SalesOrderLine.from_model(row)  # type: ignore[no-any-return]

    @strawberry.field
    async def product(
        self, info: strawberry.Info
    ) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        from api.catalog.types import Product

        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return Product.from_model(row)  # type: ignore[no-any-return]

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    async def unit_price(self, info: strawberry.Info) -> Money:
        return unit_money(
            self.record.unit_price, await _currency_of_invoice(info, self.record.invoice_id)
        )

    @strawberry.field(description="Percent, e.g. 10 for 10 %.")
    def discount_percent(self) -> Decimal:
        return plain_decimal(self.record.discount_percent)

    @strawberry.field(description="Percent, e.g. 7 for 7 %.")
    def tax_rate(self) -> Decimal:
        return plain_decimal(self.record.tax_rate)

    @strawberry.field
    async def net_amount(self, info: strawberry.Info) -> Money:
        currency = await _currency_of_invoice(info, self.record.invoice_id)
        return _money(self.record.net_amount, currency)

    @strawberry.field
    async def tax_amount(self, info: strawberry.Info) -> Money:
        currency = await _currency_of_invoice(info, self.record.invoice_id)
        return _money(self.record.tax_amount, currency)

    @strawberry.field(description="How much of the quantity credit notes have reversed.")
    def quantity_credited(self) -> Decimal:
        return plain_decimal(self.record.quantity_credited)


@strawberry.type
class PaymentAllocation:
    record: strawberry.Private[models.PaymentAllocation]
    currency: strawberry.Private[str]

    @strawberry.field
    async def payment(self, info: strawberry.Info) -> Payment:
        row = await info.context.loaders[PaymentByIdLoader].load(self.record.payment_id)
        return Payment.from_model(row)  # type: ignore[no-any-return]

    @strawberry.field
    async def invoice(self, info: strawberry.Info) -> Invoice:
        return await _invoice(info, self.record.invoice_id)

    @strawberry.field
    def amount(self) -> Money:
        return _money(self.record.amount, self.currency)


@strawberry.type
class Payment(ModelNode):
    """Money received from a customer: applied to invoices, the rest kept as credit."""

    model_class = models.Payment

    id: strawberry.relay.NodeID[int]
    number: str
    date: date
    reference: str | None
    currency: str
    created_at: datetime

    @strawberry.field
    async def account(
        self, info: strawberry.Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        return await _account(info, self.record.account_id)

    @strawberry.field
    def amount(self) -> Money:
        return _money(self.record.amount, self.record.currency)

    @strawberry.field(description="What no invoice took: the customer's credit (ledger 2100).")
    def unapplied_amount(self) -> Money:
        return _money(self.record.unapplied_amount, self.record.currency)

    @strawberry.field
    async def allocations(self, info: strawberry.Info) -> list[PaymentAllocation]:
        rows = await info.context.loaders[PaymentAllocationsByPaymentIdLoader].load(self.record.id)
        return [PaymentAllocation(record=row, currency=self.record.currency) for row in rows]

    @strawberry.field
    async def journal_entry(self, info: strawberry.Info) -> JournalEntry | None:
        return await _journal_entry(info, self.record.journal_entry_id)


@strawberry.type
class CreditNoteLine:
    record: strawberry.Private[models.CreditNoteLine]
    currency: strawberry.Private[str]

    @strawberry.field
    async def invoice_line(self, info: strawberry.Info) -> InvoiceLine:
        row = await info.context.loaders[InvoiceLineByIdLoader].load(self.record.invoice_line_id)
        return InvoiceLine.from_model(row)  # type: ignore[no-any-return]

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    def net_amount(self) -> Money:
        return _money(self.record.net_amount, self.currency)

    @strawberry.field
    def tax_amount(self) -> Money:
        return _money(self.record.tax_amount, self.currency)


@strawberry.type
class CreditNote(ModelNode):
    """Reverses part or all of an invoice (CN-YYYY-NNNNNN)."""

    model_class = models.CreditNote

    id: strawberry.relay.NodeID[int]
    number: str
    issue_date: date
    created_at: datetime

    async def _currency(self, info: strawberry.Info) -> str:
        return await _currency_of_invoice(info, self.record.invoice_id)

    @strawberry.field
    async def invoice(self, info: strawberry.Info) -> Invoice:
        return await _invoice(info, self.record.invoice_id)

    @strawberry.field
    async def account(
        self, info: strawberry.Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        return await _account(info, self.record.account_id)

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[CreditNoteLine]:
        rows = await info.context.loaders[CreditNoteLinesByCreditNoteIdLoader].load(self.record.id)
        currency = await self._currency(info)
        return [CreditNoteLine(record=row, currency=currency) for row in rows]

    @strawberry.field
    async def subtotal(self, info: strawberry.Info) -> Money:
        return _money(self.record.subtotal, await self._currency(info))

    @strawberry.field
    async def tax_total(self, info: strawberry.Info) -> Money:
        return _money(self.record.tax_total, await self._currency(info))

    @strawberry.field
    async def total(self, info: strawberry.Info) -> Money:
        return _money(self.record.total, await self._currency(info))

    @strawberry.field(description="The part of the total that reduced the invoice's amount due.")
    async def applied_amount(self, info: strawberry.Info) -> Money:
        return _money(self.record.applied_amount, await self._currency(info))

    @strawberry.field(description="The rest, kept as the customer's credit (ledger 2100).")
    async def unapplied_amount(self, info: strawberry.Info) -> Money:
        return _money(self.record.unapplied_amount, await self._currency(info))

    @strawberry.field
    async def journal_entry(self, info: strawberry.Info) -> JournalEntry | None:
        return await _journal_entry(info, self.record.journal_entry_id)


@strawberry.type(description="Open amounts due by days past their due date (day 0 is current).")
class ArAgingBuckets:
    current: Money
    d1_30: Money = strawberry.field(name="d1_30")
    d31_60: Money = strawberry.field(name="d31_60")
    d61_90: Money = strawberry.field(name="d61_90")
    over90: Money
    total: Money


@strawberry.type
class ArAgingAccount(ArAgingBuckets):
    account_id: strawberry.Private[int]

    @strawberry.field
    async def account(
        self, info: strawberry.Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        return await _account(info, self.account_id)


@strawberry.type
class ArAging:
    as_of: date
    accounts: list[ArAgingAccount]
    total: ArAgingBuckets


def aging_buckets(row: object, cls: type = ArAgingBuckets, **extra: object) -> object:
    currency = get_settings().currency
    return cls(
        current=_money(row.current, currency),  # type: ignore[attr-defined]
        d1_30=_money(row.d1_30, currency),  # type: ignore[attr-defined]
        d31_60=_money(row.d31_60, currency),  # type: ignore[attr-defined]
        d61_90=_money(row.d61_90, currency),  # type: ignore[attr-defined]
        over90=_money(row.over90, currency),  # type: ignore[attr-defined]
        total=_money(row.total, currency),  # type: ignore[attr-defined]
        **extra,
    )


@strawberry.enum
class InvoiceOrderField(Enum):
    NUMBER = "number"
    ISSUE_DATE = "issue_date"
    DUE_DATE = "due_date"
    TOTAL = "total"
    AMOUNT_DUE = "amount_due"


@strawberry.input
class InvoiceOrder:
    field: InvoiceOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class InvoiceFilter:
    account_id: strawberry.ID | None = None
    sales_order_id: strawberry.ID | None = None
    status: InvoiceStatus | None = None  # type: ignore[valid-type]
    issued_from: date | None = strawberry.field(default=None, description="Inclusive.")
    issued_to: date | None = strawberry.field(default=None, description="Inclusive.")
    overdue_on: date | None = strawberry.field(
        default=None, description="Only invoices still owing and past due on this day."
    )


@strawberry.input
class PaymentFilter:
    account_id: strawberry.ID | None = None
    from_: date | None = strawberry.field(default=None, name="from")
    to: date | None = None


@strawberry.input
class CreditNoteFilter:
    account_id: strawberry.ID | None = None
    invoice_id: strawberry.ID | None = None


@strawberry.input
class InvoiceRunStartInput:
    sales_order_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Omitted: every confirmed order with something invoiceable."
    )
    issue_date: date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.input
class PaymentAllocationInput:
    invoice_id: strawberry.ID
    amount: Decimal


@strawberry.input
class PaymentRecordInput:
    account_id: strawberry.ID
    amount: Decimal
    date: date | None = strawberry.field(default=None, description="Default: today.")
    reference: str | None = None
    allocations: list[PaymentAllocationInput] | None = strawberry.field(
        default=None, description="Omitted or empty: the oldest due invoices are paid first."
    )


@strawberry.input
class CreditNoteLineInput:
    invoice_line_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class CreditNoteCreateInput:
    invoice_id: strawberry.ID
    lines: list[CreditNoteLineInput]
    issue_date: date | None = strawberry.field(default=None, description="Default: today.")


InvoiceRunStartPayload = payload_type("InvoiceRunStartPayload", "job_run", JobRun)
PaymentRecordPayload = payload_type("PaymentRecordPayload", "payment", Payment)
CreditNoteCreatePayload = payload_type("CreditNoteCreatePayload", "credit_note", CreditNote)
