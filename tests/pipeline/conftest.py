"""Factories for the front-office tests: accounts, products and opportunities via domain calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.auth.models import Role
from domain.outbox.models import Event
from domain.pipeline.models import Opportunity
from domain.pipeline.services import create_opportunity
from domain.pipeline.stages import Stage
from domain.users.models import User
from tests.factories import make_account_fixture, make_product_fixture  # noqa: F401 (fixtures)


async def owner_user(name: str) -> User:
    """The user called `name` (email `<name>@example.com`), created on first use (§13)."""
    user, _ = await User.get_or_create(
        email=f"{name}@example.com", defaults={"name": name, "role": Role.SALES}
    )
    return user


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
            fields["owner_id"] = (await owner_user(owner)).id
        if lines is not None:
            fields["lines"] = lines
        return await create_opportunity(fields, stage=stage, probability=probability)

    return make


@pytest.fixture
def event_types(database: str) -> Callable[[], Awaitable[list[str]]]:
    async def types() -> list[str]:
        return [event.type for event in await Event.all().order_by("id")]

    return types
