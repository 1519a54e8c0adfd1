"""Warehouses, stock adjustments, levels and moves (§5.1), with their ledger postings (§5.3)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from api.relay import encode_id
from domain.errors import DomainError, ErrorCode
from domain.inventory.models import StockLevel, StockMove, Warehouse
from domain.inventory.services import (
    adjust_stock,
    default_warehouse,
    move_stock,
    on_hand_by_product,
)
from domain.ledger.models import JournalEntry, JournalLine

ADJUST = """
mutation($input: StockAdjustInput!) {
  stockAdjust(input: $input) {
    stockMove { quantity reason source product { sku } warehouse { code } }
    stockLevel { onHand reserved available }
    errors { field code message }
  }
}"""

LEVELS = """
query($id: ID!) {
  product(id: $id) {
    onHand available
    stockLevels { edges { node { warehouse { code } onHand reserved available } } }
  }
}"""


async def adjust(gql, product, warehouse, quantity: str, reason: str = "Cycle count", **kw):
    return await gql(
        ADJUST,
        {
            "input": {
                "productId": encode_id("Product", product.id),
                "warehouseId": encode_id("Warehouse", warehouse.id),
                "quantity": quantity,
                "reason": reason,
            }
        },
        **kw,
    )


async def postings() -> list[list[tuple[str, Decimal, Decimal]]]:
    entries = []
    for entry in await JournalEntry.all().order_by("id"):
        lines = await JournalLine.filter(entry_id=entry.id).prefetch_related("ledger_account")
        entries.append([(ln.ledger_account.code, ln.debit, ln.credit) for ln in lines])
    return entries


async def test_the_main_warehouse_is_seeded(gql):
    result = await gql("{ warehouses { edges { node { code name } } } }", role="READONLY")

    assert result["data"]["warehouses"]["edges"] == [
        {"node": {"code": "MAIN", "name": "Main warehouse"}}
    ]


async def test_warehouse_create_and_a_duplicate_code(gql):
    query = """
    mutation($input: WarehouseCreateInput!) {
      warehouseCreate(input: $input) { warehouse { code name } errors { field code } }
    }"""

    created = await gql(query, {"input": {"code": "east", "name": "East depot"}}, role="OPERATIONS")
    again = await gql(query, {"input": {"code": "EAST", "name": "Other"}}, role="OPERATIONS")

    assert created["data"]["warehouseCreate"] == {
        "warehouse": {"code": "EAST", "name": "East depot"},
        "errors": [],
    }
    assert again["data"]["warehouseCreate"]["errors"] == [{"field": ["code"], "code": "DUPLICATE"}]
    assert await Warehouse.all().count() == 2


async def test_stock_adjust_then_levels(gql, make_product):
    widget = await make_product("WIDGET", standard_cost="4.25")
    main = await default_warehouse()
    east = await Warehouse.create(code="EAST", name="East depot")

    first = await adjust(gql, widget, main, "10", "Opening stock", role="OPERATIONS")
    await adjust(gql, widget, main, "-3", "Damaged")
    await adjust(gql, widget, east, "2.5")

    assert first["data"]["stockAdjust"] == {
        "stockMove": {
            "quantity": "10",
            "reason": "Opening stock",
            "source": "ADJUSTMENT",
            "product": {"sku": "WIDGET"},
            "warehouse": {"code": "MAIN"},
        },
        "stockLevel": {"onHand": "10", "reserved": "0", "available": "10"},
        "errors": [],
    }
    levels = await gql(LEVELS, {"id": encode_id("Product", widget.id)}, role="SALES")
    assert levels["data"]["product"] == {
        "onHand": "9.5",
        "available": "9.5",
        "stockLevels": {
            "edges": [
                {
                    "node": {
                        "warehouse": {"code": "MAIN"},
                        "onHand": "7",
                        "reserved": "0",
                        "available": "7",
                    }
                },
                {
                    "node": {
                        "warehouse": {"code": "EAST"},
                        "onHand": "2.5",
                        "reserved": "0",
                        "available": "2.5",
                    }
                },
            ]
        },
    }
    assert await postings() == [
        [("1300", Decimal("42.50"), Decimal("0.00")), ("5100", Decimal("0.00"), Decimal("42.50"))],
        [("1300", Decimal("0.00"), Decimal("12.75")), ("5100", Decimal("12.75"), Decimal("0.00"))],
        [("1300", Decimal("10.63"), Decimal("0.00")), ("5100", Decimal("0.00"), Decimal("10.63"))],
    ]
    assert await on_hand_by_product() == {widget.id: Decimal("9.5")}


async def test_opening_stock_is_posted_against_opening_balance_equity(gql, make_product):
    widget = await make_product("WIDGET", standard_cost="4.25")
    main = await default_warehouse()

    opening = await adjust(gql, widget, main, "10", "OPENING", role="OPERATIONS")
    await adjust(gql, widget, main, "-2", "OPENING")  # the opening count, corrected

    assert opening["data"]["stockAdjust"]["stockMove"]["reason"] == "OPENING"
    assert await postings() == [
        [("1300", Decimal("42.50"), Decimal("0.00")), ("3900", Decimal("0.00"), Decimal("42.50"))],
        [("1300", Decimal("0.00"), Decimal("8.50")), ("3900", Decimal("8.50"), Decimal("0.00"))],
    ]


async def test_stock_adjust_below_zero_is_insufficient_stock_and_writes_nothing(gql, make_product):
    widget = await make_product()
    main = await default_warehouse()
    await adjust(gql, widget, main, "2")

    result = await adjust(gql, widget, main, "-3")

    payload = result["data"]["stockAdjust"]
    assert payload["stockMove"] is None
    assert payload["errors"] == [
        {
            "field": ["quantity"],
            "code": "INSUFFICIENT_STOCK",
            "message": "Only 2 on hand; cannot remove 3.",
        }
    ]
    assert await StockMove.all().count() == 1
    assert await JournalEntry.all().count() == 1
    assert (await StockLevel.get(product_id=widget.id)).on_hand == Decimal("2")


async def test_stock_adjust_needs_a_reason_and_a_stocked_product(gql, make_product):
    main = await default_warehouse()
    widget = await make_product("WIDGET")
    install = await make_product("INSTALL", kind="SERVICE")

    no_reason = await adjust(gql, widget, main, "1", " ")
    service = await adjust(gql, install, main, "1")

    assert no_reason["data"]["stockAdjust"]["errors"][0]["code"] == "REQUIRED"
    assert service["data"]["stockAdjust"]["errors"][0]["field"] == ["productId"]
    assert await StockMove.all().count() == 0


async def test_sales_may_not_adjust_stock(gql, make_product):
    widget = await make_product()
    main = await default_warehouse()

    result = await adjust(gql, widget, main, "1", role="SALES")

    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_stock_moves_filter_by_product_and_source(gql, make_product):
    widget = await make_product("WIDGET")
    gadget = await make_product("GADGET")
    main = await default_warehouse()
    for product, quantity in ((widget, "5"), (gadget, "1"), (widget, "-2")):
        await adjust(gql, product, main, quantity)
    query = """
    query($filter: StockMoveFilter) {
      stockMoves(filter: $filter, orderBy: {field: CREATED_AT, direction: ASC}) {
        totalCount edges { node { quantity product { sku } } }
      }
    }"""

    result = await gql(
        query, {"filter": {"productId": encode_id("Product", widget.id), "source": "ADJUSTMENT"}}
    )

    moves = result["data"]["stockMoves"]
    assert moves["totalCount"] == 2
    assert [e["node"]["quantity"] for e in moves["edges"]] == ["5", "-2"]


async def test_move_stock_refuses_to_go_below_zero(make_product):
    widget = await make_product()
    main = await default_warehouse()

    with pytest.raises(DomainError) as refused:
        async with in_transaction():
            await move_stock(
                product_id=widget.id,
                warehouse_id=main.id,
                quantity=Decimal("-1"),
                reason="Backflush",
                source="WORK_ORDER",
            )

    assert refused.value.code == ErrorCode.INSUFFICIENT_STOCK
    assert await StockMove.all().count() == 0


async def test_stock_moves_are_immutable_in_the_database(make_product):
    widget = await make_product()
    main = await default_warehouse()
    move = await adjust_stock(
        product_id=widget.id, warehouse_id=main.id, quantity=Decimal("4"), reason="Count"
    )

    with pytest.raises(OperationalError):
        await StockMove.filter(id=move.id).update(quantity=Decimal("40"))
    with pytest.raises(OperationalError):
        await StockMove.filter(id=move.id).delete()

    assert (await StockMove.get(id=move.id)).quantity == Decimal("4")


async def test_two_concurrent_removals_cannot_drive_on_hand_below_zero(postgres_only, make_product):
    widget = await make_product()
    main = await default_warehouse()
    await adjust_stock(
        product_id=widget.id, warehouse_id=main.id, quantity=Decimal("10"), reason="Count"
    )

    results = await asyncio.gather(
        *(
            adjust_stock(
                product_id=widget.id, warehouse_id=main.id, quantity=Decimal("-6"), reason="Loss"
            )
            for _ in range(2)
        ),
        return_exceptions=True,
    )

    assert sorted(type(r).__name__ for r in results) == ["DomainError", "StockMove"]
    assert (await StockLevel.get(product_id=widget.id)).on_hand == Decimal("4")
