"""Unexpected exceptions are masked but traceable, bad ids fail cleanly, and a revoked token
stops working on its very next request (§2)."""

from __future__ import annotations

import logging
from typing import Any, NoReturn

import httpx
import pytest

from api import query_limits
from domain.accounts import services as accounts
from domain.accounts.models import Account
from domain.auth.services import create_token, revoke_token
from tests.security.conftest import GRAPHQL_RESPONSE, Post, global_id

SECRET = "postgres://admin:hunter2@db.internal/tandem"


def explode(*args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError(f"could not connect to {SECRET}")


def masked_error_of(response: httpx.Response) -> dict[str, Any]:
    [error] = response.json()["errors"]
    assert error["message"] == "Internal server error"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert SECRET not in response.text
    return error  # type: ignore[no-any-return]


def logged_request_ids(caplog: pytest.LogCaptureFixture) -> list[str | None]:
    """The request ids of the logged errors whose traceback holds the exploded exception."""
    return [
        getattr(record, "request_id", None)
        for record in caplog.records
        if record.name == "tandem.graphql"
        and record.exc_info is not None
        and SECRET in str(record.exc_info[1])
    ]


async def test_an_exception_in_a_resolver_is_masked_with_the_request_id_of_the_log(
    post: Post, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(accounts, "list_accounts", explode)

    with caplog.at_level(logging.ERROR, logger="tandem.graphql"):
        response = await post({"query": "{ accounts { totalCount } }"})

    assert response.status_code == 200
    error = masked_error_of(response)
    assert error["path"] == ["accounts"]
    request_id = response.headers["x-request-id"]
    assert error["extensions"]["requestId"] == request_id
    assert logged_request_ids(caplog) == [request_id]


async def test_a_mutation_that_raises_is_masked_and_writes_nothing(
    post: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "clean_account_fields", explode)

    response = await post(
        {"query": 'mutation { accountCreate(input: {name: "Acme"}) { errors { code } } }'}
    )

    error = masked_error_of(response)
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert await Account.all().count() == 0


async def test_an_exception_outside_any_resolver_is_masked_too(
    post: Post, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(query_limits._Measure, "height", explode)

    with caplog.at_level(logging.ERROR, logger="tandem.graphql"):
        # A query text of its own: the limits of a document already seen come from a cache.
        query = "query MaskedOutsideResolvers { __typename }"
        response = await post({"query": query}, accept=GRAPHQL_RESPONSE)

    error = masked_error_of(response)
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert logged_request_ids(caplog) == [response.headers["x-request-id"]]


@pytest.mark.parametrize(
    "node_id",
    [
        global_id("Account", 999),
        global_id("NoSuchType", 1),
        "QWNjb3VudDpub3QtYS1udW1iZXI=",  # "Account:not-a-number"
    ],
)
async def test_a_global_id_of_nothing_reads_as_null(gql: Any, node_id: str) -> None:
    result = await gql(f'{{ node(id: "{node_id}") {{ id }} account(id: "{node_id}") {{ id }} }}')

    assert result == {
        "data": {"node": None, "account": None},
        "extensions": {"cost": {"requested": 2, "limit": 50000}},
    }


@pytest.mark.parametrize("node_id", ["", "!!!", "bm90IGFuIGlk", "%00"])
async def test_a_malformed_global_id_is_a_clean_error(post: Post, node_id: str) -> None:
    response = await post({"query": f'{{ node(id: "{node_id}") {{ id }} }}'})

    assert response.status_code == 200
    body = response.json()
    assert body["data"] in ({"node": None}, None)
    for error in body.get("errors", []):
        assert error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR"


@pytest.mark.parametrize(
    "account_id", ["garbage", global_id("Product", 1), global_id("Account", 999)]
)
async def test_a_mutation_given_a_bad_reference_answers_not_found_and_changes_nothing(
    gql: Any, account_id: str
) -> None:
    result = await gql(
        "mutation C($input: ContactCreateInput!) "
        "{ contactCreate(input: $input) { contact { id } errors { field code } } }",
        {"input": {"accountId": account_id, "firstName": "Ada", "lastName": "Lovelace"}},
    )

    assert result["data"]["contactCreate"] == {
        "contact": None,
        "errors": [{"field": ["accountId"], "code": "NOT_FOUND"}],
    }


async def test_a_token_revoked_mid_session_is_refused_on_its_next_request(
    client: httpx.AsyncClient,
) -> None:
    token, raw = await create_token("laptop", "SALES")
    headers = {"Authorization": f"Bearer {raw}"}
    query = {"query": "{ accounts { totalCount } }"}
    first = await client.post("/graphql", json=query, headers=headers)

    await revoke_token(token.id)
    second = await client.post("/graphql", json=query, headers=headers)
    over_get = await client.get("/graphql", params=query, headers=headers)

    assert first.status_code == 200
    assert second.status_code == 401
    assert second.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert over_get.status_code == 401
