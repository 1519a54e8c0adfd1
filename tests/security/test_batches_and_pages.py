"""Batches are refused (one operation per request keeps the limits per request meaningful) and
no page is larger than 100 (§2)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account
from tests.security.conftest import GRAPHQL_RESPONSE, Post

CREATE = {"query": 'mutation { accountCreate(input: {name: "Batched"}) { errors { code } } }'}


@pytest.mark.parametrize("size", [2, 11])
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_a_batch_is_refused_with_400_and_nothing_runs(
    post: Post, size: int, accept: str
) -> None:
    response = await post([CREATE] * size, accept=accept)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Batched operations are not accepted: send one per request.",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }
    assert await Account.all().count() == 0


async def test_a_single_operation_in_an_array_is_still_a_batch(post: Post) -> None:
    response = await post([CREATE])

    assert response.status_code == 400
    assert await Account.all().count() == 0


@pytest.mark.parametrize(
    "query",
    [
        "{ accounts(first: 101) { totalCount } }",
        "{ accounts(last: 101) { totalCount } }",
        "{ accounts(first: -1) { totalCount } }",
    ],
)
async def test_a_page_larger_than_100_is_refused(gql: Any, query: str) -> None:
    result = await gql(query)

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert result["errors"][0]["path"] == ["accounts"]


async def test_a_nested_page_larger_than_100_is_refused(gql: Any) -> None:
    await create_account({"name": "Acme"})

    result = await gql(
        "{ accounts { edges { node { name opportunities(first: 101) { totalCount } } } } }"
    )

    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert result["errors"][0]["path"] == ["accounts", "edges", 0, "node", "opportunities"]


async def test_a_page_of_100_is_served(gql: Any) -> None:
    for number in range(101):
        await create_account({"name": f"Account {number:03d}"})

    result = await gql("{ accounts(first: 100) { edges { cursor } pageInfo { hasNextPage } } }")

    assert len(result["data"]["accounts"]["edges"]) == 100
    assert result["data"]["accounts"]["pageInfo"]["hasNextPage"] is True
