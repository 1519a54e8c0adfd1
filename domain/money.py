"""Decimal helpers: the one rounding rule (half-up), stored amounts and the Money value."""

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


def stored_amount(value: Decimal | int | float | str) -> Decimal:
    """An amount as the money columns keep it (§12): three decimals when the third carries a
    digit (KWD, BHD…), else cents — so a sum of dollars reads 12.50, never 12.500. A float
    (SQLite's SUM) is read by its shortest text."""
    number = round_half_up(Decimal(str(value)), 3)
    return number if number != round_half_up(number, 2) else round_half_up(number, 2)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        return cls(cents(amount), currency)
