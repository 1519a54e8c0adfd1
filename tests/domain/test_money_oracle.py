"""domain/money.py's rounding, and the money splits built on it (weighted amounts, a payment
spread over invoices), against an exact `Fraction` oracle."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.billing.payments import OpenInvoice, allocate_oldest_first
from domain.money import Money, ceil_to, cents, round_half_up
from domain.pipeline.forecast import weighted_amount, weighted_cents

D = Decimal
MOST_CENTS = 10**18 - 1


def half_up(value: Fraction, places: int = 2) -> Fraction:
    """Rounded to `places` decimals, halves away from zero."""
    scale = 10**places
    units = math.floor(abs(value) * scale + Fraction(1, 2))
    return Fraction(units if value >= 0 else -units, scale)


def ceiling(value: Fraction, places: int) -> Fraction:
    scale = 10**places
    return Fraction(math.ceil(value * scale), scale)


# Any sign, up to 18 significant digits, from 10 decimals to whole thousands: every value a
# column or a computation of the domain holds, and halves at every position.
decimals = st.builds(
    lambda coefficient, exponent: D(coefficient).scaleb(exponent),
    st.integers(-(10**18) + 1, 10**18 - 1),
    st.integers(-10, 3),
).filter(lambda value: abs(value) < 10**18)
places = st.integers(0, 6)


def has_places(value: Decimal, count: int) -> bool:
    return value.as_tuple().exponent == -count


@settings(max_examples=500)
@given(decimals, places)
def test_round_half_up_rounds_halves_away_from_zero(value: Decimal, count: int) -> None:
    rounded = round_half_up(value, count)

    assert Fraction(rounded) == half_up(Fraction(value), count)
    assert has_places(rounded, count)


@pytest.mark.parametrize(
    ("value", "count", "expected"),
    [
        ("0.125", 2, "0.13"),
        ("0.135", 2, "0.14"),
        ("-0.125", 2, "-0.13"),
        ("2.5", 0, "3"),
        ("3.5", 0, "4"),
        ("-2.5", 0, "-3"),
        ("1.005", 2, "1.01"),
        ("0.0049999", 2, "0.00"),
        ("53.973", 2, "53.97"),
        ("0.00005", 4, "0.0001"),
    ],
)
def test_halves_go_up_not_to_even(value: str, count: int, expected: str) -> None:
    assert str(round_half_up(D(value), count)) == expected


@given(decimals)
def test_cents_is_the_two_decimal_rounding_of_any_input_form(value: Decimal) -> None:
    expected = half_up(Fraction(value))

    for given_as in (value, str(value)):
        assert Fraction(cents(given_as)) == expected
        assert has_places(cents(given_as), 2)
    if value == value.to_integral_value():
        assert Fraction(cents(int(value))) == expected


@given(decimals, st.sampled_from(["USD", "EUR", "JPY"]))
def test_money_of_keeps_the_currency_and_the_amount_in_cents(value: Decimal, currency: str) -> None:
    money = Money.of(value, currency)

    assert (Fraction(money.amount), money.currency) == (half_up(Fraction(value)), currency)


@given(decimals, places)
def test_ceil_to_rounds_towards_positive_infinity(value: Decimal, count: int) -> None:
    rounded = ceil_to(value, count)

    assert Fraction(rounded) == ceiling(Fraction(value), count)
    assert has_places(rounded, count)


@settings(max_examples=300)
@given(st.integers(0, MOST_CENTS), st.integers(0, 100))
def test_a_weighted_amount_is_rounded_once_in_both_its_forms(
    amount_cents: int, probability: int
) -> None:
    """§4.1: amount × probability / 100, half-up to cents per opportunity; the forecast's SQL
    computes it in integer cents, the domain in Decimal: both are the oracle."""
    expected = half_up(Fraction(amount_cents, 100) * probability / 100)

    assert Fraction(weighted_cents(amount_cents, probability), 100) == expected
    assert Fraction(weighted_amount(D(amount_cents).scaleb(-2), probability)) == expected


@st.composite
def open_invoices(draw: st.DrawFn) -> list[OpenInvoice]:
    count = draw(st.integers(0, 6))
    first = date(2026, 1, 1)
    return [
        OpenInvoice(
            id=number,
            due_date=first + timedelta(days=draw(st.integers(0, 60))),
            issue_date=first + timedelta(days=draw(st.integers(0, 60))),
            amount_due=D(draw(st.integers(0, 10**7))).scaleb(-2),
        )
        for number in range(1, count + 1)
    ]


def oracle_allocation(amount: Fraction, invoices: list[OpenInvoice]) -> dict[int, Fraction]:
    """The oldest due first (then issued first, then the smallest id), each paid as far as the
    money goes; an invoice with nothing due takes nothing."""
    left = amount
    paid: dict[int, Fraction] = {}
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.issue_date, i.id)):
        share = min(left, Fraction(invoice.amount_due))
        if share > 0:
            paid[invoice.id] = share
            left -= share
    return paid


@settings(max_examples=300)
@given(st.integers(1, 5 * 10**7).map(lambda n: D(n).scaleb(-2)), open_invoices())
def test_a_payment_is_split_over_the_oldest_due_invoices_to_the_cent(
    amount: Decimal, invoices: list[OpenInvoice]
) -> None:
    allocations = allocate_oldest_first(amount, invoices)

    assert {key: Fraction(value) for key, value in allocations.items()} == oracle_allocation(
        Fraction(amount), invoices
    )
    assert sum(allocations.values(), D(0)) == min(
        amount, sum((invoice.amount_due for invoice in invoices), D(0))
    )
