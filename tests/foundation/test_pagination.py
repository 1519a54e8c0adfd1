"""Relay connections: first/after/last/before, totalCount and the page-size limit (§2)."""

from __future__ import annotations

from typing import Any

import pytest

QUERY = """
query($first: Int, $after: String, $last: Int, $before: String) {
  accounts(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def names(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in result["data"]["accounts"]["edges"]]


@pytest.fixture
async def seven_accounts(make_accounts: Any) -> None:
    await make_accounts(7)


async def test_first_page_then_the_next_after_its_end_cursor(
    gql: Any, seven_accounts: None
) -> None:
    first = await gql(QUERY, {"first": 3})
    page = first["data"]["accounts"]
    assert names(first) == ["Account 01", "Account 02", "Account 03"]
    assert page["totalCount"] == 7
    assert page["pageInfo"]["hasNextPage"] is True
    assert page["pageInfo"]["hasPreviousPage"] is False

    second = await gql(QUERY, {"first": 3, "after": page["pageInfo"]["endCursor"]})
    assert names(second) == ["Account 04", "Account 05", "Account 06"]

    third = await gql(
        QUERY, {"first": 3, "after": second["data"]["accounts"]["pageInfo"]["endCursor"]}
    )
    assert names(third) == ["Account 07"]
    assert third["data"]["accounts"]["pageInfo"]["hasNextPage"] is False
    assert third["data"]["accounts"]["pageInfo"]["hasPreviousPage"] is True


async def test_last_page_then_the_one_before_its_start_cursor(
    gql: Any, seven_accounts: None
) -> None:
    last = await gql(QUERY, {"last": 2})
    assert names(last) == ["Account 06", "Account 07"]
    assert last["data"]["accounts"]["pageInfo"]["hasNextPage"] is False
    assert last["data"]["accounts"]["pageInfo"]["hasPreviousPage"] is True

    before = await gql(
        QUERY, {"last": 2, "before": last["data"]["accounts"]["pageInfo"]["startCursor"]}
    )
    assert names(before) == ["Account 04", "Account 05"]


async def test_first_after_the_last_cursor_is_an_empty_page(gql: Any, seven_accounts: None) -> None:
    everything = await gql(QUERY, {"first": 100})
    end = everything["data"]["accounts"]["pageInfo"]["endCursor"]

    after_end = await gql(QUERY, {"first": 5, "after": end})

    assert names(after_end) == []
    assert after_end["data"]["accounts"]["totalCount"] == 7
    assert after_end["data"]["accounts"]["pageInfo"]["hasNextPage"] is False


async def test_without_arguments_a_page_holds_twenty(gql: Any, make_accounts: Any) -> None:
    await make_accounts(21)

    result = await gql(QUERY)

    assert len(names(result)) == 20
    assert result["data"]["accounts"]["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize("arguments", [{"first": 101}, {"last": 101}, {"first": -1}])
async def test_a_page_size_outside_zero_to_one_hundred_is_refused(
    gql: Any, seven_accounts: None, arguments: dict[str, int]
) -> None:
    result = await gql(QUERY, arguments)

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_cursor_that_is_not_ours_is_refused(gql: Any, seven_accounts: None) -> None:
    result = await gql(QUERY, {"first": 2, "after": "not-a-cursor"})

    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_filter_by_search_and_order_descending(gql: Any, seven_accounts: None) -> None:
    result = await gql(
        """{ accounts(filter: {search: "account 0"}, orderBy: {field: NAME, direction: DESC},
               first: 2) { totalCount edges { node { name } } } }"""
    )

    assert names(result) == ["Account 07", "Account 06"]
    assert result["data"]["accounts"]["totalCount"] == 7
