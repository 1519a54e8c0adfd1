"""Query depth, alias and token limits: refused before anything runs (contract §2)."""

from __future__ import annotations

from typing import Any

from domain.accounts.models import Account

# accountCreate's payload → Account → ContactConnection → ContactEdge → Contact → Account …
CHAIN = ("account", "contacts", "edges", "node")
LEAF = {"account": "id", "contacts": "totalCount", "edges": "cursor", "node": "id"}


def create_with_depth(depth: int) -> str:
    """accountCreate { account { contacts { edges { node { account { … } } } } } } with
    `depth` levels."""
    names = [CHAIN[level % len(CHAIN)] for level in range(depth - 1)]
    selection = LEAF[names[-1]]
    for name in reversed(names):
        selection = f"{name} {{ {selection} }}"
    return f'mutation {{ accountCreate(input: {{name: "Deep"}}) {{ {selection} }} }}'


def creates_with_aliases(count: int) -> str:
    fields = " ".join(
        f'a{n}: accountCreate(input: {{name: "Alias {n}"}}) {{ errors {{ code }} }}'
        for n in range(count)
    )
    return f"mutation {{ {fields} }}"


async def test_depth_twelve_runs(gql: Any) -> None:
    result = await gql(create_with_depth(12))

    assert "errors" not in result
    assert await Account.all().count() == 1


async def test_depth_thirteen_is_refused_and_nothing_runs(gql: Any) -> None:
    result = await gql(create_with_depth(13))

    assert "exceeds maximum operation depth of 12" in result["errors"][0]["message"]
    assert result.get("data") is None
    assert await Account.all().count() == 0


async def test_thirty_aliases_run(gql: Any) -> None:
    result = await gql(creates_with_aliases(30))

    assert "errors" not in result
    assert await Account.all().count() == 30


async def test_thirty_one_aliases_are_refused_and_nothing_runs(gql: Any) -> None:
    result = await gql(creates_with_aliases(31))

    assert "aliases found. Allowed: 30" in result["errors"][0]["message"]
    assert await Account.all().count() == 0


async def test_more_than_five_thousand_tokens_are_refused(gql: Any) -> None:
    fields = " ".join("__typename" for _ in range(5001))

    result = await gql(f"{{ {fields} }}")

    assert "5000 tokens" in result["errors"][0]["message"]
    assert result.get("data") is None
