"""Factories for the front-office tests: accounts, products and opportunities via domain calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account
from domain.catalog.models import Product
from domain.outbox.models import Event
from domain.pipeline.models import Opportunity
from domain.pipeline.services import create_opportunity
from domain.pipeline.stages import Stage


@pytest.fixture
def make_account(database: str) -> Callable[..., Awaitable[Account]]:
    async def make(name: str = "Acme Corp", **fields: Any) -> Account:
        return await create_account({"name": name, **fields})

    return make


@pytest.fixture
def make_product(database: str) -> Callable[..., Awaitable[Product]]:
    async def make(sku: str = "WIDGET", list_price: str = "10.00", **fields: Any) -> Product:
        return await Product.create(
            sku=sku, name=fields.pop("name", sku.title()), list_price=Decimal(list_price), **fields
        )

    return make


@pytest.fixture
def make_opportunity(database: str) -> Callable[..., Awaitable[Opportunity]]:
    async def make(
        account: Account,
        name: str = "Big deal",
        *,
        amount: str | None = None,
        stage: Stage | None = None,
        probability: int | None = None,
        expected_close_date: date | None = None,
        owner: str | None = None,
        lines: Sequence[dict[str, Any]] | None = None,
    ) -> Opportunity:
        fields: dict[str, Any] = {"account_id": account.id, "name": name}
        if amount is not None:
            fields["amount"] = Decimal(amount)
        if expected_close_date is not None:
            fields["expected_close_date"] = expected_close_date
        if owner is not None:
            fields["owner"] = owner
        if lines is not None:
            fields["lines"] = lines
        return await create_opportunity(fields, stage=stage, probability=probability)

    return make


@pytest.fixture
def event_types(database: str) -> Callable[[], Awaitable[list[str]]]:
    async def types() -> list[str]:
        return [event.type for event in await Event.all().order_by("id")]

    return types
