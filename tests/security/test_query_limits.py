"""Depth, alias and token limits, fragments included: refused before anything runs (§2).

Depth counts as graphql-depth-limit does: the root field is at depth 0, so in
`mutation { accountCreate { account { id } } }` the deepest field, `id`, is at depth 2.
"""

from __future__ import annotations

from typing import Any

import pytest

from domain.accounts.models import Account
from tests.security.conftest import GRAPHQL_RESPONSE, Post, global_id

# accountCreate's payload → Account → ContactConnection → ContactEdge → Contact → Account …
CHAIN = ("account", "contacts", "edges", "node")
LEAF = {"account": "id", "contacts": "totalCount", "edges": "cursor", "node": "id"}
# The type each field of the chain is selected on (for fragments).
PARENT = {"contacts": "Account", "edges": "ContactConnection", "node": "ContactEdge"}


def nested_selection(depth: int) -> str:
    """`account { contacts { edges { node { account { … leaf } } } } }` whose leaf sits
    `depth` levels below it."""
    names = [CHAIN[level % len(CHAIN)] for level in range(depth - 1)]
    selection = LEAF[names[-1]]
    for name in reversed(names):
        selection = f"{name} {{ {selection} }}"
    return selection


def create_with_depth(depth: int) -> str:
    return f'mutation {{ accountCreate(input: {{name: "Deep"}}) {{ {nested_selection(depth)} }} }}'


def create_with_depth_through_fragments(depth: int) -> str:
    """The same depth, but every level after the second is reached through a fragment."""
    fragments = []
    for level in range(2, depth):
        field = CHAIN[(level - 1) % len(CHAIN)]
        inner = LEAF[field] if level == depth - 1 else f"...L{level + 1}"
        target = PARENT.get(field, "Contact")
        fragments.append(f"fragment L{level} on {target} {{ {field} {{ {inner} }} }}")
    return 'mutation { accountCreate(input: {name: "Deep"}) { account { ...L2 } } } ' + " ".join(
        fragments
    )


def creates(count: int, *, prefix: str = "a") -> str:
    return " ".join(
        f'{prefix}{n}: accountCreate(input: {{name: "Alias {prefix}{n}"}}) {{ errors {{ code }} }}'
        for n in range(count)
    )


async def test_depth_twelve_runs(gql: Any) -> None:
    result = await gql(create_with_depth(12))

    assert "errors" not in result
    assert await Account.all().count() == 1


async def test_depth_thirteen_is_refused_and_nothing_runs(gql: Any) -> None:
    result = await gql(create_with_depth(13))

    assert result["data"] is None
    assert result["errors"][0]["message"] == "'anonymous' exceeds maximum operation depth of 12"
    assert await Account.all().count() == 0


async def test_depth_reached_through_fragments_counts_the_same(gql: Any) -> None:
    allowed = await gql(create_with_depth_through_fragments(12))
    refused = await gql(create_with_depth_through_fragments(13))

    assert "errors" not in allowed
    assert refused["errors"][0]["message"].endswith("exceeds maximum operation depth of 12")
    assert await Account.all().count() == 1


async def test_a_refused_depth_is_a_400_for_graphql_response_json(post: Post) -> None:
    response = await post({"query": create_with_depth(13)}, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    assert "data" not in response.json()


async def test_thirty_aliases_run(gql: Any) -> None:
    result = await gql(f"mutation {{ {creates(30)} }}")

    assert "errors" not in result
    assert await Account.all().count() == 30


async def test_thirty_one_aliased_creates_are_refused_and_none_runs(gql: Any) -> None:
    result = await gql(f"mutation {{ {creates(31)} }}")

    assert result["data"] is None
    assert result["errors"][0]["message"] == "31 aliases found. Allowed: 30"
    assert await Account.all().count() == 0


async def test_aliases_inside_fragments_count(gql: Any) -> None:
    query = f"mutation {{ {creates(1, prefix='top')} ...Creates }} "
    query += f"fragment Creates on Mutation {{ {creates(30)} }}"

    result = await gql(query)

    assert result["errors"][0]["message"] == "31 aliases found. Allowed: 30"
    assert await Account.all().count() == 0


async def test_a_fragment_spread_twice_counts_its_aliases_twice(gql: Any) -> None:
    query = "query { ...Names ...Names } "
    query += "fragment Names on Query { " + " ".join(f"n{n}: __typename" for n in range(16)) + " }"

    result = await gql(query)

    assert result["errors"][0]["message"] == "32 aliases found. Allowed: 30"


async def test_thirty_aliases_through_fragments_run(gql: Any) -> None:
    query = "mutation { ...Creates } "
    query += f"fragment Creates on Mutation {{ {creates(30)} }}"

    result = await gql(query)

    assert "errors" not in result
    assert await Account.all().count() == 30


async def test_fragments_that_double_at_every_level_are_refused_without_walking_them(
    gql: Any,
) -> None:
    """60 fragments each spreading the next one twice name 2^60 fields: validating them
    field by field would never finish; measured once per fragment it is immediate."""
    levels = 60
    fragments = " ".join(
        f"fragment F{n} on Query {{ a{n}: __typename ...F{n + 1} ...F{n + 1} }}"
        for n in range(levels)
    )
    query = f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"

    result = await gql(query)

    assert result["data"] is None
    assert result["errors"][0]["message"] == f"{2**levels - 1} aliases found. Allowed: 30"


async def test_doubling_fragments_without_aliases_run_once_per_field(gql: Any) -> None:
    levels = 60
    fragments = " ".join(
        f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(levels)
    )
    query = f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"

    result = await gql(query)

    assert result == {
        "data": {"__typename": "Query"},
        "extensions": {"cost": {"requested": 0, "limit": 50000}},
    }


async def test_a_chain_of_hundreds_of_fragments_is_refused_cleanly(post: Post) -> None:
    links = 500
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} }}" for n in range(links))
    query = f"query {{ ...F0 }} {fragments} fragment F{links} on Query {{ __typename }}"

    response = await post({"query": query})

    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["message"] == "The document is nested too deeply."


async def test_a_document_of_more_than_5000_tokens_is_refused_and_nothing_runs(
    gql: Any,
) -> None:
    padding = " ".join("__typename" for _ in range(5000))
    query = f'mutation {{ accountCreate(input: {{name: "Big"}}) {{ {padding} }} }}'

    result = await gql(query)

    assert result["data"] is None
    assert result["errors"][0]["message"] == (
        "Syntax Error: Document contains more than 5000 tokens. Parsing aborted."
    )
    assert await Account.all().count() == 0


@pytest.mark.parametrize(("ids", "refused"), [(4988, False), (4989, True)])
async def test_the_token_limit_is_exactly_5000(gql: Any, ids: int, refused: bool) -> None:
    """`{ nodes ( ids : [ … ] ) { id } }` is 12 tokens around the list: 4988 ids make 5000,
    which parse (and then meet the limit of 100 ids)."""
    unknown = global_id("NoSuchType", 1)
    query = "{ nodes(ids: [" + " ".join(f'"{unknown}"' for _ in range(ids)) + "]) { id } }"

    result = await gql(query)

    message = result["errors"][0]["message"]
    if refused:
        assert message.endswith("more than 5000 tokens. Parsing aborted.")
    else:
        assert message == "`ids` takes at most 100 ids."


def repeated(count: int, selection: str = "accounts { totalCount }") -> str:
    return "{ " + " ".join(selection for _ in range(count)) + " }"


async def test_a_field_repeated_fifty_times_runs(gql: Any) -> None:
    result = await gql(repeated(50))

    assert result == {
        "data": {"accounts": {"totalCount": 0}},
        "extensions": {"cost": {"requested": 50, "limit": 50000}},
    }


@pytest.mark.parametrize(
    "query",
    [
        repeated(51),
        repeated(51, "... on Query { accounts { totalCount } }"),
        "{ "
        + " ".join(f"...F{n}" for n in range(51))
        + " } "
        + " ".join(f"fragment F{n} on Query {{ accounts {{ totalCount }} }}" for n in range(51)),
    ],
)
async def test_a_field_repeated_more_than_fifty_times_is_refused(gql: Any, query: str) -> None:
    """graphql-core compares every pair of same-named fields: 500 copies of one field cost it
    a second of CPU, so such a document is refused before it gets there."""
    result = await gql(query)

    assert result["data"] is None
    assert result["errors"] == [
        {
            "message": "'accounts' is selected 51 times in one selection set "
            "(fragments included). Allowed: 50",
            "locations": [{"line": 1, "column": 1}],
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        }
    ]


async def test_five_hundred_copies_of_a_nested_field_are_refused(gql: Any) -> None:
    copies = " ".join("opportunities(first: 1) { totalCount }" for _ in range(500))

    result = await gql(f"{{ accounts {{ edges {{ node {{ {copies} }} }} }} }}")

    assert result["errors"][0]["message"].startswith("'opportunities' is selected 500 times")


async def test_nodes_takes_at_most_100_ids(gql: Any) -> None:
    unknown = global_id("NoSuchType", 1)

    allowed = await gql(
        "query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [unknown] * 100}
    )
    refused = await gql(
        "query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [unknown] * 101}
    )

    assert allowed == {
        "data": {"nodes": [None] * 100},
        "extensions": {"cost": {"requested": 100, "limit": 50000}},
    }
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_nesting_deeper_than_the_parser_allows_is_a_syntax_error(post: Post) -> None:
    query = "{ node(id: " + "[" * 2000 + "]" * 2000 + ") { id } }"

    response = await post({"query": query}, accept=GRAPHQL_RESPONSE)

    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert message == "Syntax Error: Document is nested too deeply. Parsing aborted."


@pytest.mark.parametrize(
    "query",
    [
        "query { ...A } fragment A on Query { ...A }",
        "query { accounts { edges { node { ...A } } } } "
        "fragment A on Account { contacts { edges { node { ...B } } } } "
        "fragment B on Contact { account { ...A } }",
    ],
)
@pytest.mark.parametrize(("accept", "status"), [("application/json", 200), (GRAPHQL_RESPONSE, 400)])
async def test_circular_fragments_are_a_clean_validation_error(
    post: Post, query: str, accept: str, status: int
) -> None:
    response = await post({"query": query}, accept=accept)

    assert response.status_code == status
    errors = response.json()["errors"]
    assert errors[0]["message"].startswith("Cannot spread fragment 'A' within itself")
    assert all(
        "extensions" not in e or e["extensions"].get("code") != "INTERNAL_SERVER_ERROR"
        for e in errors
    )


async def test_an_unknown_fragment_is_a_clean_validation_error(gql: Any) -> None:
    result = await gql("query { ...Missing }")

    assert result == {
        "data": None,
        "errors": [
            {
                "message": "Unknown fragment 'Missing'.",
                "locations": [{"line": 1, "column": 12}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ],
        "extensions": {"cost": {"requested": 0, "limit": 50000}},
    }
