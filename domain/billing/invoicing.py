"""Invoicing a sales order: the invoiceable quantity becomes one posted invoice (§5.4)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tortoise.expressions import F, Q
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.billing.models import Invoice, InvoiceLine, InvoiceStatus
from domain.billing.pricing import PricedLine, Totals
from domain.billing.statuses import (
    INVOICEABLE_ORDER_STATUSES,
    invoiceable_quantity,
    refresh_order_billing_status,
)
from domain.event_data import invoice_event_data
from domain.events import record_event
from domain.ledger.services import (
    ACCOUNTS_RECEIVABLE,
    SALES_REVENUE,
    SALES_TAX_PAYABLE,
    Posting,
    post_journal_entry,
)
from domain.money import ZERO, cents
from domain.numbering.services import next_number
from domain.orders.models import InvoicePolicy, SalesOrder, SalesOrderLine


@dataclass(frozen=True)
class InvoiceableLine:
    line: SalesOrderLine
    quantity: Decimal
    net: Decimal
    tax: Decimal


@dataclass(frozen=True)
class AlreadyInvoiced:
    net: Decimal = ZERO
    tax: Decimal = ZERO


def invoiceable_lines(
    policy: InvoicePolicy,
    lines: Sequence[SalesOrderLine],
    invoiced_before: Mapping[int, AlreadyInvoiced] | None = None,
) -> list[InvoiceableLine]:
    """The order lines with something left to invoice, priced by §5.4 (pure).

    The invoice that completes a line takes the line's stored net and tax minus what earlier
    invoices of it carried, so partial invoices always add up to the order to the cent.
    """
    before = invoiced_before or {}
    result = []
    for line in lines:
        quantity = invoiceable_quantity(
            policy, line.quantity, line.quantity_shipped, line.quantity_invoiced
        )
        if quantity <= 0:
            continue
        priced = PricedLine(quantity, line.unit_price, line.discount_percent, line.tax_rate)
        net, tax = priced.net, priced.tax
        if line.quantity_invoiced > 0 and line.quantity_invoiced + quantity >= line.quantity:
            earlier = before.get(line.id, AlreadyInvoiced())
            net = max(ZERO, line.net_amount - earlier.net)
            tax = max(ZERO, line.tax_amount - earlier.tax)
        result.append(InvoiceableLine(line, quantity, net, tax))
    return result


async def _invoiced_before(lines: Sequence[SalesOrderLine]) -> dict[int, AlreadyInvoiced]:
    ids = [line.id for line in lines if line.quantity_invoiced > 0]
    if not ids:
        return {}
    rows = (
        await InvoiceLine.filter(sales_order_line_id__in=ids)
        .annotate(net=Sum("net_amount"), tax=Sum("tax_amount"))
        .group_by("sales_order_line_id")
        .values("sales_order_line_id", "net", "tax")
    )
    return {
        row["sales_order_line_id"]: AlreadyInvoiced(cents(row["net"]), cents(row["tax"]))
        for row in rows
    }


async def invoice_order(order_id: int, issue_date: date) -> Invoice | None:
    """Invoices what is invoiceable of one order; None when there is nothing to invoice.

    Invoice, lines, number, journal entry, order quantities and the event commit together.
    The order row is locked first, so a concurrent run waits, then finds nothing left.
    """
    async with in_transaction():
        order = await SalesOrder.select_for_update().get_or_none(id=order_id)
        if order is None or order.status not in INVOICEABLE_ORDER_STATUSES:
            return None
        lines = await SalesOrderLine.filter(order_id=order.id).order_by("position", "id")
        todo = invoiceable_lines(order.invoice_policy, lines, await _invoiced_before(lines))
        if not todo:
            return None
        account = await Account.get(id=order.account_id)
        document = Totals(
            subtotal=sum((item.net for item in todo), ZERO),
            tax_total=sum((item.tax for item in todo), ZERO),
        )
        number = await next_number("INV", issue_date.year)
        entry = None
        if document.total:
            entry = await post_journal_entry(
                entry_date=issue_date,
                memo=f"Invoice {number} for {order.number}",
                source="INVOICE",
                reference=number,
                postings=[
                    Posting(ACCOUNTS_RECEIVABLE, debit=document.total),
                    Posting(SALES_REVENUE, credit=document.subtotal),
                    Posting(SALES_TAX_PAYABLE, credit=document.tax_total),
                ],
            )
        invoice = await Invoice.create(
            number=number,
            account_id=account.id,
            sales_order_id=order.id,
            issue_date=issue_date,
            due_date=issue_date + timedelta(days=account.payment_terms_days),
            currency=order.currency,
            subtotal=document.subtotal,
            tax_total=document.tax_total,
            total=document.total,
            amount_due=document.total,
            status=InvoiceStatus.POSTED if document.total else InvoiceStatus.VOID,
            journal_entry=entry,
        )
        await InvoiceLine.bulk_create(
            [
                InvoiceLine(
                    invoice_id=invoice.id,
                    position=position,
                    sales_order_line_id=item.line.id,
                    product_id=item.line.product_id,
                    description=item.line.description,
                    quantity=item.quantity,
                    unit_price=item.line.unit_price,
                    discount_percent=item.line.discount_percent,
                    tax_rate=item.line.tax_rate,
                    net_amount=item.net,
                    tax_amount=item.tax,
                )
                for position, item in enumerate(todo)
            ]
        )
        invoiced_now = {item.line.id: item.quantity for item in todo}
        for item in todo:
            await SalesOrderLine.filter(id=item.line.id).update(
                quantity_invoiced=item.line.quantity_invoiced + item.quantity
            )
        await refresh_order_billing_status(
            order.id,
            order=order,
            lines=[
                (line.quantity, line.quantity_invoiced + invoiced_now.get(line.id, ZERO))
                for line in lines
            ],
        )
        await record_event("invoice.posted", invoice_event_data(invoice))
    return invoice


async def orders_to_invoice(order_ids: Sequence[int] | None = None) -> list[int]:
    """Ids of confirmed orders with something invoiceable, in id order (the lock order)."""
    open_lines = SalesOrderLine.filter(order__status__in=INVOICEABLE_ORDER_STATUSES).filter(
        Q(
            order__invoice_policy=InvoicePolicy.ON_DELIVERY,
            quantity_shipped__gt=F("quantity_invoiced"),
        )
        | Q(order__invoice_policy=InvoicePolicy.ON_ORDER, quantity__gt=F("quantity_invoiced"))
    )
    if order_ids is not None:
        open_lines = open_lines.filter(order_id__in=list(order_ids))
    rows = await open_lines.order_by("order_id").distinct().values("order_id")
    return sorted({row["order_id"] for row in rows})


@dataclass(frozen=True)
class InvoiceRunResult:
    orders: int
    invoices: list[str]

    def summary(self) -> dict[str, object]:
        return {
            "orders": self.orders,
            "invoices": len(self.invoices),
            "first_number": self.invoices[0] if self.invoices else None,
            "last_number": self.invoices[-1] if self.invoices else None,
        }


Progress = Callable[[int, int], Awaitable[None]]


async def run_invoicing(
    issue_date: date, order_ids: Sequence[int] | None = None, progress: Progress | None = None
) -> InvoiceRunResult:
    """The invoice run: every selected order in its own transaction, so a crash keeps the
    invoices already committed and a rerun invoices only what is left."""
    candidates = await orders_to_invoice(order_ids)
    numbers = []
    for done, order_id in enumerate(candidates, start=1):
        invoice = await invoice_order(order_id, issue_date)
        if invoice is not None:
            numbers.append(invoice.number)
        if progress is not None:
            await progress(done, len(candidates))
    return InvoiceRunResult(orders=len(candidates), invoices=numbers)
