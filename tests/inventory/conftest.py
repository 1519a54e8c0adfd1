"""Factories for the stock tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest

from domain.catalog.models import Product
from domain.catalog.services import create_product


@pytest.fixture
def make_product(database: str) -> Callable[..., Awaitable[Product]]:
    async def make(sku: str = "WIDGET", standard_cost: str = "4.00", **fields: Any) -> Product:
        return await create_product(
            {
                "sku": sku,
                "name": fields.pop("name", sku.title()),
                "standard_cost": Decimal(standard_cost),
                **fields,
            }
        )

    return make
