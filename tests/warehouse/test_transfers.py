"""stockTransfer (§15): two moves, no ledger entry, never below zero, safe under concurrency."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from domain.clock import today
from domain.errors import DomainError, ErrorCode
from domain.inventory.models import StockLevel, StockMove
from domain.inventory.transfers import transfer_stock
from domain.ledger.models import JournalEntry
from domain.orders.models import SalesOrderLine
from domain.orders.services import ShipLineDraft, ship_sales_order
from tests.factories import gid

TRANSFER = """
mutation($input: StockTransferInput!) {
  stockTransfer(input: $input) {
    number
    stockMoves { quantity source reference warehouse { code } }
    fromLevel { onHand reserved }
    toLevel { onHand }
    errors { field code }
  }
}"""


def transfer_input(product, source, target, quantity: str) -> dict:
    return {
        "input": {
            "productId": gid("Product", product.id),
            "fromWarehouseId": gid("Warehouse", source.id),
            "toWarehouseId": gid("Warehouse", target.id),
            "quantity": quantity,
        }
    }


async def levels(product) -> dict[int, Decimal]:
    return {
        level.warehouse_id: Decimal(level.on_hand)
        for level in await StockLevel.filter(product_id=product.id)
    }


async def test_a_transfer_books_two_moves_and_no_entry(
    gql, make_product, add_stock, main, make_warehouse
):
    widget = await make_product("WIDGET", standard_cost="4.00")
    home, east = await main(), await make_warehouse("EAST")
    await add_stock(widget, "10")
    entries = await JournalEntry.all().count()

    result = await gql(TRANSFER, transfer_input(widget, home, east, "4"), role="OPERATIONS")

    number = f"TR-{today().year}-000001"
    assert result["data"]["stockTransfer"] == {
        "number": number,
        "stockMoves": [
            {
                "quantity": "-4",
                "source": "TRANSFER",
                "reference": number,
                "warehouse": {"code": "MAIN"},
            },
            {
                "quantity": "4",
                "source": "TRANSFER",
                "reference": number,
                "warehouse": {"code": "EAST"},
            },
        ],
        "fromLevel": {"onHand": "6", "reserved": "0"},  # 10 − 4
        "toLevel": {"onHand": "4"},
        "errors": [],
    }
    assert await levels(widget) == {home.id: Decimal("6"), east.id: Decimal("4")}
    assert await JournalEntry.all().count() == entries  # 1300 is over all warehouses


async def test_bad_transfers_change_nothing(
    gql, make_product, make_account, add_stock, main, make_warehouse, confirmed_order
):
    widget = await make_product("WIDGET", standard_cost="4.00")
    home, east = await main(), await make_warehouse("EAST")
    await add_stock(widget, "10")
    await confirmed_order(await make_account(), (widget, "7"))  # reserves 7 of MAIN's 10
    moves = await StockMove.all().count()

    same = await gql(TRANSFER, transfer_input(widget, home, home, "1"), role="OPERATIONS")
    # available = 10 on hand − 7 reserved = 3: 4 is too many, although 10 are on hand
    too_many = await gql(TRANSFER, transfer_input(widget, home, east, "4"), role="OPERATIONS")
    nothing_there = await gql(TRANSFER, transfer_input(widget, east, home, "1"), role="OPERATIONS")

    assert same["data"]["stockTransfer"]["errors"] == [
        {"field": ["toWarehouseId"], "code": "INVALID"}
    ]
    assert too_many["data"]["stockTransfer"]["errors"] == [
        {"field": ["quantity"], "code": "INSUFFICIENT_STOCK"}
    ]
    assert nothing_there["data"]["stockTransfer"]["errors"] == [
        {"field": ["quantity"], "code": "INSUFFICIENT_STOCK"}
    ]
    assert await StockMove.all().count() == moves
    assert await levels(widget) == {home.id: Decimal("10")}  # not even a level in EAST
    level = await StockLevel.get(product_id=widget.id, warehouse_id=home.id)
    assert level.reserved == Decimal("7")


async def test_sales_cannot_transfer(gql, make_product, main, make_warehouse):
    widget = await make_product("WIDGET")
    home, east = await main(), await make_warehouse("EAST")

    result = await gql(TRANSFER, transfer_input(widget, home, east, "1"), role="SALES")

    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_concurrent_transfers_and_shipments_never_go_below_zero(
    postgres_only, make_product, make_account, add_stock, main, make_warehouse, confirmed_order
):
    widget = await make_product("WIDGET", standard_cost="4.00")
    home, east = await main(), await make_warehouse("EAST")
    account = await make_account()
    # Confirmed with nothing on hand: both fully backordered, so nothing is reserved.
    orders = [await confirmed_order(account, (widget, "2")) for _ in range(2)]
    await add_stock(widget, "10")

    async def transfer() -> str:
        try:
            await transfer_stock(
                product_id=widget.id,
                from_warehouse_id=home.id,
                to_warehouse_id=east.id,
                quantity=Decimal("2"),
            )
        except DomainError as error:
            return error.code.value
        return "DONE"

    async def ship(order_id: int) -> str:
        line = await SalesOrderLine.get(order_id=order_id)
        try:
            await ship_sales_order(order_id, home.id, [ShipLineDraft(line.id, Decimal("2"))])
        except DomainError as error:
            return error.code.value
        return "DONE"

    # 5 transfers and 2 shipments of 2 each want 14 of the 10 on hand: exactly 5 go through.
    outcomes = await asyncio.gather(
        *(transfer() for _ in range(5)), *(ship(order.id) for order in orders)
    )

    assert sorted(outcomes) == ["DONE"] * 5 + [ErrorCode.INSUFFICIENT_STOCK.value] * 2
    on_hand = await levels(widget)
    shipped = -sum(
        (Decimal(m.quantity) for m in await StockMove.filter(source="SHIPMENT")), Decimal(0)
    )
    assert on_hand[home.id] == Decimal("0")  # 10 − 5 × 2
    assert on_hand[east.id] + shipped == Decimal("10")
