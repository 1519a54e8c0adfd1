"""Blind cycle counts (§15): snapshot, record, post the variance against snapshot + moves since,
the 500.00 approval threshold, posting twice, one open count per warehouse."""

from __future__ import annotations

from decimal import Decimal

from domain.clock import today
from domain.inventory.models import StockLevel, StockMove
from domain.ledger.models import JournalEntry, JournalLine
from domain.outbox.models import Event
from domain.stock_counts.models import StockCount
from tests.factories import gid

START = """
mutation($input: StockCountStartInput!) {
  stockCountStart(input: $input) {
    stockCount {
      id number status
      lines { product { sku } expectedQuantity countedQuantity variance }
    }
    errors { field code }
  }
}"""
RECORD = """
mutation($input: StockCountRecordInput!) {
  stockCountRecord(input: $input) {
    stockCount { status lines { product { sku } countedQuantity } }
    errors { field code }
  }
}"""
POST = """
mutation($input: StockCountPostInput!) {
  stockCountPost(input: $input) {
    stockCount { status lines { product { sku } expectedQuantity countedQuantity variance } }
    errors { field code }
  }
}"""
CANCEL = """
mutation($input: StockCountCancelInput!) {
  stockCountCancel(input: $input) { stockCount { status } errors { field code } }
}"""
READ = """
query($id: ID!) { stockCount(id: $id) { status lines { expectedQuantity countedQuantity } } }"""


async def start(gql, warehouse, products=None, role="OPERATIONS") -> dict:
    data = {"warehouseId": gid("Warehouse", warehouse.id)}
    if products is not None:
        data["productIds"] = [gid("Product", p.id) for p in products]
    return (await gql(START, {"input": data}, role=role))["data"]["stockCountStart"]


async def record(gql, count_id, *lines, role="OPERATIONS") -> dict:
    data = {
        "id": count_id,
        "lines": [{"productId": gid("Product", p.id), "countedQuantity": q} for p, q in lines],
    }
    return (await gql(RECORD, {"input": data}, role=role))["data"]["stockCountRecord"]


async def post(gql, count_id, role="OPERATIONS") -> dict:
    return (await gql(POST, {"input": {"id": count_id}}, role=role))["data"]["stockCountPost"]


async def entry_lines(reference: str) -> list[tuple[str, Decimal, Decimal]]:
    entry = await JournalEntry.get(reference=reference)
    lines = await JournalLine.filter(entry_id=entry.id).prefetch_related("ledger_account")
    return sorted((ln.ledger_account.code, ln.debit, ln.credit) for ln in lines)


async def test_a_count_with_moves_between_snapshot_and_post(gql, make_product, add_stock, main):
    widget = await make_product("WIDGET", standard_cost="4.00")
    gadget = await make_product("GADGET", standard_cost="2.50")
    home = await main()
    await add_stock(widget, "10")
    await add_stock(gadget, "20")

    started = await start(gql, home)
    count = started["stockCount"]
    number = f"SC-{today().year}-000001"
    # Blind: OPERATIONS does not see the system quantity while COUNTING.
    assert count["number"] == number
    assert count["lines"] == [
        {
            "product": {"sku": "WIDGET"},
            "expectedQuantity": None,
            "countedQuantity": None,
            "variance": None,
        },
        {
            "product": {"sku": "GADGET"},
            "expectedQuantity": None,
            "countedQuantity": None,
            "variance": None,
        },
    ]
    as_finance = await gql(READ, {"id": count["id"]}, role="FINANCE")
    assert as_finance["data"]["stockCount"]["lines"] == [
        {"expectedQuantity": "10", "countedQuantity": None},
        {"expectedQuantity": "20", "countedQuantity": None},
    ]

    # While the shelf is counted, the widget moves: −3 then +5, net +2 since the snapshot.
    await add_stock(widget, "-3")
    await add_stock(widget, "5")
    recorded = await record(gql, count["id"], (widget, "11"), (gadget, "23"))
    assert recorded["errors"] == []
    posted = await post(gql, count["id"])

    # widget: variance = 11 − (10 + 2) = −1, value −1 × 4.00 = −4.00
    # gadget: variance = 23 − (20 + 0) = +3, value 3 × 2.50 = +7.50
    assert posted == {
        "stockCount": {
            "status": "POSTED",
            "lines": [
                {
                    "product": {"sku": "WIDGET"},
                    "expectedQuantity": "10",
                    "countedQuantity": "11",
                    "variance": "-1",
                },
                {
                    "product": {"sku": "GADGET"},
                    "expectedQuantity": "20",
                    "countedQuantity": "23",
                    "variance": "3",
                },
            ],
        },
        "errors": [],
    }
    on_hand = {
        level.product_id: Decimal(level.on_hand)
        for level in await StockLevel.filter(warehouse_id=home.id)
    }
    assert on_hand == {widget.id: Decimal("11"), gadget.id: Decimal("23")}
    moves = await StockMove.filter(source="COUNT").order_by("product_id")
    assert [(m.product_id, m.quantity, m.reference) for m in moves] == [
        (widget.id, Decimal("-1"), number),
        (gadget.id, Decimal("3"), number),
    ]
    # net value −4.00 + 7.50 = +3.50: Dr 1300 3.50 / Cr 5100 3.50
    assert await entry_lines(number) == [
        ("1300", Decimal("3.50"), Decimal("0")),
        ("5100", Decimal("0"), Decimal("3.50")),
    ]
    event = await Event.get(type="stock_count.posted")
    assert event.payload["varianceValue"] == "11.50"  # |−4.00| + |7.50|
    assert [line["variance"] for line in event.payload["lines"]] == ["-1", "3"]

    again = await post(gql, count["id"])
    assert again["errors"] == [{"field": ["id"], "code": "ALREADY_PROCESSED"}]
    assert await StockMove.filter(source="COUNT").count() == 2


async def test_one_open_count_per_warehouse_and_cancel(gql, make_product, add_stock, main):
    widget = await make_product("WIDGET")
    home = await main()
    await add_stock(widget, "10")
    first = await start(gql, home, [widget])

    second = await start(gql, home, [widget])

    assert second == {
        "stockCount": None,
        "errors": [{"field": ["warehouseId"], "code": "INVALID"}],
    }
    assert await StockCount.all().count() == 1
    cancel = await gql(CANCEL, {"input": {"id": first["stockCount"]["id"]}}, role="OPERATIONS")
    assert cancel["data"]["stockCountCancel"] == {
        "stockCount": {"status": "CANCELLED"},
        "errors": [],
    }
    third = await start(gql, home, [widget])
    assert third["errors"] == []
    assert await StockMove.filter(source="COUNT").count() == 0


async def test_a_variance_over_500_needs_admin_or_finance(gql, make_product, add_stock, main):
    widget = await make_product("WIDGET", standard_cost="4.00")
    home = await main()
    await add_stock(widget, "200")
    count = (await start(gql, home, [widget]))["stockCount"]
    # 74 found of 200: variance −126, value −126 × 4.00 = −504.00, over 500.00
    await record(gql, count["id"], (widget, "74"))
    entries = await JournalEntry.all().count()

    refused = await post(gql, count["id"], role="OPERATIONS")

    assert refused == {
        "stockCount": None,
        "errors": [{"field": ["id"], "code": "APPROVAL_REQUIRED"}],
    }
    assert await StockMove.filter(source="COUNT").count() == 0
    assert await JournalEntry.all().count() == entries
    assert (await StockLevel.get(product_id=widget.id)).on_hand == Decimal("200")

    approved = await post(gql, count["id"], role="FINANCE")

    assert approved["errors"] == []
    assert (await StockLevel.get(product_id=widget.id)).on_hand == Decimal("74")
    assert await entry_lines(f"SC-{today().year}-000001") == [
        ("1300", Decimal("0"), Decimal("504.00")),
        ("5100", Decimal("504.00"), Decimal("0")),
    ]
