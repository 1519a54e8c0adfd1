"""The validation and cost memos are per schema (api/schema_memo.py): a schema that answered
is freed with them, and each schema's memo answers for its own schema alone."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace
from types import SimpleNamespace

from graphql import DocumentNode, GraphQLSchema, parse
from graphql import build_schema as build_sdl

from api.schema import build_schema
from api.schema_memo import PerSchemaMemo
from domain.settings import Settings

# A request without a token: refused FORBIDDEN, after validation and cost.
NO_ONE = SimpleNamespace(principal=None, request_id="memo-test-1")
QUERY = "query Q($n: Int) { accounts(first: $n) { edges { node { id } } } }"


async def test_a_schema_that_answered_is_freed_with_its_memos(settings: Settings) -> None:
    schema = build_schema(replace(settings, max_query_cost=1000))
    answers = [
        await schema.execute(QUERY, {"n": 7}, context_value=NO_ONE, operation_name="Q")
        for _ in range(2)  # the second takes the fast path, with the memoised cost
    ]
    assert [(a.extensions, [e.extensions for e in a.errors or []]) for a in answers] == [
        ({"cost": {"requested": 15, "limit": 1000}}, [{"code": "FORBIDDEN"}])
    ] * 2
    del answers  # their errors hold the schema's types
    graphql_schema = weakref.ref(schema._schema)
    del schema
    gc.collect()
    assert graphql_schema() is None


def test_each_schema_has_its_own_memo() -> None:
    calls: list[str] = []

    def type_names(schema: GraphQLSchema, document: DocumentNode) -> str:
        names = ",".join(sorted(name for name in schema.type_map if not name.startswith("__")))
        calls.append(names)
        return names

    memo = PerSchemaMemo(type_names, maxsize=4)
    one = build_sdl("type Query { a: Int }")
    other = build_sdl("type Query { b: Int } type B { c: Int }")
    document = parse("{ a }")
    assert [memo(one, document), memo(one, document), memo(other, document)] == [
        "Boolean,Int,Query,String",
        "Boolean,Int,Query,String",
        "B,Boolean,Int,Query,String",
    ]
    assert calls == ["Boolean,Int,Query,String", "B,Boolean,Int,Query,String"]
    del one
    gc.collect()
    assert len(memo._memos) == 1
