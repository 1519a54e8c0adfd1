"""Billing and ledger through GraphQL: the invoice run in a real worker, payments, credit
notes, aging, account figures, permissions and query counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from api.relay import encode_id
from domain.billing.invoicing import invoice_order
from domain.billing.models import Invoice, InvoiceLine, Payment
from domain.billing.payments import record_payment
from domain.jobs.models import JobRun
from domain.ledger.models import JournalEntry

D = Decimal

INVOICE_FIELDS = """
    number status issueDate dueDate
    subtotal { amount currency } taxTotal { amount } total { amount }
    amountPaid { amount } amountDue { amount }
    account { name }
    salesOrder { number invoiceStatus }
    lines { quantity unitPrice { amount } discountPercent taxRate
            netAmount { amount } taxAmount { amount } product { sku } salesOrderLine { id } }
    journalEntry { number source lines { ledgerAccount { code name } debit { amount }
                                         credit { amount } } }
"""


async def test_the_invoice_run_through_a_real_worker_ends_succeeded(billing, gql, run_worker):
    acme = await billing.customer("Acme", terms=30)
    gadget = await billing.product("19.99", "7")
    order = await billing.order(acme, [(gadget, "3", "10")])
    await billing.ship(order)
    other = await billing.shipped_order(acme, gadget)
    started = await gql(
        """mutation($input: InvoiceRunStartInput!) {
             invoiceRunStart(input: $input) { jobRun { id kind status } errors { code } }
           }""",
        {
            "input": {
                "salesOrderIds": [encode_id("SalesOrder", order.id)],
                "issueDate": "2026-05-04",
            }
        },
        role="FINANCE",
    )
    payload = started["data"]["invoiceRunStart"]
    assert payload["errors"] == []
    assert (payload["jobRun"]["kind"], payload["jobRun"]["status"]) == ("INVOICING", "QUEUED")

    await run_worker()

    run = await gql(
        "query($id: ID!) { jobRun(id: $id) { status progress error result } }",
        {"id": payload["jobRun"]["id"]},
    )
    assert run["data"]["jobRun"] == {
        "status": "SUCCEEDED",
        "progress": 1.0,
        "error": None,
        "result": {
            "orders": 1,
            "invoices": 1,
            "firstNumber": "INV-2026-000001",
            "lastNumber": "INV-2026-000001",
        },
    }
    listed = await gql(
        "{ invoices(first: 10) { totalCount edges { node { " + INVOICE_FIELDS + " } } } }",
        role="SALES",
    )
    assert listed["data"]["invoices"]["totalCount"] == 1
    invoice = listed["data"]["invoices"]["edges"][0]["node"]
    assert invoice["journalEntry"] is None  # SALES may not read the ledger
    invoice.pop("journalEntry")
    line = invoice["lines"][0]
    assert line.pop("salesOrderLine")["id"]
    assert invoice == {
        "number": "INV-2026-000001",
        "status": "POSTED",
        "issueDate": "2026-05-04",
        "dueDate": "2026-06-03",
        "subtotal": {"amount": "53.97", "currency": "USD"},
        "taxTotal": {"amount": "3.78"},
        "total": {"amount": "57.75"},
        "amountPaid": {"amount": "0.00"},
        "amountDue": {"amount": "57.75"},
        "account": {"name": "Acme"},
        "salesOrder": {"number": order.number, "invoiceStatus": "INVOICED"},
        "lines": [
            {
                "quantity": "3",
                "unitPrice": {"amount": "19.99"},
                "discountPercent": "10",
                "taxRate": "7",
                "netAmount": {"amount": "53.97"},
                "taxAmount": {"amount": "3.78"},
                "product": {"sku": gadget.sku},
            }
        ],
    }
    assert await Invoice.filter(sales_order_id=other.id).count() == 0


async def test_invoice_journal_entry_and_trial_balance_for_finance(billing, gql):
    acme = await billing.customer("Acme")
    gadget = await billing.product("100.00", "10")
    invoice = await invoice_order((await billing.shipped_order(acme, gadget)).id, date(2026, 5, 4))
    found = await gql(
        "query($id: ID!) { invoice(id: $id) { journalEntry { number source lines {"
        " ledgerAccount { code name } debit { amount } credit { amount } } } } }",
        {"id": encode_id("Invoice", invoice.id)},
        role="FINANCE",
    )
    assert found["data"]["invoice"]["journalEntry"] == {
        "number": "JE-2026-000001",
        "source": "INVOICE",
        "lines": [
            {
                "ledgerAccount": {"code": "1200", "name": "Accounts Receivable"},
                "debit": {"amount": "110.00"},
                "credit": {"amount": "0.00"},
            },
            {
                "ledgerAccount": {"code": "4000", "name": "Sales Revenue"},
                "debit": {"amount": "0.00"},
                "credit": {"amount": "100.00"},
            },
            {
                "ledgerAccount": {"code": "2200", "name": "Sales Tax Payable"},
                "debit": {"amount": "0.00"},
                "credit": {"amount": "10.00"},
            },
        ],
    }
    balance = await gql(
        '{ trialBalance(asOf: "2026-05-04") { ledgerAccount { code } debit { amount }'
        " credit { amount } balance { amount } } }",
        role="OPERATIONS",
    )
    rows = {row["ledgerAccount"]["code"]: row for row in balance["data"]["trialBalance"]}
    assert rows["1200"]["balance"] == {"amount": "110.00"}
    assert rows["4000"]["credit"] == {"amount": "100.00"}
    assert sum(D(row["balance"]["amount"]) for row in rows.values()) == 0
    before = await gql(
        '{ trialBalance(asOf: "2026-05-03") { balance { amount } } }', role="FINANCE"
    )
    assert {row["balance"]["amount"] for row in before["data"]["trialBalance"]} == {"0.00"}
    entries = await gql(
        '{ journalEntries(filter: {from: "2026-05-01", to: "2026-05-31", source: INVOICE})'
        " { totalCount edges { node { number reference } } } }",
        role="ADMIN",
    )
    assert entries["data"]["journalEntries"] == {
        "totalCount": 1,
        "edges": [{"node": {"number": "JE-2026-000001", "reference": "INV-2026-000001"}}],
    }


@pytest.mark.parametrize(
    ("query", "role"),
    [
        ("{ trialBalance { balance { amount } } }", "SALES"),
        ("{ journalEntries { totalCount } }", "SERVICE"),
        ("{ invoices { totalCount } }", "SERVICE"),
        ("{ invoices { totalCount } }", "OPERATIONS"),
        ('{ arAging(asOf: "2026-01-01") { total { current { amount } } } }', "INTEGRATION"),
    ],
)
async def test_roles_without_access_are_forbidden(gql, query, role):
    response = await gql(query, role=role)
    assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    "mutation",
    [
        "invoiceRunStart(input: {}) { errors { code } }",
        'paymentRecord(input: {accountId: "x", amount: "1"}) { errors { code } }',
        'creditNoteCreate(input: {invoiceId: "x", lines: []}) { errors { code } }',
    ],
)
async def test_only_admin_and_finance_write_billing(gql, mutation):
    for role in ("SALES", "READONLY", "OPERATIONS"):
        response = await gql("mutation { " + mutation + " }", role=role)
        assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_payment_record_with_allocations_and_its_refusals(billing, gql):
    acme = await billing.customer("Acme")
    globex = await billing.customer("Globex")
    service = await billing.product("50.00")
    first = await invoice_order((await billing.shipped_order(acme, service)).id, date(2026, 5, 4))
    foreign = await invoice_order(
        (await billing.shipped_order(globex, service)).id, date(2026, 5, 4)
    )
    mutation = """mutation($input: PaymentRecordInput!) { paymentRecord(input: $input) {
        payment { number amount { amount } unappliedAmount { amount }
                  allocations { totalCount edges { node {
                    amount { amount } invoice { number status amountDue { amount } } } } } }
        errors { field code message } } }"""
    refused = await gql(
        mutation,
        {
            "input": {
                "accountId": encode_id("Account", acme.id),
                "amount": "60.00",
                "date": "2026-05-10",
                "allocations": [{"invoiceId": encode_id("Invoice", foreign.id), "amount": "50"}],
            }
        },
    )
    payload = refused["data"]["paymentRecord"]
    assert payload["payment"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        (["allocations", "0", "invoiceId"], "INVALID")
    ]
    bad_id = await gql(
        mutation,
        {
            "input": {
                "accountId": encode_id("Account", acme.id),
                "amount": "60.00",
                "allocations": [{"invoiceId": "nonsense", "amount": "50"}],
            }
        },
    )
    assert [(e["field"], e["code"]) for e in bad_id["data"]["paymentRecord"]["errors"]] == [
        (["allocations", "0", "invoiceId"], "NOT_FOUND")
    ]
    assert await Payment.all().count() == 0

    paid = await gql(
        mutation,
        {
            "input": {
                "accountId": encode_id("Account", acme.id),
                "amount": "60.00",
                "date": "2026-05-10",
                "reference": "wire 42",
                "allocations": [{"invoiceId": encode_id("Invoice", first.id), "amount": "50.00"}],
            }
        },
        role="FINANCE",
    )
    assert paid["data"]["paymentRecord"] == {
        "payment": {
            "number": "PAY-2026-000001",
            "amount": {"amount": "60.00"},
            "unappliedAmount": {"amount": "10.00"},
            "allocations": {
                "totalCount": 1,
                "edges": [
                    {
                        "node": {
                            "amount": {"amount": "50.00"},
                            "invoice": {
                                "number": first.number,
                                "status": "PAID",
                                "amountDue": {"amount": "0.00"},
                            },
                        }
                    }
                ],
            },
        },
        "errors": [],
    }
    account = await gql(
        "query($id: ID!) { account(id: $id) { balance { amount } lifetimeRevenue { amount }"
        " creditAvailable { amount } invoices { edges { node { number } } }"
        " salesOrders { edges { node { status paymentStatus } } } } }",
        {"id": encode_id("Account", acme.id)},
    )
    assert account["data"]["account"] == {
        "balance": {"amount": "-10.00"},
        "lifetimeRevenue": {"amount": "50.00"},
        "creditAvailable": None,
        "invoices": {"edges": [{"node": {"number": first.number}}]},
        "salesOrders": {"edges": [{"node": {"status": "CLOSED", "paymentStatus": "PAID"}}]},
    }


async def test_credit_note_create_through_graphql(billing, gql):
    acme = await billing.customer("Acme")
    service = await billing.product("40.00", "25")
    invoice = await invoice_order(
        (await billing.shipped_order(acme, service, "2")).id, date(2026, 5, 4)
    )
    line = await InvoiceLine.get(invoice_id=invoice.id)
    mutation = """mutation($input: CreditNoteCreateInput!) { creditNoteCreate(input: $input) {
        creditNote { number total { amount } appliedAmount { amount } unappliedAmount { amount }
                     lines { quantity netAmount { amount } taxAmount { amount } }
                     invoice { status amountDue { amount } amountCredited { amount } } }
        errors { field code } } }"""
    too_many = await gql(
        mutation,
        {
            "input": {
                "invoiceId": encode_id("Invoice", invoice.id),
                "lines": [{"invoiceLineId": encode_id("InvoiceLine", line.id), "quantity": "3"}],
            }
        },
    )
    assert too_many["data"]["creditNoteCreate"]["errors"] == [
        {"field": ["lines", "0", "quantity"], "code": "INVALID"}
    ]
    created = await gql(
        mutation,
        {
            "input": {
                "invoiceId": encode_id("Invoice", invoice.id),
                "issueDate": "2026-05-06",
                "lines": [{"invoiceLineId": encode_id("InvoiceLine", line.id), "quantity": "1"}],
            }
        },
    )
    assert created["data"]["creditNoteCreate"] == {
        "creditNote": {
            "number": "CN-2026-000001",
            "total": {"amount": "50.00"},
            "appliedAmount": {"amount": "50.00"},
            "unappliedAmount": {"amount": "0.00"},
            "lines": [
                {
                    "quantity": "1",
                    "netAmount": {"amount": "40.00"},
                    "taxAmount": {"amount": "10.00"},
                }
            ],
            "invoice": {
                "status": "POSTED",
                "amountDue": {"amount": "50.00"},
                "amountCredited": {"amount": "50.00"},
            },
        },
        "errors": [],
    }
    assert await JournalEntry.filter(source="CREDIT_NOTE").count() == 1


async def test_ar_aging_through_graphql(billing, gql):
    acme = await billing.customer("Acme", terms=0)
    service = await billing.product("10.00")
    await invoice_order((await billing.shipped_order(acme, service)).id, date(2026, 5, 1))
    await invoice_order((await billing.shipped_order(acme, service, "2")).id, date(2026, 3, 10))
    aging = await gql(
        """{ arAging(asOf: "2026-05-31") { asOf
             accounts { account { name } current { amount } d1_30 { amount } d31_60 { amount }
                        d61_90 { amount } over90 { amount } total { amount } }
             total { d1_30 { amount } d61_90 { amount } total { amount } } } }""",
        role="FINANCE",
    )
    assert aging["data"]["arAging"] == {
        "asOf": "2026-05-31",
        "accounts": [
            {
                "account": {"name": "Acme"},
                "current": {"amount": "0.00"},
                "d1_30": {"amount": "10.00"},
                "d31_60": {"amount": "0.00"},
                "d61_90": {"amount": "20.00"},
                "over90": {"amount": "0.00"},
                "total": {"amount": "30.00"},
            }
        ],
        "total": {
            "d1_30": {"amount": "10.00"},
            "d61_90": {"amount": "20.00"},
            "total": {"amount": "30.00"},
        },
    }


async def test_invoice_filters(billing, gql):
    acme = await billing.customer("Acme")
    globex = await billing.customer("Globex")
    service = await billing.product("10.00")
    a = await invoice_order((await billing.shipped_order(acme, service)).id, date(2026, 4, 1))
    b = await invoice_order((await billing.shipped_order(acme, service)).id, date(2026, 5, 1))
    await invoice_order((await billing.shipped_order(globex, service)).id, date(2026, 5, 2))
    await record_payment(acme.id, D("10.00"), date(2026, 5, 3))

    async def numbers(filter_: str) -> list[str]:
        response = await gql(
            "{ invoices(filter: " + filter_ + ", orderBy: {field: NUMBER}) "
            "{ edges { node { number } } } }"
        )
        return [edge["node"]["number"] for edge in response["data"]["invoices"]["edges"]]

    acme_id = encode_id("Account", acme.id)
    assert await numbers(f'{{accountId: "{acme_id}"}}') == [a.number, b.number]
    assert await numbers("{status: PAID}") == [a.number]
    assert await numbers('{issuedFrom: "2026-05-01", issuedTo: "2026-05-01"}') == [b.number]


async def test_account_figures_cost_the_same_queries_for_50_accounts_as_for_5(
    billing, gql, count_queries
):
    service = await billing.product("10.00", "10")
    for index in range(50):
        account = await billing.customer(f"Customer {index:02d}", credit_limit="1000.00")
        invoice = await invoice_order(
            (await billing.shipped_order(account, service)).id, date(2026, 5, 1)
        )
        await record_payment(account.id, D("5.00"), date(2026, 5, 2))
        assert invoice.total == D("11.00")
    query = """query($n: Int!) { accounts(first: $n) { edges { node {
        balance { amount } creditAvailable { amount } lifetimeRevenue { amount }
        invoices(first: 3) { edges { node { number lines { product { sku } } salesOrder { number }
                   payments(first: 3) { edges { node { amount { amount } } } }
                   creditNotes(first: 3) { totalCount } } } }
        salesOrders(first: 3) { edges { node {
            invoices(first: 3) { edges { node { number } } }
            shipments(first: 3) { edges { node { number } } } } } } } } } }"""
    await gql("{ __typename }")  # the token is created on first use
    with count_queries() as few:
        small = await gql(query, {"n": 5})
    with count_queries() as many:
        large = await gql(query, {"n": 50})
    assert "errors" not in large, large
    assert len(large["data"]["accounts"]["edges"]) == 50
    node = small["data"]["accounts"]["edges"][0]["node"]
    assert (node["balance"], node["creditAvailable"], node["lifetimeRevenue"]) == (
        {"amount": "6.00"},
        {"amount": "994.00"},
        {"amount": "10.00"},
    )
    assert many.count == few.count


async def test_an_invoice_run_for_an_unknown_order_starts_nothing(billing, gql):
    started = await gql(
        """mutation($input: InvoiceRunStartInput!) {
             invoiceRunStart(input: $input) { jobRun { id } errors { field code } }
           }""",
        {"input": {"salesOrderIds": [encode_id("SalesOrder", 999), "garbage"]}},
    )
    assert started["data"]["invoiceRunStart"] == {
        "jobRun": None,
        "errors": [{"field": ["salesOrderIds", "1"], "code": "NOT_FOUND"}],
    }
    unknown = await gql(
        """mutation($input: InvoiceRunStartInput!) {
             invoiceRunStart(input: $input) { jobRun { id } errors { field code } }
           }""",
        {"input": {"salesOrderIds": [encode_id("SalesOrder", 999)]}},
    )
    assert unknown["data"]["invoiceRunStart"]["errors"] == [
        {"field": ["salesOrderIds", "0"], "code": "NOT_FOUND"}
    ]
    assert await JobRun.all().count() == 0
