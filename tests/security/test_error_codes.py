"""Every GraphQL error carries an `extensions.code` from the list of contract §2, and a
document of several operations without `operationName` runs none of them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any, NoReturn

import httpx
import pytest

from adapters.queue import JobQueue
from api import schema as api_schema
from api.app import create_app
from api.context import Context
from api.schema import build_schema
from domain.accounts.models import Account
from domain.auth.services import create_token
from domain.settings import Settings
from tests.security.conftest import GRAPHQL_RESPONSE, Post, global_id
from tests.security.test_query_limits import create_with_depth, creates, repeated

CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TOO_DEEP",
    "TOO_MANY_ALIASES",
    "TOO_MANY_TOKENS",
    "QUERY_TOO_COSTLY",
    "RATE_LIMITED",
    "BAD_USER_INPUT",
    "INTERNAL_SERVER_ERROR",
}

CHAIN = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} }}" for n in range(500))
UNKNOWN_ID = global_id("NoSuchType", 1)
COSTLY = (
    "{ accounts(first: 100) { edges { node { opportunities(first: 100) { edges { node { "
    "activities(first: 100) { edges { node { id } } } } } } } } } }"
)

# (what it is, request body, the one code every error of the answer carries)
FAILING: list[tuple[str, dict[str, Any], str]] = [
    ("syntax error", {"query": "{ accounts { "}, "GRAPHQL_VALIDATION_FAILED"),
    ("unknown field", {"query": "{ nope }"}, "GRAPHQL_VALIDATION_FAILED"),
    ("unknown fragment", {"query": "{ ...Missing }"}, "GRAPHQL_VALIDATION_FAILED"),
    (
        "fragment cycle",
        {"query": "query { ...A } fragment A on Query { ...A }"},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    (
        "variable of the wrong type",
        {
            "query": "query Q($n: Int) { accounts(first: $n) { totalCount } }",
            "variables": {"n": "ten"},
        },
        "GRAPHQL_VALIDATION_FAILED",
    ),
    (
        "missing variable",
        {"query": "query Q($n: Int!) { accounts(first: $n) { totalCount } }"},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    (
        "two operations, no operationName",
        {"query": "query A { __typename } query B { __typename }"},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    (
        "unknown operationName",
        {"query": "query A { __typename }", "operationName": "B"},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    (
        "subscription over HTTP",
        {"query": "subscription { events { type } }"},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    ("depth 13", {"query": create_with_depth(13)}, "QUERY_TOO_DEEP"),
    (
        "fragments nested beyond measure",
        {"query": f"query {{ ...F0 }} {CHAIN} fragment F500 on Query {{ __typename }}"},
        "QUERY_TOO_DEEP",
    ),
    ("31 aliases", {"query": f"mutation {{ {creates(31)} }}"}, "TOO_MANY_ALIASES"),
    (
        "5001 tokens",
        {"query": "{ " + " ".join("__typename" for _ in range(5000)) + " }"},
        "TOO_MANY_TOKENS",
    ),
    ("a field 51 times", {"query": repeated(51)}, "GRAPHQL_VALIDATION_FAILED"),
    ("cost over the limit", {"query": COSTLY}, "QUERY_TOO_COSTLY"),
    ("node(id:) of no global id", {"query": '{ node(id: "garbage") { id } }'}, "BAD_USER_INPUT"),
    (
        "nodes(ids:) with a bad id",
        {"query": '{ nodes(ids: ["garbage"]) { id } }'},
        "BAD_USER_INPUT",
    ),
    (
        "nodes(ids:) of 101 ids",
        {
            "query": "query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            "variables": {"ids": [UNKNOWN_ID] * 101},
        },
        "BAD_USER_INPUT",
    ),
    ("first: 101", {"query": "{ accounts(first: 101) { totalCount } }"}, "BAD_USER_INPUT"),
]


def codes_of(body: dict[str, Any]) -> set[str]:
    return {error.get("extensions", {}).get("code") for error in body["errors"]}


@pytest.mark.parametrize(("body", "code"), [f[1:] for f in FAILING], ids=[f[0] for f in FAILING])
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_every_error_of_a_failing_document_carries_its_code(
    post: Post, body: dict[str, Any], code: str, accept: str
) -> None:
    response = await post(body, accept=accept)

    answer = response.json()
    assert answer["errors"]
    assert codes_of(answer) == {code}
    assert codes_of(answer) <= CODES


async def test_a_role_refused_a_mutation_gets_forbidden(post: Post) -> None:
    response = await post(
        {"query": 'mutation { accountCreate(input: {name: "X"}) { errors { code } } }'},
        role="READONLY",
    )

    assert codes_of(response.json()) == {"FORBIDDEN"}
    assert await Account.all().count() == 0


async def test_an_unexpected_exception_is_an_internal_server_error(
    post: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError("boom")

    monkeypatch.setattr(api_schema, "_resolve_node", explode)

    response = await post({"query": f'{{ node(id: "{UNKNOWN_ID}") {{ id }} }}'})

    assert codes_of(response.json()) == {"INTERNAL_SERVER_ERROR"}


async def test_no_token_is_unauthenticated(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename }"})

    assert response.status_code == 401
    assert codes_of(response.json()) == {"UNAUTHENTICATED"}


@pytest.fixture
async def limited_client(
    settings: Settings, database: str, queue: JobQueue
) -> AsyncIterator[httpx.AsyncClient]:
    limited = replace(settings, rate_limit_per_minute=1, queue_name=f"{settings.queue_name}-codes")
    app = create_app(limited, manage_resources=False, queue=queue)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tandem.test") as http:
        yield http
    await queue.redis.delete(*[k async for k in queue.redis.scan_iter(f"{limited.queue_name}:*")])


async def test_a_token_over_its_rate_is_rate_limited(
    limited_client: httpx.AsyncClient, make_token: Any
) -> None:
    headers = {"Authorization": f"Bearer {await make_token('ADMIN')}"}

    first = await limited_client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    second = await limited_client.post(
        "/graphql", json={"query": "{ __typename }"}, headers=headers
    )

    assert first.status_code == 200
    assert second.status_code == 429
    assert codes_of(second.json()) == {"RATE_LIMITED"}


# Several operations, no operationName: GraphQL-over-HTTP's request error, nothing run.

TWO_CREATES = (
    'mutation A { accountCreate(input: {name: "A"}) { errors { code } } } '
    'mutation B { accountCreate(input: {name: "B"}) { errors { code } } }'
)


@pytest.mark.parametrize(("accept", "status"), [("application/json", 200), (GRAPHQL_RESPONSE, 400)])
async def test_two_operations_without_an_operation_name_run_neither(
    post: Post, accept: str, status: int
) -> None:
    response = await post({"query": TWO_CREATES}, accept=accept)

    assert response.status_code == status
    body = response.json()
    assert body.get("data") is None
    assert [e["message"] for e in body["errors"]] == [
        "Must provide operation name if query contains multiple operations."
    ]
    assert await Account.all().count() == 0


async def test_the_named_one_of_two_operations_runs_alone(post: Post) -> None:
    response = await post({"query": TWO_CREATES, "operationName": "B"})

    assert response.json()["data"] == {"accountCreate": {"errors": []}}
    assert [a.name for a in await Account.all()] == ["B"]


async def test_a_document_of_one_operation_and_fragments_needs_no_name(post: Post) -> None:
    response = await post({"query": "query { ...F } fragment F on Query { __typename }"})

    assert response.json()["data"] == {"__typename": "Query"}


async def test_the_errors_of_a_subscription_carry_codes_too(
    settings: Settings, database: str
) -> None:
    """Streamed results (what the websocket sends) are coded like HTTP answers."""
    token, _ = await create_token("streams", "SALES")
    context = Context(
        request=None,
        response=None,
        principal=token,
        settings=settings,
        queue=None,
        request_id="codes",
    )
    schema = build_schema(settings)
    codes = []
    for query in ("subscription { nope }", "subscription { events { type } }"):
        stream = await schema.subscribe(query, context_value=context)
        async for result in stream:
            codes.append([(e.extensions or {}).get("code") for e in result.errors or []])

    assert codes == [["GRAPHQL_VALIDATION_FAILED"], ["FORBIDDEN"]]
