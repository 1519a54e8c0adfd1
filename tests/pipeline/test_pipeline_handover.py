"""Winning a deal hands it over: WON, CUSTOMER, and one DRAFT sales order at the deal's prices."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from api.relay import encode_id
from domain.accounts.models import Account, Lifecycle
from domain.errors import DomainError, ErrorCode
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from domain.outbox.models import Event
from domain.pipeline.handover import win_opportunity
from domain.pipeline.models import Opportunity, OpportunityStatus, Stage
from domain.pipeline.services import lose_opportunity

D = Decimal


@pytest.fixture
async def deal(
    make_account: Callable[..., Awaitable[Any]],
    make_product: Callable[..., Awaitable[Any]],
    make_opportunity: Callable[..., Awaitable[Any]],
) -> Opportunity:
    account = await make_account("Globex")
    widget = await make_product("WIDGET", "10.00", tax_rate=D("8"))
    gadget = await make_product("GADGET", "99.99")
    return await make_opportunity(  # type: ignore[no-any-return]
        account,
        "Globex rollout",
        stage=Stage.NEGOTIATION,
        lines=[
            # 3 × 9.50 less 10 % = 25.65
            {
                "product_id": widget.id,
                "quantity": D("3"),
                "unit_price": D("9.50"),
                "discount_percent": D("10"),
            },
            # 2 × the list price 99.99 = 199.98
            {"product_id": gadget.id, "quantity": D("2")},
        ],
    )


async def test_deal_amount_is_the_sum_of_its_line_nets(deal: Opportunity) -> None:
    assert deal.amount == D("225.63")


async def test_winning_hands_the_deal_over_as_a_draft_sales_order(deal: Opportunity) -> None:
    first_event = await Event.all().count()

    won = await win_opportunity(deal.id, requested_date=date(2026, 7, 1))

    assert (won.status, won.stage, won.probability) == (
        OpportunityStatus.WON,
        Stage.CLOSED_WON,
        100,
    )
    order = await SalesOrder.get(id=won.sales_order_id)
    assert (order.status, order.account_id, order.requested_date) == (
        OrderStatus.DRAFT,
        deal.account_id,
        date(2026, 7, 1),
    )
    lines = (
        await SalesOrderLine.filter(order_id=order.id)
        .order_by("position")
        .prefetch_related("product")
    )
    assert [
        (line.product.sku, line.quantity, line.unit_price, line.discount_percent, line.net_amount)
        for line in lines
    ] == [
        ("WIDGET", D("3"), D("9.50"), D("10"), D("25.65")),
        ("GADGET", D("2"), D("99.99"), D("0"), D("199.98")),
    ]
    # The order prices taxes with the product's rate: 8 % of 25.65 = 2.05.
    assert (order.subtotal, order.tax_total, order.total) == (D("225.63"), D("2.05"), D("227.68"))
    assert (await Account.get(id=deal.account_id)).lifecycle == Lifecycle.CUSTOMER

    events = await Event.filter(id__gt=first_event).order_by("id")
    assert [e.type for e in events] == ["sales_order.created", "account.updated", "opportunity.won"]
    created, _, won_event = events
    assert created.payload["id"] == encode_id("SalesOrder", order.id)
    assert won_event.payload["id"] == encode_id("Opportunity", deal.id)
    assert won_event.payload["salesOrderId"] == encode_id("SalesOrder", order.id)
    assert won_event.payload["amount"] == {"amount": "225.63", "currency": "USD"}


async def test_winning_again_returns_the_same_order_and_records_nothing(
    deal: Opportunity,
) -> None:
    first = await win_opportunity(deal.id)
    events = await Event.all().count()

    again = await win_opportunity(deal.id)

    assert again.sales_order_id == first.sales_order_id
    assert await SalesOrder.all().count() == 1
    assert await Event.all().count() == events


async def test_a_customer_stays_customer_without_an_account_event(
    deal: Opportunity, make_opportunity: Callable[..., Awaitable[Any]]
) -> None:
    await win_opportunity(deal.id)
    account = await Account.get(id=deal.account_id)
    line = await deal.lines.all().first()
    assert line is not None
    second = await make_opportunity(
        account, "Upsell", lines=[{"product_id": line.product_id, "quantity": D("1")}]
    )
    before = await Event.all().count()

    await win_opportunity(second.id)

    new = await Event.filter(id__gt=before).values_list("type", flat=True)
    assert new == ["sales_order.created", "opportunity.won"]


async def test_concurrent_wins_create_exactly_one_order(
    postgres_only: None, deal: Opportunity
) -> None:
    first, second = await asyncio.gather(win_opportunity(deal.id), win_opportunity(deal.id))

    assert first.sales_order_id == second.sales_order_id is not None
    assert await SalesOrder.all().count() == 1
    assert await Event.filter(type="opportunity.won").count() == 1
    assert await Event.filter(type="sales_order.created").count() == 1


async def test_a_deal_closed_on_an_amount_alone_is_won_with_an_order_without_lines(
    make_account: Callable[..., Awaitable[Any]],
    make_opportunity: Callable[..., Awaitable[Any]],
) -> None:
    deal = await make_opportunity(await make_account("Initech"), "Consulting", amount="1000.00")
    events = await Event.all().count()

    won = await win_opportunity(deal.id, requested_date=date(2026, 8, 3))

    assert (won.status, won.stage, won.probability, won.amount) == (
        OpportunityStatus.WON,
        Stage.CLOSED_WON,
        100,
        D("1000.00"),
    )
    order = await SalesOrder.get(id=won.sales_order_id)
    assert (order.status, order.account_id, order.requested_date) == (
        OrderStatus.DRAFT,
        deal.account_id,
        date(2026, 8, 3),
    )
    assert (order.subtotal, order.tax_total, order.total) == (D("0.00"), D("0.00"), D("0.00"))
    assert await SalesOrderLine.filter(order_id=order.id).count() == 0
    assert (await Account.get(id=deal.account_id)).lifecycle == Lifecycle.CUSTOMER
    new_events = await Event.filter(id__gt=events).order_by("id").values_list("type", flat=True)
    assert new_events == ["sales_order.created", "account.updated", "opportunity.won"]

    again = await win_opportunity(deal.id)

    assert again.sales_order_id == order.id
    assert await SalesOrder.all().count() == 1
    assert await Event.filter(id__gt=events).count() == 3


async def test_a_lost_deal_cannot_be_won(deal: Opportunity) -> None:
    await lose_opportunity(deal.id, "Budget cut")
    events = await Event.all().count()

    with pytest.raises(DomainError) as refused:
        await win_opportunity(deal.id)

    assert refused.value.code == ErrorCode.INVALID_TRANSITION
    assert await SalesOrder.all().count() == 0
    assert await Event.all().count() == events


WIN = """
mutation Win($input: OpportunityMarkWonInput!) {
  opportunityMarkWon(input: $input) {
    opportunity { status stage probability weightedAmount { amount } account { lifecycle }
                  salesOrder { number status opportunity { name } } }
    salesOrder { number status total { amount currency } }
    errors { field code message }
  }
}
"""


async def test_mark_won_through_graphql_returns_the_order(
    deal: Opportunity, gql: Callable[..., Awaitable[dict[str, Any]]]
) -> None:
    variables = {"input": {"id": encode_id("Opportunity", deal.id), "requestedDate": "2026-07-01"}}

    body = await gql(WIN, variables, role="SALES")
    again = await gql(WIN, variables, role="SALES")

    result = body["data"]["opportunityMarkWon"]
    assert result["errors"] == []
    assert result["opportunity"] == {
        "status": "WON",
        "stage": "CLOSED_WON",
        "probability": 100,
        "weightedAmount": {"amount": "225.63"},
        "account": {"lifecycle": "CUSTOMER"},
        "salesOrder": {
            "number": result["salesOrder"]["number"],
            "status": "DRAFT",
            "opportunity": {"name": "Globex rollout"},
        },
    }
    assert result["salesOrder"]["number"].startswith("SO-")
    assert result["salesOrder"]["status"] == "DRAFT"
    assert result["salesOrder"]["total"] == {"amount": "227.68", "currency": "USD"}
    assert again["data"]["opportunityMarkWon"] == result


async def test_readonly_and_finance_may_not_win_deals(
    deal: Opportunity, gql: Callable[..., Awaitable[dict[str, Any]]]
) -> None:
    variables = {"input": {"id": encode_id("Opportunity", deal.id)}}
    for role in ("READONLY", "FINANCE"):
        body = await gql(WIN, variables, role=role)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await SalesOrder.all().count() == 0


async def test_mark_won_through_graphql_without_lines_returns_an_empty_draft_order(
    gql: Callable[..., Awaitable[dict[str, Any]]],
    make_account: Callable[..., Awaitable[Any]],
    make_opportunity: Callable[..., Awaitable[Any]],
) -> None:
    deal = await make_opportunity(await make_account("Initech"), "Consulting", amount="1000.00")
    query = """
    mutation Win($input: OpportunityMarkWonInput!) {
      opportunityMarkWon(input: $input) {
        opportunity { status amount { amount currency } salesOrder { number } }
        salesOrder { number status lines { id } total { amount currency } }
        errors { field code message }
      }
    }
    """
    variables = {"input": {"id": encode_id("Opportunity", deal.id)}}

    body = await gql(query, variables, role="SALES")
    again = await gql(query, variables, role="SALES")

    result = body["data"]["opportunityMarkWon"]
    number = result["salesOrder"]["number"]
    assert result == {
        "opportunity": {
            "status": "WON",
            "amount": {"amount": "1000.00", "currency": "USD"},
            "salesOrder": {"number": number},
        },
        "salesOrder": {
            "number": number,
            "status": "DRAFT",
            "lines": [],
            "total": {"amount": "0.00", "currency": "USD"},
        },
        "errors": [],
    }
    assert number.startswith("SO-")
    assert again["data"]["opportunityMarkWon"] == result
    assert await SalesOrder.all().count() == 1
