"""Decimal helpers: the one rounding rule (half-up to cents) and the Money value."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ceil_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)


def without_padding(value: Decimal | int | str) -> Decimal:
    """A stored quantity or percentage without its padding zeros: "12.5000" → 12.5, "3.0000"
    → 3 (how the API and event payloads show quantities, §2), never in exponent form."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def cents(value: Decimal | int | str) -> Decimal:
    """A money amount with exactly two decimals (amounts are stored that way)."""
    return round_half_up(Decimal(value), 2)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        return cls(cents(amount), currency)
