"""Dataloaders of quotes, fulfilment and realized margins: one query per relation and request
depth, never per row.

`opportunity_quotes` is the `Opportunity.quotes` connection, answered here so that the
pipeline area needs this module only (never the quotes' types)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, OneByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader, Window, nested_connection
from api.quotes.inputs import QuoteFilter, QuoteOrder, quote_filter, quote_order
from api.relay import Connection, to_node
from domain.fulfillment.margin import Margin, realized_margins
from domain.fulfillment.models import OpportunityFulfillment
from domain.quotes import services
from domain.quotes.models import Quote, QuoteLine

QuoteByIdLoader = by_id_loader(Quote)
# Opportunity.quotes: the newest version first (§9).
NEWEST_VERSION_FIRST = ("-version",)


class QuoteLinesByQuoteIdLoader(ManyByKeyLoader):
    model = QuoteLine
    key = "quote_id"
    order_by = ("position", "id")


class QuotesByOpportunityIdLoader(PagesByKeyLoader):
    """Keys are (opportunity id, domain QuoteFilter)."""

    key = "opportunity_id"

    def rows(self, flt: services.QuoteFilter) -> QuerySet[Any]:
        return services.list_quotes(flt)


class QuoteBySalesOrderIdLoader(OneByKeyLoader):
    """The accepted quote an order was made from (at most one: the column is unique)."""

    model = Quote
    key = "sales_order_id"


class FulfillmentByOpportunityIdLoader(OneByKeyLoader):
    model = OpportunityFulfillment
    key = "opportunity_id"


class RealizedMarginBySalesOrderIdLoader(DataLoader[int, Margin]):
    """Invoiced nets and posted COGS of many orders in three queries."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, order_ids: Sequence[int]) -> list[Margin]:
        margins = await realized_margins(order_ids)
        return [margins[i] for i in order_ids]


async def opportunity_quotes(
    info: Info,
    opportunity_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: QuoteFilter | None = None,
    order_by: QuoteOrder | None = None,
) -> Connection[Any]:
    """One deal's quote versions as a connection, newest version first unless `order_by`
    says otherwise: all deals of the page share one query per distinct filter; the filter's
    own opportunityId, when given, must match too."""
    return await nested_connection(
        info,
        QuotesByOpportunityIdLoader,
        opportunity_id,
        quote_filter(filter),
        to_node,
        Window(first, after, last, before, quote_order(order_by, NEWEST_VERSION_FIRST)),
    )
