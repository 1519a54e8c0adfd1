"""Lots and serial numbers (§15): lot-aware receipts, work orders, shipments, transfers and
adjustments; first expiry first out; traceability both ways; recall; bad lots change nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.catalog.services import update_product
from domain.errors import DomainError, ErrorCode
from domain.inventory.models import StockLevel, StockMove
from domain.inventory.services import LotChoice, adjust_stock
from domain.inventory.transfers import transfer_stock
from domain.lots.models import Lot, LotStock
from domain.manufacturing.services import (
    BomLineDraft,
    complete_work_order,
    create_work_order,
    set_bom,
)
from domain.orders.models import SalesOrderLine
from domain.orders.services import ShipLineDraft, ship_sales_order
from domain.outbox.models import Event
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)
from domain.returns.services import ReturnLineDraft, create_return, receive_return
from domain.stock_counts.models import StockCountLine
from domain.stock_counts.services import (
    CountLineDraft,
    post_stock_count,
    record_stock_count,
    start_stock_count,
)
from tests.factories import gid

D4, D5 = Decimal("4"), Decimal("5")
TRACE = """
query($lot: ID!, $direction: TraceDirection!) {
  lotTrace(lotId: $lot, direction: $direction) {
    lot { code onHand }
    steps { kind quantity lot { code } account { name } }
    accounts { name }
    lots { code }
  }
}"""
RECALL = """
mutation($input: LotRecallInput!) {
  lotRecall(input: $input) { lot { code } trace { accounts { name } } errors { field code } }
}"""
SHIP = """
mutation($input: SalesOrderShipInput!) {
  salesOrderShip(input: $input) { errors { field code } }
}"""
ADJUST = """
mutation($input: StockAdjustInput!) {
  stockAdjust(input: $input) { stockMove { quantity lot { code } } errors { field code } }
}"""
RECORD = """
mutation($input: StockCountRecordInput!) {
  stockCountRecord(input: $input) { errors { field code } }
}"""
LOTS = """
query($product: ID!) {
  lots(filter: {productId: $product}) { edges { node { code expiresAt onHand } } }
}"""


async def ship(order, warehouse, quantity: str, lot_id: int | None = None) -> None:
    line = await SalesOrderLine.get(order_id=order.id)
    await ship_sales_order(
        order.id, warehouse.id, [ShipLineDraft(line.id, Decimal(quantity), lot_id)]
    )


async def test_a_component_lot_traced_to_the_customers_of_its_work_orders_output(
    gql, make_account, make_product, main, confirmed_order
):
    home = await main()
    component = await make_product("CHIP", standard_cost="2.00", tracking="LOT")
    board = await make_product(
        "BOARD", "30.00", standard_cost="10.00", tracking="LOT", procurement="MAKE"
    )
    await set_bom(board.id, [BomLineDraft(component.id, Decimal("2"))])
    supplier = await make_account("Chip Supplier")
    ada = await make_account("Ada Labs")
    bob = await make_account("Bob Robotics")
    po = await create_purchase_order(
        supplier.id, [PurchaseLineDraft(component.id, Decimal("10"), Decimal("2.00"))]
    )
    po_line = await PurchaseOrderLine.get(order_id=po.id)
    await receive_purchase_order(po.id, [ReceiptLine(po_line.id, Decimal("10"), lot_code="L1")])
    work_order = await create_work_order(board.id, Decimal("4"))
    await complete_work_order(work_order.id, Decimal("4"), lot_code="F1")  # consumes 8 of L1
    await ship(await confirmed_order(ada, (board, "1")), home, "1")
    await ship(await confirmed_order(bob, (board, "2")), home, "2")
    l1 = await Lot.get(code="L1")
    f1 = await Lot.get(code="F1")

    forward = await gql(TRACE, {"lot": gid("Lot", l1.id), "direction": "FORWARD"})
    backward = await gql(TRACE, {"lot": gid("Lot", f1.id), "direction": "BACKWARD"})

    # L1: +10 received, −8 into W; F1: +4 out of W, −1 to Ada, −2 to Bob (1 left)
    steps = [
        {
            "kind": "RECEIPT",
            "quantity": "10",
            "lot": {"code": "L1"},
            "account": {"name": "Chip Supplier"},
        },
        {"kind": "WORK_ORDER", "quantity": "-8", "lot": {"code": "L1"}, "account": None},
        {"kind": "WORK_ORDER", "quantity": "4", "lot": {"code": "F1"}, "account": None},
        {
            "kind": "SHIPMENT",
            "quantity": "-1",
            "lot": {"code": "F1"},
            "account": {"name": "Ada Labs"},
        },
        {
            "kind": "SHIPMENT",
            "quantity": "-2",
            "lot": {"code": "F1"},
            "account": {"name": "Bob Robotics"},
        },
    ]
    assert forward["data"]["lotTrace"] == {
        "lot": {"code": "L1", "onHand": "2"},  # 10 − 8
        "steps": steps,
        "accounts": [{"name": "Ada Labs"}, {"name": "Bob Robotics"}],
        "lots": [{"code": "F1"}],
    }
    assert backward["data"]["lotTrace"] == {
        "lot": {"code": "F1", "onHand": "1"},  # 4 − 1 − 2
        "steps": steps,
        "accounts": [{"name": "Chip Supplier"}],
        "lots": [{"code": "L1"}],
    }

    recalled = await gql(RECALL, {"input": {"lotId": gid("Lot", l1.id)}}, role="OPERATIONS")

    assert recalled["data"]["lotRecall"] == {
        "lot": {"code": "L1"},
        "trace": {"accounts": [{"name": "Ada Labs"}, {"name": "Bob Robotics"}]},
        "errors": [],
    }
    event = await Event.get(type="lot.recalled")
    assert event.payload == {
        "lotId": gid("Lot", l1.id),
        "accountIds": [gid("Account", ada.id), gid("Account", bob.id)],
    }


async def test_first_expiry_first_out_then_first_in_first_out(
    gql, make_account, make_product, main, confirmed_order, make_warehouse
):
    home, east = await main(), await make_warehouse("EAST")
    milk = await make_product("MILK", standard_cost="1.00", tracking="LOT")
    for code, expires in (("OLD", None), ("LATE", date(2027, 6, 1)), ("SOON", date(2027, 1, 1))):
        await adjust_stock(
            product_id=milk.id,
            warehouse_id=home.id,
            quantity=Decimal("5"),
            reason="Cycle count",
            lot=LotChoice(lot_code=code, expires_at=expires),
        )

    # 7 out: SOON (expires first) gives 5, then LATE 2; OLD has no expiry, so it goes last.
    await ship(await confirmed_order(await make_account(), (milk, "7")), home, "7")
    # a transfer names its lot: OLD's 3 move to EAST as OLD
    await transfer_stock(
        product_id=milk.id,
        from_warehouse_id=home.id,
        to_warehouse_id=east.id,
        quantity=Decimal("3"),
        lot_id=(await Lot.get(code="OLD")).id,
    )

    held = {
        (stock.lot.code, stock.warehouse_id): stock.on_hand
        for stock in await LotStock.all().prefetch_related("lot")
    }
    assert held == {
        ("OLD", home.id): Decimal("2"),
        ("OLD", east.id): Decimal("3"),
        ("LATE", home.id): Decimal("3"),
        ("SOON", home.id): Decimal("0"),
    }
    listed = await gql(LOTS, {"product": gid("Product", milk.id)}, role="READONLY")
    assert listed["data"]["lots"]["edges"] == [
        {"node": {"code": "OLD", "expiresAt": None, "onHand": "5"}},
        {"node": {"code": "LATE", "expiresAt": "2027-06-01", "onHand": "3"}},
        {"node": {"code": "SOON", "expiresAt": "2027-01-01", "onHand": "0"}},  # empty, listed
    ]


async def test_bad_lots_change_nothing(gql, make_account, make_product, main, confirmed_order):
    home = await main()
    chip = await make_product("CHIP", standard_cost="2.00", tracking="LOT")
    sensor = await make_product("SENSOR", standard_cost="50.00", tracking="SERIAL")
    plain = await make_product("PLAIN", standard_cost="1.00")
    await adjust_stock(
        product_id=chip.id,
        warehouse_id=home.id,
        quantity=Decimal("5"),
        reason="Cycle count",
        lot=LotChoice(lot_code="C1"),
    )
    first = await gql(
        ADJUST,
        {
            "input": {
                "productId": gid("Product", sensor.id),
                "warehouseId": gid("Warehouse", home.id),
                "quantity": "1",
                "reason": "Cycle count",
                "lotCode": "SN-1",
            }
        },
        role="OPERATIONS",
    )
    assert first["data"]["stockAdjust"] == {
        "stockMove": {"quantity": "1", "lot": {"code": "SN-1"}},
        "errors": [],
    }
    moves = await StockMove.all().count()
    c1 = await Lot.get(code="C1")

    async def adjust(product, quantity: str, **lot) -> list:
        result = await gql(
            ADJUST,
            {
                "input": {
                    "productId": gid("Product", product.id),
                    "warehouseId": gid("Warehouse", home.id),
                    "quantity": quantity,
                    "reason": "Cycle count",
                    **lot,
                }
            },
            role="OPERATIONS",
        )
        return result["data"]["stockAdjust"]["errors"]

    assert await adjust(sensor, "1", lotCode="SN-1") == [{"field": ["lotCode"], "code": "INVALID"}]
    assert await adjust(sensor, "2", lotCode="SN-2") == [{"field": ["lotCode"], "code": "INVALID"}]
    assert await adjust(chip, "1") == [{"field": ["lotCode"], "code": "REQUIRED"}]
    assert await adjust(plain, "1", lotCode="X") == [{"field": ["lotCode"], "code": "INVALID"}]
    assert await adjust(sensor, "-1", lotId=gid("Lot", c1.id)) == [
        {"field": ["lotId"], "code": "INVALID"}  # C1 is the chip's
    ]
    assert await adjust(chip, "-6", lotId=gid("Lot", c1.id)) == [
        {"field": ["quantity"], "code": "INSUFFICIENT_STOCK"}
    ]
    order = await confirmed_order(await make_account(), (sensor, "1"))
    line = await SalesOrderLine.get(order_id=order.id)
    shipped = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "lines": [
                    {
                        "lineId": gid("SalesOrderLine", line.id),
                        "quantity": "1",
                        "lotId": gid("Lot", c1.id),
                    }
                ],
            }
        },
        role="OPERATIONS",
    )
    assert shipped["data"]["salesOrderShip"]["errors"] == [
        {"field": ["lines", "0", "lotId"], "code": "INVALID"}
    ]
    with pytest.raises(DomainError) as refused:
        await transfer_stock(
            product_id=chip.id,
            from_warehouse_id=home.id,
            to_warehouse_id=home.id,
            quantity=Decimal("1"),
            lot_id=c1.id,
        )
    assert refused.value.code == ErrorCode.INVALID
    assert await StockMove.all().count() == moves
    assert await Lot.all().count() == 2  # C1 and SN-1: no SN-2, no X
    on_hand = {
        level.product_id: level.on_hand for level in await StockLevel.filter(warehouse_id=home.id)
    }
    assert on_hand == {chip.id: Decimal("5"), sensor.id: Decimal("1")}


async def test_a_lot_tracked_product_is_counted_lot_by_lot(gql, make_product, main):
    home = await main()
    chip = await make_product("CHIP", standard_cost="2.00", tracking="LOT")
    for code in ("A", "B"):
        await adjust_stock(
            product_id=chip.id,
            warehouse_id=home.id,
            quantity=Decimal("10"),
            reason="Cycle count",
            lot=LotChoice(lot_code=code),
        )
    lot_a, lot_b = await Lot.get(code="A"), await Lot.get(code="B")
    count = await start_stock_count(home.id, [chip.id])
    # between snapshot and post, 4 of lot A leave: A's system quantity becomes 10 − 4 = 6
    await adjust_stock(
        product_id=chip.id,
        warehouse_id=home.id,
        quantity=Decimal("-4"),
        reason="Damaged",
        lot=LotChoice(lot_id=lot_a.id),
    )
    refused = await gql(
        RECORD,
        {
            "input": {
                "id": gid("StockCount", count.id),
                "lines": [{"productId": gid("Product", chip.id), "countedQuantity": "1"}],
            }
        },
        role="OPERATIONS",
    )
    assert refused["data"]["stockCountRecord"]["errors"] == [
        {"field": ["lines", "0", "lotId"], "code": "REQUIRED"}
    ]
    await record_stock_count(
        count.id,
        [
            CountLineDraft(chip.id, Decimal("5"), lot_a.id),  # variance 5 − (10 − 4) = −1
            CountLineDraft(chip.id, Decimal("12"), lot_b.id),  # variance 12 − (10 + 0) = +2
        ],
    )

    await post_stock_count(count.id, may_approve=False)

    held = {stock.lot_id: stock.on_hand for stock in await LotStock.filter(warehouse_id=home.id)}
    assert held == {lot_a.id: Decimal("5"), lot_b.id: Decimal("12")}
    lines = await StockCountLine.filter(count_id=count.id).order_by("lot_id")
    assert [(line.lot_id, line.expected_quantity, line.variance) for line in lines] == [
        (lot_a.id, Decimal("10"), Decimal("-1")),
        (lot_b.id, Decimal("10"), Decimal("2")),
    ]
    assert (await StockLevel.get(product_id=chip.id)).on_hand == Decimal("17")  # 5 + 12


async def test_a_return_comes_back_into_the_shipped_lot_or_the_one_named(
    make_account, make_product, main, confirmed_order
):
    home = await main()
    chip = await make_product("CHIP", "5.00", standard_cost="2.00", tracking="LOT")
    await adjust_stock(
        product_id=chip.id,
        warehouse_id=home.id,
        quantity=Decimal("10"),
        reason="Cycle count",
        lot=LotChoice(lot_code="L1"),
    )
    order = await confirmed_order(await make_account(), (chip, "6"))
    await ship(order, home, "6")
    line = await SalesOrderLine.get(order_id=order.id)

    back = await create_return(order.id, [ReturnLineDraft(line.id, Decimal("2"))])
    await receive_return(back.id)
    relabelled = await create_return(
        order.id, [ReturnLineDraft(line.id, Decimal("1"), lot_code="RETURNED-1")]
    )
    await receive_return(relabelled.id)

    held = {stock.lot.code: stock.on_hand for stock in await LotStock.all().prefetch_related("lot")}
    assert held == {"L1": Decimal("6"), "RETURNED-1": Decimal("1")}  # 10 − 6 + 2; 1 relabelled
    assert (await StockLevel.get(product_id=chip.id)).on_hand == Decimal("7")


async def test_stock_from_before_tracking_moves_without_a_lot_after_the_lots(
    make_product, main, make_warehouse
):
    home, east = await main(), await make_warehouse("EAST")
    chip = await make_product("CHIP", standard_cost="2.00")
    await adjust_stock(product_id=chip.id, warehouse_id=home.id, quantity=D4, reason="Count")
    await update_product(chip.id, {"tracking": "LOT"})
    await adjust_stock(
        product_id=chip.id,
        warehouse_id=home.id,
        quantity=Decimal("2"),
        reason="Count",
        lot=LotChoice(lot_code="NEW"),
    )

    # 5 out: lot NEW's 2 first, then 3 of the 4 kept from before the product was tracked
    await transfer_stock(
        product_id=chip.id, from_warehouse_id=home.id, to_warehouse_id=east.id, quantity=D5
    )

    moves = await StockMove.filter(source="TRANSFER").order_by("id")
    assert [(m.warehouse_id, m.quantity, m.lot_id is not None) for m in moves] == [
        (home.id, Decimal("-2"), True),
        (home.id, Decimal("-3"), False),
        (east.id, Decimal("2"), True),
        (east.id, Decimal("3"), False),
    ]
    levels = {lv.warehouse_id: lv.on_hand for lv in await StockLevel.filter(product_id=chip.id)}
    assert levels == {home.id: Decimal("1"), east.id: Decimal("5")}
