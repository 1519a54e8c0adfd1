"""Payments, credit notes, balances and AR aging (§3, §5.3, §5.4)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order
from domain.billing.models import CreditNote, Invoice, InvoiceLine, InvoiceStatus, Payment
from domain.billing.payments import AllocationDraft, record_payment
from domain.billing.receivables import (
    account_balance,
    aging_bucket,
    ar_aging,
    credit_available,
    lifetime_revenues,
)
from domain.errors import DomainError, ErrorCode
from domain.ledger.models import JournalEntry, JournalLine
from domain.ledger.services import trial_balance
from domain.orders.models import OrderStatus, PaymentStatus, SalesOrder
from domain.outbox.models import Event

D = Decimal


async def entry_lines(entry_id: int) -> list[tuple[str, Decimal, Decimal]]:
    lines = await JournalLine.filter(entry_id=entry_id).prefetch_related("ledger_account")
    return [(line.ledger_account.code, line.debit, line.credit) for line in lines]


async def invoiced(billing, account, product, quantity: str, issued: date) -> Invoice:
    order = await billing.shipped_order(account, product, quantity)
    return await invoice_order(order.id, issued)


@pytest.fixture
async def three_invoices(billing):
    """Acme owes 100.00 (due Mar 31), 50.00 (due Mar 15) and 30.00 (due Apr 10)."""
    acme = await billing.customer("Acme", terms=30)
    ten = await billing.product("10.00")
    a = await invoiced(billing, acme, ten, "10", date(2026, 3, 1))
    b = await invoiced(billing, acme, ten, "5", date(2026, 2, 13))
    c = await invoiced(billing, acme, ten, "3", date(2026, 3, 11))
    return acme, a, b, c


async def test_a_payment_without_allocations_pays_the_oldest_due_first(three_invoices):
    acme, a, b, c = three_invoices
    payment = await record_payment(acme.id, D("120.00"), date(2026, 3, 20), "wire 1")
    assert payment.number == "PAY-2026-000001"
    a, b, c = [await Invoice.get(id=i.id) for i in (a, b, c)]
    assert (b.status, b.amount_paid, b.amount_due) == (InvoiceStatus.PAID, D("50.00"), D("0.00"))
    assert (a.status, a.amount_paid, a.amount_due) == (
        InvoiceStatus.PARTIALLY_PAID,
        D("70.00"),
        D("30.00"),
    )
    assert (c.status, c.amount_due) == (InvoiceStatus.POSTED, D("30.00"))
    assert payment.unapplied_amount == D("0.00")
    assert await entry_lines(payment.journal_entry_id) == [
        ("1000", D("120.00"), D("0.00")),
        ("1200", D("0.00"), D("120.00")),
    ]
    assert await account_balance(acme.id) == D("60.00")
    received = await Event.get(type="payment.received")
    assert sum(D(a["amount"]["amount"]) for a in received.payload["allocations"]) == D("120.00")
    assert [e.payload["number"] for e in await Event.filter(type="invoice.paid")] == [b.number]
    order_b = await SalesOrder.get(id=b.sales_order_id)
    assert (order_b.payment_status, order_b.status) == (PaymentStatus.PAID, OrderStatus.CLOSED)
    order_a = await SalesOrder.get(id=a.sales_order_id)
    assert (order_a.payment_status, order_a.status) == (PaymentStatus.PARTIAL, OrderStatus.SHIPPED)


async def test_explicit_allocations_and_the_rest_as_customer_credit(three_invoices):
    acme, a, b, c = three_invoices
    payment = await record_payment(
        acme.id,
        D("70.00"),
        date(2026, 3, 20),
        allocations=[AllocationDraft(c.id, D("30.00")), AllocationDraft(a.id, D("30.00"))],
    )
    assert payment.unapplied_amount == D("10.00")
    assert await entry_lines(payment.journal_entry_id) == [
        ("1000", D("70.00"), D("0.00")),
        ("1200", D("0.00"), D("60.00")),
        ("2100", D("0.00"), D("10.00")),
    ]
    assert (await Invoice.get(id=c.id)).status == InvoiceStatus.PAID
    assert (await Invoice.get(id=a.id)).amount_due == D("70.00")
    assert (await Invoice.get(id=b.id)).amount_due == D("50.00")
    # 180.00 invoiced − 60.00 applied − 10.00 unapplied credit.
    assert await account_balance(acme.id) == D("110.00")


async def test_an_overpayment_settles_everything_and_keeps_the_rest_on_2100(three_invoices):
    acme, *_ = three_invoices
    payment = await record_payment(acme.id, D("200.00"), date(2026, 3, 20))
    assert payment.unapplied_amount == D("20.00")
    assert await Invoice.filter(status=InvoiceStatus.PAID).count() == 3
    assert await account_balance(acme.id) == D("-20.00")
    balances = {r.ledger_account.code: r.balance for r in await trial_balance()}
    assert (balances["1000"], balances["1200"], balances["2100"]) == (
        D("200.00"),
        D("0.00"),
        D("-20.00"),
    )
    assert sum(balances.values()) == 0
    assert await Event.filter(type="invoice.paid").count() == 3


@pytest.mark.parametrize(
    ("amount", "allocations", "field"),
    [
        ("0", None, ["amount"]),
        ("-5.00", None, ["amount"]),
        ("10.001", None, ["amount"]),
        ("60.00", [("a", "60.00"), ("c", "0")], ["allocations", "1", "amount"]),
        ("200.00", [("a", "100.01")], ["allocations", "0", "amount"]),
        ("200.00", [("a", "60.00"), ("a", "40.01")], ["allocations", "1", "amount"]),
        ("100.00", [("a", "80.00"), ("b", "30.00")], ["allocations"]),
        ("10.00", [("other", "10.00")], ["allocations", "0", "invoice_id"]),
    ],
    ids=[
        "zero",
        "negative",
        "fraction-of-a-cent",
        "zero-allocation",
        "more-than-due",
        "more-than-due-in-two-parts",
        "more-than-the-payment",
        "another-accounts-invoice",
    ],
)
async def test_bad_payments_are_refused_and_write_nothing(
    three_invoices, billing, amount, allocations, field
):
    acme, a, b, c = three_invoices
    globex = await billing.customer("Globex")
    other = await invoiced(billing, globex, await billing.product("5.00"), "1", date(2026, 3, 1))
    ids = {"a": a.id, "b": b.id, "c": c.id, "other": other.id}
    drafts = [AllocationDraft(ids[key], D(value)) for key, value in allocations or []]
    entries = await JournalEntry.all().count()
    with pytest.raises(DomainError) as refused:
        await record_payment(acme.id, D(amount), date(2026, 3, 20), allocations=drafts)
    assert refused.value.code == ErrorCode.INVALID
    assert list(refused.value.field) == field
    assert await Payment.all().count() == 0
    assert await JournalEntry.all().count() == entries
    assert await Event.filter(type="payment.received").count() == 0
    assert await Invoice.filter(amount_paid__gt=0).count() == 0


async def test_a_payment_for_an_unknown_account_or_invoice_is_not_found(three_invoices):
    acme, *_ = three_invoices
    with pytest.raises(DomainError) as unknown_account:
        await record_payment(999, D("1.00"), date(2026, 3, 20))
    assert unknown_account.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as unknown_invoice:
        await record_payment(
            acme.id, D("1.00"), date(2026, 3, 20), allocations=[AllocationDraft(999, D("1.00"))]
        )
    assert unknown_invoice.value.code == ErrorCode.NOT_FOUND
    assert await Payment.all().count() == 0


async def test_a_credit_note_reverses_part_of_an_invoice(billing):
    acme = await billing.customer()
    gadget = await billing.product("19.99", "7")
    order = await billing.order(acme, [(gadget, "3", "10")])
    await billing.ship(order)
    invoice = await invoice_order(order.id, date(2026, 3, 2))
    line = await InvoiceLine.get(invoice_id=invoice.id)
    # 3 × 19.99 × 0.9 = 53.97, tax 3.78; one unit: 17.991 → 17.99, tax 1.2593 → 1.26.
    note = await create_credit_note(
        invoice.id, [CreditLineDraft(line.id, D("1"))], date(2026, 3, 5)
    )
    assert note.number == "CN-2026-000001"
    assert (note.subtotal, note.tax_total, note.total) == (D("17.99"), D("1.26"), D("19.25"))
    assert (note.applied_amount, note.unapplied_amount) == (D("19.25"), D("0.00"))
    assert await entry_lines(note.journal_entry_id) == [
        ("4000", D("17.99"), D("0.00")),
        ("2200", D("1.26"), D("0.00")),
        ("1200", D("0.00"), D("19.25")),
    ]
    stored = await Invoice.get(id=invoice.id)
    assert (stored.amount_credited, stored.amount_due, stored.status) == (
        D("19.25"),
        D("38.50"),
        InvoiceStatus.POSTED,
    )
    # The last two units take exactly what is left of the line: 35.98 and 2.52.
    rest = await create_credit_note(
        invoice.id, [CreditLineDraft(line.id, D("2"))], date(2026, 3, 6)
    )
    assert (rest.subtotal, rest.tax_total) == (D("35.98"), D("2.52"))
    stored = await Invoice.get(id=invoice.id)
    assert (stored.amount_due, stored.status) == (D("0.00"), InvoiceStatus.VOID)
    assert await lifetime_revenues([acme.id]) == {acme.id: D("0.00")}
    assert [e.payload["number"] for e in await Event.filter(type="credit_note.posted")] == [
        "CN-2026-000001",
        "CN-2026-000002",
    ]
    with pytest.raises(DomainError) as nothing_left:
        await create_credit_note(invoice.id, [CreditLineDraft(line.id, D("1"))])
    assert nothing_left.value.code == ErrorCode.INVALID
    assert await CreditNote.all().count() == 2


async def test_crediting_a_paid_invoice_leaves_customer_credit_on_2100(billing):
    acme = await billing.customer()
    service = await billing.product("40.00", "25")
    invoice = await invoiced(billing, acme, service, "2", date(2026, 3, 2))
    await record_payment(acme.id, D("70.00"), date(2026, 3, 3))
    line = await InvoiceLine.get(invoice_id=invoice.id)
    note = await create_credit_note(
        invoice.id, [CreditLineDraft(line.id, D("1"))], date(2026, 3, 4)
    )
    # Due 100.00 − 70.00 = 30.00; the note is 40.00 + 10.00 = 50.00: 30.00 applied, 20.00 credit.
    assert (note.applied_amount, note.unapplied_amount) == (D("30.00"), D("20.00"))
    assert await entry_lines(note.journal_entry_id) == [
        ("4000", D("40.00"), D("0.00")),
        ("2200", D("10.00"), D("0.00")),
        ("1200", D("0.00"), D("30.00")),
        ("2100", D("0.00"), D("20.00")),
    ]
    stored = await Invoice.get(id=invoice.id)
    assert (stored.status, stored.amount_due) == (InvoiceStatus.PAID, D("0.00"))
    assert await Event.filter(type="invoice.paid").count() == 1
    assert await account_balance(acme.id) == D("-20.00")
    assert await lifetime_revenues([acme.id]) == {acme.id: D("40.00")}
    assert (await SalesOrder.get(id=invoice.sales_order_id)).status == OrderStatus.CLOSED


@pytest.mark.parametrize(
    ("lines", "code", "field"),
    [
        ([], ErrorCode.REQUIRED, ("lines",)),
        ([("line", "0")], ErrorCode.INVALID, ("lines", "0", "quantity")),
        ([("line", "3")], ErrorCode.INVALID, ("lines", "0", "quantity")),
        ([("line", "1"), ("line", "2")], ErrorCode.INVALID, ("lines", "1", "quantity")),
        ([("unknown", "1")], ErrorCode.NOT_FOUND, ("lines", "0", "invoice_line_id")),
    ],
    ids=["no-lines", "zero", "more-than-invoiced", "more-in-two-parts", "unknown-line"],
)
async def test_bad_credit_notes_are_refused_and_write_nothing(billing, lines, code, field):
    acme = await billing.customer()
    invoice = await invoiced(billing, acme, await billing.product("5.00"), "2", date(2026, 3, 2))
    line = await InvoiceLine.get(invoice_id=invoice.id)
    ids = {"line": line.id, "unknown": 999}
    with pytest.raises(DomainError) as refused:
        await create_credit_note(invoice.id, [CreditLineDraft(ids[k], D(q)) for k, q in lines])
    assert (refused.value.code, refused.value.field) == (code, field)
    assert await CreditNote.all().count() == 0
    assert (await Invoice.get(id=invoice.id)).amount_due == D("10.00")


def test_aging_buckets_by_days_past_due():
    assert [aging_bucket(days) for days in (-5, 0, 1, 30, 31, 60, 61, 90, 91, 400)] == [
        "current",
        "current",
        "d1_30",
        "d1_30",
        "d31_60",
        "d31_60",
        "d61_90",
        "d61_90",
        "over90",
        "over90",
    ]


async def test_ar_aging_per_account_and_in_total(billing):
    as_of = date(2026, 6, 30)
    acme = await billing.customer("Acme", terms=0)
    globex = await billing.customer("Globex", terms=10)
    cent = await billing.product("0.01")
    # Acme: invoices 0, 1, 30, 31, 60, 61, 90, 91 days past due of 1, 2, 4, … 128 cents.
    for power, days in enumerate((0, 1, 30, 31, 60, 61, 90, 91)):
        await invoiced(billing, acme, cent, str(2**power), as_of - timedelta(days=days))
    # Globex: due in 5 days (current), 15 days past due but half paid, one issued after asOf.
    await invoiced(billing, globex, cent, "1000", as_of - timedelta(days=5))
    half_paid = await invoiced(billing, globex, cent, "2000", as_of - timedelta(days=25))
    await invoiced(billing, globex, cent, "5000", as_of + timedelta(days=1))
    await record_payment(
        globex.id, D("10.00"), as_of, allocations=[AllocationDraft(half_paid.id, D("10.00"))]
    )
    paid = await invoiced(billing, acme, cent, "9999", as_of - timedelta(days=200))
    await record_payment(
        acme.id, D("99.99"), as_of, allocations=[AllocationDraft(paid.id, D("99.99"))]
    )

    report = await ar_aging(as_of)
    rows = {
        row.account_id: (row.current, row.d1_30, row.d31_60, row.d61_90, row.over90, row.total)
        for row in report.accounts
    }
    assert rows == {
        acme.id: (D("0.01"), D("0.06"), D("0.24"), D("0.96"), D("1.28"), D("2.55")),
        globex.id: (D("10.00"), D("10.00"), D("0"), D("0"), D("0"), D("20.00")),
    }
    total = report.total
    assert (total.current, total.d1_30, total.d31_60, total.d61_90, total.over90) == (
        D("10.01"),
        D("10.06"),
        D("0.24"),
        D("0.96"),
        D("1.28"),
    )


async def test_credit_available_counts_balance_and_uninvoiced_confirmed_orders(billing):
    acme = await billing.customer("Acme", credit_limit="1000.00")
    unlimited = await billing.customer("Globex")
    service = await billing.product("100.00", "10")
    await invoiced(billing, acme, service, "2", date(2026, 3, 2))  # 220.00 due
    await billing.order(acme, [(service, "3")])  # 330.00 confirmed, not invoiced
    await billing.order(acme, [(service, "5")], confirm=False)  # a draft does not count
    await record_payment(acme.id, D("20.00"), date(2026, 3, 3))
    assert await credit_available({acme.id: D("1000.00"), unlimited.id: None}) == {
        acme.id: D("1000.00") - D("200.00") - D("330.00"),
        unlimited.id: None,
    }
