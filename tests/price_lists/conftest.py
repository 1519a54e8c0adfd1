"""Price-list fixtures: two products, an account, its contract list and the default list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account, update_account
from domain.catalog.models import Product
from domain.outbox.models import Event
from domain.price_lists.models import PriceList, PriceListItem
from domain.price_lists.services import create_price_list, set_price_list_items
from tests.factories import make_product

D = Decimal


@pytest.fixture
async def widget(database: str) -> Product:
    return await make_product("WIDGET", "10.00")


@pytest.fixture
async def gadget(database: str) -> Product:
    return await make_product("GADGET", "20.00")


@pytest.fixture
async def contract(widget: Product) -> PriceList:
    """The account's list for the first half of 2027: widgets 9.00, 8.50 from 10, listPrice
    less 20 % from 100; no gadgets."""
    price_list = await create_price_list(
        {"name": "Acme contract", "valid_from": date(2027, 1, 1), "valid_to": date(2027, 6, 30)}
    )
    return await set_price_list_items(
        price_list.id,
        [
            {"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("9.00")},
            {"product_id": widget.id, "min_quantity": D("10"), "unit_price": D("8.50")},
            {"product_id": widget.id, "min_quantity": D("100"), "discount_percent": D("20")},
        ],
    )


@pytest.fixture
async def default_list(widget: Product, gadget: Product) -> PriceList:
    """The USD default: widgets 9.50 from 5 (none below), gadgets listPrice less 5 %."""
    price_list = await create_price_list({"name": "Standard", "is_default": True})
    return await set_price_list_items(
        price_list.id,
        [
            {"product_id": widget.id, "min_quantity": D("5"), "unit_price": D("9.50")},
            {"product_id": gadget.id, "min_quantity": D("0"), "discount_percent": D("5")},
        ],
    )


@pytest.fixture
async def acme(contract: PriceList, default_list: PriceList) -> Account:
    account = await create_account({"name": "Acme Corp"})
    return await update_account(account.id, {"price_list_id": contract.id})


async def snapshot() -> tuple[Any, ...]:
    """What a refused change must leave as it was: lists, items, accounts' lists, events."""
    return (
        await PriceList.all()
        .order_by("id")
        .values_list("name", "currency", "default_for", "valid_from", "valid_to"),
        await PriceListItem.all()
        .order_by("id")
        .values_list("price_list_id", "product_id", "min_quantity", "unit_price"),
        await Account.all().order_by("id").values_list("id", "price_list_id"),
        await Event.all().count(),
    )
