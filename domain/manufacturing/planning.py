"""Pure MRP: items, BOMs, stock, receipts and demand in; planned orders with pegging out (§6)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import (
    ROUND_CEILING,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from operator import itemgetter
from typing import Any, Literal, TypeVar

from domain.validation import PERCENT, QUANTITY, Scale, required_decimal

Procurement = Literal["BUY", "MAKE"]
DemandSource = Literal["SALES_ORDER_LINE", "WORK_ORDER"]
ReceiptSource = Literal["PURCHASE_ORDER", "WORK_ORDER"]
PegSource = Literal["SALES_ORDER_LINE", "PLANNED_ORDER", "WORK_ORDER", "SAFETY_STOCK"]
PlannedOrderKind = Literal["PURCHASE", "MANUFACTURE"]

ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_EXPLOSION_STEP = Decimal("0.0001")
# The caller's thread context may carry a low precision or other traps; exact quantity
# arithmetic must not depend on it.
_CONTEXT = Context(
    prec=60, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)


def _check_quantity(
    owner: str, name: str, value: Decimal, *, signed: bool = False, scale: Scale = QUANTITY
) -> None:
    # A float would make netting inexact; a negative quantity would corrupt the FIFO ledger.
    if not isinstance(value, Decimal):
        raise TypeError(f"{owner}.{name} must be a Decimal, got {type(value).__name__}")
    required_decimal(value, (owner, name), scale, signed=signed)


@dataclass(frozen=True, slots=True)
class Item:
    """A product with its planning parameters; only stocked, non-phantom items are planned.

    `phantom` mirrors `BillOfMaterials.phantom`: the product is never planned and its
    requirements pass through to its components (§6.5).
    """

    product_id: int
    sku: str
    procurement: Procurement
    stocked: bool = True
    lead_time_days: int = 0
    safety_stock: Decimal = ZERO
    min_order_quantity: Decimal = ZERO
    order_multiple: Decimal = ZERO
    phantom: bool = False

    def __post_init__(self) -> None:
        if self.lead_time_days < 0:
            raise ValueError(f"Item.lead_time_days must be >= 0, got {self.lead_time_days}")
        _check_quantity("Item", "safety_stock", self.safety_stock)
        _check_quantity("Item", "min_order_quantity", self.min_order_quantity)
        _check_quantity("Item", "order_multiple", self.order_multiple)


@dataclass(frozen=True, slots=True)
class BomLine:
    parent_id: int
    component_id: int
    quantity_per: Decimal
    scrap_percent: Decimal = ZERO

    def __post_init__(self) -> None:
        _check_quantity("BomLine", "quantity_per", self.quantity_per)
        _check_quantity("BomLine", "scrap_percent", self.scrap_percent, scale=PERCENT)

    @property
    def factor(self) -> Decimal:
        return self.quantity_per * (1 + self.scrap_percent / _HUNDRED)


@dataclass(frozen=True, slots=True)
class Demand:
    """An independent gross requirement, normally a sales order line's open quantity.

    The planner derives RELEASED work orders' component needs itself from
    `ReleasedWorkOrder` and the BOM; a `WORK_ORDER` demand is only for an already
    exploded need that is not also passed as a `ReleasedWorkOrder`.
    """

    product_id: int
    date: dt.date
    quantity: Decimal
    reference: str
    source: DemandSource = "SALES_ORDER_LINE"

    def __post_init__(self) -> None:
        _check_quantity("Demand", "quantity", self.quantity)


@dataclass(frozen=True, slots=True)
class OnHand:
    """Stock of one product (one row per warehouse is fine: rows are summed)."""

    product_id: int
    quantity: Decimal

    def __post_init__(self) -> None:
        _check_quantity("OnHand", "quantity", self.quantity, signed=True)


@dataclass(frozen=True, slots=True)
class Receipt:
    """A scheduled receipt, normally an open purchase order line.

    A `ReleasedWorkOrder` already supplies its own output; a `WORK_ORDER` receipt is only
    for output that is not also passed as a `ReleasedWorkOrder`.
    """

    product_id: int
    date: dt.date
    quantity: Decimal
    reference: str
    source: ReceiptSource = "PURCHASE_ORDER"

    def __post_init__(self) -> None:
        _check_quantity("Receipt", "quantity", self.quantity)


@dataclass(frozen=True, slots=True)
class ReleasedWorkOrder:
    """A RELEASED work order: output on `due_date`, component needs on `start_date` (§6.2-3).

    `quantity_open` is quantity - quantityCompleted.
    """

    product_id: int
    quantity_open: Decimal
    start_date: dt.date
    due_date: dt.date
    reference: str

    def __post_init__(self) -> None:
        _check_quantity("ReleasedWorkOrder", "quantity_open", self.quantity_open)


@dataclass(frozen=True, slots=True)
class Peg:
    source: PegSource
    quantity: Decimal
    reference: str


@dataclass(frozen=True, slots=True)
class PlannedOrder:
    """A planned order; `reference` (`PLN-<product_id>-<n>`) is what its components' pegs cite."""

    reference: str
    product_id: int
    kind: PlannedOrderKind
    quantity: Decimal
    due_date: dt.date
    release_date: dt.date
    late: bool
    pegging: tuple[Peg, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    planned_orders: tuple[PlannedOrder, ...]
    items_planned: int
    exceptions: tuple[str, ...]


class BomCycleError(Exception):
    """The bills of materials form a cycle; `products` lists it in parent-to-component order."""

    def __init__(self, products: list[int], skus: dict[int, str] | None = None) -> None:
        self.products = products
        self.skus = {p: skus[p] for p in products if p in skus} if skus else {}
        names = [self.skus.get(product_id, str(product_id)) for product_id in products]
        super().__init__("Bill of materials cycle: " + " -> ".join([*names, names[0]]))

    def __reduce__(self) -> tuple[type[BomCycleError], tuple[list[int], dict[int, str]]]:
        # Exceptions pickle their message by default; a job queue must get the products back.
        return type(self), (self.products, self.skus)


_T = TypeVar("_T")


def unchecked(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of the input dataclass `cls` taking every field positionally, without
    its `__post_init__` checks: for values that are valid by construction, such as columns
    whose type already stores exactly what the checks ask (mrp.load_inputs). Checking
    30,000 decimals cost more than loading them."""
    setters = tuple(cls.__dict__[field.name].__set__ for field in fields(cls))  # type: ignore[arg-type]
    new = object.__new__

    def make(*values: Any) -> _T:
        if len(values) != len(setters):
            raise TypeError(f"{cls.__name__} takes {len(setters)} values, got {len(values)}")
        made = new(cls)
        for set_value, value in zip(setters, values, strict=True):
            set_value(made, value)
        return made

    return make


# (date, input sequence, quantity, peg source, reference)
_Requirement = tuple[dt.date, int, Decimal, PegSource, str]
# Stops the day loop's walk through an item's sorted requirements: no day matches it.
_END_OF_REQUIREMENTS: _Requirement = (dt.date.max, 0, ZERO, "SALES_ORDER_LINE", "")
_PegKey = tuple[PegSource, str]
# A planned order as Planner.run emits it: reference, product id, kind, quantity, due
# date, release date, late, and its pegs as {(source, reference): quantity} in peg order.
OrderRow = tuple[
    str, int, PlannedOrderKind, Decimal, dt.date, dt.date, bool, dict[_PegKey, Decimal]
]


def plan(
    items: Iterable[Item],
    bom_lines: Iterable[BomLine],
    on_hand: Iterable[OnHand],
    receipts: Iterable[Receipt],
    demands: Iterable[Demand],
    released_work_orders: Iterable[ReleasedWorkOrder],
    as_of: dt.date,
    horizon_days: int,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    """Plan every stocked, non-phantom item in low-level-code order, exactly as §6 says.

    Day buckets run from `as_of` to `as_of + horizon_days` inclusive; dates before `as_of`
    count on `as_of`, dates after the horizon are ignored. Products missing from `items`,
    and non-stocked non-phantom ones, are neither planned nor exploded through.
    Released work orders give both their output (a receipt on `due_date`) and their
    component needs (on `start_date`); every exploded need (released and planned orders,
    phantom pass-through) is rounded up to 4 decimals. `progress(done, total)` is called after each
    planned item. Raises `BomCycleError` when the BOMs contain a cycle.
    """
    planner = Planner(
        items, bom_lines, on_hand, receipts, demands, released_work_orders, as_of, horizon_days
    )
    planned_orders: list[PlannedOrder] = []

    def emit(rows: list[OrderRow]) -> None:
        planned_orders.extend(map(planned_order, rows))

    planner.run(emit, progress)
    return Plan(tuple(planned_orders), planner.items_planned, tuple(planner.exceptions))


def planned_order(row: OrderRow) -> PlannedOrder:
    """The `PlannedOrder` of one of `Planner.run`'s rows."""
    reference, product_id, kind, quantity, due, release, late, pegs = row
    return PlannedOrder(
        reference,
        product_id,
        kind,
        quantity,
        due,
        release,
        late,
        tuple([Peg(source, peg, cited) for (source, cited), peg in pegs.items()]),
    )


class Planner:
    """`plan` in two steps, for a caller that writes each item's planned orders while the
    next items are planned.

    The constructor reads the inputs and orders the items by low-level code, raising
    `BomCycleError` (and `ValueError` for a negative horizon) before anything is planned.
    `run(emit, progress)` then plans them, calling `emit` with each planned item's orders as
    soon as they are final (pegs included; an item's orders are never changed later), in
    the order `plan` returns them, as `OrderRow`s (`planned_order` makes one a
    `PlannedOrder`; 20,000 frozen dataclasses cost a writer that wants rows).
    `items_planned` is known from the start, `exceptions` once `run` returned.
    """

    def __init__(
        self,
        items: Iterable[Item],
        bom_lines: Iterable[BomLine],
        on_hand: Iterable[OnHand],
        receipts: Iterable[Receipt],
        demands: Iterable[Demand],
        released_work_orders: Iterable[ReleasedWorkOrder],
        as_of: dt.date,
        horizon_days: int,
    ) -> None:
        if horizon_days < 0:
            raise ValueError(f"horizon_days must be >= 0, got {horizon_days}")
        with localcontext(_CONTEXT):
            self._planner = _Planner(
                items,
                bom_lines,
                on_hand,
                receipts,
                demands,
                released_work_orders,
                as_of,
                horizon_days,
            )
            self._schedule = self._planner.schedule()
        self.items_planned = sum(1 for item in self._schedule if not item.phantom)
        self.exceptions = self._planner.exceptions

    def run(
        self,
        emit: Callable[[list[OrderRow]], object],
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        total = self.items_planned
        for orders, done in self.steps():
            if orders:
                emit(orders)
            if progress is not None:
                progress(done, total)

    def steps(self) -> Iterator[tuple[list[OrderRow], int]]:
        """`run` as a generator: (the item's orders, items planned so far) after each
        planned item, for a caller that interleaves planning with other work (an event
        loop writing the rows). Each step runs in the planner's own decimal context."""
        planner = self._planner
        done = 0
        for item in self._schedule:
            with localcontext(_CONTEXT):
                if item.phantom:
                    planner.pass_through(item)
                    continue
                orders = planner.plan_item(item)
            done += 1
            yield orders, done


class _Planner:
    def __init__(
        self,
        items: Iterable[Item],
        bom_lines: Iterable[BomLine],
        on_hand: Iterable[OnHand],
        receipts: Iterable[Receipt],
        demands: Iterable[Demand],
        released_work_orders: Iterable[ReleasedWorkOrder],
        as_of: dt.date,
        horizon_days: int,
    ) -> None:
        self.as_of = as_of
        self.horizon_end = as_of + dt.timedelta(days=horizon_days)
        self.items: dict[int, Item] = {}
        for item in items:
            if item.product_id in self.items:
                raise ValueError(f"Item {item.product_id} is given twice")
            self.items[item.product_id] = item
        # Requirements are kept only where someone reads them: planned items and phantoms.
        self.needed = {p for p, item in self.items.items() if item.stocked or item.phantom}
        self.bom: dict[int, list[BomLine]] = defaultdict(list)
        self.explosion: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
        for line in bom_lines:
            self.bom[line.parent_id].append(line)
            if line.component_id in self.needed:
                self.explosion[line.parent_id].append((line.component_id, line.factor))
        self.on_hand: dict[int, Decimal] = defaultdict(Decimal)
        for stock in on_hand:
            self.on_hand[stock.product_id] += stock.quantity
        self.receipts: dict[int, dict[dt.date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.requirements: dict[int, list[_Requirement]] = defaultdict(list)
        self.sequence = 0
        self.exceptions: list[str] = []

        for receipt in receipts:
            self._add_receipt(receipt.product_id, receipt.date, receipt.quantity)
        for demand in demands:
            if demand.product_id in self.needed:
                self._add_requirement(
                    demand.product_id, demand.date, demand.quantity, demand.source, demand.reference
                )
        for order in released_work_orders:
            self._add_receipt(order.product_id, order.due_date, order.quantity_open)
            for component_id, factor in self.explosion.get(order.product_id, ()):
                # Rounded up like a planned order's explosion and the work order's own
                # backflush, so every quantity the planner produces fits a 4-decimal column.
                self._add_requirement(
                    component_id,
                    order.start_date,
                    _round_up_explosion(order.quantity_open * factor),
                    "WORK_ORDER",
                    order.reference,
                )

    def schedule(self) -> list[Item]:
        """The items to plan or pass through, deepest-level-last (raises `BomCycleError`)."""
        levels = _low_level_codes(self.bom, self.items)
        return sorted(
            (self.items[product_id] for product_id in self.needed),
            key=lambda item: (levels.get(item.product_id, 0), item.product_id),
        )

    def _add_receipt(self, product_id: int, day: dt.date, quantity: Decimal) -> None:
        item = self.items.get(product_id)
        planned = item is not None and item.stocked and not item.phantom
        if quantity == 0 or day > self.horizon_end or not planned:
            return
        self.receipts[product_id][max(day, self.as_of)] += quantity

    def _add_requirement(
        self,
        product_id: int,
        day: dt.date,
        quantity: Decimal,
        source: PegSource,
        reference: str,
        sequence: int | None = None,
    ) -> None:
        if quantity == 0 or day > self.horizon_end:
            return
        if sequence is None:
            self.sequence += 1
            sequence = self.sequence
        self.requirements[product_id].append(
            (max(day, self.as_of), sequence, quantity, source, reference)
        )

    def pass_through(self, phantom: Item) -> None:
        requirements = self.requirements.pop(phantom.product_id, [])
        components = self.explosion.get(phantom.product_id, ())
        if requirements and not self.bom.get(phantom.product_id):
            self.exceptions.append(
                f"Phantom {phantom.sku} has no components: its requirements are dropped."
            )
        for day, sequence, quantity, source, reference in requirements:
            for component_id, factor in components:
                # Keeping the origin's sequence keeps a kit's sales line in input order
                # among the component's own demands.
                self._add_requirement(
                    component_id,
                    day,
                    _round_up_explosion(quantity * factor),
                    source,
                    reference,
                    sequence,
                )

    def plan_item(self, item: Item) -> list[OrderRow]:
        product_id = item.product_id
        as_of = self.as_of
        opening = self.on_hand.get(product_id, ZERO)
        if opening < 0:
            self.exceptions.append(
                f"{item.sku} has negative on-hand {opening}: the shortage is planned but unpegged."
            )
        receipts = self.receipts.get(product_id, {})
        gross = sorted(self.requirements.pop(product_id, []), key=_DATE_THEN_INPUT)
        gross.append(_END_OF_REQUIREMENTS)
        days = sorted({as_of, *receipts, *(requirement[0] for requirement in gross[:-1])})

        kind: PlannedOrderKind = "MANUFACTURE" if item.procurement == "MAKE" else "PURCHASE"
        explosion = self.explosion.get(product_id, ()) if item.procurement == "MAKE" else ()
        requirements = self.requirements
        safety_stock = item.safety_stock
        minimum = item.min_order_quantity
        multiple = item.order_multiple
        lead_time = dt.timedelta(days=item.lead_time_days)
        sequence = self.sequence
        pegging = _FifoPegging(opening, item)
        receive, require, cover = pegging.receive, pegging.require, pegging.cover
        orders: list[tuple[str, Decimal, dt.date, dt.date]] = []
        projected = opening
        next_gross = 0
        for day in days:
            receipt = receipts.get(day)
            if receipt:
                projected += receipt
                receive(receipt)
            while gross[next_gross][0] == day:
                _, _, quantity, source, reference = gross[next_gross]
                next_gross += 1
                projected -= quantity
                require(quantity, source, reference)
            if projected >= safety_stock:
                continue
            # The lot, §6.4: at least the minimum, then up to the next order multiple.
            quantity = safety_stock - projected
            if quantity < minimum:
                quantity = minimum
            if multiple > 0:
                multiples, remainder = divmod(quantity, multiple)
                if remainder:
                    multiples += 1
                quantity = multiples * multiple
            projected += quantity
            cover(quantity)
            reference = f"PLN-{product_id}-{len(orders) + 1}"
            release = day - lead_time
            orders.append((reference, quantity, day, release))
            if release < as_of:
                self.exceptions.append(
                    f"{reference} ({item.sku}, {quantity} due {day.isoformat()}) is late: "
                    f"release date {release.isoformat()} is "
                    f"{(as_of - release).days} day(s) before {as_of.isoformat()}."
                )
                needed_on = as_of
            else:
                # release <= due date <= horizon end, so no horizon check is needed here.
                needed_on = release
            for component_id, factor in explosion:
                sequence += 1
                requirements[component_id].append(
                    (
                        needed_on,
                        sequence,
                        (quantity * factor).quantize(_EXPLOSION_STEP, ROUND_CEILING),
                        "PLANNED_ORDER",
                        reference,
                    )
                )
        self.sequence = sequence
        # Pegs are read only now: a lot's surplus is pegged to requirements of later days.
        return [
            (reference, product_id, kind, quantity, due, release, release < as_of, pegs)
            for (reference, quantity, due, release), pegs in zip(
                orders, pegging.orders, strict=True
            )
        ]


# A requirement's date, then its input sequence (C-level, not a Python call per item).
_DATE_THEN_INPUT = itemgetter(0, 1)


def _round_up_explosion(quantity: Decimal) -> Decimal:
    return quantity.quantize(_EXPLOSION_STEP, ROUND_CEILING)


class _FifoPegging:
    """Pegging, §6.6 "first in, first covered", kept alongside the §6.4 netting of one item.

    Requirements (claims) are taken in date order, then input order, and stock is handed
    out oldest lot first. The lots are on-hand, then receipts and planned orders in the
    order they arrive; within a day, receipts arrive before that day's requirements and the
    day's planned order (if any) after them, as in the netting.

    - Safety stock is the first claim of all: SS units of on-hand (then of the earliest
      receipts) are set aside before any requirement sees stock. Whatever part of the SS
      claim stock cannot fill is covered by the first planned order and pegged
      `SAFETY_STOCK` (reference: the item's SKU). The SS layer is never drawn down later, so
      a requirement that drives projected stock below safety stock is itself pegged to the
      planned order that restores it, for the part stock above SS could not cover.
    - A planned order first covers that day's still-uncovered claims, in order, for exactly
      their uncovered parts. Its surplus (lot sizing) becomes the newest lot; later
      requirements drawing on that lot are pegged to this planned order too. Surplus no
      requirement in the horizon draws on is not pegged, so pegs may sum to less than the
      order's quantity.
    - Lots from on-hand and receipts carry no pegs: only planned orders are pegged.
    - Negative on-hand is a claim ahead of safety stock; it is covered but never pegged.
    - Pegs of one order with the same source and reference are merged (a component can be
      reached twice from one parent order through two BOM lines).
    """

    def __init__(self, opening: Decimal, item: Item) -> None:
        self._lots: deque[_Lot] = deque()
        self._open: list[tuple[Decimal, PegSource | None, str]] = []
        self._orders: list[dict[_PegKey, Decimal]] = []
        if opening < 0:
            self._open.append((-opening, None, ""))
        if item.safety_stock > 0:
            self._open.append((item.safety_stock, "SAFETY_STOCK", item.sku))
        if opening > 0:
            self.receive(opening)

    def receive(self, quantity: Decimal) -> None:
        # Only the opening claims can still be open when stock arrives (a day's uncovered
        # claims are covered by that day's planned order), and stock carries no pegs.
        still_open = self._open
        self._open = []
        for needed, source, reference in still_open:
            taken = min(needed, quantity)
            quantity -= taken
            if taken < needed:
                self._open.append((needed - taken, source, reference))
        if quantity > 0:
            self._lots.append(_Lot(quantity, None))

    def require(self, quantity: Decimal, source: PegSource, reference: str) -> None:
        lots = self._lots
        while quantity > 0 and lots:
            lot = lots[0]
            taken = min(quantity, lot.remaining)
            if lot.pegs is not None:
                key = (source, reference)
                lot.pegs[key] = lot.pegs.get(key, ZERO) + taken
            quantity -= taken
            lot.remaining -= taken
            if lot.remaining == 0:
                lots.popleft()
        if quantity > 0:
            self._open.append((quantity, source, reference))

    def cover(self, quantity: Decimal) -> None:
        pegs: dict[_PegKey, Decimal] = {}
        self._orders.append(pegs)
        for needed, source, reference in self._open:
            if source is not None:
                key = (source, reference)
                pegs[key] = pegs.get(key, ZERO) + needed
            quantity -= needed
        self._open = []
        # The netting sizes every order to at least the day's uncovered claims, so the
        # surplus is never negative.
        if quantity > 0:
            self._lots.append(_Lot(quantity, pegs))

    @property
    def orders(self) -> list[dict[_PegKey, Decimal]]:
        """Each planned order's pegs, in peg order; final once the item is planned."""
        return self._orders


@dataclass(slots=True)
class _Lot:
    remaining: Decimal
    pegs: dict[_PegKey, Decimal] | None  # None: on-hand or a receipt, which is never pegged


def _low_level_codes(bom: dict[int, list[BomLine]], items: dict[int, Item]) -> dict[int, int]:
    """Deepest BOM level of every product (Kahn's topological sort, so no recursion limit).

    Raises `BomCycleError` naming one cycle when the BOMs are not acyclic (§5.1, §6.1).
    """
    children: dict[int, list[int]] = defaultdict(list)
    parents: dict[int, list[int]] = defaultdict(list)
    indegree: dict[int, int] = defaultdict(int)
    for parent_id, lines in bom.items():
        indegree.setdefault(parent_id, 0)
        for line in lines:
            children[parent_id].append(line.component_id)
            parents[line.component_id].append(parent_id)
            indegree[line.component_id] += 1
    levels = dict.fromkeys(indegree, 0)
    ready = deque(sorted(node for node, count in indegree.items() if count == 0))
    while ready:
        node = ready.popleft()
        for child in children.get(node, ()):
            levels[child] = max(levels[child], levels[node] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    unresolved = {node for node, count in indegree.items() if count > 0}
    if unresolved:
        raise BomCycleError(
            _one_cycle(unresolved, parents),
            {product_id: item.sku for product_id, item in items.items()},
        )
    return levels


def _one_cycle(unresolved: set[int], parents: dict[int, list[int]]) -> list[int]:
    # Every node Kahn could not resolve still has an unresolved parent, so walking up
    # parents must revisit a node; the revisited stretch is a cycle.
    path: list[int] = []
    position: dict[int, int] = {}
    node = min(unresolved)
    while node not in position:
        position[node] = len(path)
        path.append(node)
        node = min(parent for parent in parents[node] if parent in unresolved)
    cycle = path[position[node] :][::-1]
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]
