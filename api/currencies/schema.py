"""Queries and mutations of exchange rates (contract §12)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.currencies.inputs import ExchangeRateSetInput
from api.currencies.types import ExchangeRate, ExchangeRateSetPayload
from api.errors import MutationInput, perform
from api.relay import After, Before, Connection, First, Last, node_by_global_id, paginate
from domain.currencies import services


@strawberry.type
class Query:
    @strawberry.field(description="An exchange rate by its id; null when there is none.")
    async def exchange_rate(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="An ExchangeRate id.")],
    ) -> ExchangeRate | None:
        return await node_by_global_id(ExchangeRate, info, id)

    @strawberry.field(
        description="The exchange rates of a currency (or of all), by currency then newest "
        "date first (§12). Readable by every role."
    )
    async def exchange_rates(
        self,
        currency: Annotated[
            str | None,
            strawberry.argument(description="ISO 4217 code; omitted: every currency."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ExchangeRate]:
        return await paginate(
            services.list_exchange_rates(currency),
            ExchangeRate.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("currency", "-date"),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Sets the rate of a currency from a day on (ADMIN, FINANCE, §12): 1 unit "
        "of `currency` = `rate` base units. An unknown currency, the base currency or a rate "
        "≤ 0 → INVALID. Documents already booked keep their rates. Fires exchange_rate.set."
    )
    async def exchange_rate_set(
        self, input: MutationInput[ExchangeRateSetInput]
    ) -> ExchangeRateSetPayload:
        return await perform(
            ExchangeRateSetPayload,
            "exchange_rate",
            lambda: services.set_exchange_rate(input.currency, input.date, input.rate),
            ExchangeRate.from_model,
        )
