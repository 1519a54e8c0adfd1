"""GraphQL inputs of quotes (§9): the list filter and order, and the mutations' inputs.

The filter and order are also the arguments of `Opportunity.quotes`, so they live apart from
the object types: the pipeline area imports them without importing this area's types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.quotes.enums import QuoteOrderField, QuoteStatus
from api.relay import filter_id, order_fields
from api.scalars import OrderDirection
from domain.quotes import services

ORDER_DIRECTION = "ASC or DESC; ties are broken by id, in the same direction."


@strawberry.input(description="How to sort a quote list.")
class QuoteOrder:
    field: QuoteOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which quotes a list shows; all conditions must hold.")
class QuoteFilter:
    opportunity_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the versions of this deal (an Opportunity id)."
    )
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's quotes (an Account id)."
    )
    status: QuoteStatus | None = strawberry.field(default=None, description="Only this status.")


def quote_filter(flt: QuoteFilter | None) -> services.QuoteFilter:
    if flt is None:
        return services.QuoteFilter()
    return services.QuoteFilter(
        opportunity_id=filter_id(flt.opportunity_id, "Opportunity", "opportunityId"),
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        status=flt.status,
    )


def quote_order(order: QuoteOrder | None, default: tuple[str, ...]) -> tuple[str, ...]:
    return order_fields(order.field.value, order.direction) if order else default


@strawberry.input(description="One line of a quote, in the account's currency.")
class QuoteLineInput:
    product_id: strawberry.ID = strawberry.field(description="The Product.")
    quantity: Decimal = strawberry.field(description="Greater than zero, up to 4 decimals.")
    unit_price: Decimal | None = strawberry.field(
        default=None,
        description="Per unit, up to 4 decimals; a given price wins (priceSource MANUAL). "
        "Omitted: the price of §9 today — the account's price list, the default list, else "
        "the product's listPrice — frozen on the line.",
    )
    discount_percent: Decimal | None = strawberry.field(
        default=None,
        description="0–100, e.g. 12.5; omitted: the price list's discount, else 0.",
    )
    description: str | None = strawberry.field(
        default=None, description="Shown on the line and carried to the sales order."
    )


@strawberry.input(description="A new quote version of an opportunity (quoteCreate, §9).")
class QuoteCreateInput:
    opportunity_id: strawberry.ID = strawberry.field(
        description="The OPEN Opportunity the quote offers; a closed one → INVALID_TRANSITION."
    )
    valid_until: date | None = strawberry.field(
        default=None,
        description="The last day the customer may accept it; default today + 30 days; before "
        "today → INVALID.",
    )
    requested_date: date | None = strawberry.field(
        default=None,
        description="When the customer wants the goods: availability is asked for it and the "
        "order made on accept takes it. Default: the deal's expectedCloseDate, else today.",
    )
    lines: list[QuoteLineInput] | None = strawberry.field(
        default=None,
        description="The quote's lines; omitted: a copy of the opportunity's lines at the "
        "deal's prices.",
    )


@strawberry.input(description="Changes to a DRAFT quote (quoteUpdate); omitted fields stay.")
class QuoteUpdateInput:
    id: strawberry.ID = strawberry.field(description="The Quote; not a DRAFT → INVALID_TRANSITION.")
    valid_until: date | None = strawberry.field(
        default=strawberry.UNSET, description="Before today → INVALID; null → REQUIRED."
    )
    requested_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="When the customer wants the goods; null → REQUIRED."
    )
    lines: list[QuoteLineInput] | None = strawberry.field(
        default=strawberry.UNSET,
        description="When given, replaces all lines, priced today; [] removes them.",
    )


@strawberry.input(description="The DRAFT quote to send (quoteSend).")
class QuoteSendInput:
    id: strawberry.ID = strawberry.field(description="The Quote.")


@strawberry.input(description="The SENT quote to revise into a new DRAFT version (quoteRevise).")
class QuoteReviseInput:
    id: strawberry.ID = strawberry.field(description="The Quote.")


@strawberry.input(description="The customer's acceptance of a SENT quote (quoteAccept).")
class QuoteAcceptInput:
    id: strawberry.ID = strawberry.field(description="The Quote.")
    customer_reference: str | None = strawberry.field(
        default=None,
        description="The customer's own reference (their PO number), up to 120 characters; "
        "the quote and its sales order keep it.",
    )


@strawberry.input(description="The customer's refusal of a SENT quote (quoteReject).")
class QuoteRejectInput:
    id: strawberry.ID = strawberry.field(description="The Quote.")
    reason: str = strawberry.field(
        description="Why the customer declined (up to 500 characters); blank → REQUIRED."
    )


@strawberry.input(description="Starting the quote expiry in a worker (quoteExpiryRunStart).")
class QuoteExpiryRunStartInput:
    as_of: date | None = strawberry.field(
        default=None,
        description="Expire SENT quotes whose validUntil is before this day; default today.",
    )
