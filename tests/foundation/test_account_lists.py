"""The lists on an Account: connections with filter and orderBy, one query per depth (§2, §3)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from api.relay import encode_id
from api.schema import build_schema
from domain.accounts.models import Account, Contact
from domain.activities.models import Activity, ActivityKind
from domain.billing.models import Invoice, InvoiceStatus
from domain.orders.models import OrderStatus, SalesOrder
from domain.pipeline.models import Opportunity
from domain.pipeline.stages import OpportunityStatus
from domain.service.models import Case, CaseStatus

ALL_LISTS = """
query($first: Int!) { accounts(first: $first) { edges { node { name
  contacts { totalCount edges { node { lastName account { name } } } }
  opportunities { totalCount edges { node { name } } }
  salesOrders { totalCount edges { node { number } } }
  invoices { totalCount edges { node { number } } }
  cases { totalCount edges { node { number } } }
  activities { totalCount edges { node { subject } } }
} } } }
"""


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, tzinfo=UTC)


async def account_with_lists(number: int) -> Account:
    """An account with two of each list's rows, the second "closed" in its list's terms."""
    account = await Account.create(name=f"Account {number:02d}", currency="USD")
    await Contact.bulk_create(
        [
            Contact(account=account, first_name="Ada", last_name=f"Zed{number}", email="a@x.io"),
            Contact(account=account, first_name="Bob", last_name=f"Abe{number}", email="b@x.io"),
        ]
    )
    await Opportunity.bulk_create(
        [
            Opportunity(account=account, name=f"Deal {number}a", currency="USD"),
            Opportunity(
                account=account,
                name=f"Deal {number}b",
                currency="USD",
                status=OpportunityStatus.LOST,
            ),
        ]
    )
    orders = [
        SalesOrder(account=account, number=f"SO-{number}-{n}", currency="USD", status=status)
        for n, status in ((1, OrderStatus.DRAFT), (2, OrderStatus.CONFIRMED))
    ]
    await SalesOrder.bulk_create(orders)
    order = await SalesOrder.get(number=f"SO-{number}-2")
    await Invoice.bulk_create(
        [
            Invoice(
                account=account,
                sales_order=order,
                number=f"INV-{number}-{n}",
                status=status,
                issue_date=date(2026, 3, n),
                due_date=date(2026, 4, n),
                currency="USD",
                subtotal=Decimal("10.00"),
                tax_total=Decimal("0.00"),
                total=Decimal("10.00"),
                amount_due=Decimal("10.00") if status is InvoiceStatus.POSTED else Decimal(0),
            )
            for n, status in ((1, InvoiceStatus.POSTED), (2, InvoiceStatus.PAID))
        ]
    )
    await Case.bulk_create(
        [
            Case(
                account=account,
                number=f"CASE-{number}-{n}",
                subject="Help",
                opened_at=at(n),
                status=status,
            )
            for n, status in ((1, CaseStatus.NEW), (2, CaseStatus.CLOSED))
        ]
    )
    await Activity.bulk_create(
        [
            Activity(
                account=account, kind=ActivityKind.CALL, subject=f"Call {number}", due_at=at(2)
            ),
            Activity(
                account=account, kind=ActivityKind.NOTE, subject=f"Note {number}", due_at=at(1)
            ),
        ]
    )
    return account


def account_fields() -> list[str]:
    return list(build_schema()._schema.type_map["Account"].fields)


def test_account_reads_own_fields_then_its_lists_then_its_figures() -> None:
    assert account_fields() == [
        "id",
        "externalId",
        "metadata",
        "privateMetadata",
        "name",
        "lifecycle",
        "industry",
        "website",
        "email",
        "phone",
        "tier",
        "owner",
        "billingAddress",
        "shippingAddress",
        "currency",
        "paymentTermsDays",
        "creditLimit",
        "slaPolicy",
        "priceList",
        "archivedAt",
        "contacts",
        "opportunities",
        "salesOrders",
        "invoices",
        "cases",
        "activities",
        "balance",
        "creditExposure",
        "creditAvailable",
        "openPipeline",
        "lifetimeRevenue",
        "payableBalance",
        "createdAt",
        "updatedAt",
    ]


async def test_every_list_of_many_accounts_costs_as_many_statements_as_of_few(
    gql: Any, count_queries: Any
) -> None:
    for number in range(1, 13):
        await account_with_lists(number)
    await gql("{ __typename }")  # the token is looked up outside the counted part

    with count_queries() as few:
        small = await gql(ALL_LISTS, {"first": 2})
    with count_queries() as many:
        large = await gql(ALL_LISTS, {"first": 12})

    assert "errors" not in large, large
    accounts = [edge["node"] for edge in large["data"]["accounts"]["edges"]]
    assert len(accounts) == 12
    assert len(small["data"]["accounts"]["edges"]) == 2
    lists = ("contacts", "opportunities", "salesOrders", "invoices", "cases", "activities")
    assert all(account[name]["totalCount"] == 2 for account in accounts for name in lists)
    assert many.count == few.count
    # token, the page, six lists, and the contacts' account (cached by the page's loader)
    assert few.count <= 9, few.statements


async def test_each_list_keeps_its_default_order(gql: Any) -> None:
    account = await account_with_lists(1)

    body = await gql(
        "query($id: ID!) { account(id: $id) { ... on Account {"
        " contacts { edges { node { lastName } } }"
        " salesOrders { edges { node { number } } }"
        " invoices { edges { node { number } } }"
        " cases { edges { node { number } } }"
        " activities { edges { node { subject } } } } } }",
        {"id": encode_id("Account", account.id)},
    )

    view = body["data"]["account"]
    assert [e["node"]["lastName"] for e in view["contacts"]["edges"]] == ["Abe1", "Zed1"]
    assert [e["node"]["number"] for e in view["salesOrders"]["edges"]] == ["SO-1-1", "SO-1-2"]
    assert [e["node"]["number"] for e in view["invoices"]["edges"]] == ["INV-1-1", "INV-1-2"]
    assert [e["node"]["number"] for e in view["cases"]["edges"]] == ["CASE-1-2", "CASE-1-1"]
    assert [e["node"]["subject"] for e in view["activities"]["edges"]] == ["Note 1", "Call 1"]


async def test_filters_and_orders_apply_to_each_accounts_own_rows(gql: Any) -> None:
    first = await account_with_lists(1)
    await account_with_lists(2)

    body = await gql(
        """{ accounts(first: 2) { edges { node { name
             contacts(filter: {search: "bob"}) { totalCount edges { node { firstName } } }
             byEmail: contacts(orderBy: {field: EMAIL, direction: DESC}) {
               edges { node { firstName } } }
             opportunities(filter: {status: OPEN}) { edges { node { name } } }
             salesOrders(filter: {status: [CONFIRMED]}) { edges { node { number } } }
             invoices(filter: {status: PAID}) { edges { node { number } } }
             cases(filter: {status: NEW}) { edges { node { number } } }
             activities(filter: {kind: CALL}) { edges { node { subject } } }
             byDue: activities(orderBy: {field: DUE_AT, direction: DESC}) {
               edges { node { subject } } }
        } } } }"""
    )

    assert "errors" not in body, body
    views = {e["node"]["name"]: e["node"] for e in body["data"]["accounts"]["edges"]}
    view = views["Account 01"]
    assert view["contacts"] == {"totalCount": 1, "edges": [{"node": {"firstName": "Bob"}}]}
    assert [e["node"]["firstName"] for e in view["byEmail"]["edges"]] == ["Bob", "Ada"]
    assert view["opportunities"]["edges"] == [{"node": {"name": "Deal 1a"}}]
    assert view["salesOrders"]["edges"] == [{"node": {"number": "SO-1-2"}}]
    assert view["invoices"]["edges"] == [{"node": {"number": "INV-1-2"}}]
    assert view["cases"]["edges"] == [{"node": {"number": "CASE-1-1"}}]
    assert view["activities"]["edges"] == [{"node": {"subject": "Call 1"}}]
    assert [e["node"]["subject"] for e in view["byDue"]["edges"]] == ["Call 1", "Note 1"]
    assert views["Account 02"]["activities"]["edges"] == [{"node": {"subject": "Call 2"}}]

    other = await gql(
        "query($id: ID!, $other: ID!) { account(id: $id) { ... on Account {"
        " activities(filter: {accountId: $other}) { totalCount } } } }",
        {"id": encode_id("Account", first.id), "other": encode_id("Account", first.id + 1)},
    )
    assert other["data"]["account"]["activities"] == {"totalCount": 0}


async def test_pages_of_a_nested_list_follow_their_cursors(gql: Any) -> None:
    account = await Account.create(name="Acme", currency="USD")
    await Contact.bulk_create(
        [Contact(account=account, first_name="C", last_name=f"L{n}") for n in range(5)]
    )
    query = """query($id: ID!, $after: String) { account(id: $id) { ... on Account {
      contacts(first: 2, after: $after) { totalCount edges { node { lastName } }
        pageInfo { hasNextPage endCursor } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        body = await gql(query, {"id": encode_id("Account", account.id), "after": after})
        page = body["data"]["account"]["contacts"]
        seen += [edge["node"]["lastName"] for edge in page["edges"]]
        assert page["totalCount"] == 5
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == ["L0", "L1", "L2", "L3", "L4"]


@pytest.mark.parametrize("field", ["contacts", "salesOrders", "invoices", "cases", "activities"])
async def test_first_and_last_together_are_refused_on_a_nested_list(gql: Any, field: str) -> None:
    account = await Account.create(name="Acme", currency="USD")

    body = await gql(
        f"query($id: ID!) {{ account(id: $id) {{ ... on Account {{"
        f" {field}(first: 1, last: 1) {{ totalCount }} }} }} }}",
        {"id": encode_id("Account", account.id)},
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["path"] == ["account", field]


async def test_a_filter_id_of_another_type_is_a_bad_user_input(gql: Any) -> None:
    account = await Account.create(name="Acme", currency="USD")

    body = await gql(
        "query($id: ID!) { account(id: $id) { ... on Account {"
        " activities(filter: {opportunityId: $id}) { totalCount } } } }",
        {"id": encode_id("Account", account.id)},
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "filter.opportunityId" in body["errors"][0]["message"]
