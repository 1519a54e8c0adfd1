"""Segments through GraphQL: each rule selects exactly the accounts it names, evaluated when
read; bad rules refused; every change an event; only the roles of the matrix."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from domain.orders.models import OrderStatus
from domain.outbox.models import Event
from domain.service.sla_rules import CaseStatus
from tests.factories import gid
from tests.segments.conftest import account, case, credit_note, invoice, order, user

CREATE = """
mutation($input: SegmentCreateInput!) {
  segmentCreate(input: $input) {
    segment { id name count accounts { totalCount edges { node { name } } } }
    errors { field code message }
  }
}"""

READ = """
query($id: ID!) {
  segment(id: $id) {
    name count
    rules { lifecycle tier ownerId owner { name } minLifetimeRevenue { amount currency }
            lastOrderBefore hasOpenCases }
    accounts { totalCount edges { node { name } } }
  }
}"""


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@pytest.fixture
async def world(database: str) -> dict[str, Any]:
    """Five accounts (Echo archived), with by hand:

    account  tier   owner  revenue                   last order (not cancelled)   open case
    Alpha    GOLD   alice  1500.00 − 200.00 = 1300.00  2026-03-10                  OPEN
    Bravo    gold   bob    999.99                      2026-01-05 (06-01 cancelled) no (RESOLVED)
    Charlie  SILVER —      0 (PROSPECT)                never                       WAITING
    Delta    GOLD   alice  1000.00                     2026-02-01 23:30 UTC        no
    Echo     GOLD   alice  5000.00, archived           2026-03-01                  OPEN
    (Every invoice comes with a CLOSED order confirmed 2025-06-01.)"""
    alice, bob = await user("alice"), await user("bob")
    alpha = await account("Alpha", tier="GOLD", industry="Manufacturing", owner_id=alice.id)
    bravo = await account("Bravo", tier="gold", industry="manufacturing", owner_id=bob.id)
    charlie = await account("Charlie", tier="SILVER", lifecycle="PROSPECT")
    delta = await account("Delta", tier="GOLD", owner_id=alice.id)
    echo = await account("Echo", tier="GOLD", owner_id=alice.id, archived_at=at("2026-04-01"))
    await credit_note(await invoice(alpha, "1500.00"), "200.00")
    await invoice(bravo, "999.99")
    await invoice(delta, "1000.00")
    await invoice(echo, "5000.00")
    await order(alpha, at("2026-03-10"))
    await order(bravo, at("2026-01-05"))
    await order(bravo, at("2026-06-01"), OrderStatus.CANCELLED)
    await order(bravo, None)  # a draft is no order
    await order(delta, at("2026-02-01", 23).replace(minute=30))
    await order(echo, at("2026-03-01"))
    await case(alpha, CaseStatus.OPEN)
    await case(bravo, CaseStatus.RESOLVED)
    await case(charlie, CaseStatus.WAITING_ON_CUSTOMER)
    await case(echo, CaseStatus.NEW)
    return {"alice": alice, "bob": bob}


async def members(gql: Any, rules: dict[str, Any], name: str = "S") -> tuple[int, list[str]]:
    result = await gql(CREATE, {"input": {"name": name, "rules": rules}})
    payload = result["data"]["segmentCreate"]
    assert payload["errors"] == [], payload
    segment = payload["segment"]
    names = [edge["node"]["name"] for edge in segment["accounts"]["edges"]]
    assert segment["accounts"]["totalCount"] == segment["count"] == len(names)
    return segment["count"], names


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({}, ["Alpha", "Bravo", "Charlie", "Delta"]),  # every active account
        ({"tier": "GOLD"}, ["Alpha", "Bravo", "Delta"]),  # letter case ignored, Echo archived
        ({"industry": "MANUFACTURING"}, ["Alpha", "Bravo"]),
        ({"lifecycle": "PROSPECT"}, ["Charlie"]),
        # 1300.00 and 1000.00 ≥ 1000.00 (inclusive); 999.99 and 0 are below.
        ({"minLifetimeRevenue": "1000"}, ["Alpha", "Delta"]),
        ({"minLifetimeRevenue": "1000", "maxLifetimeRevenue": "1299.99"}, ["Delta"]),
        ({"maxLifetimeRevenue": "0"}, ["Charlie"]),
        # Bravo's last order is 01-05 (the cancelled 06-01 one does not count); Delta's is
        # 02-01, not strictly before; Charlie never ordered.
        ({"lastOrderBefore": "2026-02-01"}, ["Bravo"]),
        ({"lastOrderBefore": "2026-02-02"}, ["Bravo", "Delta"]),
        # Alpha ordered 03-10; Delta's 02-01 23:30 UTC is on 02-01, not after it.
        ({"lastOrderAfter": "2026-02-01"}, ["Alpha"]),
        ({"lastOrderAfter": "2026-01-31", "lastOrderBefore": "2026-03-01"}, ["Delta"]),
        ({"hasOpenCases": True}, ["Alpha", "Charlie"]),  # OPEN and WAITING_ON_CUSTOMER
        ({"hasOpenCases": False}, ["Bravo", "Delta"]),  # RESOLVED is not open
        ({"tier": "gold", "minLifetimeRevenue": "1000", "hasOpenCases": False}, ["Delta"]),
    ],
)
async def test_each_rule_selects_the_accounts_computed_by_hand(
    gql: Any, world: dict[str, Any], rules: dict[str, Any], expected: list[str]
) -> None:
    assert await members(gql, rules) == (len(expected), expected)


async def test_owner_rule_and_the_rules_read_back(gql: Any, world: dict[str, Any]) -> None:
    alice = gid("User", world["alice"].id)
    rules = {"ownerId": alice, "lifecycle": "CUSTOMER", "minLifetimeRevenue": "0"}
    # Alice owns Alpha, Delta and the archived Echo.
    assert await members(gql, rules, "Alice's") == (2, ["Alpha", "Delta"])
    segments = await gql("{ segments { edges { node { id } } } }")
    segment_id = segments["data"]["segments"]["edges"][0]["node"]["id"]
    read = await gql(READ, {"id": segment_id})
    assert read["data"]["segment"]["rules"] == {
        "lifecycle": "CUSTOMER",
        "tier": None,
        "ownerId": alice,
        "owner": {"name": "Alice"},
        "minLifetimeRevenue": {"amount": "0.00", "currency": "USD"},
        "lastOrderBefore": None,
        "hasOpenCases": None,
    }


async def test_revenue_bounds_compare_every_currency_in_the_base_one(
    gql: Any, world: dict[str, Any]
) -> None:
    # Golf: 1000.00 EUR invoiced at 1.1, less a 100.00 EUR credit note (at its invoice's
    # rate) = 990.00 USD; Hotel: 960.00 EUR at 1.1 = 1056.00 USD.
    golf = await account("Golf", currency="EUR")
    await credit_note(await invoice(golf, "1000.00", "1.1"), "100.00")
    await invoice(await account("Hotel", currency="EUR"), "960.00", "1.1")
    # ≥ 1000.00 USD: Alpha 1300.00, Delta 1000.00, Hotel 1056.00 (Golf 990.00 and its 900.00
    # EUR, and Bravo 999.99, fall short).
    assert await members(gql, {"minLifetimeRevenue": "1000"}) == (3, ["Alpha", "Delta", "Hotel"])


async def test_members_are_evaluated_when_read(gql: Any, world: dict[str, Any]) -> None:
    created = await gql(CREATE, {"input": {"name": "Silver", "rules": {"tier": "silver"}}})
    segment_id = created["data"]["segmentCreate"]["segment"]["id"]
    await account("Foxtrot", tier="Silver")
    read = await gql(READ, {"id": segment_id})
    assert read["data"]["segment"]["count"] == 2
    names = [e["node"]["name"] for e in read["data"]["segment"]["accounts"]["edges"]]
    assert names == ["Charlie", "Foxtrot"]


async def test_bad_rules_are_invalid_user_errors(gql: Any, world: dict[str, Any]) -> None:
    result = await gql(
        CREATE,
        {
            "input": {
                "name": "Bad",
                "rules": {"minLifetimeRevenue": "500.01", "maxLifetimeRevenue": "500"},
            }
        },
    )
    assert result["data"]["segmentCreate"] == {
        "segment": None,
        "errors": [
            {
                "field": ["rules", "minLifetimeRevenue"],
                "code": "INVALID",
                "message": "minLifetimeRevenue must not be above maxLifetimeRevenue.",
            }
        ],
    }
    unknown_owner = await gql(
        CREATE, {"input": {"name": "Nobody's", "rules": {"ownerId": gid("User", 999999)}}}
    )
    assert unknown_owner["data"]["segmentCreate"]["errors"][0]["code"] == "NOT_FOUND"
    assert unknown_owner["data"]["segmentCreate"]["errors"][0]["field"] == ["rules", "ownerId"]
    # The rules are one JSON object, so an unknown rule, a malformed day and a string where a
    # flag belongs reach the domain and come back together as INVALID UserErrors (§13).
    unknown_rule = await gql(
        CREATE,
        {
            "input": {
                "name": "X",
                "rules": {"colour": "red", "lastOrderBefore": "someday", "hasOpenCases": "yes"},
            }
        },
    )
    assert unknown_rule["data"]["segmentCreate"] == {
        "segment": None,
        "errors": [
            {
                "field": ["rules", "colour"],
                "code": "INVALID",
                "message": "colour is not a segment rule.",
            },
            {
                "field": ["rules", "lastOrderBefore"],
                "code": "INVALID",
                "message": "'someday' is not a YYYY-MM-DD day.",
            },
            {
                "field": ["rules", "hasOpenCases"],
                "code": "INVALID",
                "message": "hasOpenCases must be true or false.",
            },
        ],
    }
    not_an_object = await gql(CREATE, {"input": {"name": "Y", "rules": ["tier"]}})
    assert not_an_object["data"]["segmentCreate"]["errors"] == [
        {"field": ["rules"], "code": "INVALID", "message": "rules must be an object of rules."}
    ]
    assert await Event.filter(type="segment.created").count() == 0


async def test_update_rename_delete_and_their_events(gql: Any, world: dict[str, Any]) -> None:
    created = await gql(CREATE, {"input": {"name": "Gold", "rules": {"tier": "GOLD"}}})
    segment_id = created["data"]["segmentCreate"]["segment"]["id"]
    duplicate = await gql(CREATE, {"input": {"name": "Gold", "rules": {}}})
    assert duplicate["data"]["segmentCreate"]["errors"][0]["code"] == "DUPLICATE"
    updated = await gql(
        """mutation($input: SegmentUpdateInput!) { segmentUpdate(input: $input) {
             segment { name count rules { tier hasOpenCases } } errors { code } } }""",
        {"input": {"id": segment_id, "name": "Gold, quiet", "rules": {"hasOpenCases": False}}},
    )
    # The rules are replaced whole: tier no longer applies; Bravo and Delta have no open case.
    assert updated["data"]["segmentUpdate"] == {
        "segment": {
            "name": "Gold, quiet",
            "count": 2,
            "rules": {"tier": None, "hasOpenCases": False},
        },
        "errors": [],
    }
    deleted = await gql(
        """mutation($input: SegmentDeleteInput!) { segmentDelete(input: $input) {
             segment { name } errors { code } } }""",
        {"input": {"id": segment_id}},
    )
    assert deleted["data"]["segmentDelete"] == {"segment": {"name": "Gold, quiet"}, "errors": []}
    assert (await gql(READ, {"id": segment_id}))["data"]["segment"] is None
    events = await Event.filter(type__startswith="segment.").order_by("id")
    assert [event.type for event in events] == [
        "segment.created",
        "segment.updated",
        "segment.deleted",
    ]
    assert events[1].payload == {
        "id": segment_id,
        "name": "Gold, quiet",
        "rules": {"hasOpenCases": False},
        "previousName": "Gold",
        "previousRules": {"tier": "GOLD"},
    }


async def test_segments_are_for_the_roles_that_read_revenue(gql: Any, database: str) -> None:
    sales = await gql(CREATE, {"input": {"name": "Mine", "rules": {}}}, role="SALES")
    assert sales["data"]["segmentCreate"]["errors"] == []
    finance = await gql(CREATE, {"input": {"name": "Theirs", "rules": {}}}, role="FINANCE")
    assert finance["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    service = await gql("{ segments { totalCount } }", role="SERVICE")
    assert service["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    readonly = await gql("{ segments { totalCount } }", role="READONLY")
    assert readonly["data"]["segments"]["totalCount"] == 1
