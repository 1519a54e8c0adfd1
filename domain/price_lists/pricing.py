"""The price rule of §9 as a pure function: which list, which quantity break, which price."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from domain.money import ZERO


class PriceSource(str, Enum):
    ACCOUNT_PRICE_LIST = "ACCOUNT_PRICE_LIST"
    DEFAULT_PRICE_LIST = "DEFAULT_PRICE_LIST"
    LIST_PRICE = "LIST_PRICE"


@dataclass(frozen=True)
class Break:
    """One item of a list for one product: from `min_quantity` on, a price of its own or a
    discount off the product's list price (exactly one of the two)."""

    min_quantity: Decimal
    unit_price: Decimal | None
    discount_percent: Decimal | None


@dataclass(frozen=True)
class ListTerms:
    """A price list as the rule sees it for one product: its validity and that product's
    breaks."""

    price_list_id: int
    valid_from: date | None
    valid_to: date | None
    breaks: Sequence[Break]

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class ResolvedPrice:
    unit_price: Decimal
    discount_percent: Decimal
    source: PriceSource
    price_list_id: int | None  # None: the product's listPrice


def _break_for(terms: ListTerms | None, quantity: Decimal, day: date) -> Break | None:
    if terms is None or not terms.valid_on(day):
        return None
    reached = [b for b in terms.breaks if b.min_quantity <= quantity]
    return max(reached, key=lambda b: b.min_quantity, default=None)


def resolve(
    account_list: ListTerms | None,
    default_list: ListTerms | None,
    list_price: Decimal,
    quantity: Decimal,
    day: date,
) -> ResolvedPrice:
    """§9: the account's list if it is valid on `day` and has a break at `quantity`, else
    the default list under the same test, else the list price; within a list the largest
    `minQuantity` ≤ quantity. A discount item answers the list price and its discount, a
    plain price a discount of 0."""
    for terms, source in (
        (account_list, PriceSource.ACCOUNT_PRICE_LIST),
        (default_list, PriceSource.DEFAULT_PRICE_LIST),
    ):
        found = _break_for(terms, quantity, day)
        if found is None or terms is None:
            continue
        if found.unit_price is not None:
            return ResolvedPrice(found.unit_price, ZERO, source, terms.price_list_id)
        return ResolvedPrice(
            list_price, found.discount_percent or ZERO, source, terms.price_list_id
        )
    return ResolvedPrice(list_price, ZERO, PriceSource.LIST_PRICE, None)
