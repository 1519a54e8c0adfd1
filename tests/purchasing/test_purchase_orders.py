"""Purchase orders: create, receive into MAIN at standard cost with its variance (§5.1, §5.3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.clock import today
from domain.inventory.models import StockMove
from domain.ledger.models import JournalEntry, JournalLine
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from tests.factories import gid, on_hand
from tests.factories import make_account_row as make_supplier
from tests.factories import make_item as make_product

D = Decimal
PO1 = f"PO-{today().year}-000001"  # §5.1: PO-YYYY-NNNNNN

CREATE = """
mutation($input: PurchaseOrderCreateInput!) {
  purchaseOrderCreate(input: $input) {
    purchaseOrder {
      id number status supplier { name } total { amount currency }
      lines { id product { sku } quantity quantityReceived unitCost { amount } expectedDate }
    }
    errors { field code message }
  }
}
"""
RECEIVE = """
mutation($input: PurchaseOrderReceiveInput!) {
  purchaseOrderReceive(input: $input) {
    purchaseOrder { number status lines { product { sku } quantityReceived } }
    errors { field code message }
  }
}
"""


async def bolts_and_paint_order(gql: Any) -> dict[str, Any]:
    supplier = await make_supplier()
    bolt = await make_product("BOLT", standard_cost="0.25")
    paint = await make_product("PAINT", standard_cost="12.3456")
    result = await gql(
        CREATE,
        {
            "input": {
                "supplierId": gid("Account", supplier.id),
                "lines": [
                    {"productId": gid("Product", bolt.id), "quantity": "100",
                     "unitCost": "0.1234", "expectedDate": "2026-03-10"},
                    {"productId": gid("Product", paint.id), "quantity": "3",
                     "expectedDate": "2026-03-12"},
                ],
            }
        },
    )  # fmt: skip
    assert result["data"]["purchaseOrderCreate"]["errors"] == []
    order = result["data"]["purchaseOrderCreate"]["purchaseOrder"]
    return {"order": order, "bolt": bolt, "paint": paint, "supplier": supplier}


async def receipt_postings() -> list[tuple[str, str, Decimal, Decimal]]:
    rows = (
        await JournalLine.filter(entry__source="PO_RECEIPT")
        .order_by("id")
        .values_list("entry__reference", "ledger_account__code", "debit", "credit")
    )
    return [(ref, code, D(debit), D(credit)) for ref, code, debit, credit in rows]


async def test_purchase_order_is_created_open_with_its_lines_and_total(
    gql: Any, database: str
) -> None:
    created = await bolts_and_paint_order(gql)
    order = created["order"]
    assert order["number"] == PO1
    assert order["status"] == "OPEN"
    assert order["supplier"] == {"name": "Acme Supplies"}
    # 100 x 0.1234 = 12.34; 3 x 12.3456 (the standard cost) = 37.0368 -> 37.04.
    assert order["total"] == {"amount": "49.38", "currency": "USD"}
    assert [{k: v for k, v in line.items() if k != "id"} for line in order["lines"]] == [
        {"product": {"sku": "BOLT"}, "quantity": "100", "quantityReceived": "0",
         "unitCost": {"amount": "0.1234"}, "expectedDate": "2026-03-10"},
        {"product": {"sku": "PAINT"}, "quantity": "3", "quantityReceived": "0",
         "unitCost": {"amount": "12.3456"}, "expectedDate": "2026-03-12"},
    ]  # fmt: skip


async def test_receiving_moves_stock_into_main_and_posts_inventory_against_payables(
    gql: Any, database: str
) -> None:
    created = await bolts_and_paint_order(gql)
    order = created["order"]
    bolt_line, paint_line = (line["id"] for line in order["lines"])

    first = await gql(
        RECEIVE, {"input": {"id": order["id"], "lines": [{"lineId": bolt_line, "quantity": "60"}]}}
    )
    assert first["data"]["purchaseOrderReceive"] == {
        "purchaseOrder": {
            "number": PO1,
            "status": "OPEN",
            "lines": [
                {"product": {"sku": "BOLT"}, "quantityReceived": "60"},
                {"product": {"sku": "PAINT"}, "quantityReceived": "0"},
            ],
        },
        "errors": [],
    }
    second = await gql(
        RECEIVE,
        {"input": {"id": order["id"], "lines": [
            {"lineId": paint_line, "quantity": "3"}, {"lineId": bolt_line, "quantity": "40"}]}},
    )  # fmt: skip
    assert second["data"]["purchaseOrderReceive"]["purchaseOrder"]["status"] == "RECEIVED"
    assert await on_hand(created["bolt"]) == D("100")
    assert await on_hand(created["paint"]) == D("3")
    moves = (
        await StockMove.filter(source="PO_RECEIPT")
        .order_by("id")
        .values_list("product__sku", "quantity", "warehouse__code", "reference")
    )
    assert [(sku, D(q), wh, ref) for sku, q, wh, ref in moves] == [
        ("BOLT", D("60"), "MAIN", PO1),
        ("BOLT", D("40"), "MAIN", PO1),
        ("PAINT", D("3"), "MAIN", PO1),
    ]
    # §5.3: 1300 at standard, 2050 at the PO's unit cost, the difference to 5200. First 60
    # bolts: 60 x 0.25 = 15.00 against 60 x 0.1234 = 7.404 -> 7.40, 7.60 below standard.
    # Then 40 bolts (100 x 0.25 - 15.00 = 10.00 against 12.34 - 7.40 = 4.94) and 3 paint at
    # its standard 12.3456 (37.0368 -> 37.04 both ways): 47.04 against 41.98.
    assert await receipt_postings() == [
        (PO1, "1300", D("15.00"), D("0")),
        (PO1, "2050", D("0"), D("7.40")),
        (PO1, "5200", D("0"), D("7.60")),
        (PO1, "1300", D("47.04"), D("0")),
        (PO1, "2050", D("0"), D("41.98")),
        (PO1, "5200", D("0"), D("5.06")),
    ]
    again = await gql(
        RECEIVE, {"input": {"id": order["id"], "lines": [{"lineId": bolt_line, "quantity": "1"}]}}
    )
    assert again["data"]["purchaseOrderReceive"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_bad_receipts_are_refused_and_change_nothing(gql: Any, database: str) -> None:
    created = await bolts_and_paint_order(gql)
    order = created["order"]
    bolt_line, paint_line = (line["id"] for line in order["lines"])
    cases = [
        ([{"lineId": bolt_line, "quantity": "60"}, {"lineId": paint_line, "quantity": "3.5"}],
         ["lines", "1", "quantity"], "INVALID"),
        ([{"lineId": bolt_line, "quantity": "0"}], ["lines", "0", "quantity"], "INVALID"),
        ([{"lineId": bolt_line, "quantity": "1"}, {"lineId": bolt_line, "quantity": "1"}],
         ["lines", "1", "lineId"], "DUPLICATE"),
        ([{"lineId": gid("PurchaseOrderLine", 999), "quantity": "1"}],
         ["lines", "0", "lineId"], "NOT_FOUND"),
        ([], ["lines"], "REQUIRED"),
    ]  # fmt: skip
    for lines, field, code in cases:
        result = await gql(RECEIVE, {"input": {"id": order["id"], "lines": lines}})
        (error,) = result["data"]["purchaseOrderReceive"]["errors"]
        assert (error["field"], error["code"]) == (field, code), lines
    assert await StockMove.all().count() == 0
    assert await JournalEntry.all().count() == 0
    received = await PurchaseOrderLine.all().values_list("quantity_received", flat=True)
    assert [D(q) for q in received] == [D("0"), D("0")]


async def test_bad_purchase_orders_are_refused(gql: Any, database: str) -> None:
    supplier = await make_supplier()
    bolt = await make_product("BOLT")
    install = await make_product("INSTALL", kind="SERVICE")
    supplier_id = gid("Account", supplier.id)
    cases = [
        ({"supplierId": supplier_id, "lines": []}, ["lines"], "REQUIRED"),
        ({"supplierId": gid("Account", 999),
          "lines": [{"productId": gid("Product", bolt.id), "quantity": "1"}]},
         ["supplierId"], "NOT_FOUND"),
        ({"supplierId": supplier_id,
          "lines": [{"productId": gid("Product", bolt.id), "quantity": "-2"}]},
         ["lines", "0", "quantity"], "INVALID"),
        ({"supplierId": supplier_id,
          "lines": [{"productId": gid("Product", bolt.id), "quantity": "1", "unitCost": "-1"}]},
         ["lines", "0", "unitCost"], "INVALID"),
        ({"supplierId": supplier_id,
          "lines": [{"productId": gid("Product", install.id), "quantity": "1"}]},
         ["lines", "0", "productId"], "INVALID"),
    ]  # fmt: skip
    for variables, field, code in cases:
        result = await gql(CREATE, {"input": variables})
        (error,) = result["data"]["purchaseOrderCreate"]["errors"]
        assert (error["field"], error["code"]) == (field, code), variables
    assert await PurchaseOrder.all().count() == 0
    forbidden = await gql(
        CREATE,
        {"input": {"supplierId": supplier_id,
                   "lines": [{"productId": gid("Product", bolt.id), "quantity": "1"}]}},
        role="SALES",
    )  # fmt: skip
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_purchase_orders_list_issues_the_same_statements_for_50_as_for_5(
    gql: Any, database: str, count_queries: Any
) -> None:
    supplier = await make_supplier()
    bolt = await make_product("BOLT")
    # 51: a page of all of them would know its totalCount without the COUNT statement.
    for _ in range(51):
        await gql(
            CREATE,
            {"input": {"supplierId": gid("Account", supplier.id), "lines": [
                {"productId": gid("Product", bolt.id), "quantity": "2", "unitCost": "1.5"}]}},
        )  # fmt: skip
    query = """query($n: Int!) { purchaseOrders(first: $n, filter: {status: OPEN}) {
      totalCount edges { node { number supplier { name } total { amount }
      lines { product { sku } unitCost { amount } } receipts { totalCount } } } } }"""
    counts = []
    for first in (5, 50):
        with count_queries() as counter:
            result = await gql(query, {"n": first})
        assert len(result["data"]["purchaseOrders"]["edges"]) == first
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_every_role_reads_purchase_orders_but_only_cost_roles_see_their_costs(
    gql: Any, database: str
) -> None:
    await bolts_and_paint_order(gql)
    query = (
        "{ purchaseOrders(first: 5) { edges { node { number lines { unitCost { amount } } } } } }"
    )
    plain = await gql(
        "{ purchaseOrders(first: 5) { edges { node { number status } } } }", role="SALES"
    )
    assert plain["data"]["purchaseOrders"]["edges"] == [{"node": {"number": PO1, "status": "OPEN"}}]
    hidden = await gql(query, role="SALES")
    assert {e["extensions"]["code"] for e in hidden["errors"]} == {"FORBIDDEN"}
    shown = await gql(query, role="OPERATIONS")
    lines = shown["data"]["purchaseOrders"]["edges"][0]["node"]["lines"]
    assert [line["unitCost"]["amount"] for line in lines] == ["0.1234", "12.3456"]
