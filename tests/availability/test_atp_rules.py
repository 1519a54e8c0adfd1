"""The pure available-to-promise of §9 on hand-computed examples."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.availability.atp import (
    Availability,
    AvailabilityBook,
    AvailabilityStatus,
    available_to_promise,
)
from domain.errors import DomainError, ErrorCode
from domain.manufacturing.planning import (
    BomCycleError,
    BomLine,
    Demand,
    Item,
    OnHand,
    Procurement,
    Receipt,
    ReleasedWorkOrder,
)

D = Decimal
TODAY = date(2026, 3, 2)
AVAILABLE, LATE, NOT_STOCKED = (
    AvailabilityStatus.AVAILABLE,
    AvailabilityStatus.LATE,
    AvailabilityStatus.NOT_STOCKED,
)
WIDGET, KIT = 1, 2


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def item(
    product_id: int,
    procurement: Procurement = "BUY",
    *,
    lead_time_days: int = 0,
    stocked: bool = True,
    phantom: bool = False,
) -> Item:
    return Item(
        product_id=product_id,
        sku=f"SKU-{product_id}",
        procurement=procurement,
        stocked=stocked,
        lead_time_days=lead_time_days,
        phantom=phantom,
    )


def widget_book(lead_time_days: int = 30) -> AvailabilityBook:
    """The worked example: WIDGET (bought, 30 days' lead time) with 20 on hand.

    - SO-1 wants 8 on day 3;
    - the released WO-1 makes 5 KITs from day 8, each needing 2 WIDGETs: 10 on day 8;
    - PO-1 brings 20 on day 5, PO-2 30 on day 20, PO-3 50 on day 91 (after the horizon);
    - SO-2 wants 15 on day 15.

    P(d): days 0–2: 20 | 3–4: 12 | 5–7: 32 | 8–14: 22 | 15–19: 7 | 20–90: 37.
    ATP(d) = min over t ≥ d: days 0–19: 7 | 20–90: 37.
    """
    return AvailabilityBook(
        items=[item(WIDGET, lead_time_days=lead_time_days), item(KIT, "MAKE")],
        bom_lines=[BomLine(KIT, WIDGET, D(2))],
        on_hand=[OnHand(WIDGET, D(20))],
        receipts=[
            Receipt(WIDGET, day(5), D(20), "PO-1"),
            Receipt(WIDGET, day(20), D(30), "PO-2"),
            Receipt(WIDGET, day(91), D(50), "PO-3"),
        ],
        demands=[
            Demand(WIDGET, day(3), D(8), "SO-1/1"),
            Demand(WIDGET, day(15), D(15), "SO-2/1"),
        ],
        released_work_orders=[ReleasedWorkOrder(KIT, D(5), day(8), day(12), "WO-1")],
        today=TODAY,
    )


def test_the_projection_counts_stock_orders_work_and_receipts_day_by_day() -> None:
    book = widget_book()

    projection = book.projected(WIDGET)

    assert len(projection) == 91
    assert projection[:3] == [D(20)] * 3
    assert projection[3:5] == [D(12)] * 2
    assert projection[5:8] == [D(32)] * 3
    assert projection[8:15] == [D(22)] * 7
    assert projection[15:20] == [D(7)] * 5
    assert projection[20:] == [D(37)] * 71
    assert book.atp(WIDGET) == [D(7)] * 20 + [D(37)] * 71
    # The kit's work order delivers 5 kits on day 12.
    assert book.projected(KIT)[11:13] == [D(0), D(5)]


def test_a_quantity_within_atp_is_available_on_the_day_asked() -> None:
    assert widget_book().promise(WIDGET, D(5), day(6)) == Availability(AVAILABLE, D(7), day(6))


def test_a_promise_waits_for_the_later_receipt_when_an_earlier_one_would_break_an_order() -> None:
    # 32 are projected on day 6, but promising 10 of them would leave SO-2 short on day 15:
    # only 7 can be promised before PO-2 arrives on day 20.
    answer = widget_book().promise(WIDGET, D(10), day(6))

    assert answer == Availability(LATE, D(7), day(20))


def test_a_shorter_lead_time_than_the_receipt_promises_the_replenishment_date() -> None:
    # Bought in 12 days: D_rlt = today + 12 comes before PO-2's day 20.
    assert widget_book(lead_time_days=12).promise(WIDGET, D(10), day(6)) == Availability(
        LATE, D(7), day(12)
    )


def test_more_than_the_horizon_ever_holds_is_promised_after_the_lead_time() -> None:
    # ATP never reaches 40 within the horizon (PO-3 comes after it): D_rlt = today + 30.
    assert widget_book().promise(WIDGET, D(40), TODAY) == Availability(LATE, D(7), day(30))


def test_a_date_after_the_replenishment_date_is_available_whatever_the_stock() -> None:
    assert widget_book().promise(WIDGET, D(40), day(45)) == Availability(AVAILABLE, D(37), day(45))


def test_a_date_before_today_counts_as_today_and_no_date_means_today() -> None:
    book = widget_book()

    assert book.promise(WIDGET, D(7), day(-4)) == Availability(AVAILABLE, D(7), TODAY)
    assert book.promise(WIDGET, D(7)) == Availability(AVAILABLE, D(7), TODAY)


def test_a_date_after_the_horizon_reads_its_last_day() -> None:
    # PO-3 (day 91) stays out: the last day's ATP is 37; BUY in 30 days, so on time.
    assert widget_book().promise(WIDGET, D(80), day(120)) == Availability(
        AVAILABLE, D(37), day(120)
    )


def test_overcommitted_stock_promises_nothing_until_it_recovers() -> None:
    answer = available_to_promise(
        WIDGET,
        D(1),
        TODAY,
        today=TODAY,
        items=[item(WIDGET, lead_time_days=60)],
        bom_lines=[],
        on_hand=[OnHand(WIDGET, D(5))],
        receipts=[Receipt(WIDGET, day(10), D(10), "PO-1")],
        demands=[Demand(WIDGET, day(2), D(8), "SO-1/1")],
        released_work_orders=[],
    )

    # P: 5, then -3 from day 2, 7 from day 10: ATP is -3 until day 10.
    assert answer == Availability(LATE, D(0), day(10))


BIKE, FRAME, WHEEL, TUBE = 10, 11, 12, 13


def bike_book(*, tube_scrap: str = "5") -> AvailabilityBook:
    """Two levels: a BIKE (made in 2 days) = 1 FRAME + 2 WHEELs at 10% scrap; a FRAME (made
    in 3 days) = 3 TUBEs at `tube_scrap`% scrap. WHEEL: 10 on hand, bought in 4 days. TUBE:
    15 on hand, 10 more on day 2 (PO-7), bought in 7 days. No bikes or frames in stock."""
    return AvailabilityBook(
        items=[
            item(BIKE, "MAKE", lead_time_days=2),
            item(FRAME, "MAKE", lead_time_days=3),
            item(WHEEL, lead_time_days=4),
            item(TUBE, lead_time_days=7),
        ],
        bom_lines=[
            BomLine(BIKE, FRAME, D(1)),
            BomLine(BIKE, WHEEL, D(2), D(10)),
            BomLine(FRAME, TUBE, D(3), D(tube_scrap)),
        ],
        on_hand=[OnHand(WHEEL, D(10)), OnHand(TUBE, D(15))],
        receipts=[Receipt(TUBE, day(2), D(10), "PO-7")],
        demands=[],
        released_work_orders=[],
        today=TODAY,
    )


def test_capable_to_promise_walks_a_two_level_bom_with_scrap() -> None:
    # 5 bikes need 5 frames and 5 × 2 × 1.1 = 11 wheels. Wheels: 10 < 11 → bought, day 4.
    # Frames need 5 × 3 × 1.05 = 15.75 tubes: 15 on hand are short, PO-7 makes 25 on day 2,
    # so tubes on day 2 and frames on day 2 + 3 = 5. R = max(5, 4) = 5; bikes on 5 + 2 = 7.
    assert bike_book().promise(BIKE, D(5), TODAY) == Availability(LATE, D(0), day(7))


def test_without_scrap_the_tubes_on_hand_suffice_and_the_wheels_decide() -> None:
    # 15 tubes cover 15 today: frames on day 3, wheels on day 4, bikes on day 6.
    assert bike_book(tube_scrap="0").promise(BIKE, D(5), TODAY) == Availability(LATE, D(0), day(6))


def test_capable_to_promise_on_a_later_date_is_available() -> None:
    assert bike_book().promise(BIKE, D(5), day(10)) == Availability(AVAILABLE, D(0), day(10))


def test_a_phantoms_components_stand_in_for_it() -> None:
    # SET (made in 1 day) = 2 × PACK (a phantom) = 2 × 3 SCREWs each: 4 sets need 24 screws.
    set_, pack, screw = 20, 21, 22
    book = AvailabilityBook(
        items=[
            item(set_, "MAKE", lead_time_days=1),
            item(pack, "MAKE", lead_time_days=50, phantom=True),
            item(screw, lead_time_days=9),
        ],
        bom_lines=[BomLine(set_, pack, D(2)), BomLine(pack, screw, D(3))],
        on_hand=[OnHand(screw, D(23))],
        receipts=[Receipt(screw, day(4), D(1), "PO-9")],
        demands=[],
        released_work_orders=[],
        today=TODAY,
    )

    assert book.promise(set_, D(4), TODAY) == Availability(LATE, D(0), day(5))
    assert book.promise(set_, D(3), TODAY) == Availability(LATE, D(0), day(1))


def test_a_released_work_order_consumes_through_a_phantom() -> None:
    set_, pack, screw = 20, 21, 22
    book = AvailabilityBook(
        items=[item(set_, "MAKE"), item(pack, "MAKE", phantom=True), item(screw)],
        bom_lines=[BomLine(set_, pack, D(2)), BomLine(pack, screw, D("1.5"), D(10))],
        on_hand=[OnHand(screw, D(10))],
        receipts=[],
        demands=[],
        released_work_orders=[ReleasedWorkOrder(set_, D(1), day(1), day(3), "WO-2")],
        today=TODAY,
    )

    # 1 set → 2 packs → 2 × 1.5 × 1.1 = 3.3 screws on day 1.
    assert book.projected(screw)[:2] == [D(10), D("6.7")]


def test_a_service_is_not_stocked_and_always_promised_on_the_day() -> None:
    consulting = 30
    answer = available_to_promise(
        consulting,
        D("2.5"),
        day(3),
        today=TODAY,
        items=[item(consulting, stocked=False)],
        bom_lines=[],
        on_hand=[],
        receipts=[],
        demands=[Demand(consulting, TODAY, D(100), "SO-3/1")],
        released_work_orders=[],
    )

    assert answer == Availability(NOT_STOCKED, D("2.5"), day(3))


def test_a_service_component_waits_for_nothing() -> None:
    gadget, installation = 31, 32
    book = AvailabilityBook(
        items=[item(gadget, "MAKE", lead_time_days=2), item(installation, stocked=False)],
        bom_lines=[BomLine(gadget, installation, D(1))],
        on_hand=[],
        receipts=[],
        demands=[],
        released_work_orders=[],
        today=TODAY,
    )

    assert book.promise(gadget, D(1)) == Availability(LATE, D(0), day(2))


@pytest.mark.parametrize("quantity", ["0", "-1", "0.00001"])
def test_a_quantity_that_is_not_positive_is_invalid(quantity: str) -> None:
    with pytest.raises(DomainError) as refused:
        widget_book().promise(WIDGET, D(quantity), TODAY)

    assert refused.value.code == ErrorCode.INVALID
    assert refused.value.field == ("quantity",)


def test_a_bom_cycle_is_refused_rather_than_looped() -> None:
    book = AvailabilityBook(
        items=[item(1, "MAKE"), item(2, "MAKE")],
        bom_lines=[BomLine(1, 2, D(1)), BomLine(2, 1, D(1))],
        on_hand=[],
        receipts=[],
        demands=[],
        released_work_orders=[],
        today=TODAY,
    )

    with pytest.raises(BomCycleError):
        book.promise(1, D(1))
