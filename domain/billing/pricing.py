"""Line and document totals with the one rounding rule of contract §5.4 (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

from domain.money import ZERO, round_half_up

HUNDRED = Decimal(100)
# The products are exact before the one rounding §5.4 allows: quantity and unit price carry 18
# digits each and (1 − discount/100) 7, more than the default context's 28.
EXACT = Context(prec=50)


def line_net(
    quantity: Decimal, unit_price: Decimal, discount_percent: Decimal, places: int = 2
) -> Decimal:
    """round_half_up(qty × unitPrice × (1 − discount/100), places): `places` the minor units
    of the document's currency (§12: JPY 0, USD 2, KWD 3)."""
    with localcontext(EXACT):
        return round_half_up(quantity * unit_price * (1 - discount_percent / HUNDRED), places)


def line_tax(net: Decimal, tax_rate: Decimal, places: int = 2) -> Decimal:
    """round_half_up(net × taxRate/100, places)."""
    with localcontext(EXACT):
        return round_half_up(net * tax_rate / HUNDRED, places)


@dataclass(frozen=True)
class PricedLine:
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal = ZERO
    tax_rate: Decimal = ZERO
    # The minor units of the document's currency (§12).
    places: int = 2

    @property
    def net(self) -> Decimal:
        return line_net(self.quantity, self.unit_price, self.discount_percent, self.places)

    @property
    def tax(self) -> Decimal:
        return line_tax(self.net, self.tax_rate, self.places)


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    tax_total: Decimal

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax_total


def totals(lines: Iterable[PricedLine]) -> Totals:
    """Subtotal and tax are sums of the already-rounded line figures, never re-rounded."""
    subtotal = tax_total = ZERO
    places = 2
    for line in lines:
        subtotal += line.net
        tax_total += line.tax
        places = line.places
    return Totals(
        subtotal=round_half_up(subtotal, places), tax_total=round_half_up(tax_total, places)
    )
