"""The audit trail (§2): every outbox event records the token and user that caused it — in a
request or in the background run it started — and `auditLog` (ADMIN) reads it, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from domain.accounts.services import create_account
from domain.auth.models import ApiToken
from domain.auth.services import create_token
from domain.outbox.models import Event
from domain.users.models import User
from domain.users.services import create_user
from tests.security.conftest import global_id

AUDIT = """query ($filter: AuditLogFilter) { auditLog(filter: $filter) { totalCount edges { node {
  id type occurredAt objectId payload actorToken { name } actorUser { email } } } } }"""


class Actors:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.tokens: dict[str, str] = {}

    async def issue(self, name: str, role: str, user: User | None = None) -> ApiToken:
        token, raw = await create_token(name, role, user_id=user.id if user else None)
        self.tokens[name] = raw
        return token

    async def run(self, name: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.tokens[name]}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        return body["data"]


@pytest.fixture
async def history(client: httpx.AsyncClient) -> dict[str, Any]:
    """Ada (SALES) is created (user.created, by no token), creates Acme with her token, the
    shop's integration token renames it, and a use case called without any token (a
    schedule, a command) creates Globex."""
    ada = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    actors = Actors(client)
    await actors.issue("ada-laptop", "SALES", ada)
    shop = await actors.issue("shop", "INTEGRATION")
    created = await actors.run(
        "ada-laptop",
        'mutation { accountCreate(input: {name: "Acme"}) { account { id } } }',
        {},
    )
    acme = created["accountCreate"]["account"]["id"]
    await actors.run(
        "shop",
        'mutation ($id: ID!) { accountUpdate(input: {id: $id, name: "Acme Corp"}) '
        "{ errors { code } } }",
        {"id": acme},
    )
    globex = await create_account({"name": "Globex"})
    return {
        "ada": ada,
        "ada_id": global_id("User", ada.id),
        "shop": shop,
        "acme": acme,
        "globex": global_id("Account", globex.id),
    }


def entries(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in result["data"]["auditLog"]["edges"]]


async def test_the_log_says_who_changed_what_newest_first(
    gql: Any, history: dict[str, Any]
) -> None:
    log = entries(await gql(AUDIT))

    assert [(e["type"], e["objectId"]) for e in log] == [
        ("account.created", history["globex"]),
        ("account.updated", history["acme"]),
        ("account.created", history["acme"]),
        ("user.created", history["ada_id"]),
    ]
    assert [(e["actorToken"], e["actorUser"]) for e in log] == [
        (None, None),
        ({"name": "shop"}, None),
        ({"name": "ada-laptop"}, {"email": "ada@example.com"}),
        (None, None),
    ]
    assert log[1]["payload"]["name"] == "Acme Corp"
    assert all(e["id"].startswith("evt_") for e in log)


async def test_filtering_by_object_actor_and_type(gql: Any, history: dict[str, Any]) -> None:
    by_object = entries(await gql(AUDIT, {"filter": {"objectId": history["acme"]}}))
    by_user = entries(
        await gql(AUDIT, {"filter": {"actorId": global_id("User", history["ada"].id)}})
    )
    by_token = entries(
        await gql(AUDIT, {"filter": {"actorId": global_id("ApiToken", history["shop"].id)}})
    )
    by_type = entries(await gql(AUDIT, {"filter": {"types": ["account.created"]}}))
    by_wildcard = await gql(AUDIT, {"filter": {"types": ["invoice.*"]}})

    assert [e["type"] for e in by_object] == ["account.updated", "account.created"]
    assert [(e["type"], e["objectId"]) for e in by_user] == [("account.created", history["acme"])]
    assert [(e["type"], e["objectId"]) for e in by_token] == [("account.updated", history["acme"])]
    assert [e["objectId"] for e in by_type] == [history["globex"], history["acme"]]
    assert by_wildcard["data"]["auditLog"]["totalCount"] == 0


async def test_the_log_can_be_read_oldest_first(gql: Any, history: dict[str, Any]) -> None:
    query = """query ($order: AuditLogOrder) { auditLog(orderBy: $order) {
      edges { node { type objectId } } } }"""

    oldest = entries(await gql(query, {"order": {"field": "OCCURRED_AT", "direction": "ASC"}}))
    newest = entries(await gql(query, {"order": {"field": "OCCURRED_AT"}}))

    assert [(e["type"], e["objectId"]) for e in oldest] == [
        ("user.created", history["ada_id"]),
        ("account.created", history["acme"]),
        ("account.updated", history["acme"]),
        ("account.created", history["globex"]),
    ]
    assert newest == oldest[::-1]


async def test_filtering_by_time_includes_both_ends(gql: Any, history: dict[str, Any]) -> None:
    first, second, third = await Event.filter(type__startswith="account.").order_by("id")
    for event, minute in ((first, 0), (second, 30), (third, 59)):
        await Event.filter(id=event.id).update(
            occurred_at=datetime(2026, 3, 2, 9, minute, tzinfo=UTC)
        )

    window = {"from": "2026-03-02T09:00:00+00:00", "to": "2026-03-02T09:30:00+00:00"}
    log = entries(await gql(AUDIT, {"filter": window}))

    assert [e["occurredAt"] for e in log] == [
        "2026-03-02T09:30:00+00:00",
        "2026-03-02T09:00:00+00:00",
    ]


@pytest.mark.parametrize(
    ("flt", "code"),
    [
        ({"types": ["account.deleted"]}, "INVALID"),
        ({"objectId": "not a global id"}, "BAD_USER_INPUT"),
        ({"actorId": "QWNjb3VudDox"}, "BAD_USER_INPUT"),  # Account:1, neither User nor ApiToken
    ],
)
async def test_a_bad_filter_is_refused(gql: Any, flt: dict[str, Any], code: str) -> None:
    result = await gql(AUDIT, {"filter": flt})

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == code


@pytest.mark.parametrize("role", ["SALES", "FINANCE", "READONLY", "INTEGRATION"])
async def test_only_admins_read_the_log(gql: Any, history: dict[str, Any], role: str) -> None:
    result = await gql(AUDIT, role=role)

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_what_a_background_run_records_is_recorded_as_done_by_who_started_it(
    gql: Any, client: httpx.AsyncClient, run_worker: Any
) -> None:
    planner = await create_user(
        {"name": "Grace", "email": "grace@example.com", "role": "OPERATIONS"}
    )
    actors = Actors(client)
    await actors.issue("planning", "OPERATIONS", planner)
    started = await actors.run(
        "planning",
        'mutation { mrpRunStart(input: {asOf: "2026-11-23"}) { jobRun { id } errors { code } } }',
        {},
    )
    assert started["mrpRunStart"]["errors"] == []

    await run_worker()

    [entry] = entries(await gql(AUDIT, {"filter": {"types": ["mrp_run.completed"]}}))
    assert entry["actorToken"] == {"name": "planning"}
    assert entry["actorUser"] == {"email": "grace@example.com"}
