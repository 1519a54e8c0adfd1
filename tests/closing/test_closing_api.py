"""Closing the books through GraphQL (§11): who may close and reopen, PERIOD_CLOSED in a
payload, the statement and the reports in the API's shape."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from domain.billing.invoicing import invoice_order
from domain.global_ids import global_id
from domain.outbox.models import Event

D = Decimal

CLOSE = """mutation ($through: Date!) {
  periodClose(input: {through: $through}) { closedThrough errors { field code message } }
}"""
REOPEN = """mutation ($through: Date) {
  periodReopen(input: {through: $through}) { closedThrough errors { field code message } }
}"""


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


async def test_finance_closes_admin_reopens_and_the_lock_date_reads_back(gql: Any) -> None:
    closed = await gql(CLOSE, {"through": "2026-03-31"}, role="FINANCE")
    assert closed["data"]["periodClose"] == {"closedThrough": "2026-03-31", "errors": []}
    again = await gql(CLOSE, {"through": "2026-02-28"}, role="FINANCE")
    assert again["data"]["periodClose"]["errors"][0]["field"] == ["through"]
    assert again["data"]["periodClose"]["errors"][0]["code"] == "INVALID"

    refused = await gql(REOPEN, {"through": None}, role="FINANCE")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    forbidden = await gql(CLOSE, {"through": "2026-04-30"}, role="SALES")
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    read = await gql("{ closedThrough }", role="READONLY")
    assert read["data"] == {"closedThrough": "2026-03-31"}

    reopened = await gql(REOPEN, {"through": None})
    assert reopened["data"]["periodReopen"] == {"closedThrough": None, "errors": []}
    assert (await gql("{ closedThrough }"))["data"] == {"closedThrough": None}


async def test_the_period_closed_event_carries_the_lock_date_as_the_api_answers_it(
    gql: Any,
) -> None:
    await gql(CLOSE, {"through": "2026-03-31"})

    event = await Event.filter(type="period.closed").get()
    answer = await gql("{ closedThrough }")
    assert event.payload == {
        "closedThrough": answer["data"]["closedThrough"],
        "previousClosedThrough": None,
    }


async def test_a_payment_into_a_closed_period_is_a_period_closed_user_error(
    gql: Any, billing
) -> None:
    acme = await billing.customer()
    await gql(CLOSE, {"through": "2026-03-31"})

    result = await gql(
        """mutation ($input: PaymentRecordInput!) {
          paymentRecord(input: $input) { payment { id } errors { code message } }
        }""",
        {
            "input": {
                "accountId": global_id("Account", acme.id),
                "amount": "5",
                "date": "2026-03-31",
            }
        },
    )

    assert result["data"]["paymentRecord"] == {
        "payment": None,
        "errors": [
            {
                "code": "PERIOD_CLOSED",
                "message": "2026-03-31 is in a closed period: the books are closed through "
                "2026-03-31.",
            }
        ],
    }


STATEMENT = """query ($id: ID!) {
  accountStatement(accountId: $id, from: "2026-03-01", to: "2026-03-31") {
    account { name } from to openingBalance { amount currency }
    lines { date documentType reference debit { amount } credit { amount } balance { amount } }
    closingBalance { amount currency }
  }
}"""


async def test_the_statement_in_the_api_shape_and_who_reads_it(gql: Any, billing) -> None:
    acme = await billing.customer("Acme")
    order = await billing.shipped_order(acme, await billing.product("12.50"), "2")
    await invoice_order(order.id, date(2026, 3, 2))
    variables = {"id": global_id("Account", acme.id)}

    result = await gql(STATEMENT, variables, role="SALES")

    assert result["data"]["accountStatement"] == {
        "account": {"name": "Acme"},
        "from": "2026-03-01",
        "to": "2026-03-31",
        "openingBalance": usd("0.00"),
        "lines": [
            {
                "date": "2026-03-02",
                "documentType": "INVOICE",
                "reference": "INV-2026-000001",
                "debit": {"amount": "25.00"},
                "credit": {"amount": "0.00"},
                "balance": {"amount": "25.00"},
            }
        ],
        "closingBalance": usd("25.00"),
    }
    refused = await gql(STATEMENT, variables, role="OPERATIONS")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    unknown = await gql(STATEMENT, {"id": global_id("Account", acme.id + 50)})
    assert unknown["data"] == {"accountStatement": None}


async def test_profit_and_loss_and_balance_sheet_in_the_api_shape(gql: Any, billing) -> None:
    acme = await billing.customer()
    order = await billing.shipped_order(acme, await billing.product("40.00", "10"))
    await invoice_order(order.id, date(2026, 3, 2))

    result = await gql(
        """{
          profitAndLoss(from: "2026-03-01", to: "2026-03-31") {
            from to rows { ledgerAccount { code type } amount { amount } }
            revenue { amount currency } expenses { amount } netIncome { amount }
          }
          balanceSheet(asOf: "2026-03-31") {
            asOf rows { ledgerAccount { code } amount { amount } }
            retainedEarnings { amount } assets { amount } liabilities { amount } equity { amount }
          }
        }""",
        role="FINANCE",
    )

    pnl = result["data"]["profitAndLoss"]
    assert (pnl["from"], pnl["to"]) == ("2026-03-01", "2026-03-31")
    assert {row["ledgerAccount"]["type"] for row in pnl["rows"]} == {"REVENUE", "EXPENSE"}
    assert {r["ledgerAccount"]["code"]: r["amount"]["amount"] for r in pnl["rows"]}["4000"] == (
        "40.00"
    )
    assert (pnl["revenue"], pnl["expenses"], pnl["netIncome"]) == (
        usd("40.00"),
        {"amount": "0.00"},
        {"amount": "40.00"},
    )
    sheet = result["data"]["balanceSheet"]
    amounts = {row["ledgerAccount"]["code"]: row["amount"]["amount"] for row in sheet["rows"]}
    assert (amounts["1200"], amounts["2200"]) == ("44.00", "4.00")
    assert (
        sheet["retainedEarnings"],
        sheet["assets"],
        sheet["liabilities"],
        sheet["equity"],
    ) == ({"amount": "40.00"}, {"amount": "44.00"}, {"amount": "4.00"}, {"amount": "40.00"})
    refused = await gql('{ balanceSheet(asOf: "2026-03-31") { asOf } }', role="SALES")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
