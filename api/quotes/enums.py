"""GraphQL enums of quotes (contract §9), each value described."""

from __future__ import annotations

from enum import Enum

from api.scalars import described_enum
from domain.quotes.models import QuotePriceSource, QuoteStatus

__all__ = ["QuoteOrderField", "QuotePriceSource", "QuoteStatus"]

described_enum(
    QuoteStatus,
    name="QuoteStatus",
    description="Where a quote version is (§9): DRAFT → SENT → ACCEPTED, REJECTED, EXPIRED or "
    "SUPERSEDED; only a DRAFT changes, only a SENT one is accepted, rejected or revised.",
    values={
        "DRAFT": "Being prepared: quoteUpdate edits it, quoteSend sends it.",
        "SENT": "With the customer, prices frozen, until validUntil: quoteAccept, quoteReject "
        "or quoteRevise answer it.",
        "ACCEPTED": "Accepted by the customer: the deal is won and salesOrder is its DRAFT order.",
        "REJECTED": "Declined by the customer (rejectReason); the deal stays open.",
        "EXPIRED": "Still SENT when its validUntil passed: the expiry job closed it.",
        "SUPERSEDED": "Replaced by a later version (quoteRevise), or left open when another "
        "version was accepted.",
    },
)
described_enum(
    QuotePriceSource,
    name="QuotePriceSource",
    description="Where a quote line's unit price (and discount) came from; the price is frozen "
    "on the line when the line is created (§9).",
    values={
        "ACCOUNT_PRICE_LIST": "The account's price list, valid that day, at the line's quantity.",
        "DEFAULT_PRICE_LIST": "The default price list of the account's currency.",
        "LIST_PRICE": "The product's listPrice: no list had an item for it.",
        "MANUAL": "Given with the line (unitPrice in the input): a given price wins.",
        "OPPORTUNITY_LINE": "Copied from the opportunity's line, at the deal's price.",
    },
)


class QuoteOrderField(Enum):
    CREATED_AT = "created_at"
    NUMBER = "number"
    VERSION = "version"
    VALID_UNTIL = "valid_until"
    TOTAL = "total"


described_enum(
    QuoteOrderField,
    name="QuoteOrderField",
    description="What a quote list can be sorted by.",
    values={
        "CREATED_AT": "When the version was created.",
        "NUMBER": "The QT-YYYY-NNNNNN number (in the order numbers were given).",
        "VERSION": "The version within its opportunity.",
        "VALID_UNTIL": "The last day it may be accepted.",
        "TOTAL": "The total, smallest first.",
    },
)
