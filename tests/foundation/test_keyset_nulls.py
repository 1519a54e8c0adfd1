"""Keyset paging over a sort field that may be NULL: one order on both dialects (§2 Lists)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.pipeline.models import Opportunity
from tests.factories import make_account_row

QUERY = """
query($first: Int, $after: String, $last: Int, $before: String, $direction: OrderDirection!) {
  opportunities(first: $first, after: $after, last: $last, before: $before,
                orderBy: {field: EXPECTED_CLOSE_DATE, direction: $direction}) {
    edges { node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

# name → expected close date; NULL sorts after every date (ASC last, DESC first), ties by id.
DEALS = {
    "d1": date(2027, 1, 5),
    "n1": None,
    "d2": date(2027, 1, 5),
    "d3": date(2026, 12, 20),
    "n2": None,
    "d4": date(2027, 3, 1),
}
ASCENDING = ["d3", "d1", "d2", "d4", "n1", "n2"]
DESCENDING = ["n1", "n2", "d4", "d1", "d2", "d3"]  # ties by id, ascending


@pytest.fixture
async def deals() -> None:
    account = await make_account_row()
    for name, close in DEALS.items():
        await Opportunity.create(
            name=name, account_id=account.id, currency="USD", expected_close_date=close
        )


async def page_forward(gql: Any, direction: str, size: int) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        body = await gql(QUERY, {"first": size, "after": after, "direction": direction})
        page = body["data"]["opportunities"]
        seen += [edge["node"]["name"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


async def page_backward(gql: Any, direction: str, size: int) -> list[str]:
    seen: list[str] = []
    before = None
    while True:
        body = await gql(QUERY, {"last": size, "before": before, "direction": direction})
        page = body["data"]["opportunities"]
        seen = [edge["node"]["name"] for edge in page["edges"]] + seen
        if not page["pageInfo"]["hasPreviousPage"]:
            return seen
        before = page["pageInfo"]["startCursor"]


@pytest.mark.parametrize(("direction", "expected"), [("ASC", ASCENDING), ("DESC", DESCENDING)])
@pytest.mark.parametrize("size", [1, 2, 4])
async def test_paging_forward_crosses_nulls_once_each(
    gql: Any, deals: None, direction: str, expected: list[str], size: int
) -> None:
    assert await page_forward(gql, direction, size) == expected


@pytest.mark.parametrize(("direction", "expected"), [("ASC", ASCENDING), ("DESC", DESCENDING)])
@pytest.mark.parametrize("size", [1, 2, 4])
async def test_paging_backward_crosses_nulls_once_each(
    gql: Any, deals: None, direction: str, expected: list[str], size: int
) -> None:
    assert await page_backward(gql, direction, size) == expected
