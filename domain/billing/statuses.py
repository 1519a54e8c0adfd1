"""Invoice and sales-order billing statuses re-derived after each invoice, payment or credit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from domain.billing.models import Invoice, InvoiceStatus
from domain.money import ZERO
from domain.orders.models import (
    InvoicePolicy,
    OrderStatus,
    PaymentStatus,
    SalesOrder,
    SalesOrderLine,
)
from domain.orders.models import InvoiceStatus as OrderInvoiceStatus
from domain.orders.status import closed_when_settled

# Orders the invoice run looks at (§5.4 "every selected confirmed order").
INVOICEABLE_ORDER_STATUSES = (
    OrderStatus.CONFIRMED,
    OrderStatus.PARTIALLY_SHIPPED,
    OrderStatus.SHIPPED,
)


def invoiceable_quantity(
    policy: InvoicePolicy, ordered: Decimal, shipped: Decimal, invoiced: Decimal
) -> Decimal:
    """ON_DELIVERY: shipped − invoiced; ON_ORDER: ordered − invoiced; never negative (pure)."""
    basis = ordered if policy == InvoicePolicy.ON_ORDER else shipped
    return max(ZERO, basis - invoiced)


def invoice_status(
    amount_paid: Decimal, amount_due: Decimal, amount_credited: Decimal
) -> InvoiceStatus:
    """Nothing due: VOID when credit notes cancelled it before any payment, else PAID — an
    invoice of 0.00 is PAID the moment it is posted (§5.4) (pure)."""
    if amount_due <= 0:
        if amount_credited > 0 and amount_paid <= 0:
            return InvoiceStatus.VOID
        return InvoiceStatus.PAID
    return InvoiceStatus.PARTIALLY_PAID if amount_paid > 0 else InvoiceStatus.POSTED


def order_invoice_status(lines: Iterable[tuple[Decimal, Decimal]]) -> OrderInvoiceStatus:
    """From (ordered, invoiced) per line (pure)."""
    pairs = list(lines)
    if pairs and all(invoiced >= ordered for ordered, invoiced in pairs):
        return OrderInvoiceStatus.INVOICED
    if any(invoiced > 0 for _, invoiced in pairs):
        return OrderInvoiceStatus.PARTIAL
    return OrderInvoiceStatus.NOT_INVOICED


def order_payment_status(
    invoiced: OrderInvoiceStatus, invoices: Iterable[tuple[Decimal, Decimal]]
) -> PaymentStatus:
    """From (amount paid, amount due) per invoice: PAID once fully invoiced and nothing due."""
    pairs = list(invoices)
    if invoiced == OrderInvoiceStatus.INVOICED and pairs and all(due <= 0 for _, due in pairs):
        return PaymentStatus.PAID
    if any(paid > 0 for paid, _ in pairs):
        return PaymentStatus.PARTIAL
    return PaymentStatus.UNPAID


def order_billing_statuses(
    status: OrderStatus,
    lines: Iterable[tuple[Decimal, Decimal]],
    invoices: Iterable[tuple[Decimal, Decimal]],
) -> tuple[OrderInvoiceStatus, PaymentStatus, OrderStatus]:
    """(invoiceStatus, paymentStatus, status) from (ordered, invoiced) per line and (amount
    paid, amount due) per invoice: CLOSED once shipped, invoiced and paid (pure)."""
    invoiced = order_invoice_status(lines)
    paid = order_payment_status(invoiced, invoices)
    return invoiced, paid, closed_when_settled(OrderStatus(status), invoiced, paid)


async def refresh_order_billing_status(
    order_id: int,
    *,
    order: SalesOrder | None = None,
    lines: Sequence[tuple[Decimal, Decimal]] | None = None,
) -> SalesOrder:
    """Re-derives invoice_status, payment_status and CLOSED (shipped, invoiced and paid).

    Call inside the use case's transaction after changing invoices, payments or shipments;
    a caller holding the locked order and its (ordered, invoiced) line figures passes them.
    """
    if order is None:
        order = await SalesOrder.get(id=order_id)
    if lines is None:
        lines = await SalesOrderLine.filter(order_id=order_id).values_list(
            "quantity", "quantity_invoiced"
        )
    invoices = await Invoice.filter(sales_order_id=order_id).values_list(
        "amount_paid", "amount_due"
    )
    if not lines and invoices:
        # The holding order of an imported open invoice has no lines (§14): it is invoiced.
        lines = [(ZERO, ZERO)]
    invoiced, paid, status = order_billing_statuses(OrderStatus(order.status), lines, invoices)
    changes = {
        name: value
        for name, value in (
            ("invoice_status", invoiced),
            ("payment_status", paid),
            ("status", status),
        )
        if getattr(order, name) != value
    }
    if changes:
        await SalesOrder.filter(id=order_id).update(**changes)
        for name, value in changes.items():
            setattr(order, name, value)
    return order
