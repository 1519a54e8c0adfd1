"""Factories for the order tests: accounts, stocked products, stock and orders via domain calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.inventory.services import adjust_stock, default_warehouse
from domain.orders.models import SalesOrder
from domain.orders.services import OrderLineDraft, create_sales_order
from tests.factories import make_account_fixture, make_product_fixture  # noqa: F401 (fixtures)


@pytest.fixture
def add_stock(database: str) -> Callable[..., Awaitable[None]]:
    """Puts `quantity` of the product into MAIN (or the given warehouse) by a stock adjustment."""

    async def add(product: Product, quantity: str, warehouse_id: int | None = None) -> None:
        target = warehouse_id or (await default_warehouse()).id
        await adjust_stock(
            product_id=product.id,
            warehouse_id=target,
            quantity=Decimal(quantity),
            reason="Opening stock",
        )

    return add


@pytest.fixture
def make_order(database: str) -> Callable[..., Awaitable[SalesOrder]]:
    """`await make_order(account, (product, "10"), (other, "2", "5.00"))`: lines of
    (product, quantity[, unit price])."""

    async def make(account: Account, *lines: tuple[Any, ...], **options: Any) -> SalesOrder:
        drafts = [
            OrderLineDraft(
                product_id=line[0].id,
                quantity=Decimal(line[1]),
                unit_price=Decimal(line[2]) if len(line) > 2 else None,
            )
            for line in lines
        ]
        return await create_sales_order(account.id, drafts, **options)

    return make
