"""Price lists in the domain (§9): resolution from stored lists, one default per currency,
items with exactly one of unitPrice/discountPercent, the account's currency; every refusal
changes nothing."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account, update_account
from domain.catalog.models import Product
from domain.errors import DomainError, ErrorCode, ValidationErrors
from domain.global_ids import global_id
from domain.outbox.models import Event
from domain.price_lists.models import PriceList, PriceListItem
from domain.price_lists.pricing import PriceSource, ResolvedPrice
from domain.price_lists.services import (
    create_price_list,
    resolve_price,
    set_price_list_items,
    update_price_list,
)
from tests.price_lists.conftest import snapshot

D = Decimal
pytestmark = pytest.mark.usefixtures("database")


@pytest.mark.parametrize(
    ("quantity", "day", "expected"),
    [
        ("1", date(2027, 3, 1), ("9.00", "0", PriceSource.ACCOUNT_PRICE_LIST)),
        ("10", date(2027, 3, 1), ("8.50", "0", PriceSource.ACCOUNT_PRICE_LIST)),
        ("100", date(2027, 3, 1), ("10.00", "20", PriceSource.ACCOUNT_PRICE_LIST)),
        ("10", date(2027, 1, 1), ("8.50", "0", PriceSource.ACCOUNT_PRICE_LIST)),
        ("10", date(2027, 6, 30), ("8.50", "0", PriceSource.ACCOUNT_PRICE_LIST)),
        ("10", date(2026, 12, 31), ("9.50", "0", PriceSource.DEFAULT_PRICE_LIST)),
        ("10", date(2027, 7, 1), ("9.50", "0", PriceSource.DEFAULT_PRICE_LIST)),
        ("4", date(2027, 7, 1), ("10.00", "0", PriceSource.LIST_PRICE)),
    ],
)
async def test_resolve_price_reads_the_stored_lists(
    acme: Account, widget: Product, quantity: str, day: date, expected: tuple[str, str, PriceSource]
) -> None:
    price = await resolve_price(acme.id, widget.id, D(quantity), day)

    unit_price, discount, source = expected
    assert (price.unit_price, price.discount_percent, price.source) == (
        D(unit_price),
        D(discount),
        source,
    )
    expected_list = {
        PriceSource.ACCOUNT_PRICE_LIST: acme.price_list_id,
        PriceSource.DEFAULT_PRICE_LIST: (await PriceList.get(default_for="USD")).id,
        PriceSource.LIST_PRICE: None,
    }[source]
    assert price.price_list_id == expected_list


async def test_a_product_missing_from_the_account_list_takes_the_default_discount(
    acme: Account, gadget: Product, default_list: PriceList
) -> None:
    assert await resolve_price(acme.id, gadget.id, D("3"), date(2027, 3, 1)) == ResolvedPrice(
        D("20.00"), D("5"), PriceSource.DEFAULT_PRICE_LIST, default_list.id
    )


async def test_an_account_without_a_list_takes_the_default_list_of_its_currency(
    widget: Product, default_list: PriceList
) -> None:
    euro_default = await create_price_list({"name": "Euro", "currency": "EUR", "is_default": True})
    await set_price_list_items(
        euro_default.id, [{"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("1")}]
    )
    plain = await create_account({"name": "Plain Ltd"})

    assert await resolve_price(plain.id, widget.id, D("5"), date(2027, 3, 1)) == ResolvedPrice(
        D("9.50"), D("0"), PriceSource.DEFAULT_PRICE_LIST, default_list.id
    )


async def test_without_any_list_the_list_price_answers(widget: Product) -> None:
    plain = await create_account({"name": "Plain Ltd"})

    assert await resolve_price(plain.id, widget.id, D("5"), date(2027, 3, 1)) == ResolvedPrice(
        D("10.00"), D("0"), PriceSource.LIST_PRICE, None
    )


@pytest.mark.parametrize("quantity", ["0", "-1"])
async def test_a_quantity_of_zero_or_less_is_invalid(
    acme: Account, widget: Product, quantity: str
) -> None:
    with pytest.raises(DomainError) as refused:
        await resolve_price(acme.id, widget.id, D(quantity), date(2027, 3, 1))

    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("quantity",))


async def test_a_second_default_list_of_a_currency_is_a_duplicate(default_list: PriceList) -> None:
    before = await snapshot()

    with pytest.raises(DomainError) as created:
        await create_price_list({"name": "Other standard", "is_default": True})
    other = await create_price_list({"name": "Other standard"})
    after_create = await snapshot()
    with pytest.raises(DomainError) as updated:
        await update_price_list(other.id, {"is_default": True})

    assert (created.value.code, created.value.field) == (ErrorCode.DUPLICATE, ("is_default",))
    assert (updated.value.code, updated.value.field) == (ErrorCode.DUPLICATE, ("is_default",))
    assert before[0] == [("Standard", "USD", "USD", None, None)]
    assert await snapshot() == after_create
    assert (await PriceList.get(id=other.id)).default_for is None


async def test_the_default_moves_once_the_first_is_unset_and_currencies_do_not_clash(
    default_list: PriceList,
) -> None:
    euro = await create_price_list({"name": "Euro", "currency": "eur", "is_default": True})
    other = await create_price_list({"name": "Other standard"})

    await update_price_list(default_list.id, {"is_default": False})
    await update_price_list(other.id, {"is_default": True})

    assert await PriceList.all().order_by("id").values_list("name", "currency", "default_for") == [
        ("Standard", "USD", None),
        ("Euro", "EUR", "EUR"),
        ("Other standard", "USD", "USD"),
    ]
    assert euro.is_default


async def test_two_concurrent_default_lists_of_one_currency_store_one(postgres_only: None) -> None:
    results = await asyncio.gather(
        create_price_list({"name": "First", "is_default": True}),
        create_price_list({"name": "Second", "is_default": True}),
        return_exceptions=True,
    )

    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r.code for r in refused] == [ErrorCode.DUPLICATE]
    assert await PriceList.filter(default_for="USD").count() == 1


@pytest.mark.parametrize(
    "prices",
    [
        {"unit_price": D("9"), "discount_percent": D("5")},
        {},
        {"unit_price": None, "discount_percent": None},
    ],
)
async def test_an_item_needs_exactly_one_of_unit_price_and_discount(
    contract: PriceList, widget: Product, prices: dict[str, Decimal]
) -> None:
    before = await snapshot()

    with pytest.raises(DomainError) as refused:
        await set_price_list_items(
            contract.id, [{"product_id": widget.id, "min_quantity": D("1"), **prices}]
        )

    assert (refused.value.code, refused.value.field) == (
        ErrorCode.INVALID,
        ("items", "0", "unit_price"),
    )
    assert await snapshot() == before


async def test_every_bad_item_is_reported_at_once_and_nothing_changes(
    contract: PriceList, widget: Product
) -> None:
    before = await snapshot()

    with pytest.raises(ValidationErrors) as refused:
        await set_price_list_items(
            contract.id,
            [
                {"product_id": widget.id, "min_quantity": D("-1"), "unit_price": D("1")},
                {"product_id": widget.id, "min_quantity": D("2")},
                {"product_id": widget.id, "min_quantity": D("3"), "discount_percent": D("101")},
                {"product_id": widget.id, "min_quantity": D("4"), "unit_price": D("1.00001")},
            ],
        )

    assert [(e.code, e.field) for e in refused.value.errors] == [
        (ErrorCode.INVALID, ("items", "0", "min_quantity")),
        (ErrorCode.INVALID, ("items", "1", "unit_price")),
        (ErrorCode.INVALID, ("items", "2", "discount_percent")),
        (ErrorCode.INVALID, ("items", "3", "unit_price")),
    ]
    assert await snapshot() == before


async def test_two_items_of_one_product_at_one_break_are_duplicates(
    contract: PriceList, widget: Product
) -> None:
    before = await snapshot()

    with pytest.raises(DomainError) as refused:
        await set_price_list_items(
            contract.id,
            [
                {"product_id": widget.id, "min_quantity": D("10"), "unit_price": D("8")},
                {"product_id": widget.id, "min_quantity": D("10.0"), "discount_percent": D("5")},
            ],
        )

    assert (refused.value.code, refused.value.field) == (
        ErrorCode.DUPLICATE,
        ("items", "1", "min_quantity"),
    )
    assert await snapshot() == before


async def test_unknown_and_archived_products_are_refused_per_item(
    contract: PriceList, widget: Product, gadget: Product
) -> None:
    gadget.archived_at = gadget.created_at
    await gadget.save(update_fields=["archived_at"])
    before = await snapshot()

    with pytest.raises(ValidationErrors) as refused:
        await set_price_list_items(
            contract.id,
            [
                {"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("8")},
                {"product_id": 9999, "min_quantity": D("0"), "unit_price": D("8")},
                {"product_id": gadget.id, "min_quantity": D("0"), "unit_price": D("8")},
            ],
        )

    assert [(e.code, e.field) for e in refused.value.errors] == [
        (ErrorCode.NOT_FOUND, ("items", "1", "product_id")),
        (ErrorCode.INVALID, ("items", "2", "product_id")),
    ]
    assert await snapshot() == before


async def test_items_set_replaces_every_item(contract: PriceList, gadget: Product) -> None:
    await set_price_list_items(
        contract.id, [{"product_id": gadget.id, "min_quantity": D("2"), "unit_price": D("18.5")}]
    )

    assert await PriceListItem.filter(price_list_id=contract.id).values_list(
        "product_id", "min_quantity", "unit_price", "discount_percent"
    ) == [(gadget.id, D("2.0000"), D("18.5000"), None)]


async def test_valid_to_before_valid_from_is_invalid(contract: PriceList) -> None:
    before = await snapshot()

    with pytest.raises(DomainError) as created:
        await create_price_list(
            {"name": "Backwards", "valid_from": date(2027, 2, 1), "valid_to": date(2027, 1, 31)}
        )
    with pytest.raises(DomainError) as updated:
        await update_price_list(contract.id, {"valid_to": date(2026, 12, 31)})

    assert (created.value.code, created.value.field) == (ErrorCode.INVALID, ("valid_to",))
    assert (updated.value.code, updated.value.field) == (ErrorCode.INVALID, ("valid_to",))
    assert await snapshot() == before


async def test_a_list_in_another_currency_than_the_account_is_invalid(acme: Account) -> None:
    euro = await create_price_list({"name": "Euro", "currency": "EUR"})
    before = await snapshot()

    with pytest.raises(DomainError) as assigned:
        await update_account(acme.id, {"price_list_id": euro.id})
    with pytest.raises(DomainError) as created:
        await create_account({"name": "Euro buyer", "price_list_id": euro.id})
    with pytest.raises(DomainError) as recurrencied:
        await update_price_list(acme.price_list_id or 0, {"currency": "EUR"})

    assert (assigned.value.code, assigned.value.field) == (ErrorCode.INVALID, ("price_list_id",))
    assert (created.value.code, created.value.field) == (ErrorCode.INVALID, ("price_list_id",))
    assert (recurrencied.value.code, recurrencied.value.field) == (ErrorCode.INVALID, ("currency",))
    assert await snapshot() == before


async def test_an_unused_list_may_change_currency_and_an_unknown_list_is_not_found(
    acme: Account, default_list: PriceList
) -> None:
    changed = await update_price_list(default_list.id, {"currency": "EUR"})
    before = await snapshot()

    with pytest.raises(DomainError) as refused:
        await update_account(acme.id, {"price_list_id": 9999})

    assert (changed.currency, changed.default_for) == ("EUR", "EUR")
    assert (refused.value.code, refused.value.field) == (ErrorCode.NOT_FOUND, ("price_list_id",))
    assert await snapshot() == before


async def test_setting_the_account_list_records_it_in_account_updated(
    acme: Account, default_list: PriceList
) -> None:
    await update_account(acme.id, {"price_list_id": default_list.id})

    event = await Event.filter(type="account.updated").order_by("-id").first()
    assert event is not None
    assert event.payload["priceListId"] == global_id("PriceList", default_list.id)
    assert event.payload["previousPriceListId"] == global_id("PriceList", acme.price_list_id or 0)
