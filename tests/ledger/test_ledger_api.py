"""The ledger through GraphQL: journal entries with their lines, reversals, query counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from tortoise.transactions import in_transaction

from api.relay import encode_id
from domain.billing.payments import record_payment
from domain.ledger.models import LedgerAccount
from domain.ledger.services import Posting, post_journal_entry, reverse_journal_entry
from tests.factories import make_account

D = Decimal


async def post(on: date, amount: str, source: str = "MANUAL"):
    async with in_transaction():
        return await post_journal_entry(
            entry_date=on,
            memo=f"Owner puts in {amount}",
            source=source,
            reference=f"REF-{on.isoformat()}",
            postings=[Posting("1000", debit=D(amount)), Posting("3000", credit=D(amount))],
        )


async def test_journal_entries_filter_by_dates_and_source_newest_first(gql):
    await post(date(2026, 1, 31), "10.00")
    february = await post(date(2026, 2, 1), "20.00")
    await post(date(2026, 2, 28), "30.00", source="PAYMENT")
    await reverse_journal_entry(february.id, entry_date=date(2026, 2, 15))
    response = await gql(
        """{ journalEntries(filter: {from: "2026-02-01", to: "2026-02-28", source: MANUAL}) {
             totalCount edges { node { number date memo source reverses { number }
               lines { ledgerAccount { code } debit { amount } credit { amount } } } } } }""",
        role="FINANCE",
    )
    assert response["data"]["journalEntries"] == {
        "totalCount": 2,
        "edges": [
            {
                "node": {
                    "number": "JE-2026-000004",
                    "date": "2026-02-15",
                    "memo": "Reversal of JE-2026-000002",
                    "source": "MANUAL",
                    "reverses": {"number": "JE-2026-000002"},
                    "lines": [
                        {
                            "ledgerAccount": {"code": "1000"},
                            "debit": {"amount": "0.00"},
                            "credit": {"amount": "20.00"},
                        },
                        {
                            "ledgerAccount": {"code": "3000"},
                            "debit": {"amount": "20.00"},
                            "credit": {"amount": "0.00"},
                        },
                    ],
                }
            },
            {
                "node": {
                    "number": "JE-2026-000002",
                    "date": "2026-02-01",
                    "memo": "Owner puts in 20.00",
                    "source": "MANUAL",
                    "reverses": None,
                    "lines": [
                        {
                            "ledgerAccount": {"code": "1000"},
                            "debit": {"amount": "20.00"},
                            "credit": {"amount": "0.00"},
                        },
                        {
                            "ledgerAccount": {"code": "3000"},
                            "debit": {"amount": "0.00"},
                            "credit": {"amount": "20.00"},
                        },
                    ],
                }
            },
        ],
    }


async def test_journal_entries_cost_the_same_queries_for_50_as_for_5(gql, count_queries):
    for day in range(60):
        await post(date(2026, 1, 1) + timedelta(days=day), f"{day + 1}.00")
    query = """query($n: Int!) { journalEntries(first: $n) { edges { node { number
        lines { ledgerAccount { code name } debit { amount } } } } } }"""
    await gql("{ __typename }", role="FINANCE")
    with count_queries() as few:
        await gql(query, {"n": 5}, role="FINANCE")
    with count_queries() as many:
        response = await gql(query, {"n": 50}, role="FINANCE")
    assert len(response["data"]["journalEntries"]["edges"]) == 50
    assert many.count == few.count


async def test_the_chart_of_accounts_and_a_forbidden_reader(gql):
    chart = await gql("{ ledgerAccounts { code name type } }", role="OPERATIONS")
    assert chart["data"]["ledgerAccounts"][:2] == [
        {"code": "1000", "name": "Cash", "type": "ASSET"},
        {"code": "1200", "name": "Accounts Receivable", "type": "ASSET"},
    ]
    refused = await gql("{ ledgerAccounts { code } }", role="SALES")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize("role", ["SALES", "SERVICE", "READONLY", "INTEGRATION"])
async def test_the_books_are_a_margin_figure_only_finance_operations_and_admin_read(gql, role):
    for query in (
        '{ trialBalance(asOf: "2026-05-04") { balance { amount } } }',
        "{ journalEntries(first: 1) { totalCount } }",
    ):
        refused = await gql(query, role=role)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


LINES = """
query($id: ID!, $filter: JournalLineFilter, $order: JournalLineOrder, $first: Int) {
  node(id: $id) { ... on LedgerAccount { code journalLines(filter: $filter, orderBy: $order,
    first: $first) { totalCount pageInfo { hasNextPage }
      edges { node { debit { amount } credit { amount } entry { number source } } } } } }
}"""


async def test_a_ledger_accounts_lines_newest_first_filtered_by_their_entries(gql):
    await post(date(2026, 1, 31), "10.00")
    await post(date(2026, 2, 1), "20.00", source="PAYMENT")
    await post(date(2026, 2, 28), "30.00")
    cash = await LedgerAccount.get(code="1000")
    variables = {"id": encode_id("LedgerAccount", cash.id)}

    async def lines(role: str = "FINANCE", **extra: object) -> dict:
        result = await gql(LINES, {**variables, **extra}, role=role)
        return result["data"]["node"]["journalLines"]

    def amounts(page: dict) -> list[tuple[str, str]]:
        return [(e["node"]["entry"]["number"], e["node"]["debit"]["amount"]) for e in page["edges"]]

    newest = await lines()
    oldest_two = await lines(order={"field": "POSTED", "direction": "ASC"}, first=2)
    february = await lines(filter={"from": "2026-02-01", "to": "2026-02-28"})
    payments = await lines(role="OPERATIONS", filter={"source": "PAYMENT"})
    refused = await gql(LINES, variables, role="SALES")

    assert newest["totalCount"] == 3
    assert amounts(newest) == [
        ("JE-2026-000003", "30.00"),
        ("JE-2026-000002", "20.00"),
        ("JE-2026-000001", "10.00"),
    ]
    assert amounts(oldest_two) == [("JE-2026-000001", "10.00"), ("JE-2026-000002", "20.00")]
    assert oldest_two["pageInfo"]["hasNextPage"] is True
    assert amounts(february) == [("JE-2026-000003", "30.00"), ("JE-2026-000002", "20.00")]
    assert [e["node"]["entry"]["source"] for e in payments["edges"]] == ["PAYMENT"]
    assert refused["data"] == {"node": None}
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_journal_entries_sort_by_number_and_the_chart_lists_lines_in_one_query(
    gql, count_queries
):
    for day in (3, 1, 2):
        await post(date(2026, 1, day), f"{day}.00")
    by_number = await gql(
        "{ journalEntries(orderBy: {field: NUMBER, direction: ASC}) { edges { node { date } } } }",
        role="FINANCE",
    )
    chart = """{ ledgerAccounts { code journalLines(first: 1) { totalCount
        edges { node { credit { amount } } } } } }"""

    with count_queries() as few:
        await gql(chart, role="FINANCE")
    for day in range(4, 20):
        await post(date(2026, 1, day), f"{day}.00")
    with count_queries() as many:
        accounts = await gql(chart, role="FINANCE")

    assert [e["node"]["date"] for e in by_number["data"]["journalEntries"]["edges"]] == [
        "2026-01-03",
        "2026-01-01",
        "2026-01-02",
    ]
    rows = {row["code"]: row["journalLines"] for row in accounts["data"]["ledgerAccounts"]}
    assert rows["3000"]["totalCount"] == 19
    assert rows["3000"]["edges"] == [{"node": {"credit": {"amount": "19.00"}}}]
    assert rows["1200"] == {"totalCount": 0, "edges": []}
    assert many.count == few.count


async def test_a_payment_entry_names_the_customer_on_its_receivable_and_credit_lines(gql):
    customer = await make_account("Rider Co")
    await record_payment(customer.id, D("25.00"), date(2026, 3, 2), "wire")
    response = await gql(
        """{ journalEntries(filter: {source: PAYMENT}) { edges { node {
             lines { ledgerAccount { code } account { name } debit { amount } credit { amount } }
           } } } }""",
        role="FINANCE",
    )
    (edge,) = response["data"]["journalEntries"]["edges"]
    # Nothing is due, so all 25.00 stays as the customer's credit on 2100 (§5.3).
    assert edge["node"]["lines"] == [
        {
            "ledgerAccount": {"code": "1000"},
            "account": None,
            "debit": {"amount": "25.00"},
            "credit": {"amount": "0.00"},
        },
        {
            "ledgerAccount": {"code": "2100"},
            "account": {"name": "Rider Co"},
            "debit": {"amount": "0.00"},
            "credit": {"amount": "25.00"},
        },
    ]
