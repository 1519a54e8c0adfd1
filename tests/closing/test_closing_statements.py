"""Account statements (§11) and AR aging as of a past day (§5.4), hand-computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order
from domain.billing.models import InvoiceLine
from domain.billing.payments import AllocationDraft, record_payment
from domain.billing.receivables import account_balance, ar_aging
from domain.closing.statements import (
    DocumentType,
    StatementDocument,
    account_statement,
    statement_lines,
)
from domain.errors import DomainError, ErrorCode

D = Decimal


def test_statement_lines_run_the_balance_by_date_charges_first_within_a_day():
    lines = statement_lines(
        D("50.00"),
        [
            StatementDocument(date(2026, 3, 5), DocumentType.PAYMENT, "PAY-1", D("0"), D("30.00")),
            StatementDocument(date(2026, 3, 5), DocumentType.INVOICE, "INV-2", D("20.00"), D("0")),
            StatementDocument(date(2026, 3, 1), DocumentType.INVOICE, "INV-1", D("10.00"), D("0")),
        ],
    )
    assert [(line.reference, line.balance) for line in lines] == [
        ("INV-1", D("60.00")),
        ("INV-2", D("80.00")),
        ("PAY-1", D("50.00")),
    ]


@pytest.fixture
async def history(billing):
    """Acme (terms 30): INV-1 100.00 on Feb 10, INV-2 50.00 on Mar 2, a payment of 120.00 on
    Mar 12 (100.00 to INV-1, 20.00 to INV-2), a credit note of 10.00 on INV-2 on Mar 20,
    INV-3 30.00 on Apr 3 and a payment of 45.00 on Apr 8 (oldest first: 20.00 to INV-2,
    25.00 to INV-3)."""
    acme = await billing.customer("Acme", terms=30)
    ten = await billing.product("10.00")
    first = await invoice_order(
        (await billing.shipped_order(acme, ten, "10")).id, date(2026, 2, 10)
    )
    second = await invoice_order((await billing.shipped_order(acme, ten, "5")).id, date(2026, 3, 2))
    await record_payment(
        acme.id,
        D("120.00"),
        date(2026, 3, 12),
        "wire 1",
        [AllocationDraft(first.id, D("100.00")), AllocationDraft(second.id, D("20.00"))],
    )
    [line] = await InvoiceLine.filter(invoice_id=second.id)
    await create_credit_note(second.id, [CreditLineDraft(line.id, D("1"))], date(2026, 3, 20))
    third = await invoice_order((await billing.shipped_order(acme, ten, "3")).id, date(2026, 4, 3))
    await record_payment(acme.id, D("45.00"), date(2026, 4, 8), "wire 2")
    return acme, first, second, third


async def test_a_statement_lists_the_period_and_closes_on_the_account_balance(history):
    acme, *_ = history

    statement = await account_statement(acme.id, date(2026, 3, 1), date(2026, 4, 30))

    assert statement is not None
    assert (statement.currency, statement.opening_balance) == ("USD", D("100.00"))
    assert [
        (line.date, line.document_type, line.reference, line.debit, line.credit, line.balance)
        for line in statement.lines
    ] == [
        (
            date(2026, 3, 2),
            DocumentType.INVOICE,
            "INV-2026-000002",
            D("50.00"),
            D("0"),
            D("150.00"),
        ),
        (
            date(2026, 3, 12),
            DocumentType.PAYMENT,
            "PAY-2026-000001",
            D("0"),
            D("120.00"),
            D("30.00"),
        ),
        (
            date(2026, 3, 20),
            DocumentType.CREDIT_NOTE,
            "CN-2026-000001",
            D("0"),
            D("10.00"),
            D("20.00"),
        ),
        (date(2026, 4, 3), DocumentType.INVOICE, "INV-2026-000003", D("30.00"), D("0"), D("50.00")),
        (date(2026, 4, 8), DocumentType.PAYMENT, "PAY-2026-000002", D("0"), D("45.00"), D("5.00")),
    ]
    # INV-2 20.00 + INV-3 30.00 due, paid 45.00 of it: 5.00 still owed.
    assert statement.closing_balance == D("5.00") == await account_balance(acme.id)


async def test_a_statement_of_a_past_period_closes_on_the_balance_as_of_its_last_day(history):
    acme, *_ = history

    statement = await account_statement(acme.id, date(2026, 3, 1), date(2026, 3, 15))

    assert statement is not None
    assert [line.reference for line in statement.lines] == ["INV-2026-000002", "PAY-2026-000001"]
    assert (statement.opening_balance, statement.closing_balance) == (D("100.00"), D("30.00"))


async def test_a_statement_of_an_unknown_account_is_none_and_backwards_dates_are_invalid(
    history,
):
    acme, *_ = history
    assert await account_statement(acme.id + 100, date(2026, 3, 1), date(2026, 3, 31)) is None
    with pytest.raises(DomainError) as caught:
        await account_statement(acme.id, date(2026, 3, 31), date(2026, 3, 1))
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, ("to",))


def buckets(row) -> tuple[Decimal, ...]:
    return (row.current, row.d1_30, row.d31_60, row.d61_90, row.over90)


async def test_aging_as_of_a_past_day_ignores_later_payments_credit_notes_and_invoices(history):
    acme, *_ = history

    # Mar 10: INV-1 100.00 due Mar 12 (current), INV-2 50.00 due Apr 1 (current); the
    # payment of Mar 12 and the credit note of Mar 20 are later, INV-3 not yet issued.
    march_10 = await ar_aging(date(2026, 3, 10))
    assert buckets(march_10.total) == (D("150.00"), D("0"), D("0"), D("0"), D("0"))

    # Apr 5: INV-2 has 50 − 20 − 10 = 20.00 due since Apr 1 (4 days), INV-3 30.00 current;
    # the payment of Apr 8 is later.
    april_5 = await ar_aging(date(2026, 4, 5))
    [row] = april_5.accounts
    assert row.account_id == acme.id
    assert buckets(row) == (D("30.00"), D("20.00"), D("0"), D("0"), D("0"))

    # Today's figures: the 45.00 paid INV-2 (20.00) then INV-3 (25.00 of 30.00).
    april_20 = await ar_aging(date(2026, 4, 20))
    assert buckets(april_20.total) == (D("5.00"), D("0"), D("0"), D("0"), D("0"))
