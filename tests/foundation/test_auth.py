"""Bearer tokens, roles and FORBIDDEN (contract §2)."""

from __future__ import annotations

from typing import Any

import httpx

from domain.accounts.models import Account
from domain.auth.services import create_token, revoke_token

TYPENAME = {"query": "{ __typename }"}
CREATE = 'mutation { accountCreate(input: {name: "Acme"}) { account { id } errors { code } } }'


async def test_a_request_without_a_token_is_refused_with_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=TYPENAME)

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_bad_token_is_refused_with_401(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json=TYPENAME, headers={"Authorization": "Bearer tdm_not-a-real-token"}
    )

    assert response.status_code == 401


async def test_a_revoked_token_is_refused_on_its_next_request(client: httpx.AsyncClient) -> None:
    token, raw = await create_token("short-lived", "ADMIN")
    headers = {"Authorization": f"Bearer {raw}"}
    assert (await client.post("/graphql", json=TYPENAME, headers=headers)).status_code == 200

    await revoke_token(token.id)

    assert (await client.post("/graphql", json=TYPENAME, headers=headers)).status_code == 401


async def test_health_answers_without_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_a_role_without_the_permission_gets_forbidden_and_nothing_is_written(
    gql: Any,
) -> None:
    result = await gql(CREATE, role="READONLY")

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert result["errors"][0]["path"] == ["accountCreate"]
    assert await Account.all().count() == 0


async def test_a_role_with_the_permission_may_write(gql: Any) -> None:
    result = await gql(CREATE, role="SALES")

    assert result["data"]["accountCreate"]["errors"] == []
    assert await Account.all().count() == 1
