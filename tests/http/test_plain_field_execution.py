"""The executor's plain fields (api/execution.py) answer exactly what graphql-core's own path
answers — values, nulls, errors and their paths — and an order's lines bring their products
with the batch, so `product` awaits nothing and costs no statement of its own."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.context import Context
from api.execution import TandemExecutionContext, simplify_resolvers
from api.relay import encode_id
from api.schema import build_schema
from bench.support.raw_api import ACCOUNT_360_QUERY
from domain.accounts.models import Account
from domain.auth.models import ApiToken
from domain.auth.services import create_token
from domain.demo import seed_demo
from domain.orders.models import SalesOrder
from domain.settings import Settings


@strawberry.enum(description="A colour.")
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type(description="A tag of a thing.")
class Tag:
    text: str = strawberry.field(description="Never null in the schema.")
    weight: int | None = strawberry.field(description="May be null.")


@strawberry.type(description="Not a tag.")
class Other:
    text: str = strawberry.field(description="Some text.")


@strawberry.type(description="A thing.")
class Thing(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Never null in the schema.")
    nickname: str | None = strawberry.field(description="May be null.")
    count: int = strawberry.field(description="An Int.")
    colour: Colour = strawberry.field(description="An enum.")
    price: Decimal = strawberry.field(description="A Decimal.")

    tag: Tag | None = strawberry.field(description="An object read from an attribute.")

    @strawberry.field(description="A resolver taking only self.")
    def label(self) -> str:
        return f"{self.name}!"

    @strawberry.field(description="An object from a resolver taking only self.")
    def main_tag(self) -> Tag:
        return self.tag  # type: ignore[return-value]

    @strawberry.field(description="A resolver taking self and info.")
    def field_name(self, info: strawberry.Info) -> str:
        return info.field_name

    @classmethod
    def resolve_nodes(cls, *, info: Any, node_ids: Any, required: bool = False) -> list[Any]:
        return []


RED, BLUE = Colour.RED, Colour.BLUE
THINGS = [
    Thing(id=1, name="a", nickname=None, count=3, colour=RED, price=Decimal("1.50"), tag=None),
    Thing(id=2, name=None, nickname="b", count=4, colour=BLUE, price=Decimal(2), tag=None),  # type: ignore[arg-type]
    Thing(id=3, name="c", nickname="c", count="many", colour=RED, price=Decimal(0), tag=None),  # type: ignore[arg-type]
    Thing(id=4, name="d", nickname="d", count=5, colour="green", price=Decimal(1), tag=None),  # type: ignore[arg-type]
]


def _tagged(pk: int, name: str, tag: Any) -> Thing:
    return Thing(id=pk, name=name, nickname=name, count=1, colour=RED, price=Decimal(1), tag=tag)


# Tags: whole, with a null weight, with a null text (an error), of another type.
TAGGED = [
    _tagged(5, "e", Tag(text="t", weight=2)),
    _tagged(6, "f", Tag(text="u", weight=None)),
    _tagged(7, "g", Tag(text=None, weight=1)),  # type: ignore[arg-type]
    _tagged(8, "h", Other(text="x")),
]


async def _tags_later(tags: list[Tag]) -> list[Tag]:
    return tags


@strawberry.type(description="A shelf of things: lists of objects inside lists.")
class Shelf:
    label: str = strawberry.field(description="Never null.")
    things: list[Thing] = strawberry.field(description="Non-null items, read as an attribute.")
    tags: strawberry.Private[list[Tag]]
    held: strawberry.Private[bool]

    @strawberry.field(description="Handed over (a list) or loaded later (an awaitable).")
    def shelf_tags(self, info: strawberry.Info) -> list[Tag]:
        if self.held:
            return self.tags
        return _tags_later(self.tags)  # type: ignore[return-value]

    @strawberry.field(description="Reads its info: the path it answers at.")
    def where(self, info: strawberry.Info) -> Tag:
        return Tag(text=".".join(str(key) for key in info.path.as_list()), weight=None)


GOOD = _tagged(9, "i", Tag(text="v", weight=3))
SHELVES = [
    Shelf(label="whole", things=[GOOD, GOOD], tags=[Tag(text="w", weight=1)], held=True),
    Shelf(label="later", things=[GOOD], tags=[Tag(text="y", weight=None)], held=False),
    Shelf(label="null item", things=[GOOD, None], tags=[], held=True),  # type: ignore[list-item]
    Shelf(label="broken leaf", things=[THINGS[2]], tags=[], held=True),
    Shelf(label="null tag text", things=[], tags=[Tag(text=None, weight=1)], held=True),  # type: ignore[arg-type]
]


@strawberry.type(description="The root.")
class Query:
    @strawberry.field(description="Shelves, some of them broken.")
    def shelves(self) -> list[Shelf | None]:
        return list(SHELVES)

    @strawberry.field(description="Some things, some of them broken.")
    def things(self) -> list[Thing | None]:
        return list(THINGS)

    @strawberry.field(description="Some tagged things, some of their tags broken.")
    def tagged(self) -> list[Thing | None]:
        return list(TAGGED)


THINGS_QUERY = """{ things { id name nickname count colour price label fieldName
  again: name, fieldName2: fieldName, ... on Thing { count } } }"""


TAGS_QUERY = """{ tagged { name tag { text weight } mainTag { text, w: weight } } }"""

SHELVES_QUERY = """{ shelves { __typename label
  things { __typename id name count tag { text } mainTag { weight } }
  shelfTags { text weight } where { text } } }"""


def _schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    plain = strawberry.Schema(query=Query, execution_context_class=TandemExecutionContext)
    # Query.things, Query.tagged, Query.shelves, Thing.label, Thing.mainTag,
    # Thing.fieldName, Shelf.shelfTags and Shelf.where get a direct resolve function.
    assert simplify_resolvers(plain._schema) == 8
    ordinary = strawberry.Schema(
        query=Query, execution_context_class=StrawberryGraphQLCoreExecutionContext
    )
    return plain, ordinary


def _answer(result: Any) -> tuple[Any, list[tuple[str, list[Any] | None]]]:
    errors = [(error.message, error.path) for error in result.errors or []]
    return result.data, sorted(errors, key=lambda error: error[1] or [])


async def _same_through_both(query: str) -> tuple[Any, list[tuple[str, list[Any] | None]]]:
    """The answer of both executors, which must be the same."""
    plain, ordinary = _schemas()
    ours = _answer(await plain.execute(query))
    assert ours == _answer(await ordinary.execute(query))
    return ours


async def test_plain_fields_answer_values_nulls_and_errors_as_graphql_core_does() -> None:
    data, errors = await _same_through_both(THINGS_QUERY)
    # Thing 1 whole; 2 (a null name), 3 (an Int it is not) and 4 (no such enum value) fail
    # at their field, which nulls the item of the list (a nullable item).
    assert data["things"][0] == {
        "id": encode_id("Thing", 1),
        "name": "a",
        "nickname": None,
        "count": 3,
        "colour": "RED",
        "price": "1.50",
        "label": "a!",
        "fieldName": "fieldName",
        "again": "a",
        "fieldName2": "fieldName",  # the field's name, whatever its alias
    }
    assert data["things"][1:] == [None, None, None]
    # graphql-core stops an object's fields at its first non-null error.
    assert errors == [
        ("Cannot return null for non-nullable field Thing.name.", ["things", 1, "name"]),
        (errors[1][0], ["things", 2, "count"]),
        (errors[2][0], ["things", 3, "colour"]),
    ]
    assert "Int cannot represent non-integer value: 'many'" in errors[1][0]
    assert "'green'" in errors[2][0]


async def test_flat_objects_answer_values_nulls_and_errors_as_graphql_core_does() -> None:
    data, errors = await _same_through_both(TAGS_QUERY)
    assert data["tagged"][:2] == [
        {"name": "e", "tag": {"text": "t", "weight": 2}, "mainTag": {"text": "t", "w": 2}},
        {"name": "f", "tag": {"text": "u", "weight": None}, "mainTag": {"text": "u", "w": None}},
    ]
    # A null text nulls the (nullable) tag, and the non-null mainTag nulls the thing. Tag
    # has no type check (no interfaces): another object with a `text` answers it, its
    # missing `weight` an error of that nullable field.
    assert data["tagged"][2:] == [
        None,
        {"name": "h", "tag": {"text": "x", "weight": None}, "mainTag": {"text": "x", "w": None}},
    ]
    null_text = "Cannot return null for non-nullable field Tag.text."
    no_weight = "'Other' object has no attribute 'weight'"
    assert errors == [
        (null_text, ["tagged", 2, "mainTag", "text"]),
        (null_text, ["tagged", 2, "tag", "text"]),
        (no_weight, ["tagged", 3, "mainTag", "w"]),
        (no_weight, ["tagged", 3, "tag", "weight"]),
    ]


async def test_lists_of_objects_answer_values_nulls_and_errors_as_graphql_core_does() -> None:
    data, errors = await _same_through_both(SHELVES_QUERY)
    good = {
        "__typename": "Thing",
        "id": encode_id("Thing", 9),
        "name": "i",
        "count": 1,
        "tag": {"text": "v"},
        "mainTag": {"weight": 3},
    }
    assert data["shelves"][:2] == [
        {
            "__typename": "Shelf",
            "label": "whole",
            "things": [good, good],
            "shelfTags": [{"text": "w", "weight": 1}],
            "where": {"text": "shelves.0.where"},
        },
        {  # its tags awaited: the ordinary way from that field on
            "__typename": "Shelf",
            "label": "later",
            "things": [good],
            "shelfTags": [{"text": "y", "weight": None}],
            "where": {"text": "shelves.1.where"},
        },
    ]
    # A null in a list of non-null things, a Thing's count that is no Int and a tag's null
    # text each null their whole (nullable) shelf.
    assert data["shelves"][2:] == [None, None, None]
    assert errors == [
        (
            "Cannot return null for non-nullable field Shelf.things.",
            ["shelves", 2, "things", 1],
        ),
        (errors[1][0], ["shelves", 3, "things", 0, "count"]),
        (
            "Cannot return null for non-nullable field Tag.text.",
            ["shelves", 4, "shelfTags", 0, "text"],
        ),
    ]
    assert "Int cannot represent non-integer value: 'many'" in errors[1][0]


async def test_typename_anywhere_answers_as_graphql_core_does() -> None:
    # At the root and below an awaited list (the ordinary way there), `__typename` is read
    # as a plain field; aliased, it answers under its alias.
    data, errors = await _same_through_both(
        "{ __typename t: __typename shelves { __typename shelfTags { kind: __typename text } } }"
    )
    assert errors == [
        (
            "Cannot return null for non-nullable field Tag.text.",
            ["shelves", 4, "shelfTags", 0, "text"],
        )
    ]
    assert data == {
        "__typename": "Query",
        "t": "Query",
        "shelves": [
            {"__typename": "Shelf", "shelfTags": [{"kind": "Tag", "text": "w"}]},
            {"__typename": "Shelf", "shelfTags": [{"kind": "Tag", "text": "y"}]},
            {"__typename": "Shelf", "shelfTags": []},
            {"__typename": "Shelf", "shelfTags": []},
            None,
        ],
    }


def _context(settings: Settings, token: ApiToken) -> Context:
    return Context(
        request=None,
        response=None,
        principal=token,
        settings=settings,
        queue=None,
        request_id="plain-fields-test",
    )


async def test_the_demo_accounts_360_answers_are_the_same_through_both_executors(
    settings: Settings, database: str
) -> None:
    await seed_demo()
    token_row, _ = await create_token("plain-fields", "ADMIN")
    plain = build_schema(settings)
    ordinary = build_schema(settings, plain_fields=False)
    account_ids = await Account.all().order_by("id").values_list("id", flat=True)
    for account_id in account_ids:
        variables = {"id": encode_id("Account", account_id)}
        ours = await plain.execute(
            ACCOUNT_360_QUERY, variables, context_value=_context(settings, token_row)
        )
        theirs = await ordinary.execute(
            ACCOUNT_360_QUERY, variables, context_value=_context(settings, token_row)
        )
        assert ours.errors is None and theirs.errors is None
        assert ours.data == theirs.data


LINES_QUERY = """
query($id: ID!) { account(id: $id) { salesOrders(first: 100) { edges { node {
  lines { position product { sku } } } } } } }
"""
LINES_WITHOUT_PRODUCTS = """
query($id: ID!) { account(id: $id) { salesOrders(first: 100) { edges { node {
  lines { position } } } } } }
"""


async def test_lines_bring_their_products_in_one_statement_whatever_the_orders(
    gql: Any, count_queries: Any
) -> None:
    await seed_demo()
    counts = {}
    for account_id in await SalesOrder.all().distinct().values_list("account_id", flat=True):
        counts[account_id] = await SalesOrder.filter(account_id=account_id).count()
    few = min(counts, key=lambda a: (counts[a], a))
    many = max(counts, key=lambda a: (counts[a], -a))
    assert counts[few] < counts[many]
    await gql("{ __typename }")

    statements = {}
    for account_id in (few, many):
        with count_queries() as counted:
            answer = await gql(LINES_QUERY, {"id": encode_id("Account", account_id)})
        assert "errors" not in answer
        statements[account_id] = counted.statements
    with count_queries() as without:
        await gql(LINES_WITHOUT_PRODUCTS, {"id": encode_id("Account", many)})

    # token, account, its orders page, their lines, the lines' products: as many for an
    # account of 1 order as for the one with the most.
    assert len(statements[few]) == len(statements[many]) == 5, statements[many]
    assert sum('"products"' in s for s in statements[many]) == 1
    # Without `product` no products are read.
    assert len(without.statements) == 4
    assert not any('"products"' in s for s in without.statements)
