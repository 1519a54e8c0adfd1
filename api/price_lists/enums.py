"""GraphQL enums of price lists (contract §9), each value described."""

from __future__ import annotations

from enum import Enum

from api.scalars import described_enum
from domain.price_lists.pricing import PriceSource

__all__ = ["PriceListItemOrderField", "PriceListOrderField", "PriceSource"]

described_enum(
    PriceSource,
    name="PriceSource",
    description="Where a price comes from (§9), in the order the rule tries them.",
    values={
        "ACCOUNT_PRICE_LIST": "The account's own price list: valid on the day and with an "
        "item for the product at that quantity.",
        "DEFAULT_PRICE_LIST": "The default price list of the account's currency, by the same "
        "test, when the account's own list had no price.",
        "LIST_PRICE": "The product's listPrice, when neither list had one.",
    },
)


class PriceListOrderField(Enum):
    NAME = "name"
    CREATED_AT = "created_at"
    VALID_FROM = "valid_from"


described_enum(
    PriceListOrderField,
    name="PriceListOrderField",
    description="What a list of price lists can be sorted by.",
    values={
        "NAME": "The list's name.",
        "CREATED_AT": "When the list was created.",
        "VALID_FROM": "The first day it is valid; lists valid since always sort last "
        "ascending, first descending.",
    },
)


class PriceListItemOrderField(Enum):
    PRODUCT = "product_id"
    MIN_QUANTITY = "min_quantity"


described_enum(
    PriceListItemOrderField,
    name="PriceListItemOrderField",
    description="What the items of a price list can be sorted by.",
    values={
        "PRODUCT": "The product, in the order products were created.",
        "MIN_QUANTITY": "The quantity from which the item applies.",
    },
)
