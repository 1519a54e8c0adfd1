"""Margins of a deal, a quote and an order (§9): planned at standard cost, realized from what
was invoiced and the cost of goods sold that shipping posted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.billing.models import CreditNote, Invoice
from domain.billing.pricing import EXACT, HUNDRED
from domain.money import ZERO, cents, round_half_up
from domain.orders.models import Shipment


@dataclass(frozen=True)
class Margin:
    revenue: Decimal
    cost: Decimal

    @property
    def margin(self) -> Decimal:
        return self.revenue - self.cost

    @property
    def percent(self) -> Decimal | None:
        """margin / revenue × 100, half-up to 2 decimals; None without revenue."""
        if not self.revenue:
            return None
        return round_half_up(EXACT.divide(self.margin * HUNDRED, self.revenue), 2)


def planned_margin(lines: Iterable[tuple[Decimal, Decimal, Decimal]]) -> Margin:
    """From (quantity, net amount, standard cost) per line: revenue = Σ line nets, cost =
    Σ quantity × standardCost rounded half-up to cents once, as a shipment of everything
    would post it (pure)."""
    revenue = cost = ZERO
    for quantity, net, standard_cost in lines:
        revenue += Decimal(net)
        cost += EXACT.multiply(Decimal(quantity), Decimal(standard_cost))
    return Margin(cents(revenue), cents(cost))


async def realized_margins(order_ids: Sequence[int]) -> dict[int, Margin]:
    """Per order: revenue = its invoices' subtotals less their credit notes' subtotals, cost
    = the cost of goods sold its shipments posted (§5.3), in three queries for all orders."""
    ids = sorted(set(order_ids))
    revenue: dict[int, Decimal] = defaultdict(lambda: ZERO)
    cost: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if ids:
        invoiced = Invoice.filter(sales_order_id__in=ids).values_list("sales_order_id", "subtotal")
        for order_id, subtotal in await invoiced:
            revenue[order_id] += Decimal(subtotal)
        credited = CreditNote.filter(invoice__sales_order_id__in=ids).values_list(
            "invoice__sales_order_id", "subtotal"
        )
        for order_id, subtotal in await credited:
            revenue[order_id] -= Decimal(subtotal)
        shipped = Shipment.filter(order_id__in=ids).values_list("order_id", "cost_total")
        for order_id, cost_total in await shipped:
            cost[order_id] += Decimal(cost_total)
    return {order_id: Margin(cents(revenue[order_id]), cents(cost[order_id])) for order_id in ids}
