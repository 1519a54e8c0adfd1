"""The quote rules of §9, each with hand-computed figures: versions and gapless numbers,
defaults, prices frozen per line, send (stage, warnings), revise, accept (the handover),
reject, expiry, and every refusal changing nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.services import update_account
from domain.catalog.services import update_product
from domain.errors import DomainError, ErrorCode
from domain.jobs.kinds import QuoteExpiryParams, start_job_run
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.jobs.runner import run_attempt
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from domain.orders.services import OrderLineDraft, confirm_sales_order, create_sales_order
from domain.outbox.models import Event
from domain.pipeline.models import Opportunity, OpportunityLine, OpportunityStatus, Stage
from domain.pipeline.services import lose_opportunity, move_opportunity_stage
from domain.price_lists.services import create_price_list, set_price_list_items
from domain.quotes.models import Quote, QuoteLine, QuotePriceSource, QuoteStatus
from domain.quotes.services import (
    accept_quote,
    create_quote,
    expire_quotes,
    reject_quote,
    revise_quote,
    send_quote,
    update_quote,
)
from tests.quotes.conftest import TODAY, Clock, Deal, add_stock

D = Decimal


async def refused(call: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        await call
    return caught.value


async def snapshot() -> list[Any]:
    """What a refusal must leave as it was."""
    return [
        sorted(
            (q.id, q.status.value, q.valid_until, q.sales_order_id, q.customer_reference)
            for q in await Quote.all()
        ),
        await QuoteLine.all().count(),
        await SalesOrder.all().count(),
        sorted((o.id, o.status.value, str(o.amount)) for o in await Opportunity.all()),
        await Event.all().count(),
    ]


# --- create, versions, numbers, defaults ----------------------------------------------------


async def test_a_quote_copies_the_deal_lines_with_the_defaults_of_section_9(deal_factory):
    deal: Deal = await deal_factory()

    quote = await create_quote(deal.opportunity.id, {})

    assert (quote.number, quote.version, quote.status) == ("QT-2026-000001", 1, QuoteStatus.DRAFT)
    assert quote.valid_until == date(2026, 4, 1)  # today + 30 days
    assert quote.requested_date == TODAY  # the deal has no expected close date
    lines = await QuoteLine.filter(quote_id=quote.id).order_by("position")
    assert [
        (line.quantity, line.unit_price, line.discount_percent, line.tax_rate, line.price_source)
        for line in lines
    ] == [
        (D("2"), D("1200"), D("10"), D("8"), QuotePriceSource.OPPORTUNITY_LINE),
        (D("5"), D("49.9"), D("0"), D("8"), QuotePriceSource.OPPORTUNITY_LINE),
    ]
    # 2 × 1 200.00 × 0.9 = 2 160.00 (tax 172.80); 5 × 49.90 = 249.50 (tax 19.96)
    assert [(line.net_amount, line.tax_amount) for line in lines] == [
        (D("2160.00"), D("172.80")),
        (D("249.50"), D("19.96")),
    ]
    assert (quote.subtotal, quote.tax_total, quote.total) == (
        D("2409.50"),
        D("192.76"),
        D("2602.26"),
    )


async def test_each_version_takes_the_next_version_and_the_next_gapless_number(deal_factory):
    deal: Deal = await deal_factory(expected_close_date=date(2026, 5, 15))
    other: Deal = await deal_factory()

    first = await create_quote(deal.opportunity.id, {})
    elsewhere = await create_quote(other.opportunity.id, {})
    second = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 9)})

    assert [(q.number, q.version) for q in (first, elsewhere, second)] == [
        ("QT-2026-000001", 1),
        ("QT-2026-000002", 1),
        ("QT-2026-000003", 2),
    ]
    assert (first.requested_date, second.valid_until) == (date(2026, 5, 15), date(2026, 3, 9))


async def test_the_number_series_restarts_with_the_year(deal_factory, clock: Clock):
    deal: Deal = await deal_factory()
    await create_quote(deal.opportunity.id, {})
    clock.now = clock.now.replace(year=2027, month=1, day=4)

    quote = await create_quote(deal.opportunity.id, {})

    assert (quote.number, quote.version) == ("QT-2027-000001", 2)


async def test_lines_without_a_unit_price_take_the_price_of_the_day_and_freeze_it(deal_factory):
    deal: Deal = await deal_factory()
    own = await create_price_list({"name": "Globex prices"})
    await set_price_list_items(
        own.id,
        [
            {"product_id": deal.helmet.id, "min_quantity": D("1"), "unit_price": D("45.00")},
            {"product_id": deal.helmet.id, "min_quantity": D("10"), "unit_price": D("42.00")},
        ],
    )
    default = await create_price_list({"name": "Standard", "is_default": True})
    await set_price_list_items(
        default.id,
        [{"product_id": deal.bike.id, "min_quantity": D("1"), "discount_percent": D("5")}],
    )
    await update_account(deal.account.id, {"price_list_id": own.id})

    quote = await create_quote(
        deal.opportunity.id,
        {
            "lines": [
                {"product_id": deal.bike.id, "quantity": D("3")},
                {"product_id": deal.helmet.id, "quantity": D("10")},
                {"product_id": deal.helmet.id, "quantity": D("9"), "discount_percent": D("2")},
                {"product_id": deal.helmet.id, "quantity": D("1"), "unit_price": D("40")},
            ]
        },
    )
    await set_price_list_items(own.id, [])  # later price changes leave the quote alone

    lines = await QuoteLine.filter(quote_id=quote.id).order_by("position")
    assert [
        (line.unit_price, line.discount_percent, line.net_amount, line.price_source)
        for line in lines
    ] == [
        # the default list's 5 % off the list price: 3 × 1 250.00 × 0.95
        (D("1250"), D("5"), D("3562.50"), QuotePriceSource.DEFAULT_PRICE_LIST),
        # the account's break at 10
        (D("42"), D("0"), D("420.00"), QuotePriceSource.ACCOUNT_PRICE_LIST),
        # the break at 1, with the line's own discount: 9 × 45.00 × 0.98
        (D("45"), D("2"), D("396.90"), QuotePriceSource.ACCOUNT_PRICE_LIST),
        (D("40"), D("0"), D("40.00"), QuotePriceSource.MANUAL),
    ]
    assert (await Quote.get(id=quote.id)).subtotal == D("4419.40")


async def test_a_product_on_no_list_is_quoted_at_its_list_price(deal_factory):
    deal: Deal = await deal_factory()

    quote = await create_quote(
        deal.opportunity.id, {"lines": [{"product_id": deal.bike.id, "quantity": D("1")}]}
    )

    [line] = await QuoteLine.filter(quote_id=quote.id)
    assert (line.unit_price, line.price_source) == (D("1250"), QuotePriceSource.LIST_PRICE)


async def test_bad_input_is_refused_field_by_field_and_changes_nothing(deal_factory):
    deal: Deal = await deal_factory()
    before = await snapshot()

    error = await refused(
        create_quote(
            deal.opportunity.id,
            {
                "valid_until": TODAY - timedelta(days=1),
                "lines": [{"product_id": deal.bike.id, "quantity": D("0")}],
            },
        )
    )

    assert [(e.code, e.field) for e in getattr(error, "errors", [error])] == [
        (ErrorCode.INVALID, ("valid_until",)),
        (ErrorCode.INVALID, ("lines", "0", "quantity")),
    ]
    error = await refused(
        create_quote(deal.opportunity.id, {"lines": [{"product_id": 999, "quantity": D("1")}]})
    )
    assert (error.code, error.field) == (ErrorCode.NOT_FOUND, ("lines", "0", "product_id"))
    assert await snapshot() == before


async def test_a_closed_deal_takes_no_quote(deal_factory):
    deal: Deal = await deal_factory()
    await lose_opportunity(deal.opportunity.id, "Budget cut")
    before = await snapshot()

    error = await refused(create_quote(deal.opportunity.id, {}))

    assert (error.code, error.field) == (ErrorCode.INVALID_TRANSITION, ("opportunity_id",))
    assert await snapshot() == before


async def test_only_a_draft_is_updated_and_its_new_lines_are_priced(deal_factory):
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})

    updated = await update_quote(
        quote.id,
        {
            "requested_date": date(2026, 3, 20),
            "lines": [{"product_id": deal.helmet.id, "quantity": D("4"), "unit_price": D("50")}],
        },
    )

    assert (updated.requested_date, updated.subtotal, updated.tax_total, updated.total) == (
        date(2026, 3, 20),
        D("200.00"),
        D("16.00"),
        D("216.00"),
    )
    await send_quote(quote.id)
    before = await snapshot()
    error = await refused(update_quote(quote.id, {"valid_until": date(2026, 3, 30)}))
    assert error.code == ErrorCode.INVALID_TRANSITION
    assert await snapshot() == before


# --- send -----------------------------------------------------------------------------------


async def test_sending_moves_the_deal_to_proposal_and_never_back(deal_factory, event_types):
    deal: Deal = await deal_factory()
    early = await create_quote(deal.opportunity.id, {})

    sent = await send_quote(early.id)

    assert (sent.quote.status, sent.quote.sent_at is not None) == (QuoteStatus.SENT, True)
    opportunity = await Opportunity.get(id=deal.opportunity.id)
    assert (opportunity.stage, opportunity.probability) == (Stage.PROPOSAL, 50)
    await move_opportunity_stage(deal.opportunity.id, Stage.NEGOTIATION)
    later = await create_quote(deal.opportunity.id, {})
    await send_quote(later.id)
    opportunity = await Opportunity.get(id=deal.opportunity.id)
    assert (opportunity.stage, opportunity.probability) == (Stage.NEGOTIATION, 80)
    assert await event_types("quote.") == ["quote.sent", "quote.sent"]
    assert await event_types("opportunity.stage_changed") == [
        "opportunity.stage_changed",
        "opportunity.stage_changed",
    ]


async def test_send_warns_of_credit_and_late_lines_and_sends_anyway(deal_factory):
    # Total 2 602.26; credit available 3 000.00 − 500.00 (a confirmed order) = 2 500.00.
    deal: Deal = await deal_factory(credit_limit="3000")
    await add_stock(deal.helmet, "6")
    order = await create_sales_order(
        deal.account.id,
        [
            OrderLineDraft(
                product_id=deal.helmet.id, quantity=D("1"), unit_price=D("500"), tax_rate=D("0")
            )
        ],
    )
    await confirm_sales_order(order.id)
    quote = await create_quote(deal.opportunity.id, {})

    sent = await send_quote(quote.id)

    assert sent.quote.status == QuoteStatus.SENT
    assert [(w.code, w.field) for w in sent.warnings] == [
        (ErrorCode.CREDIT_LIMIT_EXCEEDED, None),
        # no bike in stock: promised at today + 10 days (its lead time), LATE; the 5
        # helmets left after the confirmed order cover the line
        (ErrorCode.INSUFFICIENT_STOCK, ("lines", "0", "quantity")),
    ]
    assert sent.warnings[0].message == (
        "The quote's total of 2602.26 USD exceeds Globex's credit available of 2500.00 USD."
    )
    assert sent.warnings[1].message == (
        "Line 1 (BIKE): 2 can be promised for 2026-03-12, not 2026-03-02."
    )


async def test_a_quote_within_credit_and_in_stock_is_sent_without_warnings(deal_factory):
    deal: Deal = await deal_factory(credit_limit="2602.26")
    await add_stock(deal.bike, "2")
    await add_stock(deal.helmet, "5")
    quote = await create_quote(deal.opportunity.id, {})

    sent = await send_quote(quote.id)

    assert sent.warnings == []


async def test_an_empty_or_outdated_draft_is_not_sent(deal_factory, clock: Clock):
    deal: Deal = await deal_factory()
    empty = await create_quote(deal.opportunity.id, {"lines": []})
    outdated = await create_quote(deal.opportunity.id, {"valid_until": TODAY})
    clock.advance(1)
    before = await snapshot()

    assert (await refused(send_quote(empty.id))).code == ErrorCode.INVALID
    assert (await refused(send_quote(outdated.id))).code == ErrorCode.INVALID
    assert await snapshot() == before


# --- revise ---------------------------------------------------------------------------------


async def test_revising_copies_a_sent_quote_into_the_next_draft_version(deal_factory, clock):
    deal: Deal = await deal_factory()
    sent = (await send_quote((await create_quote(deal.opportunity.id, {})).id)).quote
    clock.advance(3)

    revision = await revise_quote(sent.id)

    old = await Quote.get(id=sent.id)
    assert old.status == QuoteStatus.SUPERSEDED
    assert (revision.version, revision.number, revision.status) == (
        2,
        "QT-2026-000002",
        QuoteStatus.DRAFT,
    )
    assert (revision.valid_until, revision.total) == (date(2026, 4, 4), D("2602.26"))
    copied = await QuoteLine.filter(quote_id=revision.id).order_by("position")
    assert [(line.product_id, line.unit_price, line.price_source) for line in copied] == [
        (deal.bike.id, D("1200"), QuotePriceSource.OPPORTUNITY_LINE),
        (deal.helmet.id, D("49.9"), QuotePriceSource.OPPORTUNITY_LINE),
    ]
    before = await snapshot()
    assert (await refused(revise_quote(revision.id))).code == ErrorCode.INVALID_TRANSITION
    assert await snapshot() == before


# --- accept ---------------------------------------------------------------------------------


async def test_accepting_hands_the_quote_over_as_the_won_deals_draft_order(
    deal_factory, event_types
):
    deal: Deal = await deal_factory()
    other_draft = await create_quote(deal.opportunity.id, {})
    quote = await create_quote(
        deal.opportunity.id,
        {
            "requested_date": date(2026, 3, 16),
            "lines": [
                {"product_id": deal.bike.id, "quantity": D("3"), "unit_price": D("1150")},
                {"product_id": deal.helmet.id, "quantity": D("3"), "description": "Size M"},
            ],
        },
    )
    await send_quote(quote.id)
    # A tax change after the quote leaves the order at the quote's rate.
    await update_product(deal.helmet.id, {"tax_rate": D("19")})

    accepted = await accept_quote(quote.id, "PO-4711")

    assert (accepted.status, accepted.customer_reference) == (QuoteStatus.ACCEPTED, "PO-4711")
    order = await SalesOrder.get(id=accepted.sales_order_id)
    assert (order.status, order.requested_date, order.customer_reference) == (
        OrderStatus.DRAFT,
        date(2026, 3, 16),
        "PO-4711",
    )
    lines = await SalesOrderLine.filter(order_id=order.id).order_by("position")
    assert [
        (line.quantity, line.unit_price, line.tax_rate, line.net_amount, line.description)
        for line in lines
    ] == [
        (D("3"), D("1150"), D("8"), D("3450.00"), "Bike"),
        (D("3"), D("49.9"), D("8"), D("149.70"), "Size M"),
    ]
    # 3 450.00 + 149.70 = 3 599.70, tax 276.00 + 11.98 = 287.98
    assert (order.subtotal, order.tax_total, order.total) == (
        D("3599.70"),
        D("287.98"),
        D("3887.68"),
    )
    opportunity = await Opportunity.get(id=deal.opportunity.id)
    assert (opportunity.status, opportunity.sales_order_id, opportunity.amount) == (
        OpportunityStatus.WON,
        order.id,
        D("3599.70"),
    )
    deal_lines = await OpportunityLine.filter(opportunity_id=opportunity.id).order_by("position")
    assert [(line.quantity, line.unit_price) for line in deal_lines] == [
        (D("3"), D("1150")),
        (D("3"), D("49.9")),
    ]
    assert (await Quote.get(id=other_draft.id)).status == QuoteStatus.SUPERSEDED
    assert await event_types("quote.") == ["quote.sent", "quote.accepted"]


async def test_accepting_again_returns_the_same_order_and_changes_nothing(deal_factory):
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})
    await send_quote(quote.id)
    first = await accept_quote(quote.id, "PO-1")
    before = await snapshot()

    again = await accept_quote(quote.id, "PO-2")

    assert (again.sales_order_id, again.customer_reference) == (first.sales_order_id, "PO-1")
    assert await snapshot() == before


async def test_accepting_after_valid_until_is_expired_and_changes_nothing(deal_factory, clock):
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 5)})
    await send_quote(quote.id)
    clock.advance(4)  # 2026-03-06: the day after the last valid day
    before = await snapshot()

    error = await refused(accept_quote(quote.id))

    assert (error.code, error.field) == (ErrorCode.EXPIRED, ("id",))
    assert error.message == "Quote QT-2026-000001 was valid until 2026-03-05."
    assert await snapshot() == before
    await expire_quotes()
    assert (await refused(accept_quote(quote.id))).code == ErrorCode.EXPIRED


async def test_the_last_valid_day_may_still_accept(deal_factory, clock):
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 5)})
    await send_quote(quote.id)
    clock.advance(3)

    assert (await accept_quote(quote.id)).status == QuoteStatus.ACCEPTED


@pytest.mark.parametrize("status", ["DRAFT", "SUPERSEDED", "REJECTED"])
async def test_only_a_sent_quote_is_accepted(deal_factory, status: str):
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})
    if status != "DRAFT":
        await send_quote(quote.id)
    if status == "SUPERSEDED":
        await revise_quote(quote.id)
    if status == "REJECTED":
        await reject_quote(quote.id, "Too expensive")
    before = await snapshot()

    error = await refused(accept_quote(quote.id))

    assert (error.code, error.field) == (ErrorCode.INVALID_TRANSITION, ("id",))
    assert error.message == (
        f"Quote QT-2026-000001 is {status}; only a SENT quote can be accepted."
    )
    assert await snapshot() == before


async def test_accepting_one_version_supersedes_the_other_open_ones(deal_factory):
    deal: Deal = await deal_factory()
    first = await create_quote(deal.opportunity.id, {})
    await send_quote(first.id)
    second = await create_quote(deal.opportunity.id, {})
    await send_quote(second.id)

    await accept_quote(second.id)

    assert (await Quote.get(id=first.id)).status == QuoteStatus.SUPERSEDED
    assert (await refused(accept_quote(first.id))).code == ErrorCode.INVALID_TRANSITION


# --- reject ---------------------------------------------------------------------------------


async def test_rejecting_keeps_the_reason_and_the_deal_open(deal_factory, event_types):
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})
    await send_quote(quote.id)

    rejected = await reject_quote(quote.id, "Went with a competitor")

    assert (rejected.status, rejected.reject_reason) == (
        QuoteStatus.REJECTED,
        "Went with a competitor",
    )
    assert (await Opportunity.get(id=deal.opportunity.id)).status == OpportunityStatus.OPEN
    assert await event_types("quote.") == ["quote.sent", "quote.rejected"]
    before = await snapshot()
    assert (await refused(reject_quote(quote.id, "Again"))).code == ErrorCode.INVALID_TRANSITION
    assert (await refused(reject_quote(quote.id, " "))).code == ErrorCode.REQUIRED
    assert await snapshot() == before


# --- expiry ---------------------------------------------------------------------------------


async def _sent_quotes(deal: Deal, *valid_until: date) -> list[Quote]:
    quotes = []
    for day in valid_until:
        quote = await create_quote(deal.opportunity.id, {"valid_until": day})
        quotes.append((await send_quote(quote.id)).quote)
    return quotes


async def test_expiry_closes_the_sent_quotes_past_their_validity_once(
    deal_factory, clock, event_types
):
    deal: Deal = await deal_factory()
    early, recent, later = await _sent_quotes(
        deal, date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 6)
    )
    draft = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 3)})
    clock.advance(3)  # 2026-03-05

    first = await expire_quotes()
    second = await expire_quotes()

    assert (first.expired, second.expired) == ([early.number, recent.number], [])
    statuses = {q.id: q.status for q in await Quote.all()}
    assert [statuses[q.id] for q in (early, recent, later, draft)] == [
        QuoteStatus.EXPIRED,
        QuoteStatus.EXPIRED,
        QuoteStatus.SENT,
        QuoteStatus.DRAFT,
    ]
    assert await event_types("quote.expired") == ["quote.expired", "quote.expired"]


async def test_expiry_runs_in_batches_and_reports_each_batch(deal_factory, clock):
    deal: Deal = await deal_factory()
    await _sent_quotes(deal, *[date(2026, 3, 3)] * 5)
    clock.advance(2)
    seen: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        seen.append((done, total))

    result = await expire_quotes(progress=progress, batch_size=2)

    assert (len(result.expired), seen) == (5, [(2, 5), (4, 5), (5, 5)])


async def test_the_expiry_job_is_a_durable_run_expiring_each_quote_once(deal_factory, clock):
    deal: Deal = await deal_factory()
    await _sent_quotes(deal, date(2026, 3, 3), date(2026, 3, 4))
    runs = []
    for _ in range(2):
        run = await start_job_run(JobKind.QUOTE_EXPIRY, QuoteExpiryParams(date(2026, 3, 10)), None)
        assert await run_attempt(run.id, None, None, "test-worker") == "SUCCEEDED"
        runs.append(await JobRun.get(id=run.id))

    assert [(r.status, r.result, r.params) for r in runs] == [
        (JobStatus.SUCCEEDED, {"expired": 2}, {"as_of": "2026-03-10"}),
        (JobStatus.SUCCEEDED, {"expired": 0}, {"as_of": "2026-03-10"}),
    ]
    assert await Event.filter(type="quote.expired").count() == 2
