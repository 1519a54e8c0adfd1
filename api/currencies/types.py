"""GraphQL types of exchange rates (contract §12)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from api.errors import payload
from api.relay import ModelNode
from domain.currencies import models


@strawberry.type(
    description="An exchange rate (§12): from `date` on, 1 unit of `currency` is `rate` units "
    "of the base currency (TANDEM_CURRENCY), until a later rate of that currency. A document "
    "takes the latest rate dated on or before its own date. Readable by every role."
)
class ExchangeRate(ModelNode):
    model_class = models.ExchangeRate

    id: strawberry.relay.NodeID[int]
    currency: str = strawberry.field(description="ISO 4217 code of the currency priced.")
    date: date = strawberry.field(description="The first day the rate applies.")
    rate: Decimal = strawberry.field(
        description="Base-currency units per unit of `currency` (above 0, up to 10 decimals, "
        "no padding zeros)."
    )
    created_at: datetime = strawberry.field(description="When the rate was first set.")
    updated_at: datetime = strawberry.field(description="When the rate was last set.")


@payload("exchange_rate", ExchangeRate)
class ExchangeRateSetPayload:
    pass
