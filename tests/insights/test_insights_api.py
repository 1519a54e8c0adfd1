"""The four insights end to end: data made by the use cases (or, for deals, rows with the
instants the test needs), read through GraphQL, figures computed by hand in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account
from domain.billing.invoicing import invoice_order
from domain.billing.payments import AllocationDraft, record_payment
from domain.clock import today
from domain.currencies.services import set_exchange_rate
from domain.orders.models import InvoicePolicy
from domain.orders.services import OrderLineDraft, confirm_sales_order, create_sales_order
from domain.pipeline.models import Opportunity
from domain.pipeline.stages import OpportunityStatus, Stage
from domain.service.services import (
    SlaTargetDraft,
    WorkingHoursDraft,
    create_business_calendar,
    create_case,
    create_sla_policy,
    record_case_response,
    set_case_status,
)
from domain.service.sla_rules import CaseStatus, Priority
from domain.users.models import User
from tests.billing.conftest import Billing
from tests.factories import gid

D = Decimal


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def deal(
    account: Account,
    owner: User,
    amount: str,
    status: OpportunityStatus,
    *,
    created: str = "2026-01-01T00:00",
    closed: str | None = None,
    probability: int = 100,
    close_date: date | None = None,
) -> None:
    stage = {
        OpportunityStatus.WON: Stage.CLOSED_WON,
        OpportunityStatus.LOST: Stage.CLOSED_LOST,
        OpportunityStatus.OPEN: Stage.PROPOSAL,
    }[status]
    row = await Opportunity.create(
        name=f"{owner.name} {amount}",
        account_id=account.id,
        currency="USD",
        amount=D(amount),
        status=status,
        stage=stage,
        probability=probability,
        owner_id=owner.id,
        closed_at=None if closed is None else at(closed),
        expected_close_date=close_date,
    )
    await Opportunity.filter(id=row.id).update(created_at=at(created))


SALES = """
query($from: Date!, $to: Date!, $groupBy: SalesInsightsGroupBy!) {
  salesInsights(from: $from, to: $to, groupBy: $groupBy) {
    key owner { name } from to wonCount lostCount wonAmount { amount currency } winRate
    averageDealSize { amount } averageSalesCycleDays nextPeriodWeightedPipeline { amount }
    pipelineCoverage
  }
}"""


async def test_sales_insights_by_owner_and_by_month(
    gql: Any, count_queries: Any, database: str
) -> None:
    account = await Account.create(name="Buyer", currency="USD")
    alice = await User.create(name="Alice", email="alice@example.com", role="SALES")
    bob = await User.create(name="Bob", email="bob@example.com", role="SALES")
    won, lost, open_ = OpportunityStatus.WON, OpportunityStatus.LOST, OpportunityStatus.OPEN
    # January 2026; the next period is 02-01 … 03-03 (31 days).
    await deal(account, alice, "1000.00", won, closed="2026-01-11T00:00")  # 10.0 days
    await deal(account, alice, "500.00", lost, closed="2026-01-20T00:00")
    await deal(account, alice, "2000.00", open_, probability=50, close_date=date(2026, 2, 10))
    await deal(account, alice, "700.00", won, closed="2026-02-01T00:00")  # February: not counted
    await deal(
        account, bob, "300.00", won, created="2026-01-30T00:00", closed="2026-01-31T12:00"
    )  # 1.5 days
    await gql("{ __typename }")  # the token is made on first use: keep it out of the count
    variables = {"from": "2026-01-01", "to": "2026-01-31", "groupBy": "OWNER"}
    with count_queries() as counter:
        by_owner = await gql(SALES, variables)
    # The token, the closed deals, the open deals, the owners: whatever the number of deals.
    assert counter.count == 4
    january = {"from": "2026-01-01", "to": "2026-01-31"}
    assert by_owner["data"]["salesInsights"] == [
        {
            # won 1, lost 1: 1 / 2; 1000.00 / 1; 2000.00 × 50 % = 1000.00 next; 1000 / 1000.
            "key": gid("User", alice.id),
            "owner": {"name": "Alice"},
            **january,
            "wonCount": 1,
            "lostCount": 1,
            "wonAmount": {"amount": "1000.00", "currency": "USD"},
            "winRate": "0.5000",
            "averageDealSize": {"amount": "1000.00"},
            "averageSalesCycleDays": "10.0",
            "nextPeriodWeightedPipeline": {"amount": "1000.00"},
            "pipelineCoverage": "1.00",
        },
        {
            "key": gid("User", bob.id),
            "owner": {"name": "Bob"},
            **january,
            "wonCount": 1,
            "lostCount": 0,
            "wonAmount": {"amount": "300.00", "currency": "USD"},
            "winRate": "1.0000",
            "averageDealSize": {"amount": "300.00"},
            "averageSalesCycleDays": "1.5",
            "nextPeriodWeightedPipeline": {"amount": "0.00"},
            "pipelineCoverage": "0.00",
        },
    ]
    by_month = await gql(SALES, {**variables, "groupBy": "MONTH"})
    assert by_month["data"]["salesInsights"] == [
        {
            # won 2 (1300.00), lost 1: 2 / 3 = 0.6667; 1300 / 2 = 650.00; (10.0 + 1.5) / 2 =
            # 5.75 → 5.8; 1000.00 / 1300.00 = 0.769 → 0.77.
            "key": "2026-01",
            "owner": None,
            **january,
            "wonCount": 2,
            "lostCount": 1,
            "wonAmount": {"amount": "1300.00", "currency": "USD"},
            "winRate": "0.6667",
            "averageDealSize": {"amount": "650.00"},
            "averageSalesCycleDays": "5.8",
            "nextPeriodWeightedPipeline": {"amount": "1000.00"},
            "pipelineCoverage": "0.77",
        }
    ]


async def test_sales_insights_sum_in_the_base_currency(gql: Any, database: str) -> None:
    await set_exchange_rate("EUR", date(2026, 1, 1), D("1.1"))
    account = await Account.create(name="Käufer", currency="EUR")
    bob = await User.create(name="Bob", email="bob@example.com", role="SALES")
    await deal(account, bob, "100.00", OpportunityStatus.WON, closed="2026-01-11T00:00")
    await Opportunity.filter(account_id=account.id).update(currency="EUR")
    result = await gql(SALES, {"from": "2026-01-01", "to": "2026-01-31", "groupBy": "MONTH"})
    [bucket] = result["data"]["salesInsights"]
    # 100.00 EUR × 1.1 (the rate of 01-31: the one dated 01-01) = 110.00 USD.
    assert bucket["wonAmount"] == {"amount": "110.00", "currency": "USD"}
    await Opportunity.filter(account_id=account.id).update(currency="GBP")
    missing = await gql(SALES, {"from": "2026-01-01", "to": "2026-01-31", "groupBy": "MONTH"})
    assert missing["errors"][0]["extensions"]["code"] == "NO_EXCHANGE_RATE"


async def test_finance_insights_as_of_the_end_of_june(gql: Any, billing: Billing) -> None:
    customer = await billing.customer("Payer", terms=30)
    service = await billing.product("1.00")  # a service: invoiced on order, no stock

    async def invoiced(amount: str, issued: date, buyer: Account = customer) -> int:
        # `amount` units at 1.00 in the buyer's currency (a EUR buyer would otherwise pay the
        # USD list price converted at the day's rate).
        order = await billing.order(
            buyer, [(service, amount, "0", "1.00")], policy=InvoicePolicy.ON_ORDER
        )
        invoice = await invoice_order(order.id, issued)
        assert invoice is not None
        return invoice.id

    first = await invoiced("1000", date(2026, 5, 1))  # due 05-31
    second = await invoiced("500", date(2026, 6, 10))  # due 07-10
    third = await invoiced("300", date(2026, 4, 15))  # due 05-15
    await record_payment(
        customer.id, D("1000"), date(2026, 5, 21), None, [AllocationDraft(first, D("1000"))]
    )
    await record_payment(
        customer.id, D("100"), date(2026, 6, 1), None, [AllocationDraft(third, D("100"))]
    )
    # After asOf: as of 06-30 the second invoice still had all 500.00 due.
    await record_payment(
        customer.id, D("200"), date(2026, 7, 5), None, [AllocationDraft(second, D("200"))]
    )
    # A EUR customer's 100.00 invoice booked at 1.1: 110.00 in the base currency.
    await set_exchange_rate("EUR", date(2026, 6, 1), D("1.1"))
    europe = await create_account({"name": "Kunde", "currency": "EUR"})
    await invoiced("100", date(2026, 6, 20), europe)  # due 07-20
    query = """query($asOf: Date) { financeInsights(asOf: $asOf) {
      asOf receivables { amount } invoicedLast90Days { amount } dso
      overdueReceivables { amount } averageDaysToPay paidInvoices } }"""
    result = await gql(query, {"asOf": "2026-06-30"}, role="FINANCE")
    assert result["data"]["financeInsights"] == {
        "asOf": "2026-06-30",
        "receivables": {"amount": "810.00"},  # 500.00 + (300.00 − 100.00) + 110.00
        # The 90 days 04-02 … 06-30: 1000 + 500 + 300 + 110.
        "invoicedLast90Days": {"amount": "1910.00"},
        "dso": "38.2",  # 810 / 1910 × 90 = 38.17
        "overdueReceivables": {"amount": "200.00"},  # the third, due 05-15
        "averageDaysToPay": "20.0",  # the first: 05-01 → 05-21
        "paidInvoices": 1,
    }
    for role in ("SALES", "READONLY", "OPERATIONS"):
        refused = await gql(query, {"asOf": "2026-06-30"}, role=role)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN", role


async def test_operations_insights_of_today(gql: Any, billing: Billing) -> None:
    day = today()
    customer = await billing.customer("Receiver")
    # 10 on hand at a standard cost of 4.00: 1300 + 40.00 today.
    widget = await billing.product("10.00", stocked=True, cost="4.00", on_hand="10")

    async def ordered(quantity: str) -> Any:
        order = await create_sales_order(
            customer.id, [OrderLineDraft(widget.id, D(quantity))], requested_date=day
        )
        return await confirm_sales_order(order.id)

    complete = await ordered("4")  # reserves 4
    await ordered("10")  # reserves the 6 left: 4 wait for stock
    await billing.ship(complete)  # 4 shipped today: COGS 16.00, 1300 − 16.00
    query = """query($from: Date!, $to: Date!) { operationsInsights(from: $from, to: $to) {
      orderLines onTimeInFullLines onTimeInFullRate backorderLines costOfGoodsSold { amount }
      openingInventory { amount } closingInventory { amount } averageInventory { amount }
      inventoryTurns } }"""
    result = await gql(query, {"from": str(day), "to": str(day)}, role="OPERATIONS")
    assert result["data"]["operationsInsights"] == {
        "orderLines": 2,
        "onTimeInFullLines": 1,  # 4 of 4 shipped on the requested day
        "onTimeInFullRate": "0.5000",
        "backorderLines": 1,  # 0 shipped + 6 reserved < 10
        "costOfGoodsSold": {"amount": "16.00"},  # 4 × 4.00
        "openingInventory": {"amount": "0.00"},
        "closingInventory": {"amount": "24.00"},  # 40.00 − 16.00
        "averageInventory": {"amount": "12.00"},
        "inventoryTurns": "1.33",  # 16 / 12
    }
    refused = await gql(query, {"from": str(day), "to": str(day)}, role="SALES")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_service_insights_of_a_week(gql: Any, database: str) -> None:
    calendar = await create_business_calendar(
        name="Weekdays",
        timezone="UTC",
        hours=[WorkingHoursDraft(day, "09:00", "17:00") for day in range(1, 6)],
    )
    await create_sla_policy(
        name="Standard",
        calendar_id=calendar.id,
        targets=[SlaTargetDraft(Priority.NORMAL, 60, 480)],
        is_default=True,
    )
    account = await Account.create(name="Caller", currency="USD")

    async def opened(moment: str) -> int:
        case = await create_case(account_id=account.id, subject="Help", opened_at=at(moment))
        return case.id

    # 1: Mon 09:00, first response due 10:00, resolution due 17:00: answered 09:30 (30
    # business minutes), resolved 15:00 — both met.
    one = await opened("2026-03-02T09:00")
    await record_case_response(one, at("2026-03-02T09:30"))
    await set_case_status(one, CaseStatus.RESOLVED, at("2026-03-02T15:00"))
    # 2: Mon 16:30, due Tue 09:30 and Tue 16:30: answered Tue 09:45 (30 + 45 = 75
    # minutes), resolved Wed 10:00 — both missed.
    two = await opened("2026-03-02T16:30")
    await record_case_response(two, at("2026-03-03T09:45"))
    await set_case_status(two, CaseStatus.RESOLVED, at("2026-03-04T10:00"))
    # 3: Wed 10:00, never answered nor resolved, both long past due — both missed.
    await opened("2026-03-04T10:00")
    # 4: the next Monday: outside the week.
    await opened("2026-03-09T10:00")
    query = """query($from: Date!, $to: Date!) { serviceInsights(from: $from, to: $to) {
      cases firstResponsesDue firstResponsesMet firstResponseMetRate resolutionsDue
      resolutionsMet resolutionMetRate averageFirstResponseBusinessMinutes } }"""
    result = await gql(query, {"from": "2026-03-02", "to": "2026-03-06"}, role="SERVICE")
    assert result["data"]["serviceInsights"] == {
        "cases": 3,
        "firstResponsesDue": 3,
        "firstResponsesMet": 1,
        "firstResponseMetRate": "0.3333",
        "resolutionsDue": 3,
        "resolutionsMet": 1,
        "resolutionMetRate": "0.3333",
        "averageFirstResponseBusinessMinutes": "52.5",  # (30 + 75) / 2
    }


@pytest.mark.parametrize("field", ["salesInsights", "operationsInsights", "serviceInsights"])
async def test_from_after_to_is_invalid(gql: Any, database: str, field: str) -> None:
    result = await gql(f'{{ {field}(from: "2026-02-01", to: "2026-01-31") {{ __typename }} }}')
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "INVALID"
    assert result["errors"][0]["message"] == "`from` must not be after `to`."
