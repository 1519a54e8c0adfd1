"""GraphQL types of quotes and their lines, and the quote mutations' payloads (contract §9)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.availability.loaders import line_availability
from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError, payload
from api.orders.loaders import SalesOrderByIdLoader
from api.pipeline.loaders import OpportunityByIdLoader
from api.quotes.enums import QuotePriceSource, QuoteStatus
from api.quotes.figures import MARGIN_ROLES, Margin, lines_margin
from api.quotes.loaders import QuoteByIdLoader, QuoteLinesByQuoteIdLoader
from api.relay import ModelNode, to_node, to_optional_node
from api.scalars import Money, money, unit_money
from domain.quotes import models

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.availability.types import Availability
    from api.catalog.types import Product
    from api.jobs.types import JobRun
    from api.orders.types import SalesOrder
    from api.pipeline.types import Opportunity

MONEY_OF_QUOTE = "In the quote's currency, rounded half-up to cents (§5.4)."


@strawberry.type(
    description="One line of a quote: a product, its quantity and its price, frozen when the "
    "line was created (§9). Amounts are in the quote's currency."
)
class QuoteLine(ModelNode):
    model_class = models.QuoteLine

    # The quote's currency and requested date, handed down by the quote that builds its
    # lines: no field awaits them.
    currency: strawberry.Private[str]
    requested_date: strawberry.Private[date]

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="The line's place in its quote, from 0.")
    description: str | None = strawberry.field(description="Free text, carried to the order.")
    quantity: Decimal = strawberry.field(description="Up to 4 decimals, no padding zeros.")

    @strawberry.field(
        description="Per unit, in the quote's currency: cents, or up to the 4 decimals it was "
        "priced with; frozen on the line (§9)."
    )
    def unit_price(self) -> Money:
        return unit_money(self.record.unit_price, self.currency)

    discount_percent: Decimal = strawberry.field(
        description="Percent off the unit price, 0–100; no padding zeros."
    )
    tax_rate: Decimal = strawberry.field(
        description="Sales tax in percent, the product's rate when the line was created."
    )

    @strawberry.field(
        description="round_half_up(quantity × unitPrice × (1 − discountPercent/100)) to cents "
        "(§5.4)."
    )
    def net_amount(self) -> Money:
        return money(self.record.net_amount, self.currency)

    @strawberry.field(description="round_half_up(netAmount × taxRate/100) to cents (§5.4).")
    def tax_amount(self) -> Money:
        return money(self.record.tax_amount, self.currency)

    price_source: QuotePriceSource = strawberry.field(
        description="Where unitPrice (and the discount) came from."
    )

    @strawberry.field(description="The product offered.")
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return to_node(row)

    @strawberry.field(
        description="Whether the line's quantity can be promised on the quote's requestedDate "
        "(today when it has passed), and when (§9); it reserves nothing. One batch for all the "
        "lines of a page."
    )
    async def availability(
        self, info: Info
    ) -> Annotated[Availability, strawberry.lazy("api.availability.types")]:
        return await line_availability(
            info, self.record.product_id, self.record.quantity, self.requested_date
        )

    @classmethod
    async def nodes_of_rows(
        cls, info: Info, rows: Sequence[models.QuoteLine | None]
    ) -> list[Any | None]:
        """`node(id:)` reaches lines without their quote: one load for the batch."""
        quotes = await info.context.loaders[QuoteByIdLoader].load_many(
            sorted({row.quote_id for row in rows if row is not None})
        )
        by_id = {quote.id: quote for quote in quotes if quote is not None}
        return [
            None
            if row is None
            else cls.from_model(
                row,
                currency=by_id[row.quote_id].currency,
                requested_date=by_id[row.quote_id].requested_date,
            )
            for row in rows
        ]


@strawberry.type(
    description="A versioned offer made from an opportunity (§9): DRAFT → SENT → ACCEPTED, "
    "REJECTED, EXPIRED or SUPERSEDED; accepting it wins the deal and makes its DRAFT sales "
    "order. Readable by every role; written by ADMIN and SALES; its margin by ADMIN, FINANCE "
    "and OPERATIONS."
)
class Quote(ModelNode):
    model_class = models.Quote

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(
        description="QT-YYYY-NNNNNN: gapless per year of creation; every version has its own."
    )
    version: int = strawberry.field(
        description="1 for the deal's first quote, then the deal's highest version + 1."
    )
    status: QuoteStatus = strawberry.field(description="Where the version is in its life.")
    valid_until: date = strawberry.field(
        description="The last day it may be accepted; the expiry job sets it EXPIRED after."
    )
    requested_date: date = strawberry.field(
        description="When the customer wants the goods: the day the lines' availability is "
        "asked for and the order made on accept is requested for."
    )
    currency: str = strawberry.field(description="ISO 4217 code, the account's currency.")
    customer_reference: str | None = strawberry.field(
        description="The customer's own reference, given on accept; the order keeps it too."
    )
    reject_reason: str | None = strawberry.field(
        description="Why the customer declined; null unless REJECTED."
    )

    @strawberry.field(description="Σ line net amounts. " + MONEY_OF_QUOTE)
    def subtotal(self) -> Money:
        return money(self.record.subtotal, self.currency)

    @strawberry.field(description="Σ line tax amounts. " + MONEY_OF_QUOTE)
    def tax_total(self) -> Money:
        return money(self.record.tax_total, self.currency)

    @strawberry.field(description="subtotal + taxTotal. " + MONEY_OF_QUOTE)
    def total(self) -> Money:
        return money(self.record.total, self.currency)

    sent_at: datetime | None = strawberry.field(description="When quoteSend sent it.")
    accepted_at: datetime | None = strawberry.field(description="When quoteAccept accepted it.")
    rejected_at: datetime | None = strawberry.field(description="When quoteReject declined it.")
    expired_at: datetime | None = strawberry.field(description="When the expiry job closed it.")
    superseded_at: datetime | None = strawberry.field(
        description="When a revision or another version's acceptance superseded it."
    )
    created_at: datetime = strawberry.field(description="When the version was created.")
    updated_at: datetime = strawberry.field(description="Its last change.")

    @strawberry.field(description="The deal the quote offers.")
    async def opportunity(
        self, info: Info
    ) -> Annotated[Opportunity, strawberry.lazy("api.pipeline.types")]:
        row = await info.context.loaders[OpportunityByIdLoader].load(self.record.opportunity_id)
        return to_node(row)

    @strawberry.field(description="The customer (the deal's account).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(description="The quote's lines, in position order (a small fixed list).")
    async def lines(self, info: Info) -> list[QuoteLine]:
        rows = await info.context.loaders[QuoteLinesByQuoteIdLoader].load(self.record.id)
        return [
            QuoteLine.from_model(
                row, currency=self.currency, requested_date=self.record.requested_date
            )
            for row in rows
        ]

    @strawberry.field(
        description="The DRAFT sales order made when the quote was accepted; null until then."
    )
    async def sales_order(
        self, info: Info
    ) -> Annotated[SalesOrder, strawberry.lazy("api.orders.types")] | None:
        if self.record.sales_order_id is None:
            return None
        row = await info.context.loaders[SalesOrderByIdLoader].load(self.record.sales_order_id)
        return to_optional_node(row)

    @strawberry.field(
        description="Σ line nets against Σ quantity × today's standardCost (§9). " + MARGIN_ROLES
    )
    async def margin(self, info: Info) -> Margin | None:
        rows = await info.context.loaders[QuoteLinesByQuoteIdLoader].load(self.record.id)
        return await lines_margin(info, rows, self.currency)


@payload("quote", Quote, key_description="The new DRAFT version; null when refused.")
class QuoteCreatePayload:
    pass


@payload("quote", Quote)
class QuoteUpdatePayload:
    pass


@payload(
    "quote",
    Quote,
    description="The result of quoteSend: the SENT quote and what the salesperson should know "
    "about it (warnings, which never refuse), or the errors that refused it.",
    key_description="The SENT quote; null when refused.",
)
class QuoteSendPayload:
    quote: Quote | None
    warnings: list[UserError] = strawberry.field(
        description="What sending did not refuse but the salesperson should know (§9): "
        "CREDIT_LIMIT_EXCEEDED when the total exceeds the account's creditAvailable, "
        'INSUFFICIENT_STOCK per line whose availability is LATE (field ["lines", "<i>", '
        '"quantity"]). Empty when refused.'
    )
    errors: list[UserError]


@payload(
    "quote",
    Quote,
    key_description="The new DRAFT version (the revised one is SUPERSEDED); null when refused.",
)
class QuoteRevisePayload:
    pass


async def _accepted_order(root: QuoteAcceptPayload, info: Info) -> Any:
    if root.quote is None or root.quote.record.sales_order_id is None:
        return None
    row = await info.context.loaders[SalesOrderByIdLoader].load(root.quote.record.sales_order_id)
    return to_optional_node(row)


@payload(
    "quote",
    Quote,
    description="The result of quoteAccept: the ACCEPTED quote and the DRAFT sales order the "
    "won deal was handed over as (the same one on every repeat), or the errors that refused "
    "it (INVALID_TRANSITION, EXPIRED).",
)
class QuoteAcceptPayload:
    quote: Quote | None
    sales_order: Annotated[SalesOrder, strawberry.lazy("api.orders.types")] | None = (
        strawberry.field(
            resolver=_accepted_order,
            description="The DRAFT sales order: the quote's lines at its prices; null when "
            "refused.",
        )
    )


@payload("quote", Quote, key_description="The REJECTED quote; null when refused.")
class QuoteRejectPayload:
    pass


@payload(
    "job_run",
    Annotated["JobRun", strawberry.lazy("api.jobs.types")],
    key_description="The QUEUED run (kind QUOTE_EXPIRY); follow it with jobRun(id:).",
)
class QuoteExpiryRunStartPayload:
    pass
