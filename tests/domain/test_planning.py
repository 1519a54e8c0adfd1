"""The pure MRP planner against hand-computed plans (CONTRACT §6) and a recursive oracle."""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.manufacturing.planning import (
    BomCycleError,
    BomLine,
    Demand,
    Item,
    OnHand,
    Peg,
    Plan,
    PlannedOrder,
    Procurement,
    Receipt,
    ReleasedWorkOrder,
    plan,
)

D = Decimal
AS_OF = date(2026, 3, 2)


def day(offset: int) -> date:
    return AS_OF + timedelta(days=offset)


def item(
    product_id: int,
    procurement: Procurement = "BUY",
    *,
    lead_time_days: int = 0,
    safety_stock: str = "0",
    min_order_quantity: str = "0",
    order_multiple: str = "0",
    phantom: bool = False,
    stocked: bool = True,
) -> Item:
    return Item(
        product_id=product_id,
        sku=f"SKU-{product_id}",
        procurement=procurement,
        stocked=stocked,
        lead_time_days=lead_time_days,
        safety_stock=D(safety_stock),
        min_order_quantity=D(min_order_quantity),
        order_multiple=D(order_multiple),
        phantom=phantom,
    )


def line(parent_id: int, component_id: int, quantity_per: str, scrap: str = "0") -> BomLine:
    return BomLine(parent_id, component_id, D(quantity_per), D(scrap))


def sales(product_id: int, offset: int, quantity: str, reference: str) -> Demand:
    return Demand(product_id, day(offset), D(quantity), reference)


def stock(product_id: int, quantity: str) -> OnHand:
    return OnHand(product_id, D(quantity))


def run(
    items: Iterable[Item],
    bom: Iterable[BomLine] = (),
    on_hand: Iterable[OnHand] = (),
    receipts: Iterable[Receipt] = (),
    demands: Iterable[Demand] = (),
    work_orders: Iterable[ReleasedWorkOrder] = (),
    horizon_days: int = 90,
) -> Plan:
    return plan(items, bom, on_hand, receipts, demands, work_orders, AS_OF, horizon_days)


def orders_for(result: Plan, product_id: int) -> list[PlannedOrder]:
    return [order for order in result.planned_orders if order.product_id == product_id]


def due_and_quantity(result: Plan, product_id: int) -> list[tuple[date, Decimal]]:
    return [(order.due_date, order.quantity) for order in orders_for(result, product_id)]


def test_shared_component_is_netted_after_its_deepest_parent() -> None:
    # BIKE(300) -> 2 FRAME(200) + 1 BOLT(100); FRAME -> 3 BOLT. BOLT sits on levels 1 and 2,
    # so its low-level code is 2 and it is netted once, after FRAME. Ids run against levels.
    bike, frame, bolt = 300, 200, 100
    result = run(
        items=[
            item(bolt),
            item(frame, "MAKE", lead_time_days=1),
            item(bike, "MAKE", lead_time_days=2),
        ],
        bom=[line(bike, frame, "2"), line(bike, bolt, "1"), line(frame, bolt, "3")],
        on_hand=[stock(bolt, "5")],
        demands=[sales(bike, 5, "10", "SO-1/1")],
    )
    # BIKE 10 due d5, released d3 -> FRAME 20 and BOLT 10 on d3.
    # FRAME 20 due d3, released d2 -> BOLT 60 on d2.
    # BOLT: 5 - 60 = -55 on d2 -> 55; then 0 - 10 = -10 on d3 -> 10.
    assert [order.reference for order in result.planned_orders] == [
        "PLN-300-1",
        "PLN-200-1",
        "PLN-100-1",
        "PLN-100-2",
    ]
    assert orders_for(result, bike) == [
        PlannedOrder(
            "PLN-300-1", bike, "MANUFACTURE", D("10"), day(5), day(3), False,
            (Peg("SALES_ORDER_LINE", D("10"), "SO-1/1"),),
        )
    ]  # fmt: skip
    assert orders_for(result, frame) == [
        PlannedOrder(
            "PLN-200-1", frame, "MANUFACTURE", D("20"), day(3), day(2), False,
            (Peg("PLANNED_ORDER", D("20"), "PLN-300-1"),),
        )
    ]  # fmt: skip
    assert orders_for(result, bolt) == [
        PlannedOrder(
            "PLN-100-1", bolt, "PURCHASE", D("55"), day(2), day(2), False,
            (Peg("PLANNED_ORDER", D("55"), "PLN-200-1"),),
        ),
        PlannedOrder(
            "PLN-100-2", bolt, "PURCHASE", D("10"), day(3), day(3), False,
            (Peg("PLANNED_ORDER", D("10"), "PLN-300-1"),),
        ),
    ]  # fmt: skip
    assert result.items_planned == 3
    assert result.exceptions == ()


def test_safety_stock_is_replenished_on_as_of_and_pegged_as_safety_stock() -> None:
    # On hand 3 < SS 10 on as_of -> 7 (SAFETY_STOCK). d2: 10 - 5 = 5 < 10 -> 5 for SO-1.
    result = run(
        items=[item(1, safety_stock="10")],
        on_hand=[stock(1, "3")],
        demands=[sales(1, 2, "5", "SO-1/1")],
    )
    assert [(o.due_date, o.quantity, o.pegging) for o in result.planned_orders] == [
        (day(0), D("7"), (Peg("SAFETY_STOCK", D("7"), "SKU-1"),)),
        (day(2), D("5"), (Peg("SALES_ORDER_LINE", D("5"), "SO-1/1"),)),
    ]


def test_requirement_breaking_the_safety_stock_floor_is_pegged_for_the_dip_only() -> None:
    # On hand 20, SS 10: 10 free. SO-1 takes 15 on d1 -> projected 5 -> 5, pegged to SO-1.
    result = run(
        items=[item(1, safety_stock="10")],
        on_hand=[stock(1, "20")],
        demands=[sales(1, 1, "15", "SO-1/1")],
    )
    assert [(o.due_date, o.quantity, o.pegging) for o in result.planned_orders] == [
        (day(1), D("5"), (Peg("SALES_ORDER_LINE", D("5"), "SO-1/1"),)),
    ]


@pytest.mark.parametrize(
    ("shortfall", "minimum", "multiple", "expected"),
    [
        ("12", "25", "10", "30"),  # max(12, 25) = 25, up to 30
        ("31", "0", "10", "40"),
        ("30", "0", "10", "30"),  # already a multiple
        ("7", "8", "0", "8"),  # multiple 0 means none
        ("0.35", "0", "0.25", "0.50"),
        ("5", "0", "0", "5"),
    ],
)
def test_lot_is_at_least_the_minimum_then_rounded_up_to_the_multiple(
    shortfall: str, minimum: str, multiple: str, expected: str
) -> None:
    result = run(
        items=[item(1, min_order_quantity=minimum, order_multiple=multiple)],
        demands=[sales(1, 0, shortfall, "SO-1/1")],
    )
    assert due_and_quantity(result, 1) == [(AS_OF, D(expected))]


def test_lot_surplus_is_pegged_to_the_later_requirement_it_covers() -> None:
    # min 25, multiple 10. d1: -12 -> 30 (projected 18). d4: 18 - 20 = -2 -> 30 (28).
    # FIFO: SO-2 takes the 18 left of the first lot, then 2 of the second.
    result = run(
        items=[item(1, min_order_quantity="25", order_multiple="10")],
        demands=[sales(1, 1, "12", "SO-1/1"), sales(1, 4, "20", "SO-2/1")],
    )
    assert [(o.due_date, o.quantity, o.pegging) for o in result.planned_orders] == [
        (
            day(1),
            D("30"),
            (
                Peg("SALES_ORDER_LINE", D("12"), "SO-1/1"),
                Peg("SALES_ORDER_LINE", D("18"), "SO-2/1"),
            ),
        ),
        (day(4), D("30"), (Peg("SALES_ORDER_LINE", D("2"), "SO-2/1"),)),
    ]


def test_scrap_is_applied_and_each_exploded_need_rounded_up_to_four_decimals() -> None:
    # 7 x 0.3 x 1.05 = 2.205 (exact); 7 x 0.3333 x 1.025 = 2.3914275 -> 2.3915.
    result = run(
        items=[item(1, "MAKE", lead_time_days=1), item(2), item(3)],
        bom=[line(1, 2, "0.3", "5"), line(1, 3, "0.3333", "2.5")],
        demands=[sales(1, 3, "7", "SO-1/1")],
    )
    assert due_and_quantity(result, 2) == [(day(2), D("2.205"))]
    assert due_and_quantity(result, 3) == [(day(2), D("2.3915"))]
    assert orders_for(result, 3)[0].pegging == (Peg("PLANNED_ORDER", D("2.3915"), "PLN-1-1"),)


def test_phantom_kit_is_never_planned_and_passes_its_demand_to_its_components() -> None:
    # KIT(1, phantom) -> 2 P1(3) + 1 SUB(2, phantom); SUB -> 3 P2(4) at 10% scrap.
    # The kit's stock is not used. P1: 4 x 2 = 8; P2: 4 x 1 x 3 x 1.1 = 13.2, both on d3.
    result = run(
        items=[item(1, "MAKE", phantom=True), item(2, "MAKE", phantom=True), item(3), item(4)],
        bom=[line(1, 3, "2"), line(1, 2, "1"), line(2, 4, "3", "10")],
        on_hand=[stock(1, "100")],
        demands=[sales(1, 3, "4", "SO-9/1")],
    )
    assert [(o.product_id, o.due_date, o.quantity, o.pegging) for o in result.planned_orders] == [
        (3, day(3), D("8"), (Peg("SALES_ORDER_LINE", D("8"), "SO-9/1"),)),
        (4, day(3), D("13.2"), (Peg("SALES_ORDER_LINE", D("13.2"), "SO-9/1"),)),
    ]
    assert result.items_planned == 2


def test_phantom_inside_an_assembly_rounds_each_explosion_up_to_four_decimals() -> None:
    # A(1) makes 7 on d1 -> F(2, phantom): 7 x 0.3333 x 1.025 = 2.3914275 -> 2.3915
    # -> C(3): 2.3915 x 0.3333 x 1.025 = 0.81701412375 -> 0.8171 (not 0.8170 in one go).
    result = run(
        items=[item(1, "MAKE"), item(2, "MAKE", phantom=True), item(3)],
        bom=[line(1, 2, "0.3333", "2.5"), line(2, 3, "0.3333", "2.5")],
        demands=[sales(1, 1, "7", "SO-1/1")],
    )
    assert due_and_quantity(result, 3) == [(day(1), D("0.8171"))]
    assert orders_for(result, 3)[0].pegging == (Peg("PLANNED_ORDER", D("0.8171"), "PLN-1-1"),)


def test_pegs_of_one_parent_order_reaching_a_component_twice_are_merged() -> None:
    # A(1) makes 5: C(3) directly 1 per, and through phantom F(2) 2 x 1 per -> 5 + 10.
    result = run(
        items=[item(1, "MAKE"), item(2, "MAKE", phantom=True), item(3)],
        bom=[line(1, 3, "1"), line(1, 2, "2"), line(2, 3, "1")],
        demands=[sales(1, 0, "5", "SO-1/1")],
    )
    assert [(o.quantity, o.pegging) for o in orders_for(result, 3)] == [
        (D("15"), (Peg("PLANNED_ORDER", D("15"), "PLN-1-1"),)),
    ]


def test_order_released_before_as_of_is_late_and_its_components_are_needed_on_as_of() -> None:
    # A(1) lead time 10, due d3 -> release d-7 (late by 7 days); its component C(2) is
    # needed on as_of, not on d-7.
    result = run(
        items=[item(1, "MAKE", lead_time_days=10), item(2)],
        bom=[line(1, 2, "2")],
        demands=[sales(1, 3, "6", "SO-1/1")],
    )
    (order,) = orders_for(result, 1)
    assert (order.due_date, order.release_date, order.late) == (day(3), day(-7), True)
    assert [(o.due_date, o.release_date, o.late, o.quantity) for o in orders_for(result, 2)] == [
        (AS_OF, AS_OF, False, D("12")),
    ]
    assert result.exceptions == (
        "PLN-1-1 (SKU-1, 6 due 2026-03-05) is late: release date 2026-02-23 is 7 day(s) "
        "before 2026-03-02.",
    )


def test_receipt_dated_before_as_of_counts_on_as_of() -> None:
    # 10 expected on d-5 counts on as_of; d1: 10 - 15 = -5 -> 5.
    result = run(
        items=[item(1)],
        receipts=[Receipt(1, day(-5), D("10"), "PO-3/1")],
        demands=[sales(1, 1, "15", "SO-1/1")],
    )
    assert due_and_quantity(result, 1) == [(day(1), D("5"))]


def test_overdue_demand_counts_on_as_of() -> None:
    result = run(items=[item(1)], demands=[sales(1, -3, "4", "SO-1/1")])
    assert due_and_quantity(result, 1) == [(AS_OF, D("4"))]


def test_demand_beyond_the_horizon_is_ignored() -> None:
    result = run(items=[item(1)], demands=[sales(1, 11, "7", "SO-2/1")], horizon_days=10)
    assert result.planned_orders == ()


def test_demand_on_the_horizons_last_day_is_included() -> None:
    result = run(items=[item(1)], demands=[sales(1, 10, "5", "SO-1/1")], horizon_days=10)
    assert due_and_quantity(result, 1) == [(day(10), D("5"))]


def test_released_work_order_needs_its_components_on_start_and_supplies_on_due() -> None:
    # WO-7 makes 4 of A(1), d2 -> d6: C(2) needs 4 x 2.5 x 1.1 = 11 on d2; the output
    # covers SO-1's 4 of A on d6, so A gets no planned order.
    result = run(
        items=[item(1, "MAKE"), item(2)],
        bom=[line(1, 2, "2.5", "10")],
        demands=[sales(1, 6, "4", "SO-1/1")],
        work_orders=[ReleasedWorkOrder(1, D("4"), day(2), day(6), "WO-7")],
    )
    assert orders_for(result, 1) == []
    assert [(o.due_date, o.quantity, o.pegging) for o in orders_for(result, 2)] == [
        (day(2), D("11"), (Peg("WORK_ORDER", D("11"), "WO-7"),)),
    ]


def test_released_work_order_need_is_rounded_up_to_four_decimals_like_its_backflush() -> None:
    # 3 x 0.3333 x 1.025 = 1.0248975 -> 1.0249, what completing WO-9 will consume.
    result = run(
        items=[item(1, "MAKE"), item(2)],
        bom=[line(1, 2, "0.3333", "2.5")],
        work_orders=[ReleasedWorkOrder(1, D("3"), day(1), day(2), "WO-9")],
    )
    assert [(o.due_date, o.quantity, o.pegging) for o in orders_for(result, 2)] == [
        (day(1), D("1.0249"), (Peg("WORK_ORDER", D("1.0249"), "WO-9"),)),
    ]


def test_work_order_started_before_as_of_needs_its_components_on_as_of() -> None:
    result = run(
        items=[item(1, "MAKE"), item(2)],
        bom=[line(1, 2, "3")],
        work_orders=[ReleasedWorkOrder(1, D("2"), day(-4), day(1), "WO-8")],
    )
    assert due_and_quantity(result, 2) == [(AS_OF, D("6"))]


def test_bom_cycle_raises_naming_the_products_in_cycle_order() -> None:
    # 9 -> 3 -> 5 -> 4 -> 3: the cycle is 3, 5, 4 (9 only leads into it).
    with pytest.raises(BomCycleError) as raised:
        run(
            items=[item(product_id, "MAKE") for product_id in (3, 4, 5, 9)],
            bom=[line(9, 3, "1"), line(3, 5, "1"), line(5, 4, "1"), line(4, 3, "1")],
        )
    assert raised.value.products == [3, 5, 4]
    assert str(raised.value) == "Bill of materials cycle: SKU-3 -> SKU-5 -> SKU-4 -> SKU-3"


def test_bom_cycle_error_survives_pickling_with_its_products() -> None:
    error = pickle.loads(pickle.dumps(BomCycleError([3, 5], {3: "SKU-3", 5: "SKU-5", 9: "SKU-9"})))
    assert (error.products, str(error)) == (
        [3, 5],
        "Bill of materials cycle: SKU-3 -> SKU-5 -> SKU-3",
    )


def test_product_containing_itself_is_a_cycle_of_one() -> None:
    with pytest.raises(BomCycleError) as raised:
        run(items=[item(7, "MAKE")], bom=[line(7, 7, "1")])
    assert raised.value.products == [7]


def test_planned_order_covering_two_sales_lines_pegs_them_first_in_first_covered() -> None:
    # On hand 3, min 10. SO-A (6 on d1) comes before SO-B (4 on d2) although given after.
    # d1: 3 - 6 = -3 -> 10 (projected 7): stock covers 3 of SO-A, the order the other 3;
    # d2: 7 - 4 = 3, no order: SO-B draws 4 from the same order. 3 are surplus, unpegged.
    result = run(
        items=[item(1, min_order_quantity="10")],
        on_hand=[stock(1, "3")],
        demands=[sales(1, 2, "4", "SO-B/1"), sales(1, 1, "6", "SO-A/1")],
    )
    assert [(o.due_date, o.quantity, o.pegging) for o in result.planned_orders] == [
        (
            day(1),
            D("10"),
            (Peg("SALES_ORDER_LINE", D("3"), "SO-A/1"), Peg("SALES_ORDER_LINE", D("4"), "SO-B/1")),
        ),
    ]


def test_requirements_on_the_same_day_are_pegged_in_input_order() -> None:
    result = run(
        items=[item(1)],
        demands=[sales(1, 1, "2", "SO-2/1"), sales(1, 1, "3", "SO-1/1")],
    )
    assert [o.pegging for o in result.planned_orders] == [
        (Peg("SALES_ORDER_LINE", D("2"), "SO-2/1"), Peg("SALES_ORDER_LINE", D("3"), "SO-1/1")),
    ]


def test_make_item_without_bom_is_planned_as_manufacture_and_buy_as_purchase() -> None:
    result = run(
        items=[item(1, "MAKE"), item(2, "BUY")],
        demands=[sales(1, 0, "1", "SO-1/1"), sales(2, 0, "1", "SO-1/2")],
    )
    assert [(o.product_id, o.kind) for o in result.planned_orders] == [
        (1, "MANUFACTURE"),
        (2, "PURCHASE"),
    ]


def test_non_stocked_products_are_neither_planned_nor_counted() -> None:
    result = run(
        items=[item(1, stocked=False), item(2)],
        demands=[sales(1, 0, "1", "SO-1/1")],
    )
    assert result.planned_orders == ()
    assert result.items_planned == 1


def test_negative_on_hand_is_made_up_without_a_peg_and_reported() -> None:
    # Projected starts at -4 -> 4 on as_of; d1: 0 - 3 -> 3 for SO-1.
    result = run(items=[item(1)], on_hand=[stock(1, "-4")], demands=[sales(1, 1, "3", "SO-1/1")])
    assert [(o.due_date, o.quantity, o.pegging) for o in result.planned_orders] == [
        (AS_OF, D("4"), ()),
        (day(1), D("3"), (Peg("SALES_ORDER_LINE", D("3"), "SO-1/1"),)),
    ]
    assert result.exceptions == (
        "SKU-1 has negative on-hand -4: the shortage is planned but unpegged.",
    )


def test_progress_is_reported_after_each_planned_item() -> None:
    calls: list[tuple[int, int]] = []
    plan(
        [item(1, "MAKE"), item(2, "MAKE", phantom=True), item(3)],
        [line(1, 2, "1"), line(2, 3, "1")],
        [], [], [], [], AS_OF, 30,
        progress=lambda done, total: calls.append((done, total)),
    )  # fmt: skip
    assert calls == [(1, 2), (2, 2)]


def test_float_quantity_is_refused() -> None:
    with pytest.raises(TypeError):
        Demand(1, AS_OF, 1.5, "SO-1/1")  # type: ignore[arg-type]


# --- property: against a naive recursive oracle -------------------------------------------

_SCRAP = [D("0"), D("2.5"), D("5"), D("10"), D("12.5")]
_QUANTITY = st.decimals(
    min_value=D("0"), max_value=D("50"), places=2, allow_nan=False, allow_infinity=False
)
_PER = st.decimals(
    min_value=D("0.0001"), max_value=D("5"), places=4, allow_nan=False, allow_infinity=False
)


@st.composite
def small_acyclic_plans(
    draw: st.DrawFn,
) -> tuple[list[Item], list[BomLine], dict[int, Decimal], dict[int, Decimal]]:
    count = draw(st.integers(min_value=1, max_value=6))
    # A random topological order: only earlier products may contain later ones.
    order = draw(st.permutations(range(1, count + 1)))
    items = [item(pid, draw(st.sampled_from(["BUY", "MAKE"]))) for pid in order]
    lines = [
        BomLine(parent, component, draw(_PER), draw(st.sampled_from(_SCRAP)))
        for index, parent in enumerate(order)
        for component in order[index + 1 :]
        for _ in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    lines = draw(st.permutations(lines))
    on_hand = {pid: draw(_QUANTITY) for pid in order}
    demand = {pid: draw(_QUANTITY) for pid in order}
    return draw(st.permutations(items)), lines, on_hand, demand


def oracle_net_requirements(
    items: list[Item], lines: list[BomLine], on_hand: dict[int, Decimal], demand: dict[int, Decimal]
) -> dict[int, Decimal]:
    makes = {i.product_id for i in items if i.procurement == "MAKE"}

    @cache
    def net(product_id: int) -> Decimal:
        dependent = sum(
            (
                (net(b.parent_id) * b.quantity_per * (1 + b.scrap_percent / 100)).quantize(
                    D("0.0001"), rounding=ROUND_CEILING
                )
                for b in lines
                if b.component_id == product_id and b.parent_id in makes
            ),
            D("0"),
        )
        return max(D("0"), demand[product_id] + dependent - on_hand[product_id])

    return {i.product_id: net(i.product_id) for i in items}


@settings(max_examples=300, deadline=None)
@given(small_acyclic_plans())
def test_planned_quantities_equal_the_recursive_net_requirements(
    case: tuple[list[Item], list[BomLine], dict[int, Decimal], dict[int, Decimal]],
) -> None:
    items, lines, on_hand, demand = case
    result = run(
        items=items,
        bom=lines,
        on_hand=[OnHand(pid, quantity) for pid, quantity in on_hand.items()],
        demands=[Demand(pid, AS_OF, quantity, f"SO-{pid}") for pid, quantity in demand.items()],
    )
    planned = {i.product_id: D("0") for i in items}
    for order in result.planned_orders:
        planned[order.product_id] += order.quantity
        # No safety stock and no lot sizing: every unit planned covers a requirement.
        assert sum((peg.quantity for peg in order.pegging), D("0")) == order.quantity
    assert planned == oracle_net_requirements(items, lines, on_hand, demand)


@st.composite
def lot_sized_single_items(draw: st.DrawFn) -> tuple[Item, Decimal, list[Receipt], list[Demand]]:
    planned = item(
        1,
        lead_time_days=draw(st.integers(min_value=0, max_value=5)),
        safety_stock=str(draw(_QUANTITY)),
        min_order_quantity=str(draw(_QUANTITY)),
        order_multiple=str(draw(st.sampled_from(["0", "1", "2.5", "10"]))),
    )
    offsets = st.integers(min_value=-3, max_value=15)
    receipts = [
        Receipt(1, day(draw(offsets)), draw(_QUANTITY), f"PO-{n}")
        for n in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    demands = [
        Demand(1, day(draw(offsets)), draw(_QUANTITY), f"SO-{n}")
        for n in range(draw(st.integers(min_value=0, max_value=6)))
    ]
    return planned, draw(_QUANTITY), receipts, demands


@settings(max_examples=300, deadline=None)
@given(lot_sized_single_items())
def test_pegs_never_exceed_their_order_nor_their_requirement(
    case: tuple[Item, Decimal, list[Receipt], list[Demand]],
) -> None:
    planned, opening, receipts, demands = case
    result = run(
        items=[planned],
        on_hand=[OnHand(1, opening)],
        receipts=receipts,
        demands=demands,
        horizon_days=12,
    )
    pegged: dict[str, Decimal] = {}
    for order in result.planned_orders:
        assert all(peg.quantity > 0 for peg in order.pegging)
        assert sum((peg.quantity for peg in order.pegging), D("0")) <= order.quantity
        for peg in order.pegging:
            pegged[peg.reference] = pegged.get(peg.reference, D("0")) + peg.quantity
    wanted = {d.reference: d.quantity for d in demands if d.date <= day(12)}
    wanted["SKU-1"] = planned.safety_stock
    assert all(quantity <= wanted[reference] for reference, quantity in pegged.items())
