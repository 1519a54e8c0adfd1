"""Memos of work on one schema's documents (validation, cost) that end with their schema.

A module-level `lru_cache` keyed by the schema (strawberry's ValidationCache is one) keeps
up to `maxsize` schemas alive through its keys. A server builds one schema, but the test
suite builds one per app: the caches held over a hundred dead schemas (3.5 million objects),
and the collector's full passes over them took a third of the suite's time. Here each
schema has its own memo, held only as long as the schema is (a weak key; the memo holds the
schema weakly too, or the value would keep its own key alive)."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from graphql import GraphQLSchema

R = TypeVar("R")


class PerSchemaMemo(Generic[R]):
    """`memo(schema, *args)` is `function(schema, *args)`, remembered for `maxsize` argument
    tuples per schema (all hashable; documents hash by identity)."""

    def __init__(self, function: Callable[..., R], *, maxsize: int) -> None:
        self.function = function
        self.maxsize = maxsize
        self._memos: weakref.WeakKeyDictionary[GraphQLSchema, Callable[..., R]] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self, schema: GraphQLSchema, *args: Hashable) -> R:
        memo = self._memos.get(schema)
        if memo is None:
            memo = self._memos[schema] = self._memo_for(weakref.ref(schema))
        return memo(*args)

    def _memo_for(self, schema: weakref.ref[GraphQLSchema]) -> Callable[..., R]:
        function = self.function

        @functools.lru_cache(maxsize=self.maxsize)
        def memo(*args: Hashable) -> R:
            alive = schema()
            assert alive is not None  # a memo is only reached through its live schema
            return function(alive, *args)

        return memo
