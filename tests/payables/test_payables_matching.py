"""The three-way match of §10 as a pure function, with hand-computed tolerances."""

from __future__ import annotations

from decimal import Decimal

from domain.payables.matching import (
    BilledQuantity,
    MatchExceptionKind,
    OrderedLine,
    match_lines,
    price_tolerance,
)

D = Decimal
ORDERED = {7: OrderedLine(unit_cost=D("40.00"), received=D("10"), billed=D("4"))}


def kinds(lines: list[BilledQuantity]) -> list[tuple[int, MatchExceptionKind]]:
    return [(e.position, e.kind) for e in match_lines(lines, ORDERED)]


def test_tolerance_is_one_unit_of_money_or_two_percent_whichever_is_larger() -> None:
    assert price_tolerance(D("40.00"), D("1")) == D("1.00")  # 2 % of 40.00 = 0.80
    assert price_tolerance(D("40.00"), D("6")) == D("4.8000")  # 2 % of 240.00


def test_billing_what_is_received_and_not_yet_billed_matches() -> None:
    assert kinds([BilledQuantity(1, 7, D("6"), D("40.00"))]) == []


def test_billing_more_than_received_minus_billed_is_a_quantity_exception() -> None:
    [exception] = match_lines([BilledQuantity(1, 7, D("6.5"), D("40.00"))], ORDERED)
    assert exception.kind is MatchExceptionKind.QUANTITY
    assert exception.message == ("Line 1 bills 6.5, but only 6 is received and not yet billed.")


def test_earlier_lines_of_the_same_bill_count_as_billed() -> None:
    lines = [BilledQuantity(1, 7, D("4"), D("40.00")), BilledQuantity(2, 7, D("3"), D("40.00"))]
    assert kinds(lines) == [(2, MatchExceptionKind.QUANTITY)]


def test_a_price_difference_up_to_the_tolerance_matches() -> None:
    # 6 × |40.80 − 40.00| = 4.80 = 2 % of 240.00: still matched.
    assert kinds([BilledQuantity(1, 7, D("6"), D("40.80"))]) == []
    # 1 × |41.00 − 40.00| = 1.00 = the 1.00 floor.
    assert kinds([BilledQuantity(1, 7, D("1"), D("41.00"))]) == []


def test_a_price_difference_over_the_tolerance_is_a_price_exception() -> None:
    [exception] = match_lines([BilledQuantity(3, 7, D("6"), D("39.19"))], ORDERED)
    # 6 × 0.81 = 4.86 > 4.80
    assert exception.kind is MatchExceptionKind.PRICE
    assert exception.message == (
        "Line 3 is billed at 39.19 a unit against 40 ordered: 4.86 off, more than the 4.80 "
        "tolerated."
    )


def test_a_line_can_fail_on_quantity_and_price_at_once() -> None:
    assert kinds([BilledQuantity(1, 7, D("7"), D("45.00"))]) == [
        (1, MatchExceptionKind.QUANTITY),
        (1, MatchExceptionKind.PRICE),
    ]
