"""Races on PostgreSQL (§9): a quote accepted twice at once makes one order, two versions of
one deal are never both accepted, concurrent expiry runs expire each quote once, and two
payments at once leave the deal's fulfilment with both."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

from domain.billing.invoicing import invoice_order
from domain.billing.payments import record_payment
from domain.errors import DomainError, ErrorCode
from domain.fulfillment.models import OpportunityFulfillment
from domain.inventory.services import default_warehouse
from domain.orders.models import SalesOrder, SalesOrderLine
from domain.orders.services import ShipLineDraft, confirm_sales_order, ship_sales_order
from domain.outbox.models import Event
from domain.quotes.models import Quote, QuoteStatus
from domain.quotes.services import accept_quote, create_quote, expire_quotes, send_quote
from tests.quotes.conftest import Deal, add_stock

D = Decimal


async def sent_quote(deal: Deal, **fields: object) -> Quote:
    quote = await create_quote(deal.opportunity.id, dict(fields))
    return (await send_quote(quote.id)).quote


async def test_two_concurrent_accepts_of_one_quote_make_one_order(postgres_only, deal_factory):
    deal: Deal = await deal_factory()
    quote = await sent_quote(deal)

    first, second = await asyncio.gather(accept_quote(quote.id), accept_quote(quote.id))

    assert first.sales_order_id == second.sales_order_id is not None
    assert await SalesOrder.all().count() == 1
    assert await Event.filter(type="quote.accepted").count() == 1
    assert await Event.filter(type="opportunity.won").count() == 1


async def test_two_versions_accepted_at_once_win_the_deal_once(postgres_only, deal_factory):
    deal: Deal = await deal_factory()
    first, second = await sent_quote(deal), await sent_quote(deal)

    outcomes = await asyncio.gather(
        accept_quote(first.id), accept_quote(second.id), return_exceptions=True
    )

    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert [r.code for r in refusals] == [ErrorCode.INVALID_TRANSITION]
    statuses = sorted(q.status.value for q in await Quote.all())
    assert statuses == [QuoteStatus.ACCEPTED.value, QuoteStatus.SUPERSEDED.value]
    assert await SalesOrder.all().count() == 1


async def test_concurrent_expiry_runs_expire_each_quote_once(postgres_only, deal_factory, clock):
    deal: Deal = await deal_factory()
    for _ in range(6):
        await sent_quote(deal, valid_until=date(2026, 3, 3))
    clock.advance(2)

    results = await asyncio.gather(*(expire_quotes(batch_size=2) for _ in range(3)))

    numbers = [number for result in results for number in result.expired]
    assert sorted(numbers) == [f"QT-2026-{n:06d}" for n in range(1, 7)]
    assert await Event.filter(type="quote.expired").count() == 6


async def test_two_payments_at_once_are_both_on_the_fulfilment(postgres_only, deal_factory):
    deal: Deal = await deal_factory()
    await add_stock(deal.bike, "2")
    await add_stock(deal.helmet, "5")
    quote = await sent_quote(deal)
    order_id = (await accept_quote(quote.id)).sales_order_id or 0
    await confirm_sales_order(order_id)
    lines = await SalesOrderLine.filter(order_id=order_id).order_by("position")
    warehouse = await default_warehouse()
    await ship_sales_order(
        order_id, warehouse.id, [ShipLineDraft(line.id, line.quantity) for line in lines]
    )
    invoice = await invoice_order(order_id, date(2026, 3, 3))
    assert invoice is not None

    await asyncio.gather(
        record_payment(deal.account.id, D("100"), date(2026, 3, 4)),
        record_payment(deal.account.id, D("200"), date(2026, 3, 4)),
    )

    row = await OpportunityFulfillment.get(opportunity_id=deal.opportunity.id)
    assert row.paid_amount == D("300.00")
