"""The pure BOM rules: the cycle a new BOM would close, and the backflush explosion."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.manufacturing.bom import Component, backflush, cycle_through
from domain.manufacturing.planning import BomCycleError

D = Decimal


def test_no_cycle_when_the_components_never_lead_back() -> None:
    children = {2: [3, 4], 3: [4]}
    assert cycle_through(1, [2, 3], children) is None


def test_cycle_is_named_from_the_product_down_to_the_component_that_contains_it() -> None:
    # 1 gets component 2; 2 -> 3 -> 1 already: 1 -> 2 -> 3 -> 1.
    assert cycle_through(1, [5, 2], {2: [4, 3], 3: [1], 5: [4]}) == [1, 2, 3]


def test_the_products_own_old_lines_do_not_count() -> None:
    # 1's current BOM (1 -> 2) is being replaced; 2 -> 1 would only cycle through it.
    assert cycle_through(2, [3], {1: [2], 3: []}) is None


def test_backflush_rounds_each_level_up_to_four_decimals_through_phantoms() -> None:
    # 3 x 0.3333 x 1.025 = 1.0248975 -> 1.0249 of 10; phantom 20 needs 1.0249, then
    # 1.0249 x 0.3333 x 1.025 = 0.35013... -> 0.3502 of 30, plus 2 x 3 = 6 of 30 directly.
    consumed = backflush(
        D("3"),
        [Component(10, D("0.3333"), D("2.5")), Component(20, D("0.3333"), D("2.5")),
         Component(30, D("2"), D("0"))],
        {20: [Component(30, D("0.3333"), D("2.5"))]},
    )  # fmt: skip
    assert consumed == {10: D("1.0249"), 30: D("6.3502")}


def test_backflush_refuses_a_loop_of_phantoms() -> None:
    with pytest.raises(BomCycleError) as raised:
        backflush(
            D("1"),
            [Component(20, D("1"), D("0"))],
            {20: [Component(21, D("1"), D("0"))], 21: [Component(20, D("1"), D("0"))]},
        )
    assert raised.value.products == [20, 21]
