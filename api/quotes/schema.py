"""Queries and mutations of quotes (contract §9)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import MutationInput, UserError, perform, user_errors
from api.inputs import provided
from api.jobs.start import start_job
from api.quotes.inputs import (
    QuoteAcceptInput,
    QuoteCreateInput,
    QuoteExpiryRunStartInput,
    QuoteFilter,
    QuoteLineInput,
    QuoteOrder,
    QuoteRejectInput,
    QuoteReviseInput,
    QuoteSendInput,
    QuoteUpdateInput,
    quote_filter,
    quote_order,
)
from api.quotes.types import (
    Quote,
    QuoteAcceptPayload,
    QuoteCreatePayload,
    QuoteExpiryRunStartPayload,
    QuoteRejectPayload,
    QuoteRevisePayload,
    QuoteSendPayload,
    QuoteUpdatePayload,
)
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
    to_node,
)
from domain.errors import DomainError
from domain.jobs.kinds import QuoteExpiryParams
from domain.jobs.models import JobKind
from domain.quotes import services
from domain.validation import optional_date

NodeId = Annotated[strawberry.ID, strawberry.argument(description="The object's global id.")]


def _lines(lines: list[QuoteLineInput]) -> list[dict[str, Any]]:
    return [
        {
            "product_id": decode_id(line.product_id, "Product", ("lines", str(i), "product_id")),
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "discount_percent": line.discount_percent,
            "description": line.description,
        }
        for i, line in enumerate(lines)
    ]


def _fields(data: QuoteCreateInput | QuoteUpdateInput) -> dict[str, Any]:
    fields = provided(data, exclude=("id", "opportunity_id", "lines"))
    if data.lines is not strawberry.UNSET:
        fields["lines"] = None if data.lines is None else _lines(data.lines)
    return fields


@strawberry.type
class Query:
    @strawberry.field(description="A quote by its global id; null when there is none.")
    async def quote(self, info: Info, id: NodeId) -> Quote | None:
        return await node_by_global_id(Quote, info, id)

    @strawberry.field(description="Quotes (every version), newest first unless orderBy says so.")
    async def quotes(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            QuoteFilter | None, strawberry.argument(description="Which quotes; all by default.")
        ] = None,
        order_by: Annotated[
            QuoteOrder | None, strawberry.argument(description="Default: CREATED_AT DESC.")
        ] = None,
    ) -> Connection[Quote]:
        return await paginate(
            services.list_quotes(quote_filter(filter)),
            Quote.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=quote_order(order_by, ("-created_at",)),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="A DRAFT quote of an OPEN opportunity (§9): its next version, numbered "
        "QT-YYYY-NNNNNN; lines default to the deal's (at the deal's prices), a line without "
        "unitPrice takes the price of §9 today; amounts by §5.4.",
    )
    async def quote_create(self, input: MutationInput[QuoteCreateInput]) -> QuoteCreatePayload:
        return await perform(
            QuoteCreatePayload,
            "quote",
            lambda: services.create_quote(
                decode_id(input.opportunity_id, "Opportunity", "opportunity_id"), _fields(input)
            ),
            Quote.from_model,
        )

    @strawberry.mutation(description="Edits a DRAFT quote; any other → INVALID_TRANSITION.")
    async def quote_update(self, input: MutationInput[QuoteUpdateInput]) -> QuoteUpdatePayload:
        return await perform(
            QuoteUpdatePayload,
            "quote",
            lambda: services.update_quote(decode_id(input.id, "Quote"), _fields(input)),
            Quote.from_model,
        )

    @strawberry.mutation(
        description="Sends a DRAFT quote (§9): SENT, its prices frozen; the deal moves to at "
        "least PROPOSAL (never backwards). `warnings` say when the total exceeds the account's "
        "credit available or a line's availability is LATE; they never refuse.",
    )
    async def quote_send(self, input: MutationInput[QuoteSendInput]) -> QuoteSendPayload:
        try:
            quote_id = decode_id(input.id, "Quote")
            sent = await retry_when_locked(lambda: services.send_quote(quote_id))
        except DomainError as error:
            return QuoteSendPayload(quote=None, warnings=[], errors=user_errors(error))
        return QuoteSendPayload(
            quote=Quote.from_model(sent.quote),
            warnings=[UserError.from_domain(warning) for warning in sent.warnings],
            errors=[],
        )

    @strawberry.mutation(
        description="Copies a SENT quote into a new DRAFT version (same lines and prices, "
        "validUntil today + 30 days); the SENT one becomes SUPERSEDED (§9).",
    )
    async def quote_revise(self, input: MutationInput[QuoteReviseInput]) -> QuoteRevisePayload:
        return await perform(
            QuoteRevisePayload,
            "quote",
            lambda: services.revise_quote(decode_id(input.id, "Quote")),
            Quote.from_model,
        )

    @strawberry.mutation(
        description="The customer accepts a SENT quote, today ≤ validUntil (else EXPIRED; not "
        "SENT → INVALID_TRANSITION). In one transaction (§9): ACCEPTED; the deal's lines become "
        "the quote's and the deal is won, so its DRAFT sales order carries the quote's lines at "
        "the quote's prices, its requested date and customerReference; every other open "
        "version becomes SUPERSEDED. Accepting again returns the same order and changes "
        "nothing.",
    )
    async def quote_accept(self, input: MutationInput[QuoteAcceptInput]) -> QuoteAcceptPayload:
        return await perform(
            QuoteAcceptPayload,
            "quote",
            lambda: services.accept_quote(decode_id(input.id, "Quote"), input.customer_reference),
            Quote.from_model,
        )

    @strawberry.mutation(
        description="The customer declines a SENT quote: REJECTED with the reason; the deal "
        "stays open (§9).",
    )
    async def quote_reject(self, input: MutationInput[QuoteRejectInput]) -> QuoteRejectPayload:
        return await perform(
            QuoteRejectPayload,
            "quote",
            lambda: services.reject_quote(decode_id(input.id, "Quote"), input.reason),
            Quote.from_model,
        )

    @strawberry.mutation(
        description="Expires, in a worker, the SENT quotes whose validUntil is before asOf "
        "(default today), each once (§9); a cron job runs the same hourly.",
    )
    async def quote_expiry_run_start(
        self, info: Info, input: MutationInput[QuoteExpiryRunStartInput]
    ) -> QuoteExpiryRunStartPayload:
        async def start() -> object:
            as_of = optional_date(input.as_of, "as_of")
            return await start_job(info, JobKind.QUOTE_EXPIRY, QuoteExpiryParams(as_of))

        return await perform(QuoteExpiryRunStartPayload, "job_run", start, to_node)
