"""Quote-to-order fixtures: the domain clock frozen on a Monday, and a deal worth quoting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain import clock as domain_clock
from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.inventory.services import adjust_stock, default_warehouse
from domain.outbox.models import Event
from domain.pipeline.models import Opportunity
from domain.pipeline.services import create_opportunity
from tests.factories import make_account, make_product

D = Decimal
TODAY = date(2026, 3, 2)


@dataclass
class Clock:
    """What the domain reads as now; a test moves it with `advance`."""

    now: datetime = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    @property
    def today(self) -> date:
        return self.now.date()

    def advance(self, days: int) -> None:
        self.now += timedelta(days=days)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock()
    monkeypatch.setattr(domain_clock, "utcnow", lambda: frozen.now)
    yield frozen


@dataclass
class Deal:
    account: Account
    bike: Product
    helmet: Product
    opportunity: Opportunity


async def add_stock(product: Product, quantity: str) -> None:
    warehouse = await default_warehouse()
    await adjust_stock(
        product_id=product.id,
        warehouse_id=warehouse.id,
        quantity=D(quantity),
        reason="Opening stock",
    )


async def make_deal(credit_limit: str | None = None, **opportunity: Any) -> Deal:
    """A deal of Globex (a new account each time, the products shared): 2 bikes at 1 200.00
    less 10 % (taxed 8 %) and 5 helmets at the list price 49.90 (taxed 8 %); the deal's
    amount is 2 160.00 + 249.50 = 2 409.50."""
    fields: dict[str, Any] = {"name": "Globex"}
    if credit_limit is not None:
        fields["credit_limit"] = D(credit_limit)
    account = await make_account(**fields)
    bike = await Product.get_or_none(sku="BIKE") or await make_product(
        "BIKE", "1250.00", standard_cost="700.00", tax_rate="8", lead_time_days=10
    )
    helmet = await Product.get_or_none(sku="HELMET") or await make_product(
        "HELMET", "49.90", standard_cost="18.25", tax_rate="8"
    )
    deal = await create_opportunity(
        {
            "account_id": account.id,
            "name": "Globex fleet",
            "lines": [
                {
                    "product_id": bike.id,
                    "quantity": D("2"),
                    "unit_price": D("1200.00"),
                    "discount_percent": D("10"),
                },
                {"product_id": helmet.id, "quantity": D("5")},
            ],
            **opportunity,
        }
    )
    return Deal(account, bike, helmet, deal)


@pytest.fixture
def deal_factory(database: str, clock: Clock) -> Callable[..., Awaitable[Deal]]:
    return make_deal


@pytest.fixture
def event_types(database: str) -> Callable[..., Awaitable[list[str]]]:
    async def types(prefix: str = "") -> list[str]:
        return [
            event.type
            for event in await Event.all().order_by("id")
            if event.type.startswith(prefix)
        ]

    return types
