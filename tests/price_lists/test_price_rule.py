"""The price rule of §9 as a pure function: each quantity break, each validity edge, the
account's list before the default list before listPrice, discount items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.price_lists.pricing import Break, ListTerms, PriceSource, ResolvedPrice, resolve

D = Decimal
LIST_PRICE = D("10.00")
# The account's contract: 9.00 each, 8.50 from 10, listPrice less 20 % from 100; first half
# of 2027 only.
CONTRACT = ListTerms(
    7,
    date(2027, 1, 1),
    date(2027, 6, 30),
    [
        Break(D("0"), D("9.00"), None),
        Break(D("10"), D("8.50"), None),
        Break(D("100"), None, D("20")),
    ],
)
# The default list: 9.50 from 5 (nothing below), no validity limit.
DEFAULT = ListTerms(3, None, None, [Break(D("5"), D("9.50"), None)])
IN_CONTRACT = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ("0.0001", ResolvedPrice(D("9.00"), D("0"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
        ("1", ResolvedPrice(D("9.00"), D("0"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
        ("9.9999", ResolvedPrice(D("9.00"), D("0"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
        ("10", ResolvedPrice(D("8.50"), D("0"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
        ("99.9999", ResolvedPrice(D("8.50"), D("0"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
        ("100", ResolvedPrice(D("10.00"), D("20"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
        ("5000", ResolvedPrice(D("10.00"), D("20"), PriceSource.ACCOUNT_PRICE_LIST, 7)),
    ],
)
def test_the_largest_break_not_above_the_quantity_prices_the_line(
    quantity: str, expected: ResolvedPrice
) -> None:
    assert resolve(CONTRACT, DEFAULT, LIST_PRICE, D(quantity), IN_CONTRACT) == expected


@pytest.mark.parametrize(
    ("day", "source"),
    [
        (date(2026, 12, 31), PriceSource.DEFAULT_PRICE_LIST),
        (date(2027, 1, 1), PriceSource.ACCOUNT_PRICE_LIST),
        (date(2027, 6, 30), PriceSource.ACCOUNT_PRICE_LIST),
        (date(2027, 7, 1), PriceSource.DEFAULT_PRICE_LIST),
    ],
)
def test_a_list_prices_from_its_first_to_its_last_valid_day_inclusive(
    day: date, source: PriceSource
) -> None:
    price = resolve(CONTRACT, DEFAULT, LIST_PRICE, D("10"), day)

    assert price.source is source
    assert price.unit_price == (
        D("8.50") if source is PriceSource.ACCOUNT_PRICE_LIST else D("9.50")
    )


def test_outside_the_contract_below_the_default_break_the_list_price_answers() -> None:
    assert resolve(CONTRACT, DEFAULT, LIST_PRICE, D("4.9999"), date(2027, 7, 1)) == ResolvedPrice(
        D("10.00"), D("0"), PriceSource.LIST_PRICE, None
    )


def test_the_default_list_stands_in_for_a_product_the_account_list_lacks() -> None:
    without_product = ListTerms(7, None, None, [])

    assert resolve(without_product, DEFAULT, LIST_PRICE, D("5"), IN_CONTRACT) == ResolvedPrice(
        D("9.50"), D("0"), PriceSource.DEFAULT_PRICE_LIST, 3
    )


def test_an_account_list_whose_breaks_start_above_the_quantity_passes_to_the_default() -> None:
    from_fifty = ListTerms(7, None, None, [Break(D("50"), D("7.00"), None)])

    assert resolve(from_fifty, DEFAULT, LIST_PRICE, D("49"), IN_CONTRACT).source is (
        PriceSource.DEFAULT_PRICE_LIST
    )
    assert resolve(from_fifty, DEFAULT, LIST_PRICE, D("50"), IN_CONTRACT).unit_price == D("7.00")


def test_without_lists_the_product_list_price_answers_with_no_discount() -> None:
    assert resolve(None, None, D("19.99"), D("3"), IN_CONTRACT) == ResolvedPrice(
        D("19.99"), D("0"), PriceSource.LIST_PRICE, None
    )


def test_a_discount_item_of_the_default_list_answers_list_price_and_its_discount() -> None:
    discount = ListTerms(3, None, date(2027, 12, 31), [Break(D("0"), None, D("12.5"))])

    assert resolve(None, discount, D("40.00"), D("1"), IN_CONTRACT) == ResolvedPrice(
        D("40.00"), D("12.5"), PriceSource.DEFAULT_PRICE_LIST, 3
    )
    assert resolve(None, discount, D("40.00"), D("1"), date(2028, 1, 1)).source is (
        PriceSource.LIST_PRICE
    )
