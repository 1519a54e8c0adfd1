"""Dataloaders: a list query's SQL count depends on its shape, never on its length (§2)."""

from __future__ import annotations

from typing import Any

QUERY = """
query($first: Int!) {
  accounts(first: $first) {
    totalCount
    edges { node { name contacts {
      totalCount edges { node { firstName email account { name } } } } } }
  }
}
"""


async def test_fifty_accounts_with_contacts_cost_as_many_statements_as_five(
    gql: Any, make_accounts: Any, count_queries: Any
) -> None:
    await make_accounts(50, contacts=2)
    await gql("{ __typename }")  # the token is created and cached outside the counted part

    with count_queries() as five:
        small = await gql(QUERY, {"first": 5})
    with count_queries() as fifty:
        large = await gql(QUERY, {"first": 50})

    assert len(small["data"]["accounts"]["edges"]) == 5
    assert len(large["data"]["accounts"]["edges"]) == 50
    assert (
        sum(len(e["node"]["contacts"]["edges"]) for e in large["data"]["accounts"]["edges"]) == 100
    )
    # token lookup, page, totalCount, contacts, their accounts (cached by the page's loader);
    # a page holding the whole list (all 50) knows its totalCount without a COUNT.
    assert five.count <= 5, five.statements
    assert fifty.count == five.count - 1
    assert [s for s in five.statements if s.startswith("SELECT COUNT(*)")] != []
    assert [s for s in fifty.statements if s.startswith("SELECT COUNT(*)")] == []
