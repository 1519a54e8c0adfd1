"""The demo company has quotes in every status, lines that are LATE, and every won deal's
fulfilment in step with its order (§9)."""

from __future__ import annotations

from collections import Counter

from domain.availability.atp import AvailabilityStatus
from domain.demo import seed_demo
from domain.fulfillment.models import OpportunityFulfillment
from domain.orders.models import SalesOrder
from domain.pipeline.models import Opportunity, OpportunityStatus
from domain.quotes.models import Quote, QuotePriceSource, QuoteStatus
from domain.quotes.services import line_availability, quote_lines


async def test_the_demo_quotes_cover_every_status_and_some_late_lines(database: str) -> None:
    await seed_demo()

    quotes = await Quote.all().order_by("id")
    assert Counter(q.status for q in quotes) == {
        QuoteStatus.DRAFT: 2,
        QuoteStatus.SENT: 3,
        QuoteStatus.SUPERSEDED: 1,
        QuoteStatus.REJECTED: 2,
        QuoteStatus.EXPIRED: 2,
        QuoteStatus.ACCEPTED: 2,
    }
    late = []
    for quote in quotes:
        lines = await quote_lines(quote.id)
        answers = await line_availability(quote, lines)
        late += [a for a in answers if a.status is AvailabilityStatus.LATE]
    assert len(late) >= 2
    sources = {line.price_source for q in quotes for line in await quote_lines(q.id)}
    assert {
        QuotePriceSource.OPPORTUNITY_LINE,
        QuotePriceSource.ACCOUNT_PRICE_LIST,
        QuotePriceSource.LIST_PRICE,
    } <= sources

    won = await Opportunity.filter(status=OpportunityStatus.WON)
    rows = {row.opportunity_id: row for row in await OpportunityFulfillment.all()}
    assert sorted(rows) == sorted(deal.id for deal in won)
    for deal in won:
        order = await SalesOrder.get(id=deal.sales_order_id)
        row = rows[deal.id]
        assert (row.delivery_status, row.invoice_status, row.payment_status) == (
            order.delivery_status,
            order.invoice_status,
            order.payment_status,
        )
