"""OPEN_INVOICES imports (§14): each row an open customer invoice of the system before, posted
Dr 1200 / Cr 3900 (never 4000) in the account's currency (§12), once per externalId; aging,
statements and payments take it like any invoice; bad rows are refused with field and code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.billing.models import Invoice
from domain.billing.payments import record_payment
from domain.billing.receivables import ar_aging
from domain.closing.statements import account_statement
from domain.currencies.services import set_exchange_rate
from domain.ledger.models import JournalLine
from domain.ledger.services import trial_balance
from domain.orders.models import SalesOrder
from domain.outbox.models import Event
from tests.data_in_out.importing import imported, row_errors, sample, statuses

HEADER = "externalId,accountExternalId,issueDate,dueDate,amount,currency,memo\n"


async def import_sample_invoices(gql: Any, run_worker: Any) -> dict[str, Any]:
    await imported(gql, run_worker, "ACCOUNTS", sample("accounts.csv"))
    return await imported(gql, run_worker, "OPEN_INVOICES", sample("open_invoices.csv"))


async def ledger_lines() -> list[tuple[str, str | None, Decimal, Decimal]]:
    lines = await JournalLine.all().order_by("id").prefetch_related("ledger_account", "account")
    return [
        (
            line.ledger_account.code,
            line.account.external_id if line.account else None,
            Decimal(line.debit),
            Decimal(line.credit),
        )
        for line in lines
    ]


async def test_the_sample_open_invoices_post_against_3900_and_show_in_aging_and_statement(
    gql: Any, run_worker: Any
) -> None:
    run = await import_sample_invoices(gql, run_worker)

    assert run["status"] == "SUCCEEDED", run
    assert statuses(run) == [(2, "CREATED"), (3, "CREATED"), (4, "CREATED")]
    invoices = [
        (i.external_id, i.number, i.status.value, i.issue_date, i.due_date, i.total, i.amount_due,
         i.currency)
        for i in await Invoice.all().order_by("id")
    ]  # fmt: skip
    # the third row has no due date: crm-1001's 30 days of payment terms
    assert invoices == [
        ("legacy-inv-501", "INV-2026-000001", "POSTED", date(2026, 10, 15), date(2026, 11, 14),
         Decimal("1250.00"), Decimal("1250.00"), "USD"),
        ("legacy-inv-502", "INV-2026-000002", "POSTED", date(2026, 11, 1), date(2026, 12, 16),
         Decimal("480.50"), Decimal("480.50"), "USD"),
        ("legacy-inv-503", "INV-2026-000003", "POSTED", date(2026, 11, 20), date(2026, 12, 20),
         Decimal("99.90"), Decimal("99.90"), "USD"),
    ]  # fmt: skip
    assert await ledger_lines() == [
        ("1200", "crm-1001", Decimal("1250.00"), Decimal(0)),
        ("3900", None, Decimal(0), Decimal("1250.00")),
        ("1200", "crm-1002", Decimal("480.50"), Decimal(0)),
        ("3900", None, Decimal(0), Decimal("480.50")),
        ("1200", "crm-1001", Decimal("99.90"), Decimal(0)),
        ("3900", None, Decimal(0), Decimal("99.90")),
    ]
    balance = {row.ledger_account.code: (row.debit, row.credit) for row in await trial_balance()}
    assert balance["1200"] == (Decimal("1830.40"), Decimal(0))
    assert balance["3900"] == (Decimal(0), Decimal("1830.40"))
    assert balance["4000"] == (Decimal(0), Decimal(0))
    assert sum(d for d, _ in balance.values()) == sum(c for _, c in balance.values())
    assert await Event.filter(type="invoice.posted").count() == 3
    # the holding orders: no lines, shipped and invoiced, the memo as their notes
    orders = (
        await SalesOrder.all()
        .order_by("id")
        .values_list("status", "invoice_status", "payment_status", "total", "notes")
    )
    assert orders[0] == (
        "SHIPPED", "INVOICED", "UNPAID", Decimal("1250.00"),
        "Open at migration: INV 501 of the old system",
    )  # fmt: skip

    northwind = await Account.get(external_id="crm-1001")
    contoso = await Account.get(external_id="crm-1002")
    aging = await ar_aging(date(2026, 12, 2))
    rows = {r.account_id: (r.current, r.d1_30, r.total) for r in aging.accounts}
    # INV 501 was due 2026-11-14 (18 days past); 502 and 503 are not due yet
    assert rows == {
        northwind.id: (Decimal("99.90"), Decimal("1250.00"), Decimal("1349.90")),
        contoso.id: (Decimal("480.50"), Decimal(0), Decimal("480.50")),
    }
    assert aging.total.total == Decimal("1830.40")
    statement = await account_statement(northwind.id, date(2026, 10, 1), date(2026, 12, 31))
    assert statement is not None
    assert [(line.reference, line.debit, line.balance) for line in statement.lines] == [
        ("INV-2026-000001", Decimal("1250.00"), Decimal("1250.00")),
        ("INV-2026-000003", Decimal("99.90"), Decimal("1349.90")),
    ]

    # paid like any invoice: the oldest first; its order closes once paid
    await record_payment(northwind.id, Decimal("1250.00"), date(2026, 12, 2))
    paid = await Invoice.get(external_id="legacy-inv-501")
    assert (paid.status.value, paid.amount_due) == ("PAID", Decimal("0.00"))
    order = await SalesOrder.get(id=paid.sales_order_id)
    assert (order.status.value, order.invoice_status.value, order.payment_status.value) == (
        "CLOSED", "INVOICED", "PAID",
    )  # fmt: skip
    again = await imported(gql, run_worker, "OPEN_INVOICES", sample("open_invoices.csv"))
    assert statuses(again) == [(2, "UNCHANGED"), (3, "UNCHANGED"), (4, "UNCHANGED")]


async def test_bad_open_invoice_rows_are_refused_with_field_code_and_line(
    gql: Any, run_worker: Any
) -> None:
    await import_sample_invoices(gql, run_worker)
    lines_before = await JournalLine.all().count()
    content = HEADER + (
        "bad-1,crm-9999,2026-11-01,,10.00,,\n"  # 2: unknown account
        "bad-2,crm-1001,2026-11-31,,10.00,,\n"  # 3: no such day
        "bad-3,crm-1001,2026-11-01,2026-10-01,0,,\n"  # 4: due before issue, zero amount
        "bad-4,crm-1001,2026-11-01,,10.001,EUR,\n"  # 5: 3 decimals, not the account's currency
        "bad-5,crm-1001,2026-11-01,,10.00,XYZ,\n"  # 6: no currency
        ",,,,,,memo only\n"  # 7: nothing else given
        "legacy-inv-501,crm-1001,2026-10-15,2026-11-14,1300.00,,\n"  # 8: posted with 1250.00
        "ok-1,crm-1002,2026-11-02,,20.00,USD,fine\n"  # 9
        "ok-1,crm-1002,2026-11-02,,20.00,USD,fine\n"  # 10: twice in the file
    )

    run = await imported(gql, run_worker, "OPEN_INVOICES", content)

    assert row_errors(run) == {
        2: [(("accountExternalId",), "NOT_FOUND")],
        3: [(("issueDate",), "INVALID")],
        4: [(("amount",), "INVALID"), (("dueDate",), "INVALID")],
        5: [(("currency",), "INVALID")],
        6: [(("currency",), "INVALID")],
        7: [
            (("externalId",), "REQUIRED"),
            (("issueDate",), "REQUIRED"),
            (("accountExternalId",), "REQUIRED"),
            (("amount",), "REQUIRED"),
        ],
        8: [(("amount",), "INVALID")],
        10: [(("externalId",), "DUPLICATE")],
    }
    assert statuses(run)[7] == (9, "CREATED")
    assert (run["result"]["created"], run["result"]["failed"]) == (1, 8)
    # the posted invoice stands as it was; only ok-1 was written
    assert (await Invoice.get(external_id="legacy-inv-501")).total == Decimal("1250.00")
    assert await JournalLine.all().count() == lines_before + 2


async def test_an_open_invoice_of_an_account_in_another_currency_is_booked_at_its_rate(
    gql: Any, run_worker: Any
) -> None:
    await imported(
        gql,
        run_worker,
        "ACCOUNTS",
        "externalId,name,currency\neu-1,Berlin GmbH,EUR\njp-1,Osaka KK,JPY\n",
    )
    await set_exchange_rate("EUR", date(2026, 10, 1), Decimal("1.1"))
    content = HEADER + (
        "eu-inv-1,eu-1,2026-10-20,,100.00,EUR,\n"
        "eu-inv-2,eu-1,2026-09-30,,100.00,,\n"  # before the first EUR rate
        "jp-inv-1,jp-1,2026-10-20,,1000.50,,\n"  # yen have no decimals
    )

    run = await imported(gql, run_worker, "OPEN_INVOICES", content)

    assert statuses(run) == [(2, "CREATED"), (3, "ERROR"), (4, "ERROR")]
    assert row_errors(run) == {
        3: [(("issueDate",), "NO_EXCHANGE_RATE")],
        4: [(("amount",), "INVALID")],
    }
    invoice = await Invoice.get(external_id="eu-inv-1")
    assert (invoice.currency, invoice.exchange_rate, invoice.total) == (
        "EUR", Decimal("1.1"), Decimal("100.00"),
    )  # fmt: skip
    booked = (
        await JournalLine.all()
        .order_by("id")
        .values_list("ledger_account__code", "debit", "credit", "currency", "amount")
    )
    assert booked == [
        ("1200", Decimal("110.00"), Decimal(0), "EUR", Decimal("100.00")),
        ("3900", Decimal(0), Decimal("110.00"), "EUR", Decimal("100.00")),
    ]


async def test_a_dry_run_of_open_invoices_writes_nothing_and_takes_no_number(
    gql: Any, run_worker: Any
) -> None:
    await imported(gql, run_worker, "ACCOUNTS", sample("accounts.csv"))

    dry = await imported(
        gql, run_worker, "OPEN_INVOICES", sample("open_invoices.csv"), dry_run=True
    )

    assert statuses(dry) == [(2, "CREATED"), (3, "CREATED"), (4, "CREATED")]
    assert (await Invoice.all().count(), await JournalLine.all().count()) == (0, 0)
    assert await Event.filter(type="invoice.posted").count() == 0
    await imported(gql, run_worker, "OPEN_INVOICES", sample("open_invoices.csv"))
    # the series stays gapless: the real run's first invoice is number 1
    assert await Invoice.all().order_by("id").values_list("number", flat=True) == [
        "INV-2026-000001", "INV-2026-000002", "INV-2026-000003",
    ]  # fmt: skip
