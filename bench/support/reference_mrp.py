"""The yardstick of bench/mrp.py: a plain in-memory MRP over the planner's own inputs.

It is the recursive oracle of tests/domain/test_planning.py (net requirement = demand plus
each parent's exploded need, minus stock, explosions rounded up to four decimals) carried
over to the whole of CONTRACT §6 as written: every day bucket of the horizon walked for every
item, receipts and released work orders, safety stock, lot sizing, phantoms passed through,
and first-in-first-covered pegging. It touches no database. bench/mrp.py checks that its
plan (quantities, due dates, pegs) equals the one the run wrote before timing either.
"""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal, localcontext

from domain.manufacturing.planning import (
    BomLine,
    Demand,
    Item,
    OnHand,
    Receipt,
    ReleasedWorkOrder,
)

STEP = Decimal("0.0001")
ZERO = Decimal(0)

PegKey = tuple[str, str]  # (source, reference)
ReferenceOrder = tuple[date, Decimal, tuple[tuple[str, Decimal, str], ...]]
# product id -> [(due date, quantity, pegs as (source, quantity, reference))] in date order
ReferencePlan = dict[int, list[ReferenceOrder]]


def round_up(quantity: Decimal) -> Decimal:
    return quantity.quantize(STEP, rounding=ROUND_CEILING)


def reference_plan(
    items: list[Item],
    bom_lines: list[BomLine],
    on_hand: list[OnHand],
    receipts: list[Receipt],
    demands: list[Demand],
    released_work_orders: list[ReleasedWorkOrder],
    as_of: date,
    horizon_days: int,
) -> ReferencePlan:
    with localcontext() as context:
        context.prec = 60
        return _Reference(
            items, bom_lines, on_hand, receipts, demands, released_work_orders, as_of, horizon_days
        ).plan()


class _Pegging:
    """§6.6 for one item: claims are covered first in, first covered; stock arriving fills
    the opening claims (negative stock, safety stock) and is never pegged; a planned order
    covers the open claims and its surplus is a lot later claims are pegged to."""

    def __init__(self, opening: Decimal, item: Item) -> None:
        self.lots: deque[list[object]] = deque()  # [remaining, pegs or None], oldest first
        self.claims: list[tuple[Decimal, str | None, str]] = []
        self.orders: list[dict[PegKey, Decimal]] = []
        if opening < 0:
            self.claims.append((-opening, None, ""))
        if item.safety_stock > 0:
            self.claims.append((item.safety_stock, "SAFETY_STOCK", item.sku))
        if opening > 0:
            self.stock_arrives(opening)

    def stock_arrives(self, quantity: Decimal) -> None:
        still_open = []
        for needed, source, reference in self.claims:
            taken = min(needed, quantity)
            quantity -= taken
            if taken < needed:
                still_open.append((needed - taken, source, reference))
        self.claims = still_open
        if quantity > 0:
            self.lots.append([quantity, None])

    def claim(self, quantity: Decimal, source: str, reference: str) -> None:
        while quantity > 0 and self.lots:
            lot = self.lots[0]
            remaining = lot[0]
            assert isinstance(remaining, Decimal)
            taken = min(quantity, remaining)
            pegs = lot[1]
            if isinstance(pegs, dict):
                pegs[(source, reference)] = pegs.get((source, reference), ZERO) + taken
            quantity -= taken
            lot[0] = remaining - taken
            if lot[0] == 0:
                self.lots.popleft()
        if quantity > 0:
            self.claims.append((quantity, source, reference))

    def order(self, quantity: Decimal) -> None:
        pegs: dict[PegKey, Decimal] = {}
        for needed, source, reference in self.claims:
            if source is not None:
                pegs[(source, reference)] = pegs.get((source, reference), ZERO) + needed
            quantity -= needed
        self.claims = []
        self.orders.append(pegs)
        if quantity > 0:
            self.lots.append([quantity, pegs])


class _Reference:
    def __init__(
        self,
        items: list[Item],
        bom_lines: list[BomLine],
        on_hand: list[OnHand],
        receipts: list[Receipt],
        demands: list[Demand],
        released_work_orders: list[ReleasedWorkOrder],
        as_of: date,
        horizon_days: int,
    ) -> None:
        self.as_of = as_of
        self.horizon_days = horizon_days
        self.end = as_of + timedelta(days=horizon_days)
        self.item_of = {item.product_id: item for item in items}
        self.kept = {p for p, item in self.item_of.items() if item.stocked or item.phantom}
        self.planned = {p for p in self.kept if not self.item_of[p].phantom}
        self.parents: dict[int, list[int]] = defaultdict(list)
        self.components: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
        for line in bom_lines:
            self.parents[line.component_id].append(line.parent_id)
            if line.component_id in self.kept:
                factor = line.quantity_per * (1 + line.scrap_percent / 100)
                self.components[line.parent_id].append((line.component_id, factor))
        self.stock: dict[int, Decimal] = defaultdict(Decimal)
        for row in on_hand:
            self.stock[row.product_id] += row.quantity
        self.supply: dict[int, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        # Gross requirements, each its own event: (day, input order, quantity, source, ref).
        self.gross: dict[int, list[tuple[date, int, Decimal, str, str]]] = defaultdict(list)
        self.counter = 0
        self.depths: dict[int, int] = {}
        for receipt in receipts:
            self.receive(receipt.product_id, receipt.date, receipt.quantity)
        for demand in demands:
            self.need(
                demand.product_id, demand.date, demand.quantity, demand.source, demand.reference
            )
        for order in released_work_orders:
            self.receive(order.product_id, order.due_date, order.quantity_open)
            for component, factor in self.components[order.product_id]:
                quantity = round_up(order.quantity_open * factor)
                self.need(component, order.start_date, quantity, "WORK_ORDER", order.reference)

    def depth(self, product_id: int) -> int:
        """The deepest a product sits under any parent: every parent is planned first."""
        if product_id not in self.depths:
            self.depths[product_id] = max(
                (self.depth(parent) + 1 for parent in self.parents[product_id]), default=0
            )
        return self.depths[product_id]

    def receive(self, product_id: int, day: date, quantity: Decimal) -> None:
        if product_id in self.planned and day <= self.end:
            self.supply[product_id][max(day, self.as_of)] += quantity

    def need(
        self,
        product_id: int,
        day: date,
        quantity: Decimal,
        source: str,
        reference: str,
        order: int | None = None,
    ) -> None:
        if product_id in self.kept and day <= self.end and quantity:
            if order is None:
                self.counter += 1
                order = self.counter
            self.gross[product_id].append(
                (max(day, self.as_of), order, quantity, source, reference)
            )

    def plan(self) -> ReferencePlan:
        days = [self.as_of + timedelta(days=n) for n in range(self.horizon_days + 1)]
        result: ReferencePlan = {}
        for product_id in sorted(self.kept, key=lambda p: (self.depth(p), p)):
            item = self.item_of[product_id]
            if item.phantom:
                for day, order, quantity, source, reference in self.gross.pop(product_id, []):
                    for component, factor in self.components[product_id]:
                        needed = round_up(quantity * factor)
                        self.need(component, day, needed, source, reference, order)
                continue
            orders = self.plan_item(item, days)
            if orders:
                result[product_id] = orders
        return result

    def plan_item(self, item: Item, days: list[date]) -> list[ReferenceOrder]:
        product_id = item.product_id
        on_day: dict[date, list[tuple[Decimal, str, str]]] = defaultdict(list)
        for day, _, quantity, source, reference in sorted(
            self.gross.pop(product_id, []), key=lambda need: need[:2]
        ):
            on_day[day].append((quantity, source, reference))
        arriving = self.supply.get(product_id, {})
        projected = self.stock[product_id]
        pegging = _Pegging(projected, item)
        orders: list[tuple[date, Decimal]] = []
        lead_time = timedelta(days=item.lead_time_days)
        explodes = item.procurement == "MAKE"
        for day in days:
            receipt = arriving.get(day, ZERO)
            if receipt:
                projected += receipt
                pegging.stock_arrives(receipt)
            for quantity, source, reference in on_day.get(day, ()):
                projected -= quantity
                pegging.claim(quantity, source, reference)
            if projected >= item.safety_stock:
                continue
            quantity = max(item.safety_stock - projected, item.min_order_quantity)
            if item.order_multiple > 0:
                lots, rest = divmod(quantity, item.order_multiple)
                quantity = (lots + (1 if rest else 0)) * item.order_multiple
            projected += quantity
            pegging.order(quantity)
            orders.append((day, quantity))
            if explodes:
                reference = f"PLN-{product_id}-{len(orders)}"
                needed_on = max(day - lead_time, self.as_of)
                for component, factor in self.components[product_id]:
                    self.counter += 1
                    self.gross[component].append(
                        (
                            needed_on,
                            self.counter,
                            round_up(quantity * factor),
                            "PLANNED_ORDER",
                            reference,
                        )
                    )
        return [
            (
                due,
                quantity,
                tuple((source, q, reference) for (source, reference), q in pegs.items()),
            )
            for (due, quantity), pegs in zip(orders, pegging.orders, strict=True)
        ]
