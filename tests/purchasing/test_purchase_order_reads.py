"""Purchase order numbers by year, their receipts as a connection, and line costs in the order's
currency however a line is reached (§5.1, §2)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.clock import today
from domain.purchasing import services
from domain.purchasing.services import PurchaseLineDraft, ReceiptLine
from tests.factories import gid
from tests.factories import make_account_row as make_supplier
from tests.factories import make_item as make_product

D = Decimal

RECEIPTS = """
query($id: ID!, $filter: StockMoveFilter, $order: StockMoveOrder) {
  purchaseOrder(id: $id) {
    receipts(filter: $filter, orderBy: $order) {
      totalCount edges { node { product { sku } quantity source reference warehouse { code } } }
    }
  }
}"""


async def test_purchase_order_numbers_carry_the_year_and_restart_with_each_year(
    database: str, monkeypatch: Any
) -> None:
    supplier = await make_supplier()
    bolt = await make_product("BOLT")
    lines = [PurchaseLineDraft(bolt.id, D("1"))]
    year = today().year

    first = await services.create_purchase_order(supplier.id, lines)
    second = await services.create_purchase_order(supplier.id, lines)
    monkeypatch.setattr(services, "today", lambda: date(year + 1, 1, 4))
    next_year = await services.create_purchase_order(supplier.id, lines)

    assert [first.number, second.number, next_year.number] == [
        f"PO-{year}-000001",
        f"PO-{year}-000002",
        f"PO-{year + 1}-000001",
    ]


async def test_receipts_list_the_stock_moves_of_the_orders_deliveries(gql: Any, database: str):
    supplier = await make_supplier()
    bolt = await make_product("BOLT", standard_cost="0.25")
    paint = await make_product("PAINT", standard_cost="12")
    order = await services.create_purchase_order(
        supplier.id, [PurchaseLineDraft(bolt.id, D("100")), PurchaseLineDraft(paint.id, D("3"))]
    )
    other = await services.create_purchase_order(supplier.id, [PurchaseLineDraft(bolt.id, D("5"))])
    bolt_line, paint_line = [line.id for line in await order.lines.all().order_by("position")]
    await services.receive_purchase_order(order.id, [ReceiptLine(bolt_line, D("60"))])
    await services.receive_purchase_order(
        order.id, [ReceiptLine(paint_line, D("3")), ReceiptLine(bolt_line, D("40"))]
    )
    [other_line] = await other.lines.all()
    await services.receive_purchase_order(other.id, [ReceiptLine(other_line.id, D("5"))])
    variables = {"id": gid("PurchaseOrder", order.id)}

    async def receipts(**extra: Any) -> list[tuple[str, str]]:
        result = await gql(RECEIPTS, {**variables, **extra}, role="READONLY")
        moves = result["data"]["purchaseOrder"]["receipts"]
        assert moves["totalCount"] == len(moves["edges"])
        assert {(e["node"]["source"], e["node"]["warehouse"]["code"]) for e in moves["edges"]} <= {
            ("PO_RECEIPT", "MAIN")
        }
        assert {e["node"]["reference"] for e in moves["edges"]} <= {order.number}
        return [(e["node"]["product"]["sku"], e["node"]["quantity"]) for e in moves["edges"]]

    assert await receipts() == [("BOLT", "60"), ("BOLT", "40"), ("PAINT", "3")]
    assert await receipts(filter={"productId": gid("Product", paint.id)}) == [("PAINT", "3")]
    assert await receipts(order={"field": "QUANTITY", "direction": "ASC"}) == [
        ("PAINT", "3"),
        ("BOLT", "40"),
        ("BOLT", "60"),
    ]
    assert await receipts(filter={"source": "SHIPMENT"}) == []


async def test_a_line_read_by_its_id_costs_in_its_orders_currency(gql: Any, database: str):
    supplier = await Account.create(name="Euro Parts", currency="EUR")
    bolt = await make_product("BOLT")
    nut = await make_product("NUT")
    order = await services.create_purchase_order(
        supplier.id,
        [
            PurchaseLineDraft(bolt.id, D("10"), D("0.1234"), today() + timedelta(days=3)),
            PurchaseLineDraft(nut.id, D("10"), D("2.5")),
        ],
    )
    ids = [gid("PurchaseOrderLine", line.id) for line in await order.lines.all()]

    one = await gql(
        "query($id: ID!) { node(id: $id) { ... on PurchaseOrderLine { unitCost { amount "
        "currency } } } }",
        {"id": ids[0]},
        role="FINANCE",
    )
    both = await gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on PurchaseOrderLine { product { sku } "
        "unitCost { amount currency } } } }",
        {"ids": ids},
        role="OPERATIONS",
    )

    assert one["data"]["node"] == {"unitCost": {"amount": "0.1234", "currency": "EUR"}}
    assert both["data"]["nodes"] == [
        {"product": {"sku": "BOLT"}, "unitCost": {"amount": "0.1234", "currency": "EUR"}},
        {"product": {"sku": "NUT"}, "unitCost": {"amount": "2.50", "currency": "EUR"}},
    ]
