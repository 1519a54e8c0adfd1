"""Small data factories shared by the test areas, and the fixtures that hand them to tests."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest
from redis.asyncio import Redis

from api.relay import encode_id
from domain.accounts.models import Account
from domain.accounts.services import create_account
from domain.catalog.models import Procurement, Product, ProductKind
from domain.catalog.services import create_product
from domain.inventory.models import StockLevel


async def make_account(name: str = "Acme Corp", **fields: Any) -> Account:
    """An account through the use case (validated, with its `account.created` event)."""
    return await create_account({"name": name, **fields})


async def make_product(
    sku: str = "WIDGET",
    list_price: str = "10.00",
    *,
    standard_cost: str = "4.00",
    tax_rate: str = "0",
    **fields: Any,
) -> Product:
    """A product through the catalog use case, named after its SKU."""
    return await create_product(
        {
            "sku": sku,
            "name": fields.pop("name", sku.title()),
            "list_price": Decimal(list_price),
            "standard_cost": Decimal(standard_cost),
            "tax_rate": Decimal(tax_rate),
            **fields,
        }
    )


async def make_item(
    sku: str,
    procurement: str = "BUY",
    *,
    kind: str = "STOCKED",
    lead_time_days: int = 0,
    safety_stock: str = "0",
    min_order_quantity: str = "0",
    order_multiple: str = "0",
    standard_cost: str = "0",
) -> Product:
    """A product with the planning parameters of MRP (§6), written straight to its table:
    planning tests build combinations the catalog's validation would refuse."""
    return await Product.create(
        sku=sku,
        name=sku.title(),
        kind=ProductKind(kind),
        procurement=Procurement(procurement),
        lead_time_days=lead_time_days,
        safety_stock=Decimal(safety_stock),
        min_order_quantity=Decimal(min_order_quantity),
        order_multiple=Decimal(order_multiple),
        standard_cost=Decimal(standard_cost),
    )


async def make_account_row(name: str = "Acme Supplies") -> Account:
    """An account row written straight to its table (no event), in USD."""
    return await Account.create(name=name, currency="USD")


async def on_hand(product: Product) -> Decimal:
    """The product's on-hand quantity summed over all warehouses."""
    levels = await StockLevel.filter(product_id=product.id)
    return sum((Decimal(level.on_hand) for level in levels), Decimal(0))


def gid(type_name: str, pk: int) -> str:
    """The Relay global id of a row."""
    return encode_id(type_name, pk)


# The fixtures of the areas whose tests take factories as arguments: their conftest imports
# them. Depending on `database` makes sure the ORM is up before a test builds anything.
@pytest.fixture(name="make_account")
def make_account_fixture(database: str) -> Callable[..., Awaitable[Account]]:
    return make_account


@pytest.fixture(name="make_product")
def make_product_fixture(database: str) -> Callable[..., Awaitable[Product]]:
    return make_product


def rate_prefix() -> str:
    """A queue name of a test's own for rate-limit keys (`<prefix>:rate:<subject>`)."""
    return f"tandem-rate-test-{uuid.uuid4().hex[:8]}"


async def forget_rate_keys(redis: Redis, prefix: str) -> None:
    keys = [key async for key in redis.scan_iter(f"{prefix}:*")]
    if keys:
        await redis.delete(*keys)
