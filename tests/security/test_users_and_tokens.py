"""Users and the token lifecycle in GraphQL (§2 Auth, §13): tokens issued for a user carry
its role, expire, are revoked, note their last use cheaply; a deactivated user's tokens and
expired or revoked ones get 401; `viewer` is the token's user."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from domain.auth.models import ApiToken
from domain.auth.services import create_token
from domain.clock import utcnow
from domain.users.services import create_user
from tests.security.conftest import global_id

VIEWER = "{ viewer { name email role active } }"
USER_CREATE = """mutation ($input: UserCreateInput!) { userCreate(input: $input) {
  user { id name email role active } errors { field code message } } }"""
TOKEN_CREATE = """mutation ($input: ApiTokenCreateInput!) {
  apiTokenCreate(input: $input) {
    apiToken { id name role user { email } expiresAt revokedAt usable } secret
    errors { field code message } } }"""
TOKEN_REVOKE = """mutation ($id: ID!) {
  apiTokenRevoke(input: {id: $id}) { apiToken { revokedAt usable } errors { code } } }"""
TOKENS = """{ apiTokens { totalCount edges { node {
  id name role user { email } createdAt lastUsedAt expiresAt revokedAt usable } } } }"""


async def ask(client: httpx.AsyncClient, raw: str, query: str = VIEWER) -> httpx.Response:
    return await client.post(
        "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {raw}"}
    )


async def test_an_admin_creates_a_user_and_a_token_for_them_whose_secret_is_shown_once(
    gql: Any, client: httpx.AsyncClient
) -> None:
    created = await gql(
        USER_CREATE,
        {"input": {"name": "Ada Lovelace", "email": "Ada@Example.com", "role": "SALES"}},
    )
    user = created["data"]["userCreate"]["user"]
    assert user == {
        "id": user["id"],
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "role": "SALES",
        "active": True,
    }

    issued = await gql(
        TOKEN_CREATE,
        {
            "input": {
                "name": "Ada's laptop",
                "role": "SALES",
                "userId": user["id"],
                "expiresInDays": 30,
            }
        },
    )

    payload = issued["data"]["apiTokenCreate"]
    assert payload["errors"] == []
    assert payload["apiToken"]["user"] == {"email": "ada@example.com"}
    assert payload["apiToken"]["usable"] is True
    assert payload["apiToken"]["expiresAt"] is not None
    secret = payload["secret"]
    assert secret.startswith("tdm_")
    viewer = (await ask(client, secret)).json()["data"]["viewer"]
    assert viewer == {
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "role": "SALES",
        "active": True,
    }
    listed = await gql(TOKENS)
    assert secret not in str(listed)
    assert listed["data"]["apiTokens"]["totalCount"] == 2  # the admin's own and Ada's
    newest = listed["data"]["apiTokens"]["edges"][0]["node"]
    assert (newest["name"], newest["role"], newest["user"]) == (
        "Ada's laptop",
        "SALES",
        {"email": "ada@example.com"},
    )
    assert newest["lastUsedAt"] is not None  # the viewer request above


async def test_the_viewer_of_a_token_issued_for_no_one_is_null(gql: Any) -> None:
    assert (await gql(VIEWER, role="INTEGRATION"))["data"] == {"viewer": None}


async def test_a_duplicate_email_and_a_bad_role_are_refused_together_with_the_name(
    gql: Any,
) -> None:
    await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})

    duplicate = await gql(
        USER_CREATE, {"input": {"name": "Ada", "email": "ADA@example.com", "role": "FINANCE"}}
    )
    blank = await gql(USER_CREATE, {"input": {"name": " ", "email": "no-at-sign", "role": "SALES"}})

    assert duplicate["data"]["userCreate"]["errors"] == [
        {
            "field": ["email"],
            "code": "DUPLICATE",
            "message": "A user with email ada@example.com exists.",
        }
    ]
    assert [(e["field"], e["code"]) for e in blank["data"]["userCreate"]["errors"]] == [
        (["name"], "REQUIRED"),
        (["email"], "INVALID"),
    ]


async def test_a_token_for_a_user_carries_the_users_role_or_readonly(gql: Any) -> None:
    user = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    user_id = global_id("User", user.id)

    admin = await gql(TOKEN_CREATE, {"input": {"name": "x", "role": "ADMIN", "userId": user_id}})
    readonly = await gql(
        TOKEN_CREATE, {"input": {"name": "y", "role": "READONLY", "userId": user_id}}
    )

    assert admin["data"]["apiTokenCreate"]["secret"] is None
    assert admin["data"]["apiTokenCreate"]["errors"] == [
        {
            "field": ["role"],
            "code": "INVALID",
            "message": "A token of ada@example.com carries the role SALES or READONLY.",
        }
    ]
    assert readonly["data"]["apiTokenCreate"]["errors"] == []
    assert await ApiToken.filter(user_id=user.id).count() == 1


@pytest.mark.parametrize("days", [0, -1, 3651])
async def test_an_expiry_outside_one_day_to_ten_years_is_invalid(gql: Any, days: int) -> None:
    result = await gql(
        TOKEN_CREATE, {"input": {"name": "x", "role": "SALES", "expiresInDays": days}}
    )

    assert [(e["field"], e["code"]) for e in result["data"]["apiTokenCreate"]["errors"]] == [
        (["expiresInDays"], "INVALID")
    ]


async def test_a_revoked_token_gets_401_and_reads_as_revoked(
    gql: Any, client: httpx.AsyncClient
) -> None:
    token, raw = await create_token("laptop", "SALES")
    assert (await ask(client, raw)).status_code == 200

    revoked = await gql(TOKEN_REVOKE, {"id": global_id("ApiToken", token.id)})

    assert revoked["data"]["apiTokenRevoke"]["errors"] == []
    assert revoked["data"]["apiTokenRevoke"]["apiToken"]["usable"] is False
    assert revoked["data"]["apiTokenRevoke"]["apiToken"]["revokedAt"] is not None
    response = await ask(client, raw)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_expired_token_gets_401(client: httpx.AsyncClient) -> None:
    token, raw = await create_token("temp", "SALES", expires_in_days=1)
    assert (await ask(client, raw)).status_code == 200

    await ApiToken.filter(id=token.id).update(expires_at=utcnow() - timedelta(seconds=1))

    assert (await ask(client, raw)).status_code == 401


async def test_a_deactivated_users_tokens_get_401_until_the_user_is_reactivated(
    gql: Any, client: httpx.AsyncClient
) -> None:
    user = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    _, raw = await create_token("laptop", "SALES", user_id=user.id)
    assert (await ask(client, raw)).status_code == 200
    user_id = global_id("User", user.id)

    off = await gql(
        "mutation ($id: ID!) "
        "{ userDeactivate(input: {id: $id}) { user { active } errors { code } } }",
        {"id": user_id},
    )
    refused = await ask(client, raw)
    await gql(
        "mutation ($id: ID!) { userUpdate(input: {id: $id, active: true}) { errors { code } } }",
        {"id": user_id},
    )

    assert off["data"]["userDeactivate"] == {"user": {"active": False}, "errors": []}
    assert refused.status_code == 401
    assert (await ask(client, raw)).status_code == 200


async def test_a_users_new_role_stops_their_tokens_of_the_old_one(
    gql: Any, client: httpx.AsyncClient
) -> None:
    user = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    _, sales = await create_token("sales", "SALES", user_id=user.id)
    _, readonly = await create_token("readonly", "READONLY", user_id=user.id)

    await gql(
        "mutation ($id: ID!) { userUpdate(input: {id: $id, role: FINANCE}) { errors { code } } }",
        {"id": global_id("User", user.id)},
    )

    assert (await ask(client, sales)).status_code == 401
    assert (await ask(client, readonly)).status_code == 200


async def test_last_used_at_is_written_once_a_minute_not_once_a_request(
    client: httpx.AsyncClient, count_queries: Any
) -> None:
    token, raw = await create_token("busy", "SALES")

    with count_queries() as counter:
        for _ in range(5):
            assert (await ask(client, raw, "{ __typename }")).status_code == 200
    first_use = (await ApiToken.get(id=token.id)).last_used_at
    await ApiToken.filter(id=token.id).update(last_used_at=utcnow() - timedelta(seconds=61))
    await ask(client, raw, "{ __typename }")

    writes = [s for s in counter.statements if s.upper().startswith("UPDATE") and "api_tokens" in s]
    assert len(writes) == 1
    assert first_use is not None
    assert (await ApiToken.get(id=token.id)).last_used_at > first_use  # type: ignore[operator]


async def test_an_unknown_token_id_is_not_found(gql: Any) -> None:
    result = await gql(TOKEN_REVOKE, {"id": global_id("ApiToken", 999)})

    assert result["data"]["apiTokenRevoke"] == {"apiToken": None, "errors": [{"code": "NOT_FOUND"}]}
