"""TANDEM_INTROSPECTION=false: introspection refused, and no "Did you mean …?" hints that would
spell the schema out field by field (§1)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.conftest import Post

MISSPELLINGS = [
    (
        {"query": "{ accounts { edges { node { nmae } } } }"},
        "Cannot query field 'nmae' on type 'Account'.",
    ),
    (
        {"query": "{ accounts(frist: 5) { totalCount } }"},
        "Unknown argument 'frist' on field 'Query.accounts'.",
    ),
    (
        {"query": "{ accounts(filter: {lifecycle: CUSTOMR}) { totalCount } }"},
        "Value 'CUSTOMR' does not exist in 'AccountLifecycle' enum.",
    ),
    (
        {"query": "query Q($filter: AcountFilter) { accounts { totalCount } }"},
        "Unknown type 'AcountFilter'.",
    ),
    (
        {
            "query": "mutation C($input: AccountCreateInput!) "
            "{ accountCreate(input: $input) { errors { code } } }",
            "variables": {"input": {"name": "Acme", "industri": "Tools"}},
        },
        "Variable '$input' has invalid value: Expected value of type 'AccountCreateInput' "
        "not to include unknown field 'industri'. Found: {'name': 'Acme', 'industri': 'Tools'}.",
    ),
    (
        {
            "query": "query Q($lifecycle: AccountLifecycle) "
            "{ accounts(filter: {lifecycle: $lifecycle}) { totalCount } }",
            "variables": {"lifecycle": "CUSTOMR"},
        },
        "Variable '$lifecycle' has invalid value: "
        "Value 'CUSTOMR' does not exist in 'AccountLifecycle' enum.",
    ),
]


def messages(response: Any) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


@pytest.mark.parametrize(("body", "message"), MISSPELLINGS)
async def test_errors_carry_no_suggestions_when_introspection_is_off(
    closed_post: Post, body: dict[str, Any], message: str
) -> None:
    response = await closed_post(body)

    assert response.status_code == 200
    assert message in messages(response)
    assert not any("Did you mean" in m for m in messages(response))


async def test_with_introspection_on_the_same_mistake_gets_its_suggestion(post: Post) -> None:
    response = await post(MISSPELLINGS[0][0])

    assert messages(response) == [
        "Cannot query field 'nmae' on type 'Account'. Did you mean 'name'?"
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("{ __schema { types { name } } }", "__schema"),
        ('{ __type(name: "Account") { fields { name } } }', "__type"),
        ('{ account(id: "x") { id } t: __type(name: "Product") { name } }', "__type"),
    ],
)
async def test_introspection_queries_are_refused_and_nothing_runs(
    closed_post: Post, query: str, field: str
) -> None:
    response = await closed_post({"query": query})

    assert response.json()["data"] is None
    assert messages(response)[0] == (
        "GraphQL introspection has been disabled, but the requested query contained the field "
        f"'{field}'."
    )


async def test_typename_still_answers_when_introspection_is_off(closed_post: Post) -> None:
    response = await closed_post({"query": "{ __typename }"})

    assert response.json() == {
        "data": {"__typename": "Query"},
        "extensions": {"cost": {"requested": 0, "limit": 50000}},
    }


async def test_introspection_answers_when_it_is_on(post: Post) -> None:
    response = await post({"query": '{ __type(name: "Account") { name } }'})

    assert response.json() == {
        "data": {"__type": {"name": "Account"}},
        "extensions": {"cost": {"requested": 1, "limit": 50000}},
    }
