"""operationsInsights (§13): order lines delivered on time and in full, backorders and
inventory turns over a period — a pure function over plain rows, and their loading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.functions import Sum

from domain.insights.figures import Period, rate, ratio
from domain.ledger.models import JournalLine
from domain.money import ZERO, cents
from domain.orders.models import OrderStatus, SalesOrderLine, ShipmentLine

INVENTORY, COGS = "1300", "5000"
OPEN_ORDER_STATUSES = (OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED)
NOT_ORDERS = (OrderStatus.DRAFT, OrderStatus.CANCELLED)


@dataclass(frozen=True)
class OrderLine:
    """A line of an order (confirmed, not cancelled) requested for a day of the period."""

    line_id: int
    requested_date: date
    quantity: Decimal
    quantity_shipped: Decimal
    quantity_reserved: Decimal
    order_open: bool  # the order is CONFIRMED or PARTIALLY_SHIPPED


@dataclass(frozen=True)
class Shipped:
    """A quantity of an order line shipped on a day."""

    line_id: int
    shipped_on: date
    quantity: Decimal


@dataclass(frozen=True)
class LedgerTotals:
    """Σ debit and Σ credit of a ledger account over some days."""

    debit: Decimal
    credit: Decimal

    @property
    def balance(self) -> Decimal:
        return self.debit - self.credit


@dataclass(frozen=True)
class OperationsInsights:
    period: Period
    order_lines: int
    on_time_in_full_lines: int
    on_time_in_full_rate: Decimal | None
    backorder_lines: int
    cost_of_goods_sold: Decimal
    opening_inventory: Decimal
    closing_inventory: Decimal
    average_inventory: Decimal
    inventory_turns: Decimal | None


def operations_insights(
    period: Period,
    lines: Sequence[OrderLine],
    shipped: Sequence[Shipped],
    inventory_before: LedgerTotals,
    inventory_during: LedgerTotals,
    cogs_during: LedgerTotals,
) -> OperationsInsights:
    """The figures of §13, pure, over the order lines requested for a day of the period:

    - onTimeInFullRate = lines whose shipments dated on or before their requestedDate add up
      to the quantity ordered / those lines;
    - backorderLines: those lines whose order is still open and whose quantity is neither
      shipped nor reserved in full (they wait for stock);
    - inventoryTurns = COGS (the 5000 balance of the entries dated in the period) ÷ the
      average inventory value (the mean of the 1300 balance as the period starts — entries
      dated before `from` — and as it ends — entries dated up to `to`), 2 decimals, not
      annualised; None when the average is 0."""
    in_time: dict[int, Decimal] = {}
    requested = {line.line_id: line.requested_date for line in lines}
    for item in shipped:
        day = requested.get(item.line_id)
        if day is not None and item.shipped_on <= day:
            in_time[item.line_id] = in_time.get(item.line_id, ZERO) + item.quantity
    on_time = sum(1 for line in lines if in_time.get(line.line_id, ZERO) >= line.quantity)
    backorders = sum(
        1
        for line in lines
        if line.order_open and line.quantity_shipped + line.quantity_reserved < line.quantity
    )
    opening = cents(inventory_before.balance)
    closing = cents(inventory_before.balance + inventory_during.balance)
    average = (opening + closing) / 2
    cogs = cents(cogs_during.balance)
    return OperationsInsights(
        period=period,
        order_lines=len(lines),
        on_time_in_full_lines=on_time,
        on_time_in_full_rate=rate(on_time, len(lines)),
        backorder_lines=backorders,
        cost_of_goods_sold=cogs,
        opening_inventory=opening,
        closing_inventory=closing,
        average_inventory=cents(average),
        inventory_turns=ratio(cogs, average),
    )


def _decimal(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(str(value))


async def _totals(code: str, **dates: date) -> LedgerTotals:
    rows = (
        await JournalLine.filter(ledger_account__code=code, **dates)
        .annotate(debits=Sum("debit"), credits=Sum("credit"))
        .group_by("ledger_account_id")
        .values("debits", "credits")
    )
    return LedgerTotals(
        cents(sum((_decimal(row["debits"]) for row in rows), ZERO)),
        cents(sum((_decimal(row["credits"]) for row in rows), ZERO)),
    )


async def load_operations_insights(period: Period) -> OperationsInsights:
    """Five queries: the order lines requested in the period, their shipments, and three
    ledger sums (inventory before and during the period, COGS during it)."""
    in_period = {
        "order__requested_date__gte": period.start,
        "order__requested_date__lte": period.end,
    }
    line_rows = (
        await SalesOrderLine.filter(**in_period)
        .exclude(order__status__in=NOT_ORDERS)
        .values(
            "id",
            "quantity",
            "quantity_shipped",
            "quantity_reserved",
            "order__requested_date",
            "order__status",
        )
    )
    lines = [
        OrderLine(
            line_id=row["id"],
            requested_date=row["order__requested_date"],
            quantity=_decimal(row["quantity"]),
            quantity_shipped=_decimal(row["quantity_shipped"]),
            quantity_reserved=_decimal(row["quantity_reserved"]),
            order_open=OrderStatus(row["order__status"]) in OPEN_ORDER_STATUSES,
        )
        for row in line_rows
    ]
    shipped_rows = await ShipmentLine.filter(
        **{f"order_line__{key}": value for key, value in in_period.items()}
    ).values("order_line_id", "quantity", "shipment__shipped_on")
    shipped = [
        Shipped(row["order_line_id"], row["shipment__shipped_on"], _decimal(row["quantity"]))
        for row in shipped_rows
    ]
    return operations_insights(
        period,
        lines,
        shipped,
        await _totals(INVENTORY, entry__date__lt=period.start),
        await _totals(INVENTORY, entry__date__gte=period.start, entry__date__lte=period.end),
        await _totals(COGS, entry__date__gte=period.start, entry__date__lte=period.end),
    )
