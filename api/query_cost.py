"""Query cost (contract §2): the number of objects an operation may return, from the document
and the schema's types alone, before anything runs.

- A field returning an object (or an interface or union) counts 1 plus the cost of its
  selection; a scalar or enum field counts 0.
- A connection (a field taking `first`/`last` whose type has `edges`) counts 1 for itself
  plus, in its selection, its item lists (`edges`) `first` (or `last`; the larger when both
  are given; 20 when neither, variables resolved) times each item's cost — `pageInfo` and
  `totalCount` are not multiplied. So `accounts(first: 10) { edges { node { id } } }`
  costs 1 + 10 × (edge 1 + node 1) = 21.
- A plain list of objects has no bound in the schema (the lines of an order, a BOM): it counts
  as one object, 1 × (1 + its selection). `nodes(ids:)` counts one per id it is given.
- Fragments count where they are spread, once per spread; on an interface or union the
  costliest possible type counts. A field under `@skip(if: true)` / `@include(if: false)`
  counts nothing.
- Introspection follows the same rules (its lists are plain lists, so the schema, served from
  memory, costs a few dozen); a subscription costs what one of its events selects, and that
  is the figure reported on each event.

The cost is memoised per document, operation and the variable values it depends on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLError,
    GraphQLField,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_composite_type,
    is_list_type,
    is_object_type,
)
from graphql.language import OperationType as AstOperationType
from strawberry.extensions import SchemaExtension

from api.schema_memo import PerSchemaMemo

DEFAULT_PAGE_SIZE = 20
_SIZE_ARGUMENTS = ("first", "last")


class _Coster:
    """One costing of one operation; memoises each selection set per type and page size."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.memo: dict[tuple[int, str, int | None], int] = {}
        self.spreading: set[str] = set()

    def selection_set(
        self, selection_set: SelectionSetNode | None, parent: GraphQLCompositeType, size: int | None
    ) -> int:
        """The cost of a selection on `parent`; `size` multiplies its lists (a connection's)."""
        if selection_set is None:
            return 0
        key = (id(selection_set), parent.name, size)
        if key not in self.memo:
            if is_abstract_type(parent) and any(
                not isinstance(s, FieldNode) for s in selection_set.selections
            ):
                possible = self.schema.get_possible_types(parent)
                self.memo[key] = max(
                    (self._selections(selection_set, p, size) for p in possible), default=0
                )
            else:
                self.memo[key] = self._selections(selection_set, parent, size)
        return self.memo[key]

    def _selections(
        self, selection_set: SelectionSetNode, parent: GraphQLCompositeType, size: int | None
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                narrowed = self._narrow(parent, condition.name.value if condition else None)
                if narrowed is not None:
                    total += self.selection_set(selection.selection_set, narrowed, size)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._spread(selection, parent, size)
        return total

    def _spread(
        self, spread: FragmentSpreadNode, parent: GraphQLCompositeType, size: int | None
    ) -> int:
        name = spread.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in self.spreading:
            return 0  # unknown or cyclic: validation refuses both
        narrowed = self._narrow(parent, fragment.type_condition.name.value)
        if narrowed is None:
            return 0
        self.spreading.add(name)
        try:
            return self.selection_set(fragment.selection_set, narrowed, size)
        finally:
            self.spreading.discard(name)

    def _narrow(
        self, parent: GraphQLCompositeType, condition: str | None
    ) -> GraphQLCompositeType | None:
        """The type a fragment's fields are read on, or None when it never applies to `parent`."""
        if condition is None or condition == parent.name:
            return parent
        target = self.schema.get_type(condition)
        if not is_composite_type(target):
            return None
        if is_object_type(parent):
            applies = is_abstract_type(target) and self.schema.is_sub_type(target, parent)
            return parent if applies else None
        return target

    def _field(self, node: FieldNode, parent: GraphQLCompositeType, size: int | None) -> int:
        definition = self._definition(node.name.value, parent)
        if definition is None:
            return 0
        named = get_named_type(definition.type)
        if not is_composite_type(named):
            return 0
        page = self._page_size(node, definition, named)
        inner = 1 + self.selection_set(node.selection_set, named, page)
        if not is_list_type(get_nullable_type(definition.type)):
            return inner
        count = size if size is not None else self._ids_count(node)
        return count * inner

    def _definition(self, name: str, parent: GraphQLCompositeType) -> GraphQLField | None:
        if name == "__schema" and parent is self.schema.query_type:
            return SchemaMetaFieldDef
        if name == "__type" and parent is self.schema.query_type:
            return TypeMetaFieldDef
        fields = getattr(parent, "fields", None) or {}
        return fields.get(name)  # __typename and unknown fields are no objects

    def _page_size(
        self, node: FieldNode, definition: GraphQLField, named: GraphQLCompositeType
    ) -> int | None:
        """`first`/`last` of a connection field (None when the field is no connection)."""
        if "edges" not in (getattr(named, "fields", None) or {}):
            return None
        if not any(name in definition.args for name in _SIZE_ARGUMENTS):
            return None
        given = [
            value
            for argument in node.arguments or ()
            if argument.name.value in _SIZE_ARGUMENTS
            for value in [self._int(argument.value)]
            if value is not None
        ]
        return max(0, max(given)) if given else DEFAULT_PAGE_SIZE

    def _ids_count(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value == "ids":
                value = self._value(argument.value)
                if isinstance(value, list):
                    return len(value)
        return 1

    def _value(self, node: ValueNode) -> Any:
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, BooleanValueNode):
            return node.value
        if isinstance(node, ListValueNode):
            return list(node.values)
        return None

    def _int(self, node: ValueNode) -> int | None:
        value = self._value(node)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None  # null, or a value coercion will refuse
        return int(value) if float(value).is_integer() else None

    def _included(self, selection: Any) -> bool:
        for directive in selection.directives or ():
            name = directive.name.value
            if name not in {"skip", "include"}:
                continue
            condition = next(
                (a.value for a in directive.arguments or () if a.name.value == "if"), None
            )
            value = self._value(condition) if condition is not None else None
            if isinstance(value, bool) and value == (name == "skip"):
                return False
        return True


def _variables_with_defaults(
    operation: OperationDefinitionNode, variables: Mapping[str, Any] | None
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if variables and name in variables:
            values[name] = variables[name]
        elif definition.default_value is not None:
            default = definition.default_value
            values[name] = _literal(default)
    return values


def _literal(node: ValueNode) -> Any:
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, BooleanValueNode):
        return node.value
    if isinstance(node, ListValueNode):
        return list(node.values)
    return None


def _root_type(schema: GraphQLSchema, operation: OperationDefinitionNode) -> Any:
    return {
        AstOperationType.QUERY: schema.query_type,
        AstOperationType.MUTATION: schema.mutation_type,
        AstOperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
) -> int:
    """The cost of `operation` of a validated `document` (see the module docstring)."""
    root = _root_type(schema, operation)
    if root is None:
        return 0
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    coster = _Coster(schema, fragments, _variables_with_defaults(operation, variables))
    return coster.selection_set(operation.selection_set, root, None)


def _cost_key(value: Any) -> Any:
    """What of a variable's value the cost can depend on: a number, a flag, a list's length.
    A flag is tagged: `True == 1` as a key, yet `first: true` is no page size."""
    if isinstance(value, bool):
        return ("bool", value)
    if value is None or isinstance(value, int | float):
        return value
    if isinstance(value, list):
        return ("list", len(value))
    return ("other",)


def _cost_of_shape(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_index: int,
    variables: tuple[tuple[str, Any], ...],
) -> int:
    operation = document.definitions[operation_index]
    assert isinstance(operation, OperationDefinitionNode)
    shaped = {name: _shape(key) for name, key in variables}
    return operation_cost(schema, document, operation, shaped)


_memoised_cost = PerSchemaMemo(_cost_of_shape, maxsize=512)


def _shape(key: Any) -> Any:
    """A stand-in value with what `_cost_key` kept (a list of the same length)."""
    if isinstance(key, tuple):
        if key[0] == "list":
            return [None] * key[1]
        return key[1] if key[0] == "bool" else None
    return key


def selected_operation(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    """The operation a request runs: the one named, else the only one (None when ambiguous)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == operation_name), None)


def document_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
) -> int:
    """`operation_cost`, memoised (documents come from the parser cache, one per query text)."""
    index = document.definitions.index(operation)
    return _memoised_cost(schema, document, index, cost_key(operation, variables))


def cost_key(
    operation: OperationDefinitionNode, variables: Mapping[str, Any] | None
) -> tuple[tuple[str, Any], ...]:
    """What of `variables` the operation's cost depends on: equal keys, equal costs."""
    if not variables or not operation.variable_definitions:
        return ()
    names = [d.variable.name.value for d in operation.variable_definitions]
    return tuple((name, _cost_key(variables[name])) for name in names if name in variables)


def too_costly(requested: int, limit: int) -> GraphQLError:
    return GraphQLError(
        f"The query costs {requested}, more than the limit of {limit}.",
        extensions={"code": "QUERY_TOO_COSTLY", "cost": {"requested": requested, "limit": limit}},
    )


class QueryCost(SchemaExtension):
    """Costs the operation once it validated; over `limit` it is refused and nothing runs.
    Every result carries `extensions.cost { requested limit }` (requested is 0 for a document
    refused before it could be costed: a parse, limit or validation error)."""

    def __init__(self, *, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.requested = 0

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.pre_execution_errors:
            operation = selected_operation(document, context.operation_name)
            if operation is not None:
                schema = context.schema._schema
                self.requested = document_cost(schema, document, operation, context.variables)
                if self.requested > self.limit:
                    context.pre_execution_errors = [too_costly(self.requested, self.limit)]
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": {"requested": self.requested, "limit": self.limit}}
