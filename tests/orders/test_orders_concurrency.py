"""Races on PostgreSQL: concurrent confirms and ships never over-reserve or over-ship (§5.2)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from domain.errors import DomainError, ErrorCode
from domain.inventory.models import StockLevel
from domain.orders.models import SalesOrderLine
from domain.orders.services import ShipLineDraft, confirm_sales_order, ship_sales_order


async def test_two_concurrent_confirms_reserve_ten_units_in_total_never_more(
    postgres_only, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "10")
    first = await make_order(account, (widget, "7"))
    second = await make_order(account, (widget, "7"))

    await asyncio.gather(confirm_sales_order(first.id), confirm_sales_order(second.id))

    reserved = sorted(line.quantity_reserved for line in await SalesOrderLine.all())
    assert reserved == [Decimal("3"), Decimal("7")]
    level = await StockLevel.get(product_id=widget.id)
    assert (level.on_hand, level.reserved) == (Decimal("10"), Decimal("10"))


async def test_two_concurrent_ships_cannot_drive_on_hand_below_zero(
    postgres_only, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    first = await make_order(account, (widget, "6"))
    second = await make_order(account, (widget, "6"))
    await confirm_sales_order(first.id)  # nothing on hand yet: both fully backordered
    await confirm_sales_order(second.id)
    await add_stock(widget, "10")
    main_id = (await StockLevel.get(product_id=widget.id)).warehouse_id

    async def ship(order_id: int) -> str:
        line = await SalesOrderLine.get(order_id=order_id)
        try:
            await ship_sales_order(order_id, main_id, [ShipLineDraft(line.id, Decimal("6"))])
        except DomainError as error:
            return error.code.value
        return "SHIPPED"

    outcomes = await asyncio.gather(ship(first.id), ship(second.id))

    assert sorted(outcomes) == [ErrorCode.INSUFFICIENT_STOCK.value, "SHIPPED"]
    level = await StockLevel.get(product_id=widget.id)
    assert (level.on_hand, level.reserved) == (Decimal("4"), Decimal("0"))


async def test_the_same_order_shipped_twice_at_once_ships_once(
    postgres_only, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "10")
    order = await make_order(account, (widget, "5"))
    await confirm_sales_order(order.id)
    line = await SalesOrderLine.get(order_id=order.id)
    main_id = (await StockLevel.get(product_id=widget.id)).warehouse_id

    results = await asyncio.gather(
        ship_sales_order(order.id, main_id, [ShipLineDraft(line.id, Decimal("5"))]),
        ship_sales_order(order.id, main_id, [ShipLineDraft(line.id, Decimal("5"))]),
        return_exceptions=True,
    )

    errors = [r for r in results if isinstance(r, DomainError)]
    assert [e.code for e in errors] == [ErrorCode.INVALID_TRANSITION]
    level = await StockLevel.get(product_id=widget.id)
    assert (level.on_hand, level.reserved) == (Decimal("5"), Decimal("0"))
