"""Demo order-to-cash, front half: 60 sales orders created, confirmed, shipped or cancelled."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum

from domain.clock import frozen_at
from domain.demo.context import ANCHOR, ANCHOR_AT, DemoContext, day, moment
from domain.demo.pipeline import IN_STOCK_SKUS
from domain.inventory.services import default_warehouse
from domain.orders.models import InvoicePolicy, SalesOrder, SalesOrderLine
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    cancel_sales_order,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)


class Target(str, Enum):
    """Where each order ends up; INVOICED and PAID are SHIPPED orders billing takes further."""

    DRAFT = "DRAFT"
    CONFIRMED = "CONFIRMED"
    PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED"
    SHIPPED = "SHIPPED"
    INVOICED = "INVOICED"
    PAID = "PAID"
    CANCELLED = "CANCELLED"


SHIPPING_TARGETS = frozenset(
    {Target.PARTIALLY_SHIPPED, Target.SHIPPED, Target.INVOICED, Target.PAID}
)
# Won deals take the statuses that need no particular lines.
HANDOVER_TARGETS = Counter(
    {Target.DRAFT: 4, Target.SHIPPED: 3, Target.INVOICED: 5, Target.PAID: 6, Target.CANCELLED: 2}
)
DIRECT_TARGETS = Counter(
    {
        Target.DRAFT: 4,
        Target.CONFIRMED: 10,
        Target.PARTIALLY_SHIPPED: 8,
        Target.SHIPPED: 3,
        Target.INVOICED: 5,
        Target.PAID: 6,
        Target.CANCELLED: 4,
    }
)
SERVICE_SKUS = ("SV-SERVICE-PLAN", "SV-FLEET-ONBOARD", "SV-WARRANTY-2Y")
# Stocked only as a handful: the confirmed fleet orders for it are backordered.
BACKORDERED_SKU = "FG-CARGO"


@dataclass
class DemoOrder:
    id: int
    account_id: int
    target: Target
    policy: InvoicePolicy = InvoicePolicy.ON_DELIVERY
    # Prepaid service orders: invoiced and paid on order, delivered afterwards.
    prepaid_service: bool = False
    # The day it shipped (its first shipment), set by fulfil_orders.
    shipped_on: date | None = None


def _lines(ctx: DemoContext, count: int, fleet: bool) -> list[OrderLineDraft]:
    drafts = []
    for sku in ctx.rng.sample(IN_STOCK_SKUS, count):
        if sku.startswith("FG-"):
            quantity = ctx.rng.randint(2, 5) if fleet else ctx.rng.randint(1, 3)
        elif sku.startswith("A-"):
            quantity = ctx.rng.randint(2, 8)
        else:
            quantity = ctx.rng.randint(1, 2)
        drafts.append(
            OrderLineDraft(
                ctx.product(sku),
                Decimal(quantity),
                discount_percent=Decimal(ctx.rng.choice((0, 0, 0, 5))),
            )
        )
    return drafts


async def create_orders(ctx: DemoContext) -> list[DemoOrder]:
    """The 20 handover orders get their targets; 40 more are keyed in directly."""
    handover_targets = list(HANDOVER_TARGETS.elements())
    ctx.rng.shuffle(handover_targets)
    handover = await _handover_accounts(ctx.handover_order_ids)
    orders = [
        DemoOrder(order_id, handover[order_id], target)
        for order_id, target in zip(ctx.handover_order_ids, handover_targets, strict=True)
    ]
    direct_targets = list(DIRECT_TARGETS.elements())
    ctx.rng.shuffle(direct_targets)
    prepaid_left = {Target.PAID: 2, Target.CONFIRMED: 2}
    for target in direct_targets:
        customer = ctx.rng.choice(ctx.customers)
        fleet = customer.tier == "ENTERPRISE"
        policy = InvoicePolicy.ON_DELIVERY
        prepaid = prepaid_left.get(target, 0) > 0
        if prepaid:
            prepaid_left[target] -= 1
            policy = InvoicePolicy.ON_ORDER
        if prepaid and target is Target.PAID:
            lines = [OrderLineDraft(ctx.product(sku), Decimal(1)) for sku in SERVICE_SKUS[:2]]
        else:
            # Partial shipments need a second line to leave behind.
            lines = _lines(ctx, 2 if target is Target.PARTIALLY_SHIPPED else 1, fleet)
            lines += _lines(ctx, ctx.rng.randint(0, 2), fleet)
            lines = _distinct(lines)
        if target is Target.CONFIRMED and not prepaid:
            backorder = Decimal(ctx.rng.randint(6, 12))
            lines.append(OrderLineDraft(ctx.product(BACKORDERED_SKU), backorder))
        order = await create_sales_order(
            customer.id,
            lines,
            requested_date=day(ctx.rng.randint(-20, 45)),
            invoice_policy=policy,
            notes="Keyed in from a customer's purchase order.",
        )
        orders.append(
            DemoOrder(order.id, customer.id, target, policy, prepaid and target is Target.PAID)
        )
    return orders


def _distinct(lines: list[OrderLineDraft]) -> list[OrderLineDraft]:
    seen: set[int] = set()
    kept = []
    for line in lines:
        if line.product_id not in seen:
            seen.add(line.product_id)
            kept.append(line)
    return kept


async def _handover_accounts(order_ids: list[int]) -> dict[int, int]:
    rows = await SalesOrder.filter(id__in=order_ids).values_list("id", "account_id")
    return {int(order_id): int(account_id) for order_id, account_id in rows}


def _ship_day(ctx: DemoContext, requested: date) -> date:
    """Around the requested day (a week early to three days late), never after the demo's
    yesterday: orders due in the past were partly late, those due ahead went out early."""
    latest = day(-ctx.dates.randint(1, 4))
    return min(requested + timedelta(days=ctx.dates.randint(-7, 3)), latest)


def _at(on: date) -> datetime:
    """15:00 in New York on that day, as the demo's moments."""
    return moment((on - ANCHOR).days)


async def fulfil_orders(ctx: DemoContext, orders: list[DemoOrder]) -> None:
    """Confirms and ships what is meant to move, cancels what is meant to stop; the
    backordered orders are confirmed last, when shipments have taken the stock. Each order
    ships on its own day (confirmed then too); the rest happens at the demo's "now"."""
    main = await default_warehouse()
    requested = dict(
        await SalesOrder.filter(id__in=[o.id for o in orders]).values_list("id", "requested_date")
    )
    cancelled = 0
    with frozen_at(ANCHOR_AT - timedelta(days=30)):
        for order in orders:
            if order.target is Target.CANCELLED:
                # Half the cancellations release a reservation, half never got that far.
                cancelled += 1
                if cancelled % 2:
                    await confirm_sales_order(order.id)
                await cancel_sales_order(order.id)
    for order in orders:
        if order.target in SHIPPING_TARGETS and not order.prepaid_service:
            order.shipped_on = _ship_day(ctx, requested[order.id])
            with frozen_at(_at(order.shipped_on)):
                await confirm_sales_order(order.id)
                lines = await SalesOrderLine.filter(order_id=order.id).order_by("position")
                if order.target is Target.PARTIALLY_SHIPPED:
                    await _ship_part(order.id, main.id, lines)
                else:
                    await ship_sales_order(
                        order.id, main.id, [ShipLineDraft(line.id, line.quantity) for line in lines]
                    )
    with frozen_at(ANCHOR_AT):
        for order in orders:
            if order.target is Target.CONFIRMED or order.prepaid_service:
                await confirm_sales_order(order.id)


async def _ship_part(order_id: int, warehouse_id: int, lines: list[SalesOrderLine]) -> None:
    """Ships the first line in full and leaves the others (partial orders have two or more)."""
    first = lines[0]
    await ship_sales_order(order_id, warehouse_id, [ShipLineDraft(first.id, first.quantity)])


async def deliver_prepaid_services(orders: list[DemoOrder]) -> None:
    """Prepaid service orders are delivered once paid, which closes them."""
    main = await default_warehouse()
    for order in orders:
        if order.prepaid_service:
            lines = await SalesOrderLine.filter(order_id=order.id).order_by("position")
            await ship_sales_order(
                order.id, main.id, [ShipLineDraft(line.id, line.quantity) for line in lines]
            )
