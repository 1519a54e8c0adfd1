"""Money and the other shared value types of contract §2."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import TypeVar, overload

import strawberry
from strawberry.types.enum import has_enum_definition

from domain.currencies.iso4217 import round_amount
from domain.money import without_padding
from domain.settings import get_settings

E = TypeVar("E", bound=Enum)


@strawberry.type(
    description="An amount of money in a currency (§2 Money); amounts are never floats."
)
class Money:
    amount: Decimal = strawberry.field(
        description="A Decimal string. Amounts and totals have two decimals, rounded half-up to "
        'cents ("1234.50"); a unit price or unit cost keeps up to the four decimals it is '
        'stored with ("0.3333"), or two when it has no more ("19.99").'
    )
    currency: str = strawberry.field(
        description="ISO 4217 code (`EUR`): the document's or account's currency (§12), the "
        "installation currency by default."
    )


@overload
def money(amount: Decimal, currency: str) -> Money: ...


@overload
def money(amount: Decimal | None, currency: str) -> Money | None: ...


def money(amount: Decimal | None, currency: str) -> Money | None:
    if amount is None:
        return None
    return Money(amount=round_amount(amount, currency), currency=currency)


def plain_decimal(value: Decimal | int | str) -> Decimal:
    """A stored quantity or percentage without its padding zeros: "12.5000" → "12.5"."""
    return without_padding(value)


def unit_money(value: Decimal | int | str, currency: str | None = None) -> Money:
    """A unit price or cost: cents, or up to the four decimals it is stored with."""
    number = Decimal(value)
    cents = number.quantize(Decimal("0.01"))
    amount = cents if cents == number else number.normalize()
    return Money(amount=amount, currency=currency or get_settings().currency)


class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.type(description="A postal address; every line is optional, blank lines are null.")
class Address:
    line1: str | None = strawberry.field(default=None, description="Street and number.")
    line2: str | None = strawberry.field(
        default=None, description="Building, floor, c/o: what line1 does not hold."
    )
    city: str | None = strawberry.field(default=None, description="City or town.")
    region: str | None = strawberry.field(default=None, description="State, province or county.")
    postal_code: str | None = strawberry.field(default=None, description="Postal or ZIP code.")
    country: str | None = strawberry.field(
        default=None, description="Country, as it was entered (e.g. `DE` or `Germany`)."
    )


@strawberry.input(
    description="A postal address to store: it replaces the whole address; every line is "
    "optional, at most 255 characters, blank lines are stored as null."
)
class AddressInput:
    line1: str | None = strawberry.field(default=None, description="Street and number.")
    line2: str | None = strawberry.field(
        default=None, description="Building, floor, c/o: what line1 does not hold."
    )
    city: str | None = strawberry.field(default=None, description="City or town.")
    region: str | None = strawberry.field(default=None, description="State, province or county.")
    postal_code: str | None = strawberry.field(default=None, description="Postal or ZIP code.")
    country: str | None = strawberry.field(
        default=None, description="Country, as the address is written (e.g. `DE` or `Germany`)."
    )


def address(value: dict | None) -> Address | None:
    return Address(**value) if value else None


def described_enum(
    enum_cls: type[E], *, name: str, description: str, values: Mapping[str, str]
) -> type[E]:
    """A domain enum exposed as a GraphQL enum with a description on the type and on every
    value (§2 Schema documentation). The domain cannot carry strawberry's `enum_value`, so
    the descriptions are given here, one per member: a missing one is an error at import.

    strawberry marks the class in place, so this returns `enum_cls` itself: annotate fields
    with the domain enum (mypy takes a class, not a variable, as a type)."""
    wrapped: type = strawberry.enum(enum_cls, name=name, description=description)
    if not has_enum_definition(wrapped):
        raise TypeError(f"{name}: strawberry.enum did not define {enum_cls.__name__}")
    definition = wrapped.__strawberry_definition__
    missing = {v.name for v in definition.values} - set(values)
    if missing:
        raise ValueError(f"{name}: no description for {sorted(missing)}")
    for value in definition.values:
        value.description = values[value.name]
    return enum_cls


described_enum(
    OrderDirection,
    name="OrderDirection",
    description="Which way a list's `orderBy` field sorts (§2 Lists).",
    values={
        "ASC": "Smallest, earliest or A first; null values come last.",
        "DESC": "Largest, latest or Z first; null values come first.",
    },
)
