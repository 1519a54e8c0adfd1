"""domain/billing/pricing.py and the pricing of partial invoices against an exact `Fraction`
oracle of contract §5.4: line net, line tax, document totals, discounts, splits."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.billing.invoicing import invoiceable_lines
from domain.billing.pricing import PricedLine, line_net, line_tax, totals
from domain.orders.models import InvoicePolicy, SalesOrderLine

D = Decimal
# What NUMERIC(18, 4) and NUMERIC(18, 2) columns hold, in units of their last decimal.
MOST_UNITS = 10**18 - 1
Inputs = tuple[Decimal, Decimal, Decimal, Decimal]


def half_up(value: Fraction) -> Fraction:
    """Rounded to cents, halves away from zero."""
    cents = math.floor(abs(value) * 100 + Fraction(1, 2))
    return Fraction(cents if value >= 0 else -cents, 100)


def oracle_net(quantity: Decimal, unit_price: Decimal, discount_percent: Decimal) -> Fraction:
    return half_up(
        Fraction(quantity) * Fraction(unit_price) * (1 - Fraction(discount_percent) / 100)
    )


def oracle_tax(net: Fraction, tax_rate: Decimal) -> Fraction:
    return half_up(net * Fraction(tax_rate) / 100)


def units(places: int, most: int, least: int = 0) -> st.SearchStrategy[Decimal]:
    return st.integers(least, most).map(lambda n: D(n).scaleb(-places))


# Discounts and tax rates: 0–100 to 4 decimals, with the common ones drawn often.
percents = st.one_of(
    st.sampled_from([D("0"), D("100"), D("7"), D("8.25"), D("12.5"), D("19"), D("33.3333")]),
    units(4, 100 * 10**4),
)


@st.composite
def line_inputs(draw: st.DrawFn) -> Inputs:
    """(quantity, unitPrice, discountPercent, taxRate) as the validators let them in, with
    quantity × unitPrice inside the money column (the use cases refuse more): mostly
    everyday figures, often the extremes of the columns."""
    quantity_units = draw(st.one_of(st.integers(1, 10**7), st.integers(1, MOST_UNITS)))
    # (q / 10⁴)(p / 10⁴) ≤ (10¹⁸ − 1) / 100  ⇔  p ≤ (10¹⁸ − 1) · 10⁶ / q, in units of 10⁻⁴.
    most_price_units = min(MOST_UNITS, MOST_UNITS * 10**6 // quantity_units)
    price_units = draw(
        st.one_of(st.integers(0, min(10**8, most_price_units)), st.integers(0, most_price_units))
    )
    return (
        D(quantity_units).scaleb(-4),
        D(price_units).scaleb(-4),
        draw(percents),
        draw(percents),
    )


def exact(value: Decimal) -> Fraction:
    """The value as a Fraction, once it is known to carry exactly two decimals."""
    assert value.as_tuple().exponent == -2, value
    return Fraction(value)


@settings(max_examples=500)
@given(line_inputs())
def test_a_line_net_is_the_exact_product_rounded_once(inputs: Inputs) -> None:
    quantity, unit_price, discount, _ = inputs

    assert exact(line_net(quantity, unit_price, discount)) == oracle_net(
        quantity, unit_price, discount
    )


@settings(max_examples=300)
@given(units(2, MOST_UNITS), percents)
def test_a_line_tax_is_the_net_times_the_rate_rounded_once(net: Decimal, rate: Decimal) -> None:
    assert exact(line_tax(net, rate)) == oracle_tax(Fraction(net), rate)


@given(line_inputs())
def test_a_priced_line_rounds_its_tax_from_its_rounded_net(inputs: Inputs) -> None:
    quantity, unit_price, discount, rate = inputs
    net = oracle_net(quantity, unit_price, discount)

    line = PricedLine(quantity, unit_price, discount, rate)

    assert (exact(line.net), exact(line.tax)) == (net, oracle_tax(net, rate))


@settings(max_examples=200)
@given(st.lists(line_inputs(), max_size=8))
def test_document_totals_are_sums_of_the_rounded_line_figures(lines: list[Inputs]) -> None:
    nets = [oracle_net(q, p, d) for q, p, d, _ in lines]
    taxes = [oracle_tax(net, rate) for net, (*_, rate) in zip(nets, lines, strict=True)]

    result = totals(PricedLine(*line) for line in lines)

    assert (exact(result.subtotal), exact(result.tax_total), exact(result.total)) == (
        sum(nets, Fraction(0)),
        sum(taxes, Fraction(0)),
        sum(nets, Fraction(0)) + sum(taxes, Fraction(0)),
    )


@given(line_inputs())
def test_a_full_discount_nets_nothing_and_no_discount_nets_quantity_times_price(
    inputs: Inputs,
) -> None:
    quantity, unit_price, _, _ = inputs

    assert line_net(quantity, unit_price, D("100")) == D("0.00")
    assert exact(line_net(quantity, unit_price, D("0"))) == half_up(
        Fraction(quantity) * Fraction(unit_price)
    )


@pytest.mark.parametrize(
    ("quantity", "unit_price", "discount", "rate", "net", "tax"),
    [
        # §5.4's own kind of figures: 3 × 19.99 × 0.9 = 53.973; 53.97 × 7 % = 3.7779.
        ("3", "19.99", "10", "7", "53.97", "3.78"),
        ("2", "0.335", "0", "7", "0.67", "0.05"),
        ("1", "0.0042", "0", "19", "0.00", "0.00"),
        ("1000", "0.0042", "0", "19", "4.20", "0.80"),
        ("1", "0.005", "0", "0", "0.01", "0.00"),
        ("1", "10.00", "33.3333", "8.25", "6.67", "0.55"),
        # Beyond the 28 digits of Decimal's default context: the exact product is
        # 5000002777837222.5549999999996, which rounded to 28 digits first is …222.555 → .56.
        ("49999927778666.6680", "100.0003", "0.0001", "0", "5000002777837222.55", "0.00"),
    ],
)
def test_hand_computed_lines(
    quantity: str, unit_price: str, discount: str, rate: str, net: str, tax: str
) -> None:
    line = PricedLine(D(quantity), D(unit_price), D(discount), D(rate))

    assert (line.net, line.tax) == (D(net), D(tax))


@st.composite
def split_lines(draw: st.DrawFn) -> tuple[Inputs, list[Decimal]]:
    """Everyday line figures and the quantities of the shipments that deliver it in parts."""
    parts = draw(st.lists(st.integers(1, 10**5), min_size=2, max_size=4))
    unit_price = draw(units(4, 10**7))
    quantity_parts = [D(part).scaleb(-2) for part in parts]
    inputs = (sum(quantity_parts, D(0)), unit_price, draw(percents), draw(percents))
    return inputs, quantity_parts


@settings(max_examples=300)
@given(split_lines())
def test_every_partial_invoice_is_priced_on_its_own_quantity(
    split: tuple[Inputs, list[Decimal]],
) -> None:
    """§5.4: a later partial invoice never absorbs a remainder; each invoice's figures are
    the formula applied to its own quantity (what a tax auditor recomputes)."""
    (quantity, unit_price, discount, rate), parts = split
    whole = PricedLine(quantity, unit_price, discount, rate)
    shipped = invoiced = D(0)
    for part in parts:
        shipped += part
        line = SalesOrderLine(
            id=1,
            quantity=quantity,
            unit_price=unit_price,
            discount_percent=discount,
            tax_rate=rate,
            net_amount=whole.net,
            tax_amount=whole.tax,
            quantity_shipped=shipped,
            quantity_invoiced=invoiced,
        )

        [invoiced_line] = invoiceable_lines(InvoicePolicy.ON_DELIVERY, [line])

        net = oracle_net(part, unit_price, discount)
        assert (
            invoiced_line.quantity,
            Fraction(invoiced_line.net),
            Fraction(invoiced_line.tax),
        ) == (
            part,
            net,
            oracle_tax(net, rate),
        )
        invoiced += part
