"""Availability from the database (§9): which orders, receipts and work orders count, per
warehouse, through the BOM, and a page of lines in a fixed number of statements."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import pytest
from atp_factories import bom, day, purchase, sales_order, stock, warehouse, work_order

from domain.availability.atp import Availability, AvailabilityBook, AvailabilityStatus
from domain.availability.services import AvailabilityQuery, availability_of, availability_of_lines
from domain.catalog.models import Product
from domain.clock import today
from domain.errors import DomainError, ErrorCode
from domain.inventory.models import Warehouse
from domain.manufacturing.models import WorkOrderStatus
from domain.manufacturing.mrp import load_inputs
from domain.orders.models import OrderStatus
from domain.purchasing.models import PurchaseOrderStatus
from tests.factories import make_account_row, make_item

D = Decimal
AVAILABLE, LATE, NOT_STOCKED = (
    AvailabilityStatus.AVAILABLE,
    AvailabilityStatus.LATE,
    AvailabilityStatus.NOT_STOCKED,
)
Counter = Callable[[], AbstractContextManager[Any]]


async def widget_world() -> tuple[Product, Warehouse, Warehouse]:
    """The worked example of test_atp_rules in rows, with the rows that must not count.

    WIDGET (bought in 30 days): 12 on hand in MAIN and 8 in EAST; SO-1 8 open on day 3 (10
    ordered, 2 shipped); WO-1 (RELEASED, 5 KITs of 2 WIDGETs) needs 10 on day 8; PO-1 20
    open on day 5 (25 ordered, 5 received); SO-2 15 on day 15 (partially shipped order);
    PO-2 30 on day 20. Not counted: a DRAFT and a SHIPPED order, a CANCELLED and a RECEIVED
    purchase order, a fully received line, a COMPLETED and a CANCELLED work order.
    P(d): 20 | day 3: 12 | day 5: 32 | day 8: 22 | day 15: 7 | day 20: 37."""
    widget = await make_item("WIDGET", lead_time_days=30)
    kit = await make_item("KIT", "MAKE")
    await bom(kit, [(widget, "2", "0")])
    main, east = await warehouse("MAIN"), await warehouse("EAST")
    await stock(widget, main, "12")
    await stock(widget, east, "8")
    party = await make_account_row("Both sides")
    await sales_order(party, "SO-1", [(widget, "10", "2")], requested=3)
    await sales_order(
        party, "SO-2", [(widget, "15")], requested=15, status=OrderStatus.PARTIALLY_SHIPPED
    )
    await sales_order(party, "SO-DRAFT", [(widget, "100")], requested=1, status=OrderStatus.DRAFT)
    await sales_order(
        party, "SO-SHIPPED", [(widget, "100", "100")], requested=1, status=OrderStatus.SHIPPED
    )
    await purchase(party, "PO-1", [(widget, "25", 5, "5"), (widget, "40", 2, "40")])
    await purchase(party, "PO-2", [(widget, "30", 20)])
    await purchase(party, "PO-X", [(widget, "100", 1)], status=PurchaseOrderStatus.CANCELLED)
    await purchase(party, "PO-R", [(widget, "100", 1)], status=PurchaseOrderStatus.RECEIVED)
    await work_order("WO-1", kit, "5", 8, 12)
    await work_order("WO-2", kit, "50", 1, 2, status=WorkOrderStatus.COMPLETED)
    await work_order("WO-3", kit, "50", 1, 2, status=WorkOrderStatus.CANCELLED)
    return widget, main, east


async def test_the_worked_example_from_the_database(database: str) -> None:
    widget, _, _ = await widget_world()

    assert await availability_of(widget.id, D(5), day(6)) == Availability(AVAILABLE, D(7), day(6))
    # Promising 10 on day 6 would leave SO-2 short on day 15: it waits for PO-2.
    assert await availability_of(widget.id, D(10), day(6)) == Availability(LATE, D(7), day(20))
    assert await availability_of(widget.id, D(40), None) == Availability(LATE, D(7), day(30))


async def test_a_warehouse_counts_its_own_stock_against_all_demand(database: str) -> None:
    widget, main, east = await widget_world()

    # EAST's 8 instead of 20: P is 12 lower every day, ATP -5 until day 20, then 25.
    assert await availability_of(widget.id, D(10), day(6), east.id) == Availability(
        LATE, D(0), day(20)
    )
    assert await availability_of(widget.id, D(25), day(20), east.id) == Availability(
        AVAILABLE, D(25), day(20)
    )
    # MAIN's 12: ATP -1 until day 20.
    assert await availability_of(widget.id, D(1), None, main.id) == Availability(
        LATE, D(0), day(20)
    )


async def test_an_order_without_a_requested_date_is_wanted_today(database: str) -> None:
    widget = await make_item("LOOSE", lead_time_days=5)
    main = await warehouse("MAIN")
    await stock(widget, main, "10")
    await sales_order(await make_account_row(), "SO-9", [(widget, "4")], requested=None)

    assert await availability_of(widget.id, D(7), None) == Availability(LATE, D(6), day(5))


async def capable_world() -> dict[str, Product]:
    """A BIKE (made in 2 days) = 1 FRAME + 2 WHEELs at 10% scrap; a FRAME (made in 3 days)
    = 3 TUBEs at 5% scrap and 1 FIXINGS, a phantom kit of 4 BOLTs. WHEEL: 10 on hand, bought
    in 4 days; TUBE: 15 on hand and 10 on PO-7 on day 2, bought in 7 days; BOLT: 16 on hand,
    bought in 1 day. A released work order for 1 FRAME starting today needs 4 BOLTs through
    the phantom (and 3.15 TUBEs)."""
    p = {
        "BIKE": await make_item("BIKE", "MAKE", lead_time_days=2),
        "FRAME": await make_item("FRAME", "MAKE", lead_time_days=3),
        "WHEEL": await make_item("WHEEL", lead_time_days=4),
        "TUBE": await make_item("TUBE", lead_time_days=7),
        "FIXINGS": await make_item("FIXINGS", "MAKE", lead_time_days=40),
        "BOLT": await make_item("BOLT", lead_time_days=1),
    }
    await bom(p["BIKE"], [(p["FRAME"], "1", "0"), (p["WHEEL"], "2", "10")])
    await bom(p["FRAME"], [(p["TUBE"], "3", "5"), (p["FIXINGS"], "1", "0")])
    await bom(p["FIXINGS"], [(p["BOLT"], "4", "0")], phantom=True)
    main = await warehouse("MAIN")
    await stock(p["WHEEL"], main, "10")
    await stock(p["TUBE"], main, "18.15")
    await stock(p["BOLT"], main, "16")
    await purchase(await make_account_row(), "PO-7", [(p["TUBE"], "10", 2)])
    await work_order("WO-7", p["FRAME"], "1", 0, 3)
    return p


async def test_capable_to_promise_through_a_two_level_bom_with_scrap(database: str) -> None:
    p = await capable_world()

    # 5 bikes: 11 wheels (10 on hand → bought, day 4) and 5 frames. Frames need 15.75 tubes
    # (18.15 − 3.15 for WO-7 = 15 today, 25 from day 2 → day 2) and 20 bolts through the
    # phantom (16 − 4 for WO-7 = 12 → bought, day 1): frames on 2 + 3 = day 5. The frame of
    # WO-7 comes on day 3 but one is not five. Bikes on 5 + 2 = day 7.
    assert await availability_of(p["BIKE"].id, D(5), None) == Availability(LATE, D(0), day(7))
    # One bike: WO-7's frame on day 3 (ATP 1 from then, sooner than making one) and 2.2
    # wheels today: bikes on 3 + 2 = day 5.
    assert await availability_of(p["BIKE"].id, D(1), None) == Availability(LATE, D(0), day(5))
    assert await availability_of(p["FRAME"].id, D(1), day(3)) == Availability(
        AVAILABLE, D(1), day(3)
    )


async def test_a_service_is_not_stocked(database: str) -> None:
    consulting = await make_item("CONSULTING", kind="SERVICE")

    assert await availability_of(consulting.id, D("2.5"), day(4)) == Availability(
        NOT_STOCKED, D("2.5"), day(4)
    )


@pytest.mark.parametrize("quantity", ["0", "-3"])
async def test_a_quantity_that_is_not_positive_is_invalid(database: str, quantity: str) -> None:
    widget = await make_item("WIDGET")

    with pytest.raises(DomainError) as refused:
        await availability_of(widget.id, D(quantity), None)

    assert refused.value.code == ErrorCode.INVALID
    assert refused.value.field == ("quantity",)


async def test_an_unknown_product_or_warehouse_is_not_found(database: str) -> None:
    widget = await make_item("WIDGET")

    with pytest.raises(DomainError) as no_product:
        await availability_of(widget.id + 1000, D(1), None)
    with pytest.raises(DomainError) as no_warehouse:
        await availability_of(widget.id, D(1), None, 999_999)

    assert (no_product.value.code, no_product.value.field) == (ErrorCode.NOT_FOUND, ("product_id",))
    assert (no_warehouse.value.code, no_warehouse.value.field) == (
        ErrorCode.NOT_FOUND,
        ("warehouse_id",),
    )


async def test_a_page_of_lines_costs_the_same_statements_as_one_line(
    database: str, count_queries: Counter
) -> None:
    p = await capable_world()
    widget, main, east = await widget_world()
    products = [*p.values(), widget]
    lines = [
        AvailabilityQuery(
            products[n % len(products)].id,
            D(n % 9 + 1),
            day(n % 30),
            (None, main.id, east.id)[n % 3],
        )
        for n in range(100)
    ]

    with count_queries() as one:
        [alone] = await availability_of_lines(lines[:1])
    with count_queries() as page:
        answers = await availability_of_lines(lines)

    # Released work orders, the BOM lines reached, products, stock, purchase receipts, sales
    # demand; the page names warehouses, which are checked too.
    assert one.count == 6, one.statements
    assert page.count == 7, page.statements
    assert answers[0] == alone
    assert answers == [
        await availability_of(q.product_id, q.quantity, q.on, q.warehouse_id) for q in lines
    ]
    # Line 6: WIDGET, 7 on day 6, all warehouses (the worked example's ATP is 7 until day 20).
    assert answers[6] == Availability(AVAILABLE, D(7), day(6))


async def test_the_closure_answers_as_a_book_over_all_of_mrps_inputs(database: str) -> None:
    p = await capable_world()
    widget, _, _ = await widget_world()
    products = [*p.values(), widget]
    queries = [
        AvailabilityQuery(product.id, D(quantity), day(offset))
        for product in products
        for quantity in ("1", "5", "12.5")
        for offset in (-1, 0, 4, 20, 95)
    ]
    inputs = await load_inputs(today())
    whole = AvailabilityBook(
        inputs.items,
        inputs.bom_lines,
        inputs.on_hand,
        inputs.receipts,
        inputs.demands,
        inputs.released_work_orders,
        today(),
    )

    assert await availability_of_lines(queries) == [
        whole.promise(q.product_id, q.quantity, q.on) for q in queries
    ]
