"""Query cost (§2): the objects a query may return, counted from the document before anything
runs; over TANDEM_MAX_QUERY_COST the query is refused; every response says its cost."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
import strawberry
from graphql import get_introspection_query

from api.context import Context
from api.schema import build_schema
from domain.accounts.models import Account
from domain.auth.models import ApiToken
from domain.auth.services import create_token
from domain.settings import Settings
from tests.conftest import QueryCounter
from tests.security.conftest import GRAPHQL_RESPONSE, Post, global_id

ACCOUNT = global_id("Account", 1)


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        ("{ __typename }", None, 0),
        ("{ accounts { totalCount } }", None, 1),
        # 1 connection + 10 × (edge + node)
        ("{ accounts(first: 10) { edges { node { id name } } } }", None, 21),
        ("{ accounts(last: 7) { edges { node { id } } } }", None, 15),
        # the default page is 20; pageInfo is one object, totalCount none
        (
            "{ accounts { edges { cursor node { id } } pageInfo { hasNextPage } totalCount } }",
            None,
            42,
        ),
        ("query Q($n: Int) { accounts(first: $n) { edges { node { id } } } }", {"n": 5}, 11),
        ("query Q($n: Int) { accounts(first: $n) { edges { node { id } } } }", {}, 41),
        ("query Q($n: Int = 3) { accounts(first: $n) { edges { node { id } } } }", {}, 7),
        ("query Q($n: Int = 3) { accounts(first: $n) { edges { node { id } } } }", {"n": 9}, 19),
        # 1 + 10 × (edge + node + opportunities (1 + 5 × 2))
        (
            "{ accounts(first: 10) { edges { node { "
            "opportunities(first: 5) { edges { node { id } } } } } } }",
            None,
            131,
        ),
        # the same through fragments
        (
            "{ accounts(first: 10) { ...Page } } "
            "fragment Page on AccountConnection { edges { node { ...Deals } } } "
            "fragment Deals on Account { opportunities(first: 5) { edges { node { id } } } }",
            None,
            131,
        ),
        # a fragment counts wherever it is spread, with that connection's page size
        (
            "{ a: accounts(first: 2) { ...E } b: accounts(first: 3) { ...E } } "
            "fragment E on AccountConnection { edges { node { id } } }",
            None,
            12,
        ),
        # an interface counts its costliest type
        (
            f'{{ node(id: "{ACCOUNT}") {{ id ... on Account {{ opportunities(first: 10) '
            "{ edges { node { id } } } } ... on Product { id } } }",
            None,
            22,
        ),
        # a plain list is one object: 1 + 2 × (edge + order + lines (1 + product 1))
        ("{ salesOrders(first: 2) { edges { node { lines { product { id } } } } } }", None, 9),
        # nodes(ids:) counts its ids
        (f'{{ nodes(ids: ["{ACCOUNT}", "{ACCOUNT}", "{ACCOUNT}"]) {{ id }} }}', None, 3),
        ("query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [ACCOUNT] * 4}, 4),
        # skipped fields count nothing
        ("{ accounts(first: 10) @skip(if: true) { edges { node { id } } } }", None, 0),
        (
            "query Q($yes: Boolean!) { accounts(first: 10) @include(if: $yes) { totalCount } }",
            {"yes": False},
            0,
        ),
        # a mutation's payload: payload + account + the (plain) list of errors
        (
            'mutation { accountCreate(input: {name: "Costed"}) '
            "{ account { id } errors { code } } }",
            None,
            3,
        ),
    ],
)
async def test_the_cost_of_a_query_is_the_objects_it_may_return(
    gql: Any, query: str, variables: dict[str, Any] | None, cost: int
) -> None:
    result = await gql(query, variables)

    assert "errors" not in result
    assert result["extensions"]["cost"] == {"requested": cost, "limit": 50000}


async def test_first_and_last_together_are_refused_but_costed_by_the_larger(gql: Any) -> None:
    result = await gql("{ accounts(first: 3, last: 7) { edges { node { id } } } }")

    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["BAD_USER_INPUT"]
    assert result["extensions"]["cost"] == {"requested": 15, "limit": 50000}


async def test_introspection_is_costed_like_any_query_and_stays_cheap(gql: Any) -> None:
    result = await gql(get_introspection_query(descriptions=True))

    assert "errors" not in result
    assert result["extensions"]["cost"] == {"requested": 71, "limit": 50000}


# accounts(100) × opportunities(100) × activities(100): 1 + 100 × (3 + 100 × 203) = 2 030 301
COSTLY = (
    'mutation Costly { accountCreate(input: {name: "Never"}) { errors { code } } } '
    "query Expensive { accounts(first: 100) { edges { node { opportunities(first: 100) { "
    "edges { node { activities(first: 100) { edges { node { id } } } } } } } } } }"
)


@pytest.mark.parametrize(("accept", "status"), [("application/json", 200), (GRAPHQL_RESPONSE, 400)])
async def test_a_query_over_the_limit_is_refused(post: Post, accept: str, status: int) -> None:
    response = await post({"query": COSTLY, "operationName": "Expensive"}, accept=accept)

    assert response.status_code == status
    body = response.json()
    assert body.get("data") is None
    [error] = body["errors"]
    assert error["message"] == "The query costs 2030301, more than the limit of 50000."
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": {"requested": 2030301, "limit": 50000},
    }
    assert body["extensions"]["cost"] == {"requested": 2030301, "limit": 50000}


def _context(settings: Settings, principal: ApiToken) -> Context:
    return Context(
        request=None,
        response=None,
        principal=principal,
        settings=settings,
        queue=None,
        request_id="cost-test",
    )


CostedSchema = tuple[strawberry.Schema, Context]


@pytest.fixture
async def schema_with_limit(settings: Settings, database: str) -> Callable[[int], CostedSchema]:
    token, _ = await create_token("cost", "ADMIN")

    def build(limit: int) -> CostedSchema:
        limited = replace(settings, max_query_cost=limit)
        return build_schema(limited), _context(limited, token)

    return build


async def test_a_refused_query_runs_no_sql_at_all(
    schema_with_limit: Callable[[int], CostedSchema],
    count_queries: Callable[[], contextlib.AbstractContextManager[QueryCounter]],
) -> None:
    schema, context = schema_with_limit(50000)
    with count_queries() as counter:
        result = await schema.execute(COSTLY, operation_name="Expensive", context_value=context)

    assert result.data is None
    assert [e.extensions for e in result.errors or []] == [
        {"code": "QUERY_TOO_COSTLY", "cost": {"requested": 2030301, "limit": 50000}}
    ]
    assert counter.count == 0


async def test_the_limit_is_the_setting_and_a_query_at_it_runs(
    schema_with_limit: Callable[[int], CostedSchema],
) -> None:
    schema, context = schema_with_limit(21)
    at_limit = "{ accounts(first: 10) { edges { node { id } } } }"
    over = "{ accounts(first: 10) { edges { node { id } } } pageInfo: accounts { totalCount } }"

    allowed = await schema.execute(at_limit, context_value=context)
    refused = await schema.execute(over, context_value=context)

    assert allowed.errors is None
    assert allowed.extensions == {"cost": {"requested": 21, "limit": 21}}
    assert refused.data is None
    assert refused.extensions == {"cost": {"requested": 22, "limit": 21}}


async def test_a_mutation_over_the_limit_writes_nothing(
    schema_with_limit: Callable[[int], CostedSchema],
) -> None:
    schema, context = schema_with_limit(2)
    mutation = 'mutation { accountCreate(input: {name: "X"}) { account { id } errors { code } } }'

    result = await schema.execute(mutation, context_value=context)

    assert [(e.extensions or {}).get("code") for e in result.errors or []] == ["QUERY_TOO_COSTLY"]
    assert await Account.all().count() == 0


async def test_a_subscription_is_costed_per_event_before_it_listens(
    schema_with_limit: Callable[[int], CostedSchema],
) -> None:
    """jobRunUpdated + its mrpRun + plannedOrders(50): 1 + 1 + 1 + 50 × 2 = 103."""
    schema, context = schema_with_limit(100)
    subscription = (
        "subscription S($id: ID!) { jobRunUpdated(id: $id) { id mrpRun { "
        "plannedOrders(first: 50) { edges { node { id } } } } } }"
    )

    stream = await schema.subscribe(
        subscription, variable_values={"id": global_id("JobRun", 1)}, context_value=context
    )
    results = [result async for result in stream]

    [result] = results
    assert result.data is None
    assert [(e.extensions or {}).get("code") for e in result.errors or []] == ["QUERY_TOO_COSTLY"]
    assert result.extensions == {"cost": {"requested": 103, "limit": 100}}


@pytest.mark.parametrize(
    ("body", "requested"),
    [
        ({"query": "{ accounts { totalCount } }"}, 1),
        ({"query": '{ node(id: "garbage") { id } }'}, 1),  # a field error: it was costed
        ({"query": "{ nope }"}, 0),  # invalid: refused before it could be costed
        ({"query": "{ accounts { "}, 0),
        ({"query": "query A { __typename }", "operationName": "B"}, 0),
        ({"query": "subscription { events { type } }"}, 0),
        ({"query": "query A { __typename } query B { __typename }"}, 0),
    ],
)
async def test_every_response_carries_its_cost(
    post: Post, body: dict[str, Any], requested: int
) -> None:
    response = await post(body)

    assert response.json()["extensions"]["cost"] == {"requested": requested, "limit": 50000}
