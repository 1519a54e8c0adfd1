"""Opportunities through GraphQL: create, update, move, lose, lists, refusals, query counts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.activities.services import create_activity
from domain.catalog.models import Product
from domain.currencies.services import set_exchange_rate
from domain.outbox.models import Event
from domain.pipeline.handover import win_opportunity
from domain.pipeline.models import Opportunity, OpportunityLine, OpportunityStatus, Stage
from domain.pipeline.services import lose_opportunity
from tests.factories import gid
from tests.pipeline.conftest import owner_user

D = Decimal
GraphQL = Callable[..., Awaitable[dict[str, Any]]]

OPPORTUNITY_FIELDS = """
  name stage probability status expectedCloseDate owner { email } lostReason
  amount { amount currency } weightedAmount { amount }
  lines { product { sku } quantity unitPrice { amount } discountPercent netAmount { amount } }
"""
CREATE = f"""
mutation Create($input: OpportunityCreateInput!) {{
  opportunityCreate(input: $input) {{
    opportunity {{ id {OPPORTUNITY_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""
UPDATE = f"""
mutation Update($input: OpportunityUpdateInput!) {{
  opportunityUpdate(input: $input) {{
    opportunity {{ {OPPORTUNITY_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""
MOVE = """
mutation Move($input: OpportunityMoveStageInput!) {
  opportunityMoveStage(input: $input) {
    opportunity { stage probability weightedAmount { amount } }
    errors { field code message }
  }
}
"""
LOSE = """
mutation Lose($input: OpportunityMarkLostInput!) {
  opportunityMarkLost(input: $input) {
    opportunity { status stage probability lostReason }
    errors { field code message }
  }
}
"""


@pytest.fixture
async def account(database: str) -> Account:
    return await Account.create(name="Umbrella", currency="USD")


@pytest.fixture
async def widget(database: str) -> Product:
    return await Product.create(sku="WIDGET", name="Widget", list_price=D("19.99"))


async def snapshot() -> tuple[Any, ...]:
    """What a refused mutation must leave untouched: rows and the outbox."""
    return (
        await Opportunity.all().count(),
        await OpportunityLine.all().count(),
        await Event.all().count(),
        await Opportunity.all().order_by("id").values_list("stage", "probability", "status"),
    )


async def test_create_an_opportunity_with_lines_derives_its_amount(
    gql: GraphQL, account: Account, widget: Product
) -> None:
    body = await gql(
        CREATE,
        {
            "input": {
                "accountId": gid("Account", account.id),
                "name": "Umbrella renewal",
                "expectedCloseDate": "2026-05-31",
                "ownerId": gid("User", (await owner_user("alice")).id),
                "stage": "PROPOSAL",
                "lines": [
                    # 3 × 19.99 less 10 % = 53.973 → 53.97
                    {
                        "productId": gid("Product", widget.id),
                        "quantity": "3",
                        "discountPercent": "10",
                    },
                    # 0.5 × 7.333 = 3.6665 → 3.67
                    {
                        "productId": gid("Product", widget.id),
                        "quantity": "0.5",
                        "unitPrice": "7.333",
                    },
                ],
            }
        },
        role="SALES",
    )

    result = body["data"]["opportunityCreate"]
    assert result["errors"] == []
    opportunity = result["opportunity"]
    del opportunity["id"]
    assert opportunity == {
        "name": "Umbrella renewal",
        "stage": "PROPOSAL",
        "probability": 50,
        "status": "OPEN",
        "expectedCloseDate": "2026-05-31",
        "owner": {"email": "alice@example.com"},
        "lostReason": None,
        "amount": {"amount": "57.64", "currency": "USD"},
        "weightedAmount": {"amount": "28.82"},
        "lines": [
            {
                "product": {"sku": "WIDGET"},
                "quantity": "3",
                "unitPrice": {"amount": "19.99"},
                "discountPercent": "10",
                "netAmount": {"amount": "53.97"},
            },
            {
                "product": {"sku": "WIDGET"},
                "quantity": "0.5",
                "unitPrice": {"amount": "7.333"},
                "discountPercent": "0",
                "netAmount": {"amount": "3.67"},
            },
        ],
    }
    event = await Event.get(type="opportunity.created")
    assert (event.payload["amount"]["amount"], event.payload["stage"]) == ("57.64", "PROPOSAL")


async def test_update_replaces_lines_and_refuses_a_conflicting_amount(
    gql: GraphQL, account: Account, widget: Product, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="100.00")
    deal_id = gid("Opportunity", deal.id)

    body = await gql(
        UPDATE,
        {
            "input": {
                "id": deal_id,
                "name": "Bigger",
                "lines": [{"productId": gid("Product", widget.id), "quantity": "2"}],
            }
        },
    )
    assert body["data"]["opportunityUpdate"]["opportunity"]["amount"]["amount"] == "39.98"

    before = await snapshot()
    refused = await gql(UPDATE, {"input": {"id": deal_id, "amount": "500.00"}})
    assert refused["data"]["opportunityUpdate"]["errors"][0]["field"] == ["amount"]
    assert refused["data"]["opportunityUpdate"]["errors"][0]["code"] == "INVALID"
    assert await snapshot() == before

    cleared = await gql(UPDATE, {"input": {"id": deal_id, "lines": [], "amount": "500.00"}})
    assert cleared["data"]["opportunityUpdate"]["opportunity"]["amount"]["amount"] == "500.00"
    assert cleared["data"]["opportunityUpdate"]["opportunity"]["lines"] == []


async def test_moving_a_stage_records_stage_changed(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="1000.05")

    body = await gql(
        MOVE, {"input": {"id": gid("Opportunity", deal.id), "stage": "NEGOTIATION"}}, role="SALES"
    )

    assert body["data"]["opportunityMoveStage"] == {
        "opportunity": {
            "stage": "NEGOTIATION",
            "probability": 80,
            "weightedAmount": {"amount": "800.04"},
        },
        "errors": [],
    }
    event = await Event.get(type="opportunity.stage_changed")
    assert (event.payload["previousStage"], event.payload["stage"]) == (
        "PROSPECTING",
        "NEGOTIATION",
    )


async def test_moving_to_the_same_stage_changes_nothing(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="10.00")
    before = await snapshot()

    body = await gql(MOVE, {"input": {"id": gid("Opportunity", deal.id), "stage": "PROSPECTING"}})

    assert body["data"]["opportunityMoveStage"]["errors"] == []
    assert await snapshot() == before


async def test_marking_lost_records_the_reason(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="10.00")

    body = await gql(LOSE, {"input": {"id": gid("Opportunity", deal.id), "reason": "Too pricey"}})

    assert body["data"]["opportunityMarkLost"] == {
        "opportunity": {
            "status": "LOST",
            "stage": "CLOSED_LOST",
            "probability": 0,
            "lostReason": "Too pricey",
        },
        "errors": [],
    }
    assert (await Event.get(type="opportunity.lost")).payload["lostReason"] == "Too pricey"


# --- refusals: a UserError with its code, and nothing written ---------------------------------


async def test_an_unknown_stage_is_refused_by_the_schema(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="10.00")
    before = await snapshot()

    body = await gql(MOVE, {"input": {"id": gid("Opportunity", deal.id), "stage": "WON_BY_MAGIC"}})

    assert body["data"] is None
    assert "WON_BY_MAGIC" in body["errors"][0]["message"]
    assert await snapshot() == before


async def test_a_probability_of_101_is_invalid(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="10.00")
    before = await snapshot()

    body = await gql(
        MOVE,
        {"input": {"id": gid("Opportunity", deal.id), "stage": "PROPOSAL", "probability": 101}},
    )

    assert body["data"]["opportunityMoveStage"] == {
        "opportunity": None,
        "errors": [
            {
                "field": ["probability"],
                "code": "INVALID",
                "message": "probability must be between 0 and 100.",
            }
        ],
    }
    assert await snapshot() == before


async def test_a_negative_quantity_is_invalid_at_its_line(
    gql: GraphQL, account: Account, widget: Product
) -> None:
    before = await snapshot()

    body = await gql(
        CREATE,
        {
            "input": {
                "accountId": gid("Account", account.id),
                "name": "Bad lines",
                "lines": [{"productId": gid("Product", widget.id), "quantity": "-1"}],
            }
        },
    )

    assert body["data"]["opportunityCreate"] == {
        "opportunity": None,
        "errors": [
            {
                "field": ["lines", "0", "quantity"],
                "code": "INVALID",
                "message": "quantity must be greater than zero.",
            }
        ],
    }
    assert await snapshot() == before


async def test_an_unknown_product_is_not_found_at_its_line(
    gql: GraphQL, account: Account, widget: Product
) -> None:
    body = await gql(
        CREATE,
        {
            "input": {
                "accountId": gid("Account", account.id),
                "name": "Bad product",
                "lines": [
                    {"productId": gid("Product", widget.id), "quantity": "1"},
                    {"productId": gid("Product", widget.id + 99), "quantity": "1"},
                ],
            }
        },
    )

    errors = body["data"]["opportunityCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["lines", "1", "productId"], "NOT_FOUND")]
    assert await Opportunity.all().count() == 0


@pytest.mark.parametrize("close", ["won", "lost"])
async def test_closing_a_closed_opportunity_is_an_invalid_transition(
    gql: GraphQL, account: Account, widget: Product, make_opportunity: Any, close: str
) -> None:
    deal = await make_opportunity(account, lines=[{"product_id": widget.id, "quantity": D(1)}])
    if close == "won":
        await win_opportunity(deal.id)
    else:
        await lose_opportunity(deal.id, "No budget")
    before = await snapshot()
    deal_id = gid("Opportunity", deal.id)

    lost = await gql(LOSE, {"input": {"id": deal_id, "reason": "Again"}})
    moved = await gql(MOVE, {"input": {"id": deal_id, "stage": "PROPOSAL"}})
    updated = await gql(UPDATE, {"input": {"id": deal_id, "name": "Renamed"}})

    for result in (
        lost["data"]["opportunityMarkLost"],
        moved["data"]["opportunityMoveStage"],
        updated["data"]["opportunityUpdate"],
    ):
        assert result["opportunity"] is None
        assert [(e["field"], e["code"]) for e in result["errors"]] == [
            (["id"], "INVALID_TRANSITION")
        ]
    assert await snapshot() == before


async def test_moving_to_a_closed_stage_is_refused(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="10.00")
    before = await snapshot()

    body = await gql(MOVE, {"input": {"id": gid("Opportunity", deal.id), "stage": "CLOSED_WON"}})

    assert body["data"]["opportunityMoveStage"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await snapshot() == before


async def test_readonly_reads_but_may_not_write(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    await make_opportunity(account, "Visible", amount="10.00")

    read = await gql("{ opportunities { edges { node { name } } } }", role="READONLY")
    write = await gql(
        CREATE, {"input": {"accountId": gid("Account", account.id), "name": "X"}}, role="READONLY"
    )

    assert read["data"]["opportunities"]["edges"] == [{"node": {"name": "Visible"}}]
    assert write["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Opportunity.all().count() == 1


# --- lists and account fields -------------------------------------------------------------------

LIST = """
query List($filter: OpportunityFilter, $orderBy: OpportunityOrder) {
  opportunities(filter: $filter, orderBy: $orderBy) { totalCount edges { node { name } } }
}
"""


async def test_opportunities_filter_and_order(
    gql: GraphQL, account: Account, make_account: Any, make_opportunity: Any
) -> None:
    other = await make_account("Other")
    await make_opportunity(
        account, "A", amount="300.00", owner="alice", expected_close_date=date(2026, 1, 10)
    )
    await make_opportunity(
        account,
        "B",
        amount="100.00",
        owner="bob",
        stage=Stage.PROPOSAL,
        expected_close_date=date(2026, 2, 10),
    )
    await make_opportunity(
        account,
        "C",
        amount="200.00",
        owner="alice",
        stage=Stage.PROPOSAL,
        expected_close_date=date(2026, 3, 10),
    )
    lost = await make_opportunity(other, "D", amount="50.00", owner="alice")
    await lose_opportunity(lost.id, "Gone")

    async def names(flt: dict[str, Any], order: dict[str, Any] | None = None) -> list[str]:
        body = await gql(LIST, {"filter": flt, "orderBy": order})
        return [e["node"]["name"] for e in body["data"]["opportunities"]["edges"]]

    assert await names(
        {"accountId": gid("Account", account.id)}, {"field": "AMOUNT", "direction": "DESC"}
    ) == ["A", "C", "B"]
    assert await names({"stage": "PROPOSAL"}) == ["B", "C"]
    assert await names({"status": "LOST"}) == ["D"]
    alice = await owner_user("alice")
    assert await names({"ownerId": gid("User", alice.id), "status": "OPEN"}) == ["A", "C"]
    assert await names({"expectedCloseFrom": "2026-02-01", "expectedCloseTo": "2026-03-10"}) == [
        "B",
        "C",
    ]


async def test_account_shows_its_opportunities_and_open_pipeline(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    await make_opportunity(account, "A", amount="1000.05")
    await make_opportunity(account, "B", amount="0.10")
    lost = await make_opportunity(account, "C", amount="999.00")
    await lose_opportunity(lost.id, "Gone")

    body = await gql(
        """query($id: ID!) { account(id: $id) {
             openPipeline { amount currency }
             opportunities(first: 2) { totalCount pageInfo { hasNextPage }
                                       edges { node { name status } } }
             open: opportunities(filter: {status: OPEN}) { totalCount }
        } }""",
        {"id": gid("Account", account.id)},
    )

    assert body["data"]["account"] == {
        "openPipeline": {"amount": "1000.15", "currency": "USD"},
        "opportunities": {
            "totalCount": 3,
            "pageInfo": {"hasNextPage": True},
            "edges": [
                {"node": {"name": "A", "status": "OPEN"}},
                {"node": {"name": "B", "status": "OPEN"}},
            ],
        },
        "open": {"totalCount": 2},
    }


async def test_forecast_through_graphql(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    await make_opportunity(account, "A", amount="1000.05", expected_close_date=date(2026, 1, 5))

    body = await gql(
        """{ pipelineForecast(from: "2026-01-01", to: "2026-01-31", groupBy: STAGE) {
               key count amount { amount currency } weightedAmount { amount } } }""",
        role="READONLY",
    )

    assert body["data"]["pipelineForecast"] == [
        {
            "key": "PROSPECTING",
            "count": 1,
            "amount": {"amount": "1000.05", "currency": "USD"},
            "weightedAmount": {"amount": "100.01"},
        }
    ]


# --- query counts -------------------------------------------------------------------------------

OPPORTUNITY_PAGE = """
query Page($first: Int!) {
  opportunities(first: $first) {
    edges { node { name account { name } lines { product { sku } } salesOrder { status } } }
  }
}
"""
ACCOUNT_PAGE = """
query Page($first: Int!) {
  accounts(first: $first) {
    edges { node { name openPipeline { amount }
      opportunities { edges { node { name activities { edges { node { subject } } } } } }
      activities { edges { node { subject opportunity { name } } } } } }
  }
}
"""


@pytest.fixture
async def fifty_won_deals(database: str, make_account: Any, make_opportunity: Any) -> None:
    products = [
        await Product.create(sku=f"SKU-{i}", name=f"Product {i}", list_price=D("5.00"))
        for i in range(3)
    ]
    for i in range(50):
        account = await make_account(f"Account {i:02d}")
        deal = await make_opportunity(
            account,
            f"Deal {i:02d}",
            lines=[{"product_id": p.id, "quantity": D(i + 1)} for p in products[: 1 + i % 3]],
        )
        await create_activity({"kind": "CALL", "subject": f"Call {i}", "opportunity_id": deal.id})
        await win_opportunity(deal.id)


async def page_queries(gql: GraphQL, count_queries: Any, query: str, first: int) -> int:
    await gql("{ __typename }")  # the test token is created outside the count
    with count_queries() as counter:
        body = await gql(query, {"first": first})
    assert "errors" not in body, body
    return int(counter.count)


async def test_opportunity_list_queries_do_not_grow_with_rows(
    gql: GraphQL, count_queries: Any, fifty_won_deals: None
) -> None:
    body = await gql(OPPORTUNITY_PAGE, {"first": 50})
    nodes = [e["node"] for e in body["data"]["opportunities"]["edges"]]
    assert len(nodes) == 50
    assert nodes[49]["salesOrder"] == {"status": "DRAFT"}
    assert nodes[49]["account"] == {"name": "Account 49"}
    assert [line["product"]["sku"] for line in nodes[49]["lines"]] == ["SKU-0", "SKU-1"]

    assert await page_queries(gql, count_queries, OPPORTUNITY_PAGE, 50) == await page_queries(
        gql, count_queries, OPPORTUNITY_PAGE, 5
    )


async def test_account_pipeline_fields_do_not_grow_with_rows(
    gql: GraphQL, count_queries: Any, fifty_won_deals: None
) -> None:
    assert await page_queries(gql, count_queries, ACCOUNT_PAGE, 50) == await page_queries(
        gql, count_queries, ACCOUNT_PAGE, 5
    )


async def test_a_sales_order_knows_its_opportunity(
    gql: GraphQL, account: Account, widget: Product, make_opportunity: Any
) -> None:
    deal = await make_opportunity(
        account, "Handover", lines=[{"product_id": widget.id, "quantity": D(1)}]
    )
    won = await win_opportunity(deal.id)
    assert won.status == OpportunityStatus.WON

    body = await gql(
        "query($id: ID!) { node(id: $id) { ... on SalesOrder { opportunity { name status } } } }",
        {"id": gid("SalesOrder", won.sales_order_id)},
    )

    assert body["data"]["node"] == {"opportunity": {"name": "Handover", "status": "WON"}}


ACCOUNT_DEALS = """
query(
  $id: ID!, $filter: OpportunityFilter, $orderBy: OpportunityOrder, $first: Int, $after: String
) {
  account(id: $id) {
    opportunities(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { name } }
    }
  }
}
"""


async def test_account_opportunities_take_filter_order_and_cursors(
    gql: GraphQL, account: Account, make_account: Any, make_opportunity: Any
) -> None:
    other = await make_account("Other")
    await make_opportunity(account, "A", amount="300.00", stage=Stage.PROPOSAL)
    await make_opportunity(account, "B", amount="100.00")
    await make_opportunity(account, "C", amount="200.00", stage=Stage.PROPOSAL)
    await make_opportunity(other, "D", amount="999.00", stage=Stage.PROPOSAL)
    account_id = gid("Account", account.id)

    async def deals(**variables: Any) -> dict[str, Any]:
        body = await gql(ACCOUNT_DEALS, {"id": account_id, **variables})
        assert "errors" not in body, body
        return body["data"]["account"]["opportunities"]  # type: ignore[no-any-return]

    by_amount = {"field": "AMOUNT", "direction": "DESC"}
    first_page = await deals(orderBy=by_amount, first=2)
    assert [e["node"]["name"] for e in first_page["edges"]] == ["A", "C"]
    assert (first_page["totalCount"], first_page["pageInfo"]["hasNextPage"]) == (3, True)
    rest = await deals(orderBy=by_amount, first=2, after=first_page["pageInfo"]["endCursor"])
    assert [e["node"]["name"] for e in rest["edges"]] == ["B"]
    assert rest["pageInfo"]["hasNextPage"] is False

    proposals = await deals(filter={"stage": "PROPOSAL"}, orderBy={"field": "NAME"})
    assert [e["node"]["name"] for e in proposals["edges"]] == ["A", "C"]
    # An accountId in the nested filter must name this account too.
    elsewhere = await deals(filter={"accountId": gid("Account", other.id)})
    assert (elsewhere["totalCount"], elsewhere["edges"]) == (0, [])


async def test_a_list_filter_id_of_another_type_is_a_bad_user_input(
    gql: GraphQL, account: Account
) -> None:
    body = await gql(LIST, {"filter": {"accountId": gid("Contact", account.id)}})

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "accountId" in body["errors"][0]["message"]


async def test_first_and_last_together_are_refused(gql: GraphQL) -> None:
    for query in (
        "{ opportunities(first: 2, last: 2) { totalCount } }",
        "{ leads(first: 2, last: 2) { totalCount } }",
    ):
        body = await gql(query)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", query


async def test_a_line_read_through_node_is_priced_in_its_deals_currency(
    gql: GraphQL, widget: Product, make_opportunity: Any
) -> None:
    # A line must show its deal's currency, not the default. Its list price of 19.99 USD is
    # priced in euros at the day's rate (§12): at 1.25, 19.99 ÷ 1.25 = 15.992 EUR.
    await set_exchange_rate("EUR", date(2000, 1, 1), D("1.25"))
    euro = await Account.create(name="Euro GmbH", currency="EUR")
    deal = await make_opportunity(
        euro, "Euro deal", lines=[{"product_id": widget.id, "quantity": D("1.5")}]
    )
    line = await OpportunityLine.get(opportunity_id=deal.id)

    body = await gql(
        """query($id: ID!) { node(id: $id) { ... on OpportunityLine {
             quantity unitPrice { amount currency } netAmount { amount currency } } } }""",
        {"id": gid("OpportunityLine", line.id)},
    )

    # 1.5 × 15.992 = 23.988 → 23.99
    assert body["data"]["node"] == {
        "quantity": "1.5",
        "unitPrice": {"amount": "15.992", "currency": "EUR"},
        "netAmount": {"amount": "23.99", "currency": "EUR"},
    }
