"""Keeping a won deal's fulfilment in step with its sales order (§9): opened at the handover,
re-derived in the transaction of each shipment, invoice, payment and credit note."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.billing.models import Invoice
from domain.billing.pricing import PricedLine
from domain.clock import utcnow
from domain.currencies.iso4217 import minor_units
from domain.event_data import fulfillment_event_data
from domain.events import record_events
from domain.fulfillment.models import OpportunityFulfillment
from domain.money import ZERO
from domain.orders.models import (
    DeliveryStatus,
    InvoiceStatus,
    PaymentStatus,
    SalesOrder,
    SalesOrderLine,
)
from domain.pipeline.models import Opportunity

STATUSES = ("delivery_status", "invoice_status", "payment_status")
AMOUNTS = ("shipped_amount", "invoiced_amount", "paid_amount")


@dataclass(frozen=True)
class Fulfillment:
    """Where an order stands, as the deal shows it: its three statuses and, tax included,
    the value shipped at the order's prices, invoiced and paid."""

    delivery_status: DeliveryStatus
    invoice_status: InvoiceStatus
    payment_status: PaymentStatus
    shipped_amount: Decimal
    invoiced_amount: Decimal
    paid_amount: Decimal


def shipped_value(lines: Iterable[PricedLine]) -> Decimal:
    """Σ net + tax of each line's shipped quantity, each rounded by §5.4 as an invoice of
    that quantity would be (pure)."""
    return sum((line.net + line.tax for line in lines), ZERO)


def fulfillment_of(
    statuses: Mapping[str, Any],
    shipped: Iterable[PricedLine],
    invoices: Iterable[tuple[Decimal, Decimal]],
) -> Fulfillment:
    """From the order's three statuses (by their column names), its lines priced at their
    shipped quantities and (total, amount paid) per invoice (pure)."""
    values = statuses
    pairs = list(invoices)
    return Fulfillment(
        delivery_status=DeliveryStatus(values["delivery_status"]),
        invoice_status=InvoiceStatus(values["invoice_status"]),
        payment_status=PaymentStatus(values["payment_status"]),
        shipped_amount=shipped_value(shipped),
        invoiced_amount=sum((total for total, _ in pairs), ZERO),
        paid_amount=sum((paid for _, paid in pairs), ZERO),
    )


async def open_fulfillment(
    opportunity_id: int, order: SalesOrder, promised_date: date | None
) -> OpportunityFulfillment:
    """The won deal's fulfilment, as its new DRAFT order stands; inside the handover."""
    return await OpportunityFulfillment.create(
        opportunity_id=opportunity_id,
        sales_order_id=order.id,
        delivery_status=order.delivery_status,
        invoice_status=order.invoice_status,
        payment_status=order.payment_status,
        promised_date=promised_date,
    )


async def sync_fulfillment(order_ids: Iterable[int]) -> None:
    """Re-derives the fulfilment of the deals these orders were won from, inside the caller's
    transaction after it changed them; `opportunity.fulfillment_changed` for each whose
    delivery, invoice or payment status moved. Orders entered directly cost one query.

    The fulfilment rows are locked before the order is read again, so two payments of one
    order at once write the second's figures after the first's."""
    ids = sorted(set(order_ids))
    if not ids:
        return
    rows = list(
        await OpportunityFulfillment.filter(sales_order_id__in=ids)
        .select_for_update()
        .order_by("id")
    )
    if not rows:
        return
    won = [row.sales_order_id for row in rows]
    orders = {
        row["id"]: row
        for row in await SalesOrder.filter(id__in=won).values("id", "currency", *STATUSES)
    }
    shipped: dict[int, list[PricedLine]] = defaultdict(list)
    for line in await SalesOrderLine.filter(order_id__in=won, quantity_shipped__gt=0):
        shipped[line.order_id].append(
            PricedLine(
                Decimal(line.quantity_shipped),
                Decimal(line.unit_price),
                Decimal(line.discount_percent),
                Decimal(line.tax_rate),
                # The order currency's minor units (§12).
                minor_units(orders[line.order_id]["currency"]),
            )
        )
    invoices: dict[int, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for order_id, total, paid in await Invoice.filter(sales_order_id__in=won).values_list(
        "sales_order_id", "total", "amount_paid"
    ):
        invoices[order_id].append((Decimal(total), Decimal(paid)))
    changed: list[OpportunityFulfillment] = []
    stamp = utcnow()
    moved: list[tuple[OpportunityFulfillment, dict[str, Any]]] = []
    for row in rows:
        now = fulfillment_of(
            orders[row.sales_order_id], shipped[row.sales_order_id], invoices[row.sales_order_id]
        )
        before = {name: getattr(row, name) for name in (*STATUSES, *AMOUNTS)}
        after = {name: getattr(now, name) for name in (*STATUSES, *AMOUNTS)}
        if after == before:
            continue
        for name, value in after.items():
            setattr(row, name, value)
        row.updated_at = stamp
        changed.append(row)
        if any(before[name] != after[name] for name in STATUSES):
            moved.append((row, before))
    if changed:
        await OpportunityFulfillment.bulk_update(
            changed, fields=[*STATUSES, *AMOUNTS, "updated_at"]
        )
    if moved:
        deals = {
            deal.id: deal
            for deal in await Opportunity.filter(id__in=[row.opportunity_id for row, _ in moved])
        }
        await record_events(
            [
                (
                    "opportunity.fulfillment_changed",
                    fulfillment_event_data(deals[row.opportunity_id], row, before),
                )
                for row, before in moved
            ]
        )
