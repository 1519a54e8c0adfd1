"""The ledger through GraphQL: journal entries with their lines, reversals, query counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from tortoise.transactions import in_transaction

from domain.ledger.services import Posting, post_journal_entry, reverse_journal_entry

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
