"""The period lock (§11): closing and reopening, and every posting path refusing a closed day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order, run_invoicing
from domain.billing.models import CreditNote, Invoice, InvoiceLine, Payment
from domain.billing.payments import record_payment
from domain.clock import today
from domain.closing.periods import (
    close_period,
    closed_through,
    ensure_open,
    first_open_day,
    reopen_period,
)
from domain.errors import DomainError, ErrorCode
from domain.inventory.services import adjust_stock, default_warehouse
from domain.ledger.models import JournalEntry
from domain.numbering.models import NumberSequence
from domain.outbox.models import Event

D = Decimal
MARCH_31 = date(2026, 3, 31)


async def refused(awaitable) -> DomainError:
    with pytest.raises(DomainError) as caught:
        await awaitable
    return caught.value


def test_the_first_open_day_is_the_day_after_the_lock_date_or_the_day_itself():
    assert first_open_day(date(2026, 3, 15), None) == date(2026, 3, 15)
    assert first_open_day(date(2026, 3, 15), MARCH_31) == date(2026, 4, 1)
    assert first_open_day(MARCH_31, MARCH_31) == date(2026, 4, 1)
    assert first_open_day(date(2026, 4, 2), MARCH_31) == date(2026, 4, 2)


async def test_closing_sets_the_lock_date_and_fires_period_closed(database):
    assert await closed_through() is None

    assert await close_period(date(2026, 2, 28)) == date(2026, 2, 28)
    assert await close_period(MARCH_31) == MARCH_31

    assert await closed_through() == MARCH_31
    events = await Event.filter(type="period.closed").order_by("id")
    assert [event.payload for event in events] == [
        {"closedThrough": "2026-02-28", "previousClosedThrough": None},
        {"closedThrough": "2026-03-31", "previousClosedThrough": "2026-02-28"},
    ]


async def test_closing_earlier_than_the_last_close_is_invalid_and_the_same_day_changes_nothing(
    database,
):
    await close_period(MARCH_31)

    error = await refused(close_period(date(2026, 3, 30)))
    assert (error.code, error.field) == (ErrorCode.INVALID, ("through",))
    assert await close_period(MARCH_31) == MARCH_31
    assert await closed_through() == MARCH_31
    assert await Event.filter(type="period.closed").count() == 1


async def test_reopening_moves_the_lock_date_back_and_never_forward(database):
    await close_period(MARCH_31)

    error = await refused(reopen_period(date(2026, 4, 1)))
    assert (error.code, error.field) == (ErrorCode.INVALID, ("through",))
    assert await reopen_period(date(2026, 2, 28)) == date(2026, 2, 28)
    assert await reopen_period(None) is None

    assert await closed_through() is None
    events = await Event.filter(type="period.reopened").order_by("id")
    assert [event.payload for event in events] == [
        {"closedThrough": "2026-02-28", "previousClosedThrough": "2026-03-31"},
        {"closedThrough": None, "previousClosedThrough": "2026-02-28"},
    ]


async def test_a_day_on_or_before_the_lock_date_is_period_closed(database):
    await close_period(MARCH_31)

    error = await refused(ensure_open(MARCH_31, "date"))
    assert (error.code, error.field) == (ErrorCode.PERIOD_CLOSED, ("date",))
    assert (
        error.message
        == "2026-03-31 is in a closed period: the books are closed through 2026-03-31."
    )
    await ensure_open(date(2026, 4, 1))


async def test_a_payment_dated_in_a_closed_period_is_refused_and_nothing_is_written(billing):
    acme = await billing.customer()
    order = await billing.shipped_order(acme, await billing.product("10.00"))
    await invoice_order(order.id, date(2026, 3, 2))
    await close_period(MARCH_31)
    entries = await JournalEntry.all().count()

    error = await refused(record_payment(acme.id, D("10.00"), date(2026, 3, 20)))

    assert error.code == ErrorCode.PERIOD_CLOSED
    assert await Payment.all().count() == 0
    assert await JournalEntry.all().count() == entries
    assert not await NumberSequence.filter(series="PAY").exists()
    payment = await record_payment(acme.id, D("10.00"), date(2026, 4, 1))
    assert payment.number == "PAY-2026-000001"


async def test_a_credit_note_dated_in_a_closed_period_is_refused(billing):
    acme = await billing.customer()
    order = await billing.shipped_order(acme, await billing.product("10.00"))
    invoice = await invoice_order(order.id, date(2026, 3, 2))
    [line] = await InvoiceLine.filter(invoice_id=invoice.id)
    await close_period(MARCH_31)

    error = await refused(
        create_credit_note(invoice.id, [CreditLineDraft(line.id, D("1"))], date(2026, 3, 31))
    )

    assert error.code == ErrorCode.PERIOD_CLOSED
    assert await CreditNote.all().count() == 0
    assert (await Invoice.get(id=invoice.id)).amount_due == D("10.00")


async def test_an_invoice_dated_in_a_closed_period_is_refused_even_a_zero_one(billing):
    acme = await billing.customer()
    paid = await billing.shipped_order(acme, await billing.product("10.00"))
    free = await billing.order(acme, [(await billing.product("10.00"), "1", "100")])
    await billing.ship(free)
    await close_period(MARCH_31)

    for order in (paid, free):
        error = await refused(invoice_order(order.id, date(2026, 3, 2)))
        assert (error.code, error.field) == (ErrorCode.PERIOD_CLOSED, ("issue_date",))
    assert await Invoice.all().count() == 0


async def test_the_invoice_run_invoices_on_the_first_open_day_and_says_so(billing):
    acme = await billing.customer(terms=30)
    first = await billing.shipped_order(acme, await billing.product("10.00"))
    second = await billing.shipped_order(acme, await billing.product("20.00"))
    await close_period(MARCH_31)

    result = await run_invoicing(date(2026, 3, 31))

    invoices = await Invoice.all().order_by("id")
    assert [(i.sales_order_id, i.issue_date, i.due_date) for i in invoices] == [
        (first.id, date(2026, 4, 1), date(2026, 5, 1)),
        (second.id, date(2026, 4, 1), date(2026, 5, 1)),
    ]
    assert [e.date for e in await JournalEntry.filter(source="INVOICE")] == [date(2026, 4, 1)] * 2
    assert result.summary() == {
        "orders": 2,
        "invoices": 2,
        "first_number": "INV-2026-000001",
        "last_number": "INV-2026-000002",
        "issue_date": "2026-04-01",
        "requested_issue_date": "2026-03-31",
        "note": "2026-03-31 is in a closed period: invoiced on 2026-04-01, the first open date.",
    }


async def test_an_open_day_is_invoiced_as_asked_and_the_result_says_nothing_more(billing):
    acme = await billing.customer()
    await billing.shipped_order(acme, await billing.product("10.00"))
    await close_period(MARCH_31)

    result = await run_invoicing(date(2026, 4, 2))

    assert (await Invoice.get()).issue_date == date(2026, 4, 2)
    assert set(result.summary()) == {"orders", "invoices", "first_number", "last_number"}


async def test_a_stock_adjustment_posted_today_is_refused_once_today_is_closed(billing):
    gear = await billing.product("10.00", stocked=True, cost="4.00", on_hand="5")
    await close_period(today())

    error = await refused(
        adjust_stock(
            product_id=gear.id,
            warehouse_id=(await default_warehouse()).id,
            quantity=D("1"),
            reason="Count",
        )
    )

    assert error.code == ErrorCode.PERIOD_CLOSED
    await reopen_period(today() - timedelta(days=1))
    await adjust_stock(
        product_id=gear.id,
        warehouse_id=(await default_warehouse()).id,
        quantity=D("1"),
        reason="Count",
    )
