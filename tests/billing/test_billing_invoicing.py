"""Invoicing sales orders: quantities, §5.4 rounding, numbers, postings, re-entrancy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tortoise.functions import Sum

from domain.billing import invoicing
from domain.billing.invoicing import invoice_order, orders_to_invoice, run_invoicing
from domain.billing.models import Invoice, InvoiceLine
from domain.billing.statuses import invoiceable_quantity
from domain.ledger.models import JournalEntry, JournalLine
from domain.ledger.services import trial_balance
from domain.orders.models import InvoicePolicy, InvoiceStatus, OrderStatus, SalesOrder
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
    # The invoice completing a line takes what is left of it: the washer's second unit is
    # 0.67 − 0.34 = 0.33 (tax 0.05 − 0.02 = 0.03), so the invoices add up to the order.
    assert second.number == "INV-2026-000002"
    assert [
        (line.quantity, line.net_amount, line.tax_amount)
        for line in await InvoiceLine.filter(invoice_id=second.id).order_by("position")
    ] == [
        (D("1"), D("17.99"), D("1.26")),
        (D("1"), D("0.33"), D("0.03")),
        (D("1"), D("0.33"), D("0.06")),
    ]
    assert (second.subtotal, second.tax_total, second.total) == (D("18.65"), D("1.35"), D("20.00"))
    assert first.subtotal + second.subtotal == order.subtotal
    assert first.tax_total + second.tax_total == order.tax_total
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
        "2200": D("-3.89"),
        "3000": D("0.00"),
        "3900": D("0.00"),
        "4000": D("-54.97"),
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


async def test_a_run_killed_midway_leaves_whole_invoices_and_a_rerun_completes_it(
    billing, monkeypatch
):
    acme = await billing.customer()
    service = await billing.product("12.50", "10")
    orders = [await billing.shipped_order(acme, service, "2") for _ in range(6)]
    real_record_event = invoicing.record_event
    calls = 0

    async def crash_on_the_fourth_invoice(event_type, payload):
        nonlocal calls
        calls += 1
        if calls == 4:
            raise RuntimeError("worker killed")
        return await real_record_event(event_type, payload)

    monkeypatch.setattr(invoicing, "record_event", crash_on_the_fourth_invoice)
    with pytest.raises(RuntimeError, match="worker killed"):
        await run_invoicing(MARCH_2)
    invoices = await Invoice.all().order_by("id")
    assert [invoice.number for invoice in invoices] == [f"INV-2026-00000{i}" for i in (1, 2, 3)]
    for invoice in invoices:
        assert await InvoiceLine.filter(invoice_id=invoice.id).count() == 1
        assert await entry_lines(invoice.journal_entry_id) == [
            ("1200", D("27.50"), D("0.00")),
            ("4000", D("0.00"), D("25.00")),
            ("2200", D("0.00"), D("2.50")),
        ]
    assert await JournalEntry.filter(source="INVOICE").count() == 3
    assert await Event.filter(type="invoice.posted").count() == 3
    fourth = await SalesOrder.get(id=orders[3].id)
    assert fourth.invoice_status == InvoiceStatus.NOT_INVOICED

    monkeypatch.setattr(invoicing, "record_event", real_record_event)
    result = await run_invoicing(MARCH_2)
    assert result.invoices == [f"INV-2026-00000{i}" for i in (4, 5, 6)]
    numbers = await Invoice.all().order_by("number").values_list("number", "sales_order_id")
    assert numbers == [(f"INV-2026-00000{i + 1}", order.id) for i, order in enumerate(orders)]
    await assert_every_entry_balances()
