"""Races on PostgreSQL: stock moves of one product in two warehouses and a standard cost
change at the same time still leave 1300 = stock at standard cost (§5.3)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from domain.catalog.services import update_product
from domain.inventory.services import adjust_stock, create_warehouse, default_warehouse
from tests.factories import make_item
from tests.ledger.books import assert_books_balance, balances

D = Decimal


async def test_moves_in_two_warehouses_and_a_cost_change_racing_keep_inventory_exact(
    postgres_only: None,
) -> None:
    resistor = await make_item("RES-10K", standard_cost="0.0042")
    main = await default_warehouse()
    annex = await create_warehouse("ANNEX", "Annex")

    async def add(warehouse_id: int) -> None:
        for _ in range(5):
            await adjust_stock(
                product_id=resistor.id, warehouse_id=warehouse_id, quantity=D("1"), reason="Found"
            )

    await asyncio.gather(
        add(main.id),
        add(annex.id),
        update_product(resistor.id, {"standard_cost": D("0.0051")}),
    )

    await assert_books_balance()
    # Whenever the change landed, 10 resistors end at 0.0051: 0.051 -> 0.05.
    assert (await balances())["1300"] == D("0.05")
