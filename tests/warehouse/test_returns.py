"""Customer returns (RMA, §15): never more than shipped − returned, restocked at standard
(Dr 1300 / Cr 5000), the invoiced part credited through billing's credit note rules."""

from __future__ import annotations

from decimal import Decimal

from domain.billing.invoicing import invoice_order
from domain.billing.models import CreditNote
from domain.clock import today
from domain.inventory.models import StockLevel, StockMove
from domain.ledger.models import JournalEntry, JournalLine
from domain.orders.models import SalesOrderLine
from domain.orders.services import ShipLineDraft, ship_sales_order
from domain.outbox.models import Event
from domain.returns.models import Return
from tests.factories import gid
from tests.ledger.books import assert_books_balance

CREATE = """
mutation($input: ReturnCreateInput!) {
  returnCreate(input: $input) {
    return { id number status lines { salesOrderLine { quantity } quantity restock } }
    errors { field code }
  }
}"""
RECEIVE = """
mutation($input: ReturnReceiveInput!) {
  returnReceive(input: $input) {
    return {
      status warehouse { code }
      creditNote { number subtotal { amount } taxTotal { amount } total { amount } }
    }
    errors { field code }
  }
}"""
CANCEL = """
mutation($input: ReturnCancelInput!) {
  returnCancel(input: $input) { return { status } errors { field code } }
}"""
LIST = """
query($id: ID!) { returns(filter: {salesOrderId: $id}) { edges { node { number status } } } }"""


async def shipped_order(make_account, make_product, add_stock, confirmed_order, main):
    """WIDGET 5 × 10.00 (standard 4.00) and GIZMO 2 × 20.00 (standard 1.00), 10 % tax, both
    shipped in full from MAIN."""
    account = await make_account()
    widget = await make_product("WIDGET", "10.00", standard_cost="4.00", tax_rate="10")
    gizmo = await make_product("GIZMO", "20.00", standard_cost="1.00", tax_rate="10")
    await add_stock(widget, "10")
    await add_stock(gizmo, "2")
    order = await confirmed_order(account, (widget, "5"), (gizmo, "2"))
    lines = await SalesOrderLine.filter(order_id=order.id).order_by("position")
    await ship_sales_order(
        order.id,
        (await main()).id,
        [ShipLineDraft(line.id, Decimal(line.quantity)) for line in lines],
    )
    return order, lines, widget, gizmo


def create_input(order, *lines) -> dict:
    return {
        "input": {
            "salesOrderId": gid("SalesOrder", order.id),
            "lines": [
                {"lineId": gid("SalesOrderLine", line.id), "quantity": q, "restock": r}
                for line, q, r in lines
            ],
        }
    }


async def on_hand(product) -> Decimal:
    return Decimal((await StockLevel.get(product_id=product.id)).on_hand)


async def test_a_return_restocks_at_standard_and_credits_the_invoiced_part(
    gql, make_account, make_product, add_stock, confirmed_order, main
):
    order, (widget_line, gizmo_line), widget, gizmo = await shipped_order(
        make_account, make_product, add_stock, confirmed_order, main
    )
    # invoice: 5 × 10.00 + 2 × 20.00 = 90.00 net, 9.00 tax, 99.00 due
    await invoice_order(order.id, today())

    created = await gql(
        CREATE,
        create_input(order, (widget_line, "3", True), (gizmo_line, "1", False)),
        role="SERVICE",
    )
    rma = created["data"]["returnCreate"]["return"]
    assert rma["number"] == f"RMA-{today().year}-000001"
    assert rma["status"] == "AUTHORIZED"
    assert rma["lines"] == [
        {"salesOrderLine": {"quantity": "5"}, "quantity": "3", "restock": True},
        {"salesOrderLine": {"quantity": "2"}, "quantity": "1", "restock": False},
    ]

    # ADMIN: the credit note is read by the billing roles only (OPERATIONS may receive)
    received = await gql(RECEIVE, {"input": {"id": rma["id"]}}, role="ADMIN")

    # credit: 3 × 10.00 + 1 × 20.00 = 50.00 net, 5.00 tax, 55.00 (all of it against 1200)
    assert received["data"]["returnReceive"] == {
        "return": {
            "status": "RECEIVED",
            "warehouse": {"code": "MAIN"},
            "creditNote": {
                "number": f"CN-{today().year}-000001",
                "subtotal": {"amount": "50.00"},
                "taxTotal": {"amount": "5.00"},
                "total": {"amount": "55.00"},
            },
        },
        "errors": [],
    }
    assert await on_hand(widget) == Decimal("8")  # 10 − 5 shipped + 3 back
    assert await on_hand(gizmo) == Decimal("0")  # the gizmo is not restocked
    moves = await StockMove.filter(source="RETURN")
    assert [(m.product_id, m.quantity) for m in moves] == [(widget.id, Decimal("3"))]
    entry = await JournalEntry.get(source="RETURN")
    lines = await JournalLine.filter(entry_id=entry.id).prefetch_related("ledger_account")
    # 3 × 4.00 = 12.00 back at standard
    assert sorted((ln.ledger_account.code, ln.debit, ln.credit) for ln in lines) == [
        ("1300", Decimal("12.00"), Decimal("0")),
        ("5000", Decimal("0"), Decimal("12.00")),
    ]
    event = await Event.get(type="return.received")
    assert event.payload["creditNoteId"] == gid("CreditNote", (await CreditNote.get()).id)
    await assert_books_balance()

    again = await gql(RECEIVE, {"input": {"id": rma["id"]}}, role="OPERATIONS")
    assert again["data"]["returnReceive"]["errors"] == [
        {"field": ["id"], "code": "ALREADY_PROCESSED"}
    ]
    assert await StockMove.filter(source="RETURN").count() == 1


async def test_never_more_than_shipped_minus_returned(
    gql, make_account, make_product, add_stock, confirmed_order, main
):
    order, (widget_line, _), _widget, _ = await shipped_order(
        make_account, make_product, add_stock, confirmed_order, main
    )
    first = await gql(CREATE, create_input(order, (widget_line, "3", True)), role="SALES")
    first_id = first["data"]["returnCreate"]["return"]["id"]

    # 5 shipped − 3 authorized = 2 left
    too_many = await gql(CREATE, create_input(order, (widget_line, "3", True)), role="SALES")
    split = await gql(
        CREATE,
        create_input(order, (widget_line, "2", True), (widget_line, "1", True)),
        role="SALES",
    )

    assert too_many["data"]["returnCreate"] == {
        "return": None,
        "errors": [{"field": ["lines", "0", "quantity"], "code": "INVALID"}],
    }
    assert split["data"]["returnCreate"]["errors"] == [
        {"field": ["lines", "1", "quantity"], "code": "INVALID"}
    ]
    assert await Return.all().count() == 1

    cancelled = await gql(CANCEL, {"input": {"id": first_id}}, role="SALES")
    assert cancelled["data"]["returnCancel"] == {"return": {"status": "CANCELLED"}, "errors": []}
    # a cancelled return no longer counts: 5 may come back now
    again = await gql(CREATE, create_input(order, (widget_line, "5", True)), role="SALES")
    assert again["data"]["returnCreate"]["errors"] == []
    listed = await gql(LIST, {"id": gid("SalesOrder", order.id)}, role="READONLY")
    number = f"RMA-{today().year}-00000"
    assert listed["data"]["returns"]["edges"] == [
        {"node": {"number": f"{number}2", "status": "AUTHORIZED"}},
        {"node": {"number": f"{number}1", "status": "CANCELLED"}},
    ]


async def test_a_return_of_an_uninvoiced_order_restocks_without_a_credit_note(
    gql, make_account, make_product, add_stock, confirmed_order, main, make_warehouse
):
    order, (widget_line, _), widget, _ = await shipped_order(
        make_account, make_product, add_stock, confirmed_order, main
    )
    east = await make_warehouse("EAST")
    created = await gql(CREATE, create_input(order, (widget_line, "2", True)), role="SALES")
    rma_id = created["data"]["returnCreate"]["return"]["id"]

    received = await gql(
        RECEIVE,
        {"input": {"id": rma_id, "warehouseId": gid("Warehouse", east.id)}},
        role="ADMIN",
    )

    assert "errors" not in received

    assert received["data"]["returnReceive"]["return"] == {
        "status": "RECEIVED",
        "warehouse": {"code": "EAST"},
        "creditNote": None,
    }
    level = await StockLevel.get(product_id=widget.id, warehouse_id=east.id)
    assert level.on_hand == Decimal("2")
    assert await CreditNote.all().count() == 0
    await assert_books_balance()
