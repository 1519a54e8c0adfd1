"""GraphQL over HTTP: media types, status codes and malformed requests (contract §1)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson
import pytest

from api.http_conformance import negotiate
from domain.accounts.models import Account

GRAPHQL_RESPONSE = "application/graphql-response+json"
TYPENAME = {"query": "{ __typename }"}
CREATE = {"query": 'mutation { accountCreate(input: {name: "Acme"}) { errors { code } } }'}


@pytest.fixture
async def post(
    client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]
) -> Callable[..., Awaitable[httpx.Response]]:
    tokens = {"ADMIN": await make_token("ADMIN")}

    async def send(
        body: Any,
        *,
        accept: str | None = None,
        content_type: str = "application/json",
        role: str = "ADMIN",
    ) -> httpx.Response:
        if role not in tokens:
            tokens[role] = await make_token(role)
        headers = {"Authorization": f"Bearer {tokens[role]}", "Content-Type": content_type}
        if accept is not None:
            headers["Accept"] = accept
        content = body if isinstance(body, bytes) else orjson.dumps(body)
        return await client.post("/graphql", content=content, headers=headers)

    return send


@pytest.fixture
async def get(
    client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]
) -> Callable[..., Awaitable[httpx.Response]]:
    token = await make_token("ADMIN")

    async def send(params: dict[str, str], *, accept: str = "application/json") -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}", "Accept": accept}
        return await client.get("/graphql", params=params, headers=headers)

    return send


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", "application/json"),
        (f"application/json;q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};charset=utf-8", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};charset=latin-1, application/json", "application/json"),
        ("text/html, */*;q=0.8", "application/json"),
        ("text/html", None),
        ("application/json;q=0", None),
    ],
)
def test_the_response_media_type_follows_the_accept_header(
    accept: str | None, media_type: str | None
) -> None:
    assert negotiate(accept) == media_type


async def test_a_query_answers_200_in_the_media_type_asked_for(post: Any) -> None:
    response = await post(TYPENAME, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert response.json() == {
        "data": {"__typename": "Query"},
        "extensions": {"cost": {"requested": 0, "limit": 50000}},
    }


async def test_no_accept_header_means_application_json(post: Any) -> None:
    response = await post(TYPENAME)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


async def test_an_unacceptable_accept_header_is_answered_406(post: Any) -> None:
    response = await post(TYPENAME, accept="text/xml")

    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.parametrize("query", ["{", "{ notAField }"])
async def test_a_document_that_does_not_parse_or_validate_is_400_without_data(
    post: Any, query: str
) -> None:
    response = await post({"query": query}, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert len(body["errors"]) == 1


async def test_a_variable_that_does_not_coerce_is_400_with_graphql_response_json(
    post: Any,
) -> None:
    body = {"query": "query Q($id: ID!) { __typename }", "variables": {"id": None}}

    response = await post(body, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    assert "data" not in response.json()


@pytest.mark.parametrize("query", ["{", "{ notAField }"])
async def test_with_application_json_graphql_errors_stay_200(post: Any, query: str) -> None:
    response = await post({"query": query}, accept="application/json")

    assert response.status_code == 200
    assert response.json()["errors"]


async def test_a_field_error_is_200_because_execution_started(post: Any) -> None:
    response = await post(CREATE, accept=GRAPHQL_RESPONSE, role="READONLY")

    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["path"] == ["accountCreate"]


@pytest.mark.parametrize(
    "body",
    [
        b'{ "not a JSON',
        b"",
        b"\xff\xfe{}",
        b"[" * 100_000 + b"]" * 100_000,
        b'"just a string"',
        b"42",
        {"notquery": "{ __typename }"},
        {"query": ""},
        {"query": {"obj": "ect"}},
        {"query": 0},
        {"query": "{ __typename }", "operationName": 0},
        {"query": "{ __typename }", "variables": "string"},
        {"query": "{ __typename }", "variables": ["array"]},
        {"query": "{ __typename }", "extensions": False},
    ],
)
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_a_malformed_request_is_400_with_a_json_error(
    post: Any, body: Any, accept: str
) -> None:
    response = await post(body, accept=accept)

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert response.headers["content-type"].startswith(accept)


async def test_a_post_that_is_not_json_is_415(post: Any) -> None:
    response = await post(b"query=%7B__typename%7D", content_type="text/plain")

    assert response.status_code == 415


async def test_null_optional_parameters_are_accepted(post: Any) -> None:
    body = {**TYPENAME, "variables": None, "operationName": None, "extensions": None}

    response = await post(body, accept=GRAPHQL_RESPONSE)

    assert (response.status_code, response.json()) == (
        200,
        {"data": {"__typename": "Query"}, "extensions": {"cost": {"requested": 0, "limit": 50000}}},
    )


async def test_a_query_runs_over_get_with_json_variables(get: Any) -> None:
    response = await get(
        {
            "query": "query T($name: String!) { __type(name: $name) { name } }",
            "variables": '{"name": "Account"}',
        }
    )

    assert (response.status_code, response.json()) == (
        200,
        {
            "data": {"__type": {"name": "Account"}},
            "extensions": {"cost": {"requested": 1, "limit": 50000}},
        },
    )


async def test_a_mutation_over_get_is_405_and_runs_nothing(get: Any) -> None:
    response = await get(CREATE, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert await Account.all().count() == 0


async def test_a_subscription_over_http_is_refused(post: Any) -> None:
    body = {"query": 'subscription { events(types: ["account.created"]) { type } }'}

    response = await post(body, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    assert "WebSocket" in response.json()["errors"][0]["message"]


async def test_the_graphiql_page_is_served_to_a_browser(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


async def test_an_unknown_operation_name_is_a_request_error(post: Any) -> None:
    body = {"query": "query A { __typename }", "operationName": "B"}

    as_json = await post(body, accept="application/json")
    as_graphql = await post(body, accept=GRAPHQL_RESPONSE)

    assert as_json.status_code == 200
    assert as_graphql.status_code == 400
    assert "data" not in as_graphql.json()


async def test_the_unauthenticated_answer_is_still_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=TYPENAME, headers={"Accept": GRAPHQL_RESPONSE})

    assert response.status_code == 401


async def test_a_body_over_45_megabytes_is_refused_with_413(post: Any) -> None:
    padding = "x" * 45_000_000
    body = {"query": "query Q($pad: String) { __typename }", "variables": {"pad": padding}}

    response = await post(body, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_a_body_just_under_the_limit_is_served(post: Any) -> None:
    padding = "x" * 1_900_000
    body = {"query": "query Q($pad: String!) { __type(name: $pad) { name } }"}

    response = await post({**body, "variables": {"pad": padding}})

    assert (response.status_code, response.json()) == (
        200,
        {"data": {"__type": None}, "extensions": {"cost": {"requested": 1, "limit": 50000}}},
    )
