"""Invoicing sales orders: quantities, §5.4 rounding, numbers, postings, re-entrancy."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import pytest
from tortoise.functions import Sum

from domain.billing import invoicing
from domain.billing.invoicing import invoice_order, orders_to_invoice, run_invoicing
from domain.billing.models import Invoice, InvoiceLine
from domain.billing.models import InvoiceStatus as BillingInvoiceStatus
from domain.billing.payments import record_payment
from domain.billing.statuses import invoiceable_quantity
from domain.global_ids import global_id
from domain.ledger.models import JournalEntry, JournalLine
from domain.ledger.services import trial_balance
from domain.orders.models import (
    InvoicePolicy,
    InvoiceStatus,
    OrderStatus,
    PaymentStatus,
    SalesOrder,
)
from domain.orders.services import cancel_sales_order
from domain.outbox.models import Event

D = Decimal
MARCH_2 = date(2026, 3, 2)
MARCH_16 = date(2026, 3, 16)


def test_invoiceable_quantity_follows_the_invoice_policy():
    on_delivery, on_order = InvoicePolicy.ON_DELIVERY, InvoicePolicy.ON_ORDER
    assert invoiceable_quantity(on_delivery, D(5), D(3), D(1)) == D(2)
    assert invoiceable_quantity(on_delivery, D(5), D(0), D(0)) == D(0)
    assert invoiceable_quantity(on_order, D(5), D(0), D(1)) == D(4)
    assert invoiceable_quantity(on_order, D(5), D(5), D(5)) == D(0)
    assert invoiceable_quantity(on_delivery, D(5), D(2), D(3)) == D(0)


async def assert_every_entry_balances():
    sums = (
        await JournalLine.all()
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
        .group_by("entry_id")
        .values("entry_id", "debit", "credit")
    )
    assert sums, "there are journal entries"
    assert all(row["debit"] == row["credit"] for row in sums), sums


async def entry_lines(entry_id: int) -> list[tuple[str, Decimal, Decimal]]:
    lines = await JournalLine.filter(entry_id=entry_id).prefetch_related("ledger_account")
    return [(line.ledger_account.code, line.debit, line.credit) for line in lines]


async def test_worked_example_two_shipments_two_invoices_that_add_up_to_the_order(billing):
    acme = await billing.customer(terms=30)
    widget = await billing.product("19.99", "7", stocked=True, cost="8", on_hand="10")
    washer = await billing.product("0", "7")
    screw = await billing.product("0", "19")
    order = await billing.order(
        acme, [(widget, "3", "10"), (washer, "2", "0", "0.335"), (screw, "1", "0", "0.333")]
    )
    # By hand: 3 × 19.99 × 0.9 = 53.973 → 53.97, tax 3.7779 → 3.78;
    # 2 × 0.335 = 0.67, tax 0.0469 → 0.05; 1 × 0.333 → 0.33, tax 19 % 0.0627 → 0.06.
    assert (order.subtotal, order.tax_total, order.total) == (D("54.97"), D("3.89"), D("58.86"))

    await billing.ship(order, ["2", "1", None])
    first = await invoice_order(order.id, MARCH_2)
    # 2 × 19.99 × 0.9 = 35.982 → 35.98, tax 2.5186 → 2.52; 1 × 0.335 → 0.34, tax 0.0238 → 0.02.
    assert first.number == "INV-2026-000001"
    assert (first.subtotal, first.tax_total, first.total) == (D("36.32"), D("2.54"), D("38.86"))
    assert (first.issue_date, first.due_date) == (MARCH_2, date(2026, 4, 1))
    assert [
        (line.quantity, line.net_amount, line.tax_amount)
        for line in await InvoiceLine.filter(invoice_id=first.id).order_by("position")
    ] == [(D("2"), D("35.98"), D("2.52")), (D("1"), D("0.34"), D("0.02"))]
    assert (await SalesOrder.get(id=order.id)).invoice_status == InvoiceStatus.PARTIAL

    await billing.ship(order, ["1", "1", "1"])
    second = await invoice_order(order.id, MARCH_16)
    # Each line priced from its own quantity (§5.4), never the rest of the order line:
    # 1 × 19.99 × 0.9 = 17.991 → 17.99, tax 1.2593 → 1.26; the washer's second unit is again
    # 0.335 → 0.34, tax 0.02; 1 × 0.333 → 0.33, tax 0.0627 → 0.06.
    assert second.number == "INV-2026-000002"
    assert [
        (line.quantity, line.net_amount, line.tax_amount)
        for line in await InvoiceLine.filter(invoice_id=second.id).order_by("position")
    ] == [
        (D("1"), D("17.99"), D("1.26")),
        (D("1"), D("0.34"), D("0.02")),
        (D("1"), D("0.33"), D("0.06")),
    ]
    assert (second.subtotal, second.tax_total, second.total) == (D("18.66"), D("1.34"), D("20.00"))
    # So the invoices may differ from the order by rounding cents: 36.32 + 18.66 = 54.98
    # against 54.97, 2.54 + 1.34 = 3.88 against 3.89 (here the totals happen to agree).
    assert first.subtotal + second.subtotal == order.subtotal + D("0.01")
    assert first.tax_total + second.tax_total == order.tax_total - D("0.01")
    assert first.total + second.total == order.total

    assert await entry_lines(first.journal_entry_id) == [
        ("1200", D("38.86"), D("0.00")),
        ("4000", D("0.00"), D("36.32")),
        ("2200", D("0.00"), D("2.54")),
    ]
    await assert_every_entry_balances()
    balances = {row.ledger_account.code: row.balance for row in await trial_balance()}
    assert balances == {
        "1000": D("0.00"),
        "1200": D("58.86"),
        "1300": D("56.00"),  # 10 × 8.00 in, 3 × 8.00 shipped
        "1400": D("0.00"),
        "2000": D("0.00"),
        "2050": D("0.00"),
        "2100": D("0.00"),
        "2200": D("-3.88"),
        "3000": D("0.00"),
        "3900": D("0.00"),
        "4000": D("-54.98"),
        "5000": D("24.00"),  # the 3 shipped
        "5100": D("-80.00"),  # the adjustment that brought the 10 in
        "5200": D("0.00"),
        "5300": D("0.00"),
        "5400": D("0.00"),
        "7000": D("0.00"),
    }
    assert sum(balances.values()) == 0

    stored = await SalesOrder.get(id=order.id)
    assert (stored.status, stored.invoice_status) == (OrderStatus.SHIPPED, InvoiceStatus.INVOICED)
    assert [line.quantity_invoiced for line in await billing.lines(order)] == [D(3), D(2), D(1)]
    assert await invoice_order(order.id, MARCH_16) is None
    posted = await Event.filter(type="invoice.posted").order_by("id")
    assert [event.payload["number"] for event in posted] == ["INV-2026-000001", "INV-2026-000002"]
    assert posted[1].payload["total"] == {"amount": "20.00", "currency": "USD"}


async def test_on_order_invoices_the_ordered_quantity_before_shipping(billing):
    acme = await billing.customer(terms=14)
    service = await billing.product("100.00", "20")
    order = await billing.order(acme, [(service, "2")], policy=InvoicePolicy.ON_ORDER)
    invoice = await invoice_order(order.id, MARCH_2)
    assert (invoice.subtotal, invoice.tax_total, invoice.total) == (
        D("200.00"),
        D("40.00"),
        D("240.00"),
    )
    assert invoice.due_date == date(2026, 3, 16)
    assert await orders_to_invoice() == []


async def test_nothing_invoiceable_means_no_invoice_and_no_number(billing):
    acme = await billing.customer()
    service = await billing.product("10.00")
    unshipped = await billing.order(acme, [(service, "1")])
    draft = await billing.order(acme, [(service, "1")], confirm=False)
    cancelled = await billing.order(acme, [(service, "1")], policy=InvoicePolicy.ON_ORDER)
    await cancel_sales_order(cancelled.id)
    for order in (unshipped, draft, cancelled):
        assert await invoice_order(order.id, MARCH_2) is None
    assert await orders_to_invoice() == []
    result = await run_invoicing(MARCH_2)
    assert (result.orders, result.invoices) == (0, [])
    assert await Invoice.all().count() == 0


async def test_the_run_selects_only_orders_with_something_invoiceable(billing):
    acme = await billing.customer()
    service = await billing.product("10.00")
    shipped = await billing.shipped_order(acme, service)
    await billing.order(acme, [(service, "1")])
    on_order = await billing.order(acme, [(service, "1")], policy=InvoicePolicy.ON_ORDER)
    assert await orders_to_invoice() == [shipped.id, on_order.id]
    assert await orders_to_invoice([on_order.id]) == [on_order.id]
    result = await run_invoicing(MARCH_2, [shipped.id, on_order.id])
    assert result.invoices == ["INV-2026-000001", "INV-2026-000002"]
    assert await orders_to_invoice() == []


async def test_a_partial_invoice_is_taxed_on_its_own_base(billing):
    # Issue 17: 1.5 × 49.50 at 33.3333 % off = 49.5000247… → 49.50; × 8.875 % = 4.393125 → 4.39.
    # The whole line is 99.00 with tax 8.79, so the second half no longer takes 8.79 − 4.39.
    acme = await billing.customer()
    chair = await billing.product("49.50", "8.875")
    order = await billing.order(acme, [(chair, "3", "33.3333")])
    assert (order.subtotal, order.tax_total) == (D("99.00"), D("8.79"))

    halves = []
    for issued in (MARCH_2, MARCH_16):
        await billing.ship(order, ["1.5"])
        halves.append(await invoice_order(order.id, issued))

    assert [(i.subtotal, i.tax_total, i.total) for i in halves] == [
        (D("49.50"), D("4.39"), D("53.89")),
        (D("49.50"), D("4.39"), D("53.89")),
    ]
    stored = await SalesOrder.get(id=order.id)
    assert (stored.invoice_status, stored.total) == (InvoiceStatus.INVOICED, D("107.79"))
    assert sum(i.total for i in halves) == D("107.78")


async def test_two_halves_of_a_half_cent_line_are_a_cent_each(billing):
    # 2 × 0.005 = 0.01 for the line, but each invoiced unit is 0.005 → 0.01 on its own.
    acme = await billing.customer()
    resistor = await billing.product("0.01")
    order = await billing.order(acme, [(resistor, "2", "0", "0.005")])
    nets = []
    for issued in (MARCH_2, MARCH_16):
        await billing.ship(order, ["1"])
        invoice = await invoice_order(order.id, issued)
        [line] = await InvoiceLine.filter(invoice_id=invoice.id)
        nets.append((line.net_amount, invoice.total))

    assert nets == [(D("0.01"), D("0.01")), (D("0.01"), D("0.01"))]
    assert (await SalesOrder.get(id=order.id)).total == D("0.01")
    balances = {row.ledger_account.code: row.balance for row in await trial_balance()}
    assert (balances["1200"], balances["4000"]) == (D("0.02"), D("-0.02"))


async def test_a_fully_discounted_invoice_is_posted_and_paid_at_once_without_an_entry(billing):
    acme = await billing.customer()
    sample = await billing.product("25.00", "19")
    order = await billing.order(acme, [(sample, "2", "100")])
    await billing.ship(order)

    invoice = await invoice_order(order.id, MARCH_2)

    assert invoice.number == "INV-2026-000001"
    assert (invoice.status, invoice.total, invoice.amount_paid, invoice.amount_due) == (
        BillingInvoiceStatus.PAID,
        D("0.00"),
        D("0.00"),
        D("0.00"),
    )
    assert invoice.journal_entry_id is None
    assert await JournalEntry.all().filter(source="INVOICE").count() == 0
    stored = await SalesOrder.get(id=order.id)
    assert (stored.status, stored.invoice_status, stored.payment_status) == (
        OrderStatus.CLOSED,
        InvoiceStatus.INVOICED,
        PaymentStatus.PAID,
    )
    events = await Event.filter(type__startswith="invoice.").order_by("id")
    assert [(e.type, e.payload["status"], e.payload.get("previousStatus")) for e in events] == [
        ("invoice.posted", "POSTED", None),
        ("invoice.paid", "PAID", "POSTED"),
    ]


async def test_a_free_first_delivery_leaves_the_order_unpaid_until_the_rest_is_paid(billing):
    acme = await billing.customer()
    free = await billing.product("10.00")
    charged = await billing.product("10.00", "10")
    order = await billing.order(acme, [(free, "1", "100"), (charged, "1")])

    await billing.ship(order, ["1", None])
    gift = await invoice_order(order.id, MARCH_2)
    assert (gift.status, gift.total) == (BillingInvoiceStatus.PAID, D("0.00"))
    stored = await SalesOrder.get(id=order.id)
    assert (stored.invoice_status, stored.payment_status) == (
        InvoiceStatus.PARTIAL,
        PaymentStatus.UNPAID,
    )

    await billing.ship(order, [None, "1"])
    bill = await invoice_order(order.id, MARCH_16)
    assert (bill.status, bill.total, bill.number) == (
        BillingInvoiceStatus.POSTED,
        D("11.00"),
        "INV-2026-000002",
    )
    assert (await SalesOrder.get(id=order.id)).payment_status == PaymentStatus.UNPAID
    await record_payment(acme.id, D("11.00"), MARCH_16)
    stored = await SalesOrder.get(id=order.id)
    assert (stored.status, stored.payment_status) == (OrderStatus.CLOSED, PaymentStatus.PAID)
    # The journal numbers: one entry per charged invoice, none for the gift.
    assert await JournalEntry.filter(source="INVOICE").values_list("reference", flat=True) == [
        "INV-2026-000002"
    ]


async def test_a_run_writes_several_orders_per_transaction_and_reports_each_batch(billing):
    acme = await billing.customer()
    service = await billing.product("12.50", "10")
    orders = [await billing.shipped_order(acme, service, "2") for _ in range(5)]
    reports = []

    async def progress(done, total):
        reports.append((done, total, await Invoice.all().count()))

    result = await run_invoicing(MARCH_2, progress=progress, batch_size=2)

    assert result.invoices == [f"INV-2026-00000{i}" for i in range(1, 6)]
    assert reports == [(2, 5, 2), (4, 5, 4), (5, 5, 5)]
    numbers = await Invoice.all().order_by("number").values_list("number", "sales_order_id")
    assert numbers == [(f"INV-2026-00000{i + 1}", order.id) for i, order in enumerate(orders)]
    entries = await JournalEntry.filter(source="INVOICE").order_by("number")
    assert [(e.number, e.reference) for e in entries] == [
        (f"JE-2026-00000{i + 1}", f"INV-2026-00000{i + 1}") for i in range(5)
    ]
    invoices = await Invoice.all().order_by("number")
    assert [i.journal_entry_id for i in invoices] == [e.id for e in entries]
    for invoice in invoices:
        assert (invoice.due_date, invoice.total, invoice.status) == (
            date(2026, 4, 1),
            D("27.50"),
            BillingInvoiceStatus.POSTED,
        )
        assert await entry_lines(invoice.journal_entry_id) == [
            ("1200", D("27.50"), D("0.00")),
            ("4000", D("0.00"), D("25.00")),
            ("2200", D("0.00"), D("2.50")),
        ]
        [line] = await InvoiceLine.filter(invoice_id=invoice.id)
        assert (line.quantity, line.net_amount, line.tax_amount) == (D(2), D("25.00"), D("2.50"))
    posted = await Event.filter(type="invoice.posted").order_by("id")
    assert [event.payload["number"] for event in posted] == result.invoices
    assert [event.subject_id for event in posted] == [invoice.id for invoice in invoices]
    await assert_every_entry_balances()


async def test_a_run_killed_midway_keeps_whole_batches_and_a_rerun_completes_it(
    billing, monkeypatch
):
    acme = await billing.customer()
    service = await billing.product("12.50", "10")
    orders = [await billing.shipped_order(acme, service, "2") for _ in range(6)]
    real_record_events = invoicing.record_events
    batches = 0

    async def killed_in_the_second_batch(events):
        nonlocal batches
        batches += 1
        if batches == 2:
            raise asyncio.CancelledError  # what a worker shutting down mid-batch sees
        await real_record_events(events)

    monkeypatch.setattr(invoicing, "record_events", killed_in_the_second_batch)
    with pytest.raises(asyncio.CancelledError):
        await run_invoicing(MARCH_2, batch_size=2)
    assert await Invoice.all().order_by("number").values_list("number", flat=True) == [
        "INV-2026-000001",
        "INV-2026-000002",
    ]
    assert await JournalEntry.filter(source="INVOICE").count() == 2
    assert await Event.filter(type="invoice.posted").count() == 2
    third = await SalesOrder.get(id=orders[2].id)
    assert third.invoice_status == InvoiceStatus.NOT_INVOICED
    assert [line.quantity_invoiced for line in await billing.lines(third)] == [D(0)]

    monkeypatch.setattr(invoicing, "record_events", real_record_events)
    result = await run_invoicing(MARCH_2, batch_size=2)
    assert result.invoices == [f"INV-2026-00000{i}" for i in (3, 4, 5, 6)]
    numbers = await Invoice.all().order_by("number").values_list("number", "sales_order_id")
    assert numbers == [(f"INV-2026-00000{i + 1}", order.id) for i, order in enumerate(orders)]
    await assert_every_entry_balances()


async def test_an_order_that_fails_costs_only_itself_and_the_run_raises_its_error(
    billing, monkeypatch
):
    acme = await billing.customer()
    service = await billing.product("12.50", "10")
    orders = [await billing.shipped_order(acme, service, "2") for _ in range(6)]
    bad = orders[3].id
    real_record_events = invoicing.record_events

    async def failing_for_the_fourth_order(events):
        if any(payload["salesOrderId"] == global_id("SalesOrder", bad) for _, payload in events):
            raise RuntimeError("the fourth order is broken")
        await real_record_events(events)

    monkeypatch.setattr(invoicing, "record_events", failing_for_the_fourth_order)
    with pytest.raises(RuntimeError, match="the fourth order is broken"):
        await run_invoicing(MARCH_2)
    # The batch of six failed and was done again one order per transaction.
    invoiced = await Invoice.all().order_by("number").values_list("number", "sales_order_id")
    others = [order.id for order in orders if order.id != bad]
    assert invoiced == [(f"INV-2026-00000{i + 1}", o) for i, o in enumerate(others)]
    assert await JournalEntry.filter(source="INVOICE").count() == 5
    assert (await SalesOrder.get(id=bad)).invoice_status == InvoiceStatus.NOT_INVOICED

    monkeypatch.setattr(invoicing, "record_events", real_record_events)
    result = await run_invoicing(MARCH_2)
    assert (result.orders, result.invoices) == (1, ["INV-2026-000006"])
    assert (await Invoice.get(number="INV-2026-000006")).sales_order_id == bad
    await assert_every_entry_balances()
