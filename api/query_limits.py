"""The limits of contract §2 on a parsed document, checked before graphql-core validates it.

strawberry's QueryDepthLimiter and MaxAliasesLimiter walk every fragment spread anew, so a few
hundred tokens of fragments that each spread the next one twice made validation run for
hours; they also failed with a bare KeyError on a spread of an undefined fragment. Here each
fragment is measured once. The semantics and messages stay theirs: depth as graphql-depth-limit
counts it (root fields at 0, the children of introspection fields not counted), every alias
counted each time its fragment is spread.

graphql-core's OverlappingFieldsCanBeMergedRule compares every pair of fields sharing a
response name: 500 copies of one field (about 4 000 tokens) cost it a second of CPU. So a
selection set may hold the same response name at most MAX_REPEATS times, fragments included;
a document over any limit never reaches graphql-core's validation.

A document of several operations must name the one to run (GraphQL-over-HTTP: a request
error); strawberry would otherwise run the first.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    visit,
)
from strawberry.extensions import ValidationCache
from strawberry.schema.schema import validate_document

from api.schema_memo import PerSchemaMemo

T = TypeVar("T")

VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


class _Measure:
    """Measures of selection sets, memoised per fragment.

    A spread of a fragment already being measured counts as nothing: such a cycle is refused
    by NoFragmentCyclesRule anyway, and must not recurse forever here."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.heights: dict[str, int] = {}
        self.aliases: dict[str, int] = {}
        self.names: dict[str, Counter[str]] = {}
        self.in_progress: set[tuple[int, str]] = set()

    def height(self, selection_set: SelectionSetNode | None) -> int:
        """How deep the deepest field below lies (a leaf is 0)."""
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.selection_set and not selection.name.value.startswith("__"):
                    deepest = max(deepest, 1 + self.height(selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self.height(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, self._fragment(selection, self.heights, self.height, 0))
        return deepest

    def alias_count(self, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += (1 if selection.alias else 0) + self.alias_count(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.alias_count(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection, self.aliases, self.alias_count, 0)
        return total

    def response_names(self, selection_set: SelectionSetNode | None) -> Counter[str]:
        """How often each response name is selected in this set once fragments are merged in
        (a fragment spread twice in one set merges once, as graphql-core compares it once)."""
        names: Counter[str] = Counter()
        spread: set[str] = set()
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                names[(selection.alias or selection.name).value] += 1
            elif isinstance(selection, InlineFragmentNode):
                names.update(self.response_names(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in spread:
                spread.add(selection.name.value)
                merged: Counter[str] = self._fragment(
                    selection, self.names, self.response_names, Counter()
                )
                names.update(merged)
        return names

    def _fragment(
        self,
        spread: FragmentSpreadNode,
        memo: dict[str, T],
        measure: Callable[[SelectionSetNode | None], T],
        none: T,
    ) -> T:
        name = spread.name.value
        if name in memo:
            return memo[name]
        fragment = self.fragments.get(name)
        key = (id(memo), name)
        if fragment is None or key in self.in_progress:
            return none  # an unknown fragment is KnownFragmentNamesRule's to report
        self.in_progress.add(key)
        try:
            memo[name] = measure(fragment.selection_set)
        finally:
            self.in_progress.discard(key)
        return memo[name]


class _SelectionSets(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[SelectionSetNode] = []

    def enter_selection_set(self, node: SelectionSetNode, *_: Any) -> None:
        self.found.append(node)


def limit_errors(
    document: DocumentNode, *, max_depth: int, max_aliases: int, max_repeats: int
) -> list[GraphQLError]:
    """What the document breaks of the limits; empty when it keeps them all."""
    definitions = document.definitions
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    measure = _Measure(fragments)
    errors: list[GraphQLError] = []
    try:
        for operation in operations:
            if measure.height(operation.selection_set) > max_depth:
                name = operation.name.value if operation.name else "anonymous"
                errors.append(
                    GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {max_depth}",
                        [operation],
                        extensions={"code": "QUERY_TOO_DEEP"},
                    )
                )
        aliases = sum(measure.alias_count(op.selection_set) for op in operations)
        if aliases > max_aliases:
            errors.append(
                GraphQLError(
                    f"{aliases} aliases found. Allowed: {max_aliases}",
                    operations,
                    extensions={"code": "TOO_MANY_ALIASES"},
                )
            )
        errors += _repeats(document, measure, max_repeats)
    except RecursionError:
        return [
            GraphQLError(
                "The document is nested too deeply.",
                operations[:1],
                extensions={"code": "QUERY_TOO_DEEP"},
            )
        ]
    return errors


def _repeats(document: DocumentNode, measure: _Measure, max_repeats: int) -> Iterator[GraphQLError]:
    collector = _SelectionSets()
    visit(document, collector)
    reported: set[str] = set()
    for selection_set in collector.found:
        for name, count in measure.response_names(selection_set).items():
            if count > max_repeats and name not in reported:
                reported.add(name)
                yield GraphQLError(
                    f"'{name}' is selected {count} times in one selection set "
                    f"(fragments included). Allowed: {max_repeats}",
                    [selection_set],
                    extensions={"code": VALIDATION_FAILED},
                )


# ParserCache hands out one document per query text, and documents hash by identity.
_cached_limit_errors = functools.lru_cache(maxsize=512)(limit_errors)


@functools.cache
def _validation_memo(maxsize: int) -> PerSchemaMemo[list[GraphQLError]]:
    return PerSchemaMemo(validate_document, maxsize=maxsize)


class LimitedValidation(ValidationCache):
    """graphql-core's validation (cached) behind the limits: a document over one is refused
    with the limits' errors alone, and nothing of it runs."""

    def __init__(self, *, max_depth: int, max_aliases: int, max_repeats: int, maxsize: int) -> None:
        super().__init__(maxsize=maxsize)
        # strawberry's cache is keyed by the schema and outlives it (api/schema_memo.py).
        self.cached_validate_document = _validation_memo(maxsize)
        self.max_depth, self.max_aliases, self.max_repeats = max_depth, max_aliases, max_repeats

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        errors = (
            _cached_limit_errors(
                document,
                max_depth=self.max_depth,
                max_aliases=self.max_aliases,
                max_repeats=self.max_repeats,
            )
            if document is not None
            else []
        )
        if not errors and document is not None:
            errors = _operation_name_errors(document, context._provided_operation_name)
        if errors:
            context.pre_execution_errors = list(errors)
            yield
        else:
            yield from super().on_validate()


def _operation_name_errors(document: DocumentNode, provided_name: str | None) -> list[GraphQLError]:
    """Several operations and no `operationName`: which one to run is the client's to say.

    (strawberry's ExecutionContext keeps the requested name only in `_provided_operation_name`;
    its `operation_name` falls back to the first operation's.)"""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if provided_name is not None or len(operations) < 2:
        return []
    return [
        GraphQLError(
            "Must provide operation name if query contains multiple operations.",
            operations,
            extensions={"code": VALIDATION_FAILED},
        )
    ]
