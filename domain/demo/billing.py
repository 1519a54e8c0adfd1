"""Demo order-to-cash, back half: invoice runs by issue date, then payments against them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from domain.billing.invoicing import run_invoicing
from domain.billing.models import Invoice
from domain.billing.payments import AllocationDraft, record_payment
from domain.demo.context import ANCHOR, DemoContext, day, money
from domain.demo.orders import DemoOrder, Target
from domain.money import cents
from domain.orders.models import InvoicePolicy

# Paid beyond what was due by one customer: the rest stays as their credit (§5.3).
OVERPAYMENT = money(500)
PARTIAL_SHARE = Decimal("0.4")


def _after_shipping(order: DemoOrder, drawn: date) -> date:
    """An order billed on delivery is invoiced on the drawn day, or on the day it shipped."""
    return drawn if order.shipped_on is None else max(drawn, order.shipped_on)


async def invoice_orders(ctx: DemoContext, orders: list[DemoOrder]) -> None:
    """One invoice run per issue date, oldest first, so numbers follow dates; half the
    partial shipments are invoiced for what went out, prepaid orders on order."""
    by_date: dict[date, list[int]] = defaultdict(list)
    partial_seen = 0
    for order in orders:
        if order.target in (Target.INVOICED, Target.PAID) and not order.prepaid_service:
            by_date[_after_shipping(order, day(-ctx.rng.randint(5, 75)))].append(order.id)
        elif order.target is Target.PARTIALLY_SHIPPED:
            partial_seen += 1
            if partial_seen % 2:
                by_date[_after_shipping(order, day(-ctx.rng.randint(2, 20)))].append(order.id)
        elif order.policy is InvoicePolicy.ON_ORDER:
            by_date[day(-ctx.rng.randint(3, 40))].append(order.id)
    for issue_date in sorted(by_date):
        await run_invoicing(issue_date, by_date[issue_date])


async def record_payments(ctx: DemoContext, orders: list[DemoOrder]) -> None:
    """PAID orders are paid in full (one customer overpays), some INVOICED ones in part,
    one prepaid order up front; the rest stays open for the aging report."""
    invoices = await Invoice.filter(sales_order_id__in=[o.id for o in orders]).order_by("id")
    by_order: dict[int, list[Invoice]] = defaultdict(list)
    for invoice in invoices:
        by_order[invoice.sales_order_id].append(invoice)
    overpaid = False
    invoiced_seen = 0
    prepaid_confirmed_seen = 0
    for order in orders:
        for invoice in by_order.get(order.id, []):
            share: Decimal | None = None
            extra = Decimal(0)
            if order.target is Target.PAID:
                share = Decimal(1)
                if not overpaid and not order.prepaid_service:
                    overpaid, extra = True, OVERPAYMENT
            elif order.target is Target.INVOICED:
                invoiced_seen += 1
                share = PARTIAL_SHARE if invoiced_seen % 2 else None
            elif order.target is Target.CONFIRMED and order.policy is InvoicePolicy.ON_ORDER:
                prepaid_confirmed_seen += 1
                share = Decimal(1) if prepaid_confirmed_seen == 1 else None
            if share is None:
                continue
            applied = cents(invoice.amount_due * share)
            paid_on = min(invoice.issue_date + timedelta(days=ctx.rng.randint(3, 30)), ANCHOR)
            await record_payment(
                invoice.account_id,
                applied + extra,
                paid_on,
                reference=f"Remittance for {invoice.number}",
                allocations=[AllocationDraft(invoice.id, applied)],
            )
