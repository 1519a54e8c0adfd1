"""The GraphQL side of §12: exchangeRateSet / exchangeRates, journal lines' currency, amount
and rate, a payment's currency, and who may set rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from domain.currencies.models import ExchangeRate
from domain.global_ids import global_id
from tests.currencies.conftest import World

SET = """mutation($input: ExchangeRateSetInput!) {
  exchangeRateSet(input: $input) {
    exchangeRate { currency date rate }
    errors { field code message }
  }
}"""

RATES = """query($currency: String) {
  exchangeRates(currency: $currency) {
    totalCount
    edges { node { currency date rate } }
  }
}"""


async def test_rates_are_set_by_finance_and_listed_newest_first(gql: Any, database: str):
    first = await gql(
        SET, {"input": {"currency": "eur", "date": "2026-03-01", "rate": "1.0850"}}, role="FINANCE"
    )
    assert first["data"]["exchangeRateSet"] == {
        "exchangeRate": {"currency": "EUR", "date": "2026-03-01", "rate": "1.085"},
        "errors": [],
    }
    await gql(SET, {"input": {"currency": "EUR", "date": "2026-03-10", "rate": "1.09"}})
    await gql(SET, {"input": {"currency": "JPY", "date": "2026-03-01", "rate": "0.0067"}})
    listed = await gql(RATES, {"currency": "EUR"}, role="READONLY")
    assert listed["data"]["exchangeRates"] == {
        "totalCount": 2,
        "edges": [
            {"node": {"currency": "EUR", "date": "2026-03-10", "rate": "1.09"}},
            {"node": {"currency": "EUR", "date": "2026-03-01", "rate": "1.085"}},
        ],
    }
    every = await gql(RATES, {})
    assert every["data"]["exchangeRates"]["totalCount"] == 3

    refused = await gql(
        SET, {"input": {"currency": "EUR", "date": "2026-03-11", "rate": "1.1"}}, role="SALES"
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await ExchangeRate.all().count() == 3


async def test_bad_rates_are_invalid_each_field_at_once(gql: Any, database: str):
    answer = await gql(SET, {"input": {"currency": "XYZ", "date": "2026-03-01", "rate": "0"}})
    assert answer["data"]["exchangeRateSet"]["exchangeRate"] is None
    assert [
        (error["field"], error["code"]) for error in answer["data"]["exchangeRateSet"]["errors"]
    ] == [(["currency"], "INVALID"), (["rate"], "INVALID")]
    base = await gql(SET, {"input": {"currency": "USD", "date": "2026-03-01", "rate": "1"}})
    assert base["data"]["exchangeRateSet"]["errors"][0]["code"] == "INVALID"
    assert await ExchangeRate.all().count() == 0


async def test_invoice_and_payment_show_their_rates_and_journal_lines(gql: Any, world: World):
    await world.rate("EUR", date(2026, 3, 1), "1.0850")
    await world.rate("EUR", date(2026, 3, 10), "1.0900")
    customer = await world.customer("EUR")
    invoice = await world.invoice(customer, [("1", "1000.00", "8.25")], date(2026, 3, 2))
    paid = await gql(
        """mutation($input: PaymentRecordInput!) {
          paymentRecord(input: $input) {
            payment {
              currency exchangeRate amount { amount currency }
              journalEntry { lines { ledgerAccount { code } debit { amount currency }
                                     credit { amount } currency amount { amount currency }
                                     rate } }
            }
            errors { field code }
          }
        }""",
        {
            "input": {
                "accountId": global_id("Account", customer.id),
                "amount": "1082.50",
                "date": "2026-03-12",
                "currency": "EUR",
            }
        },
        role="FINANCE",
    )
    payment = paid["data"]["paymentRecord"]["payment"]
    assert (payment["currency"], payment["exchangeRate"], payment["amount"]) == (
        "EUR",
        "1.09",
        {"amount": "1082.50", "currency": "EUR"},
    )
    # 1082.50 × 1.09 = 1179.925 → 1179.93 in; 1174.51 booked out of 1200; 5.42 gain.
    assert payment["journalEntry"]["lines"] == [
        {
            "ledgerAccount": {"code": "1000"},
            "debit": {"amount": "1179.93", "currency": "USD"},
            "credit": {"amount": "0.00"},
            "currency": "EUR",
            "amount": {"amount": "1082.50", "currency": "EUR"},
            "rate": "1.09",
        },
        {
            "ledgerAccount": {"code": "1200"},
            "debit": {"amount": "0.00", "currency": "USD"},
            "credit": {"amount": "1174.51"},
            "currency": "EUR",
            "amount": {"amount": "1082.50", "currency": "EUR"},
            "rate": "1.085",
        },
        {
            "ledgerAccount": {"code": "7000"},
            "debit": {"amount": "0.00", "currency": "USD"},
            "credit": {"amount": "5.42"},
            "currency": "USD",
            "amount": {"amount": "5.42", "currency": "USD"},
            "rate": "1",
        },
    ]
    shown = await gql(
        "query($id: ID!) { invoice(id: $id) { currency exchangeRate total { amount currency } } }",
        {"id": global_id("Invoice", invoice.id)},
        role="FINANCE",
    )
    assert shown["data"]["invoice"] == {
        "currency": "EUR",
        "exchangeRate": "1.085",
        "total": {"amount": "1082.50", "currency": "EUR"},
    }
    other = await gql(
        """mutation($input: PaymentRecordInput!) {
          paymentRecord(input: $input) { payment { id } errors { field code } }
        }""",
        {
            "input": {
                "accountId": global_id("Account", customer.id),
                "amount": "10.00",
                "date": "2026-03-12",
                "currency": "USD",
            }
        },
        role="FINANCE",
    )
    assert other["data"]["paymentRecord"] == {
        "payment": None,
        "errors": [{"field": ["currency"], "code": "INVALID"}],
    }


async def test_yen_amounts_have_no_decimals_and_dinars_three(gql: Any, world: World):
    await world.rate("JPY", date(2026, 3, 1), "0.0067")
    await world.rate("KWD", date(2026, 3, 1), "3.2550")
    yen = await world.invoice(
        await world.customer("JPY", "Sakura KK"), [("3", "333.5", "10")], date(2026, 3, 2)
    )
    dinar = await world.invoice(
        await world.customer("KWD", "Gulf Trading"), [("3", "12.3456", "5")], date(2026, 3, 2)
    )
    query = "query($id: ID!) { invoice(id: $id) { subtotal { amount } total { amount } } }"
    # 3 × 333.5 = 1000.5 → 1001 JPY, tax 100.1 → 100: 1101.
    answer = await gql(query, {"id": global_id("Invoice", yen.id)}, role="FINANCE")
    assert answer["data"]["invoice"] == {
        "subtotal": {"amount": "1001"},
        "total": {"amount": "1101"},
    }
    # 37.037 + 1.852 = 38.889 KWD.
    answer = await gql(query, {"id": global_id("Invoice", dinar.id)}, role="FINANCE")
    assert answer["data"]["invoice"] == {
        "subtotal": {"amount": "37.037"},
        "total": {"amount": "38.889"},
    }
    assert Decimal(dinar.total) == Decimal("38.889")
