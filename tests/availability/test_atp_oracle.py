"""The pure available-to-promise against a brute-force oracle of §9: P(d) summed afresh for
every day d, ATP(d) as the minimum over every later t, the promise by trying every day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.availability.atp import Availability, AvailabilityBook, AvailabilityStatus
from domain.manufacturing.planning import (
    BomLine,
    Demand,
    Item,
    OnHand,
    Receipt,
    ReleasedWorkOrder,
)

D = Decimal
TODAY = date(2026, 3, 2)


@dataclass
class World:
    items: list[Item]
    bom_lines: list[BomLine]
    on_hand: list[OnHand]
    receipts: list[Receipt]
    demands: list[Demand]
    work_orders: list[ReleasedWorkOrder]
    horizon_days: int


def up(quantity: Decimal) -> Decimal:
    return quantity.quantize(D("0.0001"), ROUND_CEILING)


class Oracle:
    def __init__(self, world: World) -> None:
        self.world = world
        self.items = {i.product_id: i for i in world.items}
        self.end = TODAY + timedelta(days=world.horizon_days)

    def counted_by(self, when: date, d: date) -> bool:
        """An event on `when` is due by day d: earlier dates count today, later than the
        horizon never."""
        return when <= self.end and max(when, TODAY) <= d

    def needs(self, product_id: int, quantity: Decimal) -> list[tuple[int, Decimal]]:
        found = []
        for line in self.world.bom_lines:
            if line.parent_id != product_id:
                continue
            need = up(quantity * line.quantity_per * (1 + line.scrap_percent / 100))
            component = self.items.get(line.component_id)
            if component is not None and component.phantom:
                found.extend(self.needs(line.component_id, need))
            elif need:
                found.append((line.component_id, need))
        return found

    def p(self, product_id: int, d: date) -> Decimal:
        w = self.world
        total = sum((s.quantity for s in w.on_hand if s.product_id == product_id), D(0))
        total += sum(
            (
                r.quantity
                for r in w.receipts
                if r.product_id == product_id and self.counted_by(r.date, d)
            ),
            D(0),
        )
        total -= sum(
            (
                s.quantity
                for s in w.demands
                if s.product_id == product_id and self.counted_by(s.date, d)
            ),
            D(0),
        )
        for order in w.work_orders:
            if order.product_id == product_id and self.counted_by(order.due_date, d):
                total += order.quantity_open
            if self.counted_by(order.start_date, d):
                total -= sum(
                    (
                        n
                        for c, n in self.needs(order.product_id, order.quantity_open)
                        if c == product_id
                    ),
                    D(0),
                )
        return total

    def atp(self, product_id: int, d: date) -> Decimal:
        later = [d + timedelta(days=k) for k in range((self.end - d).days + 1)]
        return min(self.p(product_id, t) for t in later)

    def promise_date(self, product_id: int, quantity: Decimal, wanted: date) -> date:
        item = self.items[product_id]
        if not item.stocked:
            return wanted
        candidates = []
        d = wanted
        while d <= self.end:
            if self.atp(product_id, d) >= quantity:
                candidates.append(d)
                break
            d += timedelta(days=1)
        lead = timedelta(days=item.lead_time_days)
        if item.procurement == "BUY":
            candidates.append(max(wanted, TODAY + lead))
        else:
            ready = max(
                [TODAY]
                + [
                    self.promise_date(c, n, TODAY)
                    for c, n in self.needs(product_id, quantity)
                    if c in self.items
                ]
            )
            candidates.append(max(wanted, ready + lead))
        return min(candidates)

    def answer(self, product_id: int, quantity: Decimal, on: date) -> Availability:
        wanted = max(on, TODAY)
        if not self.items[product_id].stocked:
            return Availability(AvailabilityStatus.NOT_STOCKED, quantity, wanted)
        promised = self.promise_date(product_id, quantity, wanted)
        read_on = min(wanted, self.end)
        return Availability(
            AvailabilityStatus.AVAILABLE if promised == wanted else AvailabilityStatus.LATE,
            max(D(0), self.atp(product_id, read_on)),
            promised,
        )


PRODUCTS = [1, 2, 3, 4, 5]
quantities = st.sampled_from([D(1), D(2), D(3), D(5), D(8), D("0.5"), D("2.25"), D(13)])
offsets = st.integers(min_value=-3, max_value=24)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    horizon = draw(st.integers(min_value=0, max_value=20))
    items = [
        Item(
            product_id=p,
            sku=f"P{p}",
            procurement=draw(st.sampled_from(["BUY", "MAKE"])),
            stocked=draw(st.integers(0, 5)) != 0,
            lead_time_days=draw(st.integers(min_value=0, max_value=25)),
            phantom=p != 1 and draw(st.integers(0, 4)) == 0,
        )
        for p in PRODUCTS
    ]
    # Components always have a higher id than their parent: no cycle.
    bom_lines = [
        BomLine(
            parent,
            child,
            draw(st.sampled_from([D(1), D(2), D(3), D("0.5"), D("1.25")])),
            draw(st.sampled_from([D(0), D(0), D(5), D("12.5")])),
        )
        for parent in PRODUCTS
        for child in PRODUCTS
        if parent < child and draw(st.integers(0, 2)) == 0
    ]
    product = st.sampled_from(PRODUCTS)
    day = offsets.map(lambda k: TODAY + timedelta(days=k))
    on_hand = draw(
        st.lists(
            st.builds(OnHand, product, st.integers(-5, 30).map(D)),
            max_size=6,
        )
    )
    receipts = draw(
        st.lists(st.builds(Receipt, product, day, quantities, st.just("PO")), max_size=6)
    )
    demands = draw(st.lists(st.builds(Demand, product, day, quantities, st.just("SO")), max_size=6))
    work_orders = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(offsets)
        work_orders.append(
            ReleasedWorkOrder(
                draw(product),
                draw(quantities),
                TODAY + timedelta(days=start),
                TODAY + timedelta(days=start + draw(st.integers(0, 6))),
                "WO",
            )
        )
    return World(items, bom_lines, on_hand, receipts, demands, work_orders, horizon)


def book_of(world: World) -> AvailabilityBook:
    return AvailabilityBook(
        world.items,
        world.bom_lines,
        world.on_hand,
        world.receipts,
        world.demands,
        world.work_orders,
        TODAY,
        world.horizon_days,
    )


@settings(max_examples=400, deadline=None)
@given(worlds(), st.sampled_from(PRODUCTS), quantities, offsets)
def test_the_book_answers_as_the_brute_force_oracle(
    world: World, product_id: int, quantity: Decimal, offset: int
) -> None:
    on = TODAY + timedelta(days=offset)

    assert book_of(world).promise(product_id, quantity, on) == Oracle(world).answer(
        product_id, quantity, on
    )


@settings(max_examples=200, deadline=None)
@given(worlds())
def test_projection_and_atp_equal_the_oracle_on_every_day(world: World) -> None:
    book, oracle = book_of(world), Oracle(world)
    days = [TODAY + timedelta(days=k) for k in range(world.horizon_days + 1)]

    for product_id in PRODUCTS:
        assert book.projected(product_id) == [oracle.p(product_id, d) for d in days]
        assert book.atp(product_id) == [oracle.atp(product_id, d) for d in days]


@settings(max_examples=200, deadline=None)
@given(worlds(), st.lists(st.tuples(st.sampled_from(PRODUCTS), quantities, offsets), max_size=8))
def test_one_book_asked_many_lines_answers_each_as_if_asked_alone(
    world: World, lines: list[tuple[int, Decimal, int]]
) -> None:
    shared = book_of(world)

    for product_id, quantity, offset in lines:
        on = TODAY + timedelta(days=offset)
        assert shared.promise(product_id, quantity, on) == book_of(world).promise(
            product_id, quantity, on
        )
