"""Factories for the warehouse tests: products, stock, warehouses and orders via domain calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.inventory.models import Warehouse
from domain.inventory.services import adjust_stock, create_warehouse, default_warehouse
from domain.orders.models import SalesOrder
from domain.orders.services import OrderLineDraft, confirm_sales_order, create_sales_order
from tests.factories import make_account_fixture, make_product_fixture  # noqa: F401 (fixtures)


@pytest.fixture
def add_stock(database: str) -> Callable[..., Awaitable[None]]:
    """Puts `quantity` of the product into MAIN (or the given warehouse) by a stock adjustment
    (reason "Cycle count": Dr 1300 / Cr 5100 at standard)."""

    async def add(product: Product, quantity: str, warehouse_id: int | None = None) -> None:
        target = warehouse_id or (await default_warehouse()).id
        await adjust_stock(
            product_id=product.id,
            warehouse_id=target,
            quantity=Decimal(quantity),
            reason="Cycle count",
        )

    return add


@pytest.fixture
def main(database: str) -> Callable[[], Awaitable[Warehouse]]:
    return default_warehouse


@pytest.fixture
def make_warehouse(database: str) -> Callable[..., Awaitable[Warehouse]]:
    async def make(code: str = "EAST") -> Warehouse:
        return await create_warehouse(code, f"{code.title()} depot")

    return make


@pytest.fixture
def confirmed_order(database: str) -> Callable[..., Awaitable[SalesOrder]]:
    """`await confirmed_order(account, (product, "10", "5.00"), ...)`: a confirmed order."""

    async def make(account: Account, *lines: tuple[Any, ...]) -> SalesOrder:
        drafts = [
            OrderLineDraft(
                product_id=line[0].id,
                quantity=Decimal(line[1]),
                unit_price=Decimal(line[2]) if len(line) > 2 else None,
            )
            for line in lines
        ]
        order = await create_sales_order(account.id, drafts)
        return await confirm_sales_order(order.id)

    return make
