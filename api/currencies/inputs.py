"""GraphQL inputs of exchange rates (contract §12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.input(
    description="A rate of a currency from a day on (exchangeRateSet); the same currency and "
    "day again replaces it."
)
class ExchangeRateSetInput:
    currency: str = strawberry.field(
        description="ISO 4217 code; unknown, or the base currency itself → INVALID."
    )
    date: date = strawberry.field(description="The first day the rate applies.")
    rate: Decimal = strawberry.field(
        description="Base-currency units per unit of `currency`: above 0 (else INVALID), up to "
        "10 decimals."
    )
