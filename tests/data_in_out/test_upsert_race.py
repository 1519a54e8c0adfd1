"""Two upserts of one new externalId at once, on two PostgreSQL connections (§14): one record,
both calls succeed, the second updating (or leaving unchanged) what the first created."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from domain.accounts.models import Account, Contact
from domain.catalog.models import Product
from domain.imports import upserts
from domain.outbox.models import Event
from domain.pipeline.models import Lead


def both_past_the_look_up(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Each call waits in the create until the other has looked for the external id too, so
    both found nothing and both insert: the race, every time."""
    barrier = asyncio.Barrier(2)
    create = getattr(upserts, name)

    async def raced(*args: Any, **kwargs: Any) -> Any:
        await barrier.wait()
        return await create(*args, **kwargs)

    monkeypatch.setattr(upserts, name, raced)


async def race(
    upsert: Callable[[dict[str, Any]], Awaitable[Any]], first: dict[str, Any], second: Any
) -> list[str]:
    results = await asyncio.gather(upsert(first), upsert(second))
    return sorted(result.status.value for result in results)


async def test_two_account_upserts_of_one_new_external_id_make_one_account(
    postgres_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    both_past_the_look_up(monkeypatch, "create_account")

    statuses = await race(
        upserts.upsert_account,
        {"external_id": "race-1", "name": "Racer"},
        {"external_id": "race-1", "name": "Racer"},
    )

    # the second saw the first's account, the same: nothing changed, no second event
    assert statuses == ["CREATED", "UNCHANGED"]
    assert await Account.filter(external_id="race-1").count() == 1
    assert await Event.filter(type="account.created").count() == 1
    assert await Event.filter(type="account.updated").count() == 0


async def test_the_second_of_two_racing_product_upserts_with_another_price_updates(
    postgres_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    both_past_the_look_up(monkeypatch, "create_product")
    products = await race(
        upserts.upsert_product,
        {"external_id": "p-race", "sku": "RACE-1", "name": "Wheel", "list_price": "10.00"},
        {"external_id": "p-race", "sku": "RACE-1", "name": "Wheel", "list_price": "12.00"},
    )

    assert products == ["CREATED", "UPDATED"]
    product = await Product.get(external_id="p-race")
    assert await Product.filter(sku="RACE-1").count() == 1
    assert str(product.list_price) in ("10.00", "12.00")


async def test_racing_contact_and_lead_upserts_make_one_record_each(
    postgres_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    await upserts.upsert_account({"external_id": "acme", "name": "Acme"})
    both_past_the_look_up(monkeypatch, "create_contact")
    contacts = await race(
        upserts.upsert_contact,
        {"external_id": "c-race", "account_external_id": "acme", "first_name": "Ada",
         "last_name": "Ng"},
        {"external_id": "c-race", "account_external_id": "acme", "first_name": "Ada",
         "last_name": "Ng"},
    )  # fmt: skip
    both_past_the_look_up(monkeypatch, "create_lead")
    leads = await race(
        upserts.upsert_lead,
        {"external_id": "l-race", "company_name": "Bolt", "contact_name": "Bo Li"},
        {"external_id": "l-race", "company_name": "Bolt", "contact_name": "Bo Li"},
    )

    assert contacts == leads == ["CREATED", "UNCHANGED"]
    assert await Contact.filter(external_id="c-race").count() == 1
    assert await Lead.filter(external_id="l-race").count() == 1
