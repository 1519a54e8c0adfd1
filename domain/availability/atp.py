"""Pure available-to-promise and capable-to-promise (§9) over the MRP planner's netting inputs."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
from enum import Enum

from domain.manufacturing.planning import (
    BomCycleError,
    BomLine,
    Demand,
    Item,
    OnHand,
    Receipt,
    ReleasedWorkOrder,
)
from domain.validation import valid_quantity

HORIZON_DAYS = 90
ZERO = Decimal(0)
_EXPLOSION_STEP = Decimal("0.0001")
# As in the planner: exact quantity arithmetic must not depend on the caller's context.
_CONTEXT = Context(
    prec=60, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)


class AvailabilityStatus(str, Enum):
    AVAILABLE = "AVAILABLE"
    LATE = "LATE"
    NOT_STOCKED = "NOT_STOCKED"


@dataclass(frozen=True, slots=True)
class Availability:
    """The answer of §9 for one product, quantity and date.

    `available_quantity` is max(0, ATP(date)); for a NOT_STOCKED product it is the quantity
    asked (a service is always promisable). A date after the horizon reads the horizon's
    last day."""

    status: AvailabilityStatus
    available_quantity: Decimal
    promise_date: dt.date


def explode(quantity: Decimal, line: BomLine) -> Decimal:
    """quantity × quantityPer × (1 + scrap/100), rounded up to 4 decimals as MRP and the
    work order's backflush round it (§6.5)."""
    return (quantity * line.factor).quantize(_EXPLOSION_STEP, ROUND_CEILING)


class AvailabilityBook:
    """The time-phased availability of many products from `today`, for many questions.

    Built once from the same inputs as `domain.manufacturing.planning.plan` (on-hand already
    narrowed to a warehouse when one is asked about), it answers `promise` for any number of
    lines; each product's ATP is computed once, on first use. A day is kept as its offset
    from `today`, 0 … horizon_days; a date before today counts on today, one after the
    horizon is ignored (§9)."""

    def __init__(
        self,
        items: Iterable[Item],
        bom_lines: Iterable[BomLine],
        on_hand: Iterable[OnHand],
        receipts: Iterable[Receipt],
        demands: Iterable[Demand],
        released_work_orders: Iterable[ReleasedWorkOrder],
        today: dt.date,
        horizon_days: int = HORIZON_DAYS,
    ) -> None:
        if horizon_days < 0:
            raise ValueError(f"horizon_days must be >= 0, got {horizon_days}")
        self.today = today
        self.horizon_days = horizon_days
        self.items: dict[int, Item] = {item.product_id: item for item in items}
        self.bom: dict[int, list[BomLine]] = defaultdict(list)
        for line in bom_lines:
            self.bom[line.parent_id].append(line)
        self.on_hand: dict[int, Decimal] = defaultdict(Decimal)
        for stock in on_hand:
            self.on_hand[stock.product_id] += stock.quantity
        # Signed changes of P per product and day: receipts and output add, demands subtract.
        self.changes: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        with localcontext(_CONTEXT):
            for receipt in receipts:
                self._change(receipt.product_id, receipt.date, receipt.quantity)
            for demand in demands:
                self._change(demand.product_id, demand.date, -demand.quantity)
            for order in released_work_orders:
                self._change(order.product_id, order.due_date, order.quantity_open)
                for component_id, need in self._needs(order.product_id, order.quantity_open):
                    self._change(component_id, order.start_date, -need)
        self._atp: dict[int, list[Decimal]] = {}
        # Components are asked for today whatever the line's date: shared across lines.
        self._promised_today: dict[tuple[int, Decimal], dt.date] = {}

    def _offset(self, day: dt.date) -> int:
        return max(0, (day - self.today).days)

    def _change(self, product_id: int, day: dt.date, quantity: Decimal) -> None:
        offset = self._offset(day)
        if quantity and offset <= self.horizon_days:
            self.changes[product_id][offset] += quantity

    def _needs(
        self, product_id: int, quantity: Decimal, phantoms: tuple[int, ...] = ()
    ) -> Iterator[tuple[int, Decimal]]:
        """What making `quantity` of the product needs of each component; a phantom's
        components stand in for it, its need exploded again (as MRP passes it through)."""
        for line in self.bom.get(product_id, ()):
            need = explode(quantity, line)
            component = self.items.get(line.component_id)
            if component is not None and component.phantom:
                if line.component_id in phantoms:
                    raise BomCycleError([*phantoms[phantoms.index(line.component_id) :]])
                yield from self._needs(line.component_id, need, (*phantoms, line.component_id))
            elif need:
                yield line.component_id, need

    def projected(self, product_id: int) -> list[Decimal]:
        """P(today + k) for k = 0 … horizon_days (§9)."""
        level = self.on_hand.get(product_id, ZERO)
        changes = self.changes.get(product_id)
        if not changes:  # most of a catalogue: nothing ordered, coming or consumed
            return [level] * (self.horizon_days + 1)
        projection = []
        for offset in range(self.horizon_days + 1):
            level += changes.get(offset, ZERO)
            projection.append(level)
        return projection

    def atp(self, product_id: int) -> list[Decimal]:
        """ATP(today + k) = min over t ≥ k within the horizon of P(t), so never decreasing."""
        atp = self._atp.get(product_id)
        if atp is None:
            atp = self.projected(product_id)
            if product_id in self.changes:
                for offset in range(len(atp) - 2, -1, -1):
                    if atp[offset + 1] < atp[offset]:
                        atp[offset] = atp[offset + 1]
            self._atp[product_id] = atp
        return atp

    def promise(
        self, product_id: int, quantity: Decimal, on: dt.date | None = None
    ) -> Availability:
        """§9 for `quantity` of the product wanted on `on` (default and earliest: today).

        Raises DomainError INVALID for a quantity ≤ 0 (or one that is no 4-decimal
        quantity), KeyError for a product the book was not given and BomCycleError when the
        BOMs it walks form a cycle."""
        quantity = valid_quantity(quantity, "quantity", positive=True)
        item = self.items[product_id]
        day = self.today if on is None or on < self.today else on
        if not item.stocked:
            return Availability(AvailabilityStatus.NOT_STOCKED, quantity, day)
        available = max(ZERO, self.atp(product_id)[min(self._offset(day), self.horizon_days)])
        with localcontext(_CONTEXT):
            promised = self._promise_date(item, quantity, day, ())
        status = AvailabilityStatus.AVAILABLE if promised == day else AvailabilityStatus.LATE
        return Availability(status, available, promised)

    def _promise_date(
        self, item: Item, quantity: Decimal, day: dt.date, making: tuple[int, ...]
    ) -> dt.date:
        """The earlier of D_atp and D_rlt (§9). D_rlt is never before max(day, today + lead
        time), so a D_atp no later than that is the answer without asking the components.
        `making` is the chain of products whose components are being asked (for cycles)."""
        atp_date = self._atp_date(item.product_id, quantity, day)
        lead_time = dt.timedelta(days=item.lead_time_days)
        replenished = max(day, self.today + lead_time)
        if atp_date is not None and atp_date <= replenished:
            return atp_date
        if item.procurement == "MAKE":
            ready = self._components_ready(item.product_id, quantity, making)
            replenished = max(day, ready + lead_time)
        return replenished if atp_date is None else min(atp_date, replenished)

    def _atp_date(self, product_id: int, quantity: Decimal, day: dt.date) -> dt.date | None:
        """D_atp: the first d ≥ day within the horizon with ATP(d) ≥ quantity, if any."""
        offset = (day - self.today).days
        if offset > self.horizon_days:
            return None
        found = bisect_left(self.atp(product_id), quantity, lo=offset)
        return None if found > self.horizon_days else self.today + dt.timedelta(days=found)

    def _components_ready(
        self, product_id: int, quantity: Decimal, making: tuple[int, ...]
    ) -> dt.date:
        """R of §9: the latest promise date of the components, each asked for today (a
        service, or a product the book was not given, waits for nothing)."""
        if product_id in making:
            raise BomCycleError([*making[making.index(product_id) :]])
        making = (*making, product_id)
        ready = self.today
        for component_id, need in self._needs(product_id, quantity):
            component = self.items.get(component_id)
            if component is None or not component.stocked:
                continue
            promised = self._promised_today.get((component_id, need))
            if promised is None:
                promised = self._promise_date(component, need, self.today, making)
                self._promised_today[component_id, need] = promised
            ready = max(ready, promised)
        return ready


def available_to_promise(
    product_id: int,
    quantity: Decimal,
    on: dt.date | None,
    *,
    today: dt.date,
    items: Iterable[Item],
    bom_lines: Iterable[BomLine],
    on_hand: Iterable[OnHand],
    receipts: Iterable[Receipt],
    demands: Iterable[Demand],
    released_work_orders: Iterable[ReleasedWorkOrder],
    horizon_days: int = HORIZON_DAYS,
) -> Availability:
    """§9 availability of one product: the book of `AvailabilityBook`, asked once."""
    book = AvailabilityBook(
        items, bom_lines, on_hand, receipts, demands, released_work_orders, today, horizon_days
    )
    return book.promise(product_id, quantity, on)
