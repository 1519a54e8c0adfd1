"""Money and the other shared value types of contract §2."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from domain.money import cents


@strawberry.type(description="An amount in a currency; amount is a Decimal string, never a float.")
class Money:
    amount: Decimal
    currency: str


def money(amount: Decimal | None, currency: str) -> Money | None:
    if amount is None:
        return None
    return Money(amount=cents(amount), currency=currency)


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
