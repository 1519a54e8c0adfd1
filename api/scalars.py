"""Money and the other shared value types of contract §2."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import TypeVar

import strawberry

from domain.money import cents
from domain.settings import get_settings

E = TypeVar("E", bound=Enum)


@strawberry.type(description="An amount in a currency; amount is a Decimal string, never a float.")
class Money:
    amount: Decimal
    currency: str


def money(amount: Decimal | None, currency: str) -> Money | None:
    if amount is None:
        return None
    return Money(amount=cents(amount), currency=currency)


def plain_decimal(value: Decimal | int | str) -> Decimal:
    """A stored quantity or percentage without its padding zeros: "12.5000" → "12.5"."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def unit_money(value: Decimal | int | str, currency: str | None = None) -> Money:
    """A unit price or cost: cents, or up to the four decimals it is stored with."""
    number = Decimal(value)
    cents = number.quantize(Decimal("0.01"))
    amount = cents if cents == number else number.normalize()
    return Money(amount=amount, currency=currency or get_settings().currency)


@strawberry.enum
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.type
class Address:
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@strawberry.input
class AddressInput:
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


def address(value: dict | None) -> Address | None:
    return Address(**value) if value else None


def described_enum(
    enum_cls: type[E], *, name: str, description: str, values: Mapping[str, str]
) -> type[E]:
    """A domain enum exposed as a GraphQL enum with a description on the type and on every
    value (§2 Schema documentation). The domain cannot carry strawberry's `enum_value`, so
    the descriptions are given here, one per member: a missing one is an error at import."""
    wrapped = strawberry.enum(enum_cls, name=name, description=description)
    definition = wrapped.__strawberry_definition__  # type: ignore[attr-defined]
    missing = {v.name for v in definition.values} - set(values)
    if missing:
        raise ValueError(f"{name}: no description for {sorted(missing)}")
    for value in definition.values:
        value.description = values[value.name]
    return wrapped
