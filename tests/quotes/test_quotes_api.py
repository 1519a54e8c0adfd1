"""Quotes through GraphQL (§9): the mutations and their payloads (warnings, the order made on
accept, refusals as UserErrors), Opportunity.quotes and quotes as connections, the margin's
roles, lines' availability in a bounded number of statements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from api.relay import encode_id
from domain.global_ids import parse_global_id
from domain.pipeline.models import Stage
from domain.pipeline.services import move_opportunity_stage
from domain.quotes.models import Quote, QuoteLine, QuotePriceSource, QuoteStatus
from domain.quotes.services import create_quote, send_quote
from tests.quotes.conftest import Clock, Deal

D = Decimal
ERRORS = "errors { field code message }"

QUOTE_CREATE = f"""
mutation ($input: QuoteCreateInput!) {{ quoteCreate(input: $input) {{
  quote {{ id number version status validUntil requestedDate
          subtotal {{ amount }} taxTotal {{ amount }} total {{ amount currency }}
          lines {{ product {{ sku }} quantity unitPrice {{ amount }} discountPercent taxRate
                   netAmount {{ amount }} taxAmount {{ amount }} priceSource }} }}
  {ERRORS} }} }}
"""
QUOTE_SEND = f"""
mutation ($id: ID!) {{ quoteSend(input: {{id: $id}}) {{
  quote {{ status sentAt opportunity {{ stage probability }} }}
  warnings {{ field code message }} {ERRORS} }} }}
"""
QUOTE_ACCEPT = f"""
mutation ($id: ID!, $ref: String) {{ quoteAccept(input: {{id: $id, customerReference: $ref}}) {{
  quote {{ status customerReference acceptedAt salesOrder {{ id }} }}
  salesOrder {{ id number status requestedDate customerReference quote {{ number }}
               total {{ amount }} lines {{ product {{ sku }} quantity unitPrice {{ amount }} }} }}
  {ERRORS} }} }}
"""


def gid(type_name: str, pk: int) -> str:
    return encode_id(type_name, pk)


async def test_create_send_accept_through_graphql(gql: Any, deal_factory: Any) -> None:
    deal: Deal = await deal_factory(credit_limit="1000")
    answer = await gql(
        QUOTE_CREATE,
        {
            "input": {
                "opportunityId": gid("Opportunity", deal.opportunity.id),
                "requestedDate": "2026-03-06",
                "lines": [
                    {"productId": gid("Product", deal.bike.id), "quantity": "1"},
                    {
                        "productId": gid("Product", deal.helmet.id),
                        "quantity": "2",
                        "unitPrice": "45.5",
                        "discountPercent": "10",
                    },
                ],
            }
        },
    )
    created = answer["data"]["quoteCreate"]
    assert created["errors"] == []
    quote = created["quote"]
    assert (quote["number"], quote["version"], quote["status"]) == ("QT-2026-000001", 1, "DRAFT")
    assert (quote["validUntil"], quote["requestedDate"]) == ("2026-04-01", "2026-03-06")
    # 1 × 1 250.00 = 1 250.00 (tax 100.00); 2 × 45.50 × 0.9 = 81.90 (tax 6.55)
    assert quote["lines"] == [
        {"product": {"sku": "BIKE"}, "quantity": "1", "unitPrice": {"amount": "1250.00"},
         "discountPercent": "0", "taxRate": "8", "netAmount": {"amount": "1250.00"},
         "taxAmount": {"amount": "100.00"}, "priceSource": "LIST_PRICE"},
        {"product": {"sku": "HELMET"}, "quantity": "2", "unitPrice": {"amount": "45.50"},
         "discountPercent": "10", "taxRate": "8", "netAmount": {"amount": "81.90"},
         "taxAmount": {"amount": "6.55"}, "priceSource": "MANUAL"},
    ]  # fmt: skip
    assert (quote["subtotal"], quote["taxTotal"], quote["total"]) == (
        {"amount": "1331.90"},
        {"amount": "106.55"},
        {"amount": "1438.45", "currency": "USD"},
    )

    sent = (await gql(QUOTE_SEND, {"id": quote["id"]}))["data"]["quoteSend"]
    assert sent["errors"] == []
    assert (sent["quote"]["status"], sent["quote"]["opportunity"]) == (
        "SENT",
        {"stage": "PROPOSAL", "probability": 50},
    )
    # No bike in stock and a lead time of 10 days: promised for 2026-03-12, not the 6th.
    assert [(w["code"], w["field"]) for w in sent["warnings"]] == [
        ("CREDIT_LIMIT_EXCEEDED", None),
        ("INSUFFICIENT_STOCK", ["lines", "0", "quantity"]),
    ]

    accepted = (await gql(QUOTE_ACCEPT, {"id": quote["id"], "ref": "PO-77"}))["data"]
    payload = accepted["quoteAccept"]
    assert payload["errors"] == []
    order = payload["salesOrder"]
    assert (payload["quote"]["status"], payload["quote"]["salesOrder"]) == (
        "ACCEPTED",
        {"id": order["id"]},
    )
    assert (order["status"], order["requestedDate"], order["customerReference"]) == (
        "DRAFT",
        "2026-03-06",
        "PO-77",
    )
    assert (order["quote"], order["total"]) == ({"number": "QT-2026-000001"}, {"amount": "1438.45"})
    assert order["lines"] == [
        {"product": {"sku": "BIKE"}, "quantity": "1", "unitPrice": {"amount": "1250.00"}},
        {"product": {"sku": "HELMET"}, "quantity": "2", "unitPrice": {"amount": "45.50"}},
    ]
    again = (await gql(QUOTE_ACCEPT, {"id": quote["id"], "ref": "PO-78"}))["data"]["quoteAccept"]
    assert (again["salesOrder"]["id"], again["quote"]["customerReference"]) == (
        order["id"],
        "PO-77",
    )


async def test_refusals_are_user_errors(gql: Any, deal_factory: Any, clock: Clock) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 3)})
    quote_id = gid("Quote", quote.id)

    early = (await gql(QUOTE_ACCEPT, {"id": quote_id}))["data"]["quoteAccept"]
    await send_quote(quote.id)
    clock.advance(2)
    late = (await gql(QUOTE_ACCEPT, {"id": quote_id}))["data"]["quoteAccept"]
    unknown = (await gql(QUOTE_ACCEPT, {"id": gid("Quote", 999)}))["data"]["quoteAccept"]

    assert (early["quote"], [(e["code"], e["field"]) for e in early["errors"]]) == (
        None,
        [("INVALID_TRANSITION", ["id"])],
    )
    assert [(e["code"], e["message"]) for e in late["errors"]] == [
        ("EXPIRED", "Quote QT-2026-000001 was valid until 2026-03-03.")
    ]
    assert [e["code"] for e in unknown["errors"]] == ["NOT_FOUND"]
    assert (await Quote.get(id=quote.id)).status == QuoteStatus.SENT


async def test_update_revise_and_reject(gql: Any, deal_factory: Any) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})
    quote_id = gid("Quote", quote.id)

    updated = await gql(
        f"""mutation ($id: ID!) {{ quoteUpdate(input: {{id: $id, validUntil: "2026-03-10",
              lines: [{{productId: "{gid("Product", deal.helmet.id)}", quantity: "3"}}]}}) {{
            quote {{ validUntil total {{ amount }} lines {{ priceSource }} }} {ERRORS} }} }}""",
        {"id": quote_id},
    )
    await send_quote(quote.id)
    revised = await gql(
        f"""mutation ($id: ID!) {{ quoteRevise(input: {{id: $id}}) {{
            quote {{ id version status total {{ amount }} }} {ERRORS} }} }}""",
        {"id": quote_id},
    )
    new_id = revised["data"]["quoteRevise"]["quote"]["id"]
    await send_quote(parse_global_id(new_id)[1])
    rejected = await gql(
        f"""mutation ($id: ID!) {{ quoteReject(input: {{id: $id, reason: "Budget frozen"}}) {{
            quote {{ status rejectReason rejectedAt opportunity {{ status }} }} {ERRORS} }} }}""",
        {"id": new_id},
    )

    # 3 × 49.90 = 149.70 + 8 % tax 11.98
    assert updated["data"]["quoteUpdate"] == {
        "quote": {
            "validUntil": "2026-03-10",
            "total": {"amount": "161.68"},
            "lines": [{"priceSource": "LIST_PRICE"}],
        },
        "errors": [],
    }
    assert revised["data"]["quoteRevise"]["quote"] | {"id": None} == {
        "id": None,
        "version": 2,
        "status": "DRAFT",
        "total": {"amount": "161.68"},
    }
    reject = rejected["data"]["quoteReject"]["quote"]
    assert (reject["status"], reject["rejectReason"], reject["opportunity"]) == (
        "REJECTED",
        "Budget frozen",
        {"status": "OPEN"},
    )
    assert (await Quote.get(id=quote.id)).status == QuoteStatus.SUPERSEDED


OPPORTUNITY_QUOTES = """
query ($id: ID!, $first: Int, $last: Int, $after: String, $filter: QuoteFilter,
       $orderBy: QuoteOrder) {
  opportunity(id: $id) { quotes(first: $first, last: $last, after: $after, filter: $filter,
                                orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { number version status } } } } }
"""


async def test_opportunity_quotes_is_a_connection_newest_version_first(
    gql: Any, deal_factory: Any
) -> None:
    deal: Deal = await deal_factory()
    other: Deal = await deal_factory()
    for _ in range(3):
        await create_quote(deal.opportunity.id, {})
    await create_quote(other.opportunity.id, {})
    await send_quote((await Quote.get(version=2, opportunity_id=deal.opportunity.id)).id)
    deal_id = gid("Opportunity", deal.opportunity.id)

    async def page(**variables: Any) -> dict[str, Any]:
        answer = await gql(OPPORTUNITY_QUOTES, {"id": deal_id, **variables})
        assert "errors" not in answer, answer
        return answer["data"]["opportunity"]["quotes"]  # type: ignore[no-any-return]

    first = await page(first=2)
    rest = await page(first=2, after=first["pageInfo"]["endCursor"])
    sent = await page(filter={"status": "SENT"})
    by_number = await page(orderBy={"field": "NUMBER", "direction": "ASC"})

    assert [e["node"]["version"] for e in first["edges"]] == [3, 2]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (3, True)
    assert [e["node"]["version"] for e in rest["edges"]] == [1]
    assert [e["node"]["status"] for e in sent["edges"]] == ["SENT"]
    assert [e["node"]["number"] for e in by_number["edges"]] == [
        "QT-2026-000001",
        "QT-2026-000002",
        "QT-2026-000003",
    ]
    both = await gql(OPPORTUNITY_QUOTES, {"id": deal_id, "first": 1, "last": 1})
    assert both["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    foreign = await gql(OPPORTUNITY_QUOTES, {"id": deal_id, "filter": {"accountId": deal_id}})
    assert foreign["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_quotes_list_filters_by_deal_account_and_status(
    gql: Any, deal_factory: Any
) -> None:
    deal: Deal = await deal_factory()
    other: Deal = await deal_factory()
    mine = await create_quote(deal.opportunity.id, {})
    await create_quote(other.opportunity.id, {})
    await send_quote(mine.id)
    query = """query ($filter: QuoteFilter) { quotes(filter: $filter) {
        totalCount edges { node { number account { id } } } } }"""

    everything = (await gql(query))["data"]["quotes"]
    by_account = await gql(query, {"filter": {"accountId": gid("Account", deal.account.id)}})
    by_deal = await gql(
        query, {"filter": {"opportunityId": gid("Opportunity", other.opportunity.id)}}
    )
    by_status = await gql(query, {"filter": {"status": "SENT"}})

    assert [e["node"]["number"] for e in everything["edges"]] == [
        "QT-2026-000002",
        "QT-2026-000001",
    ]
    assert [e["node"]["number"] for e in by_account["data"]["quotes"]["edges"]] == [
        "QT-2026-000001"
    ]
    assert [e["node"]["number"] for e in by_deal["data"]["quotes"]["edges"]] == ["QT-2026-000002"]
    assert by_status["data"]["quotes"]["totalCount"] == 1


MARGIN = """query ($id: ID!) { quote(id: $id) {
  margin { revenue { amount } cost { amount } margin { amount } percent } } }"""


@pytest.mark.parametrize("role", ["ADMIN", "FINANCE", "OPERATIONS"])
async def test_the_margin_is_computed_for_cost_readers(
    gql: Any, deal_factory: Any, role: str
) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})

    answer = await gql(MARGIN, {"id": gid("Quote", quote.id)}, role=role)

    # revenue 2 160.00 + 249.50 = 2 409.50; cost 2 × 700.00 + 5 × 18.25 = 1 491.25;
    # 918.25 / 2 409.50 = 38.109… %
    assert "errors" not in answer
    assert answer["data"] == {
        "quote": {
            "margin": {
                "revenue": {"amount": "2409.50"},
                "cost": {"amount": "1491.25"},
                "margin": {"amount": "918.25"},
                "percent": "38.11",
            }
        }
    }


@pytest.mark.parametrize("role", ["SALES", "READONLY", "SERVICE", "INTEGRATION"])
async def test_other_roles_are_refused_the_margin(gql: Any, deal_factory: Any, role: str) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {})

    answer = await gql(MARGIN, {"id": gid("Quote", quote.id)}, role=role)

    assert answer["data"] == {"quote": {"margin": None}}
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["FORBIDDEN"]


LINES_WITH_AVAILABILITY = """query ($id: ID!) { quote(id: $id) { lines {
  quantity product { sku } availability { status availableQuantity promiseDate } } } }"""


async def _quote_of(deal: Deal, count: int) -> Quote:
    return await create_quote(
        deal.opportunity.id,
        {
            "lines": [
                {"product_id": (deal.bike if i % 2 else deal.helmet).id, "quantity": D(i + 1)}
                for i in range(count)
            ]
        },
    )


async def test_a_page_of_100_lines_costs_what_a_page_of_2_costs(
    gql: Any, deal_factory: Any, count_queries: Any
) -> None:
    deal: Deal = await deal_factory()
    small, large = await _quote_of(deal, 2), await _quote_of(deal, 100)
    await gql("{ __typename }")  # the token exists before counting

    with count_queries() as few:
        answer = await gql(LINES_WITH_AVAILABILITY, {"id": gid("Quote", small.id)})
    with count_queries() as many:
        await gql(LINES_WITH_AVAILABILITY, {"id": gid("Quote", large.id)})

    assert answer["data"]["quote"]["lines"] == [
        {"quantity": "1", "product": {"sku": "HELMET"},
         "availability": {"status": "AVAILABLE", "availableQuantity": "0",
                          "promiseDate": "2026-03-02"}},
        {"quantity": "2", "product": {"sku": "BIKE"},
         "availability": {"status": "LATE", "availableQuantity": "0",
                          "promiseDate": "2026-03-12"}},
    ]  # fmt: skip
    assert many.count == few.count


async def test_a_line_read_by_node_id_keeps_its_quotes_currency_and_date(
    gql: Any, deal_factory: Any
) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {"requested_date": date(2026, 3, 30)})
    line = await QuoteLine.filter(quote_id=quote.id, position=0).get()

    answer = await gql(
        """query ($id: ID!) { node(id: $id) { ... on QuoteLine {
            unitPrice { amount currency } priceSource availability { status promiseDate } } } }""",
        {"id": gid("QuoteLine", line.id)},
    )

    assert answer["data"]["node"] == {
        "unitPrice": {"amount": "1200.00", "currency": "USD"},
        "priceSource": QuotePriceSource.OPPORTUNITY_LINE.value,
        "availability": {"status": "AVAILABLE", "promiseDate": "2026-03-30"},
    }


async def test_the_expiry_run_starts_as_a_job_run_for_sales(gql: Any, database: str) -> None:
    document = f"""mutation {{ quoteExpiryRunStart(input: {{asOf: "2026-03-10"}}) {{
        jobRun {{ kind status params }} {ERRORS} }} }}"""

    started = await gql(document, role="SALES")
    refused = await gql(document, role="OPERATIONS")

    assert started["data"]["quoteExpiryRunStart"] == {
        "jobRun": {"kind": "QUOTE_EXPIRY", "status": "QUEUED", "params": {"asOf": "2026-03-10"}},
        "errors": [],
    }
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_sending_moves_a_late_stage_deal_nowhere(gql: Any, deal_factory: Any) -> None:
    deal: Deal = await deal_factory()
    await move_opportunity_stage(deal.opportunity.id, Stage.NEGOTIATION)
    quote = await create_quote(deal.opportunity.id, {})

    sent = (await gql(QUOTE_SEND, {"id": gid("Quote", quote.id)}))["data"]["quoteSend"]

    assert sent["quote"]["opportunity"] == {"stage": "NEGOTIATION", "probability": 80}
