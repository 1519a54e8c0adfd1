"""The executor of the API's operations: graphql-core's, with the plain fields read directly.

Most fields of an answer are leaves read from an attribute (`name`, `status`, `Money.amount`)
or a node's global id. graphql-core executes each like any other field: a path, a resolve
info, strawberry's resolver wrapper, value completion through the type wrappers. Here such a
field is one `getattr` and its scalar's or enum's serialisation, with no path, no info and
no awaitable check; a value the plain way cannot take (a null for a non-null field, a value
the scalar refuses) goes the ordinary way, which raises the error graphql-core always did.
Sync resolvers taking only `self` (`SalesOrder.total`, `Account.creditLimit`) are called
directly, without strawberry's argument conversion (`simplify_resolvers`).

Nothing changes when graphql-core middleware is installed (tracing's resolver spans): every
field then goes through it as before.
"""

from __future__ import annotations

import base64
import inspect
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.executor import to_nodes
from graphql.pyutils import Path, Undefined
from graphql.pyutils.gather_with_cancel import gather_with_cancel
from strawberry import relay
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

# A plain read that cannot answer: the field goes the ordinary way.
_SLOW: Any = object()
_PLANS = "tandem.plain_fields"
Plan = Callable[[Any], Any]


def _strawberry_field(field_def: GraphQLField) -> StrawberryField | None:
    field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return field if isinstance(field, StrawberryField) else None


def _leaf_plan(name: str, field_def: GraphQLField) -> Plan:
    return_type: Any = field_def.type
    non_null = isinstance(return_type, GraphQLNonNull)
    leaf: Any = return_type.of_type if non_null else return_type
    coerce = leaf.coerce_output_value
    # A str for a String or an ID, a bool for a Boolean: what graphql-core's serialisation
    # returns unchanged, answered without calling it.
    unchanged = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool}.get(leaf)

    def read(source: Any) -> Any:
        value = getattr(source, name, _SLOW)
        if value.__class__ is unchanged:
            return value
        if value is None:
            return _SLOW if non_null else None
        if value is _SLOW or isinstance(value, Exception):
            return _SLOW
        try:
            coerced = coerce(value)
        except Exception:
            return _SLOW
        return _SLOW if coerced is None or coerced is Undefined else coerced

    return read


def _node_id_plan(type_name: str, origin: type) -> Plan | None:
    """`id` of a Node whose id and type name are strawberry's defaults: the base64 of
    `TypeName:<id attribute>`, as `relay.GlobalID` serialises it."""
    if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
        return None
    if (
        origin.resolve_id.__func__ is not relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
        or origin.resolve_typename.__func__  # type: ignore[attr-defined]
        is not relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
    ):
        return None
    attribute = origin.resolve_id_attr()
    prefix = f"{type_name}:"

    def read(source: Any) -> Any:
        if source.__class__ is not origin:
            return _SLOW
        value = getattr(source, attribute, None)
        if value is None:
            return _SLOW
        return base64.b64encode(f"{prefix}{value}".encode()).decode()

    return read


class _ObjectPlan:
    """A field whose value is an object, or a list of objects, read from an attribute or a
    sync resolver without arguments (`SalesOrder.total`'s Money, `Connection.edges`,
    `SalesOrder.lines` handed over with its page): its answer is built here, subfield by
    subfield, as long as everything below it can be (`TandemExecutionContext._tree`)."""

    __slots__ = (
        "field",
        "field_def",
        "get",
        "is_list",
        "item_non_null",
        "non_null",
        "object_type",
        "takes_info",
    )

    def __init__(
        self,
        get: Callable[..., Any],
        takes_info: bool,
        field: StrawberryField,
        field_def: GraphQLField,
        object_type: GraphQLObjectType,
    ) -> None:
        self.get = get
        self.takes_info = takes_info
        self.field = field
        self.field_def = field_def
        self.object_type = object_type
        graphql_type: Any = field_def.type
        self.non_null = isinstance(graphql_type, GraphQLNonNull)
        graphql_type = graphql_type.of_type if self.non_null else graphql_type
        self.is_list = isinstance(graphql_type, GraphQLList)
        self.item_non_null = self.is_list and isinstance(graphql_type.of_type, GraphQLNonNull)


def _object_type_of(field_def: GraphQLField) -> GraphQLObjectType | None:
    """The object type of a field typed as one or as a list of them; None for anything else
    (leaves, interfaces, unions, lists of lists)."""
    graphql_type: Any = field_def.type
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    if isinstance(graphql_type, GraphQLList):
        graphql_type = graphql_type.of_type
        if isinstance(graphql_type, GraphQLNonNull):
            graphql_type = graphql_type.of_type
    return graphql_type if isinstance(graphql_type, GraphQLObjectType) else None


def _plan(parent_type: GraphQLObjectType, field_name: str) -> Plan | _ObjectPlan | None:
    if field_name == "__typename":  # graphql-core's meta field: the type's own name
        type_name = parent_type.name
        return lambda _source: type_name
    field_def = parent_type.fields.get(field_name)
    field = _strawberry_field(field_def) if field_def is not None else None
    if field_def is None or field is None or field_def.args or field.extensions:
        return None
    object_type = _object_type_of(field_def)
    if object_type is not None:
        if field.base_resolver is None:
            if field.default_resolver is not getattr:
                return None
            return _ObjectPlan(attrgetter(field.python_name), False, field, field_def, object_type)
        simple = _simple_resolver(field)
        if simple is None:
            return None
        return _ObjectPlan(simple[0], simple[1], field, field_def, object_type)
    non_null = isinstance(field_def.type, GraphQLNonNull)
    leaf = field_def.type.of_type if non_null else field_def.type
    if not is_leaf_type(leaf):
        return None
    if field.base_resolver is None:
        if field.default_resolver is not getattr:
            return None
        return _leaf_plan(field.python_name, field_def)
    if field.base_resolver.name == "_id" and field_name == "id":
        definition = (parent_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if isinstance(definition, StrawberryObjectDefinition):
            return _node_id_plan(parent_type.name, definition.origin)
    return None


def _plans(parent_type: GraphQLObjectType) -> dict[str, Plan | _ObjectPlan | None]:
    extensions = parent_type.extensions
    plans = extensions.get(_PLANS)
    if plans is None:
        plans = {}
        # graphql-core types keep `extensions` as a plain dict: the plans live with the type.
        extensions[_PLANS] = plans
    return plans


class TandemExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context with plain fields read directly (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self._plain = not (manager is not None and manager.middlewares)
        self._subfields: dict[tuple[str, int], tuple[FieldDetailsList, Any]] = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: dict[str, FieldDetailsList],
        position_context: Any,
    ) -> Any:
        if not self._plain:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        plans = _plans(parent_type)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                plan = _plan_of(plans, parent_type, field_details_list)
                if plan is not None:
                    value = self._read(
                        plan, field_details_list, source_value, parent_type, path, response_name
                    )
                    if value is not _SLOW:
                        results[response_name] = value
                        continue
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, response_name, parent_type.name),
                    position_context,
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
            else:
                awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
                results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()

    def _read(
        self,
        plan: Plan | _ObjectPlan,
        field_details_list: FieldDetailsList,
        source: Any,
        parent_type: GraphQLObjectType,
        path: Path | None,
        response_name: str,
    ) -> Any:
        """A planned field's answer, or _SLOW."""
        if type(plan) is _ObjectPlan:
            return self._tree(
                plan,
                field_details_list,
                source,
                parent_type,
                Path(path, response_name, parent_type.name),
            )
        return plan(source)  # type: ignore[operator]

    def _tree(
        self,
        plan: _ObjectPlan,
        field_details_list: FieldDetailsList,
        source: Any,
        parent_type: GraphQLObjectType,
        path: Path,
    ) -> Any:
        """The answer of an object (or list) field built here, without graphql-core's
        completion, when every field below it is a plain leaf or another such field and
        no resolver on the way returns an awaitable; _SLOW when anything (a null for a
        non-null field, an error, an argument, a resolver awaiting a loader, a deferred
        fragment) needs the ordinary way, which then starts that field afresh: the
        resolvers called here read what their parent holds and change nothing."""
        try:
            if plan.takes_info:
                raw_info = self.build_resolve_info(
                    plan.field_def, to_nodes(field_details_list), parent_type, path
                )
                value = plan.get(source, Info(_raw_info=raw_info, _field=plan.field))
            else:
                value = plan.get(source)
        except Exception:
            return _SLOW
        if value is None:
            return _SLOW if plan.non_null else None
        if self.is_awaitable(value):
            if inspect.iscoroutine(value):
                value.close()  # never started: nothing ran, nothing to cancel
            return _SLOW
        object_type = plan.object_type
        if not plan.is_list:
            fields = self._known_subfield_plans(object_type, field_details_list)
            return (
                _SLOW if fields is None else self._object_answer(object_type, fields, value, path)
            )
        if not isinstance(value, list | tuple):
            return _SLOW
        if not value:
            return []
        # The subfields' plans once for all the items: they share the place in the document.
        fields = self._known_subfield_plans(object_type, field_details_list)
        if fields is None:
            return _SLOW
        items: list[Any] = []
        for index, item in enumerate(value):
            if item is None:
                if plan.item_non_null:
                    return _SLOW
                items.append(None)
                continue
            answer = self._object_answer(object_type, fields, item, Path(path, index, None))
            if answer is _SLOW:
                return _SLOW
            items.append(answer)
        return items

    def _object_answer(
        self,
        object_type: GraphQLObjectType,
        fields: list[tuple[str, Plan | _ObjectPlan, FieldDetailsList]],
        value: Any,
        path: Path,
    ) -> Any:
        is_type_of = object_type.is_type_of
        if is_type_of is not None:
            try:
                # strawberry's is_type_of reads no info (an isinstance check)
                if is_type_of(value, None) is not True:  # type: ignore[arg-type]
                    return _SLOW
            except Exception:
                return _SLOW
        answer: dict[str, Any] = {}
        for response_name, plan, sub_details in fields:
            item = self._read(plan, sub_details, value, object_type, path, response_name)
            if item is _SLOW:
                return _SLOW
            answer[response_name] = item
        return answer

    def _known_subfield_plans(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> list[tuple[str, Plan | _ObjectPlan, FieldDetailsList]] | None:
        """The plan of each subfield asked of `object_type` at this place of the document,
        worked out once per execution for all the list's items; None when one of them has
        to go the ordinary way (an argument, a resolver that is not plain, a deferred
        fragment)."""
        key = (object_type.name, id(field_details_list))
        known = self._subfields.get(key)
        if known is not None and known[0] is field_details_list:
            return known[1]
        grouped_field_set, defer_usages, _ = self.collect_subfields(object_type, field_details_list)
        fields = None if defer_usages else _subfield_plans(object_type, grouped_field_set)
        # The list is kept with the entry: its id stays its own while the entry lives.
        self._subfields[key] = (field_details_list, fields)
        return fields


def _subfield_plans(
    object_type: GraphQLObjectType, grouped_field_set: dict[str, FieldDetailsList]
) -> list[tuple[str, Plan | _ObjectPlan, FieldDetailsList]] | None:
    plans = _plans(object_type)
    fields: list[tuple[str, Plan | _ObjectPlan, FieldDetailsList]] = []
    for response_name, sub_details in grouped_field_set.items():
        plan = _plan_of(plans, object_type, sub_details)
        if plan is None:
            return None
        fields.append((response_name, plan, sub_details))
    return fields


def _plan_of(
    plans: dict[str, Plan | _ObjectPlan | None],
    parent_type: GraphQLObjectType,
    field_details_list: FieldDetailsList,
) -> Plan | _ObjectPlan | None:
    """The plan of the field asked at this place (worked out once per type and field), or
    None when it goes the ordinary way."""
    node = field_details_list[0].node
    if node.arguments:
        return None
    field_name = node.name.value
    try:
        return plans[field_name]
    except KeyError:
        plan = plans[field_name] = _plan(parent_type, field_name)
        return plan


def _simple_resolver(field: StrawberryField) -> tuple[Callable[..., Any], bool] | None:
    """The function of a sync resolver that takes `self` and maybe `info`, and no argument,
    extension or permission, with whether it takes info; None for any other field."""
    resolver = field.base_resolver
    if resolver is None or field.extensions or field.arguments or field.is_async:
        return None
    if field.is_subscription or resolver.is_async:
        return None
    function = resolver.wrapped_func
    if not inspect.isfunction(function):  # a classmethod or staticmethod
        return None
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters or parameters[0].name != "self":
        return None
    if len(parameters) == 1:
        return function, False
    info = resolver.info_parameter
    if len(parameters) == 2 and info is not None and parameters[1].name == info.name:
        return function, True
    return None


def simplify_resolvers(schema: GraphQLSchema) -> int:
    """Gives each field whose resolver takes only `self` (and maybe `info`) a resolve
    function calling it directly (graphql-core still completes its value); returns how many
    it changed."""
    changed = 0
    for graphql_type in schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for field_def in graphql_type.fields.values():
            field = _strawberry_field(field_def)
            simple = _simple_resolver(field) if field is not None else None
            if field is not None and simple is not None:
                function, takes_info = simple
                field_def.resolve = _with_info(function, field) if takes_info else _direct(function)
                changed += 1
    return changed


def _direct(function: Callable[[Any], Any]) -> Callable[..., Any]:
    def resolve(source: Any, info: Any) -> Any:
        return function(source)

    return resolve


def _with_info(function: Callable[[Any, Info], Any], field: StrawberryField) -> Callable[..., Any]:
    def resolve(source: Any, info: Any) -> Any:
        return function(source, Info(_raw_info=info, _field=field))

    return resolve
