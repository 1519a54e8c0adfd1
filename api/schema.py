"""The schema: every area's Query/Mutation/Subscription merged, with the limits of §2."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from graphql import DocumentNode, GraphQLError, OperationDefinitionNode
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.execution.middleware import MiddlewareManager
from strawberry import relay
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.scalars import JSON
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.schema.types.base_scalars import (
    DateDefinition,
    DateTimeDefinition,
    DecimalDefinition,
)
from strawberry.types import ExecutionContext, ExecutionResult, Info
from strawberry.types.base import get_object_definition
from strawberry.types.graphql import OperationType
from strawberry.types.scalar import ScalarDefinition

from api import permissions, tracing
from api.areas import MUTATION_ROOTS, QUERY_ROOTS, SUBSCRIPTION_ROOTS
from api.errors import user_input_error
from api.execution import TandemExecutionContext, simplify_resolvers
from api.extensions import (
    HideSuggestions,
    MaskUnexpectedErrors,
    OperationMetrics,
    error_code,
    hide_suggestions,
    is_unexpected,
    mask_operation_errors,
    record_operation,
)
from api.metrics import operation_label
from api.query_cost import QueryCost, cost_key, document_cost, selected_operation
from api.query_limits import LimitedValidation
from api.relay import MAX_PAGE_SIZE, ModelNode
from domain.errors import DomainError
from domain.settings import Settings, get_settings

log = logging.getLogger("tandem.graphql")

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000
# The same response name at most this often in one selection set (see api/query_limits.py).
MAX_REPEATS = 50


@strawberry.type
class NodeQuery:
    @strawberry.field(
        description="Any object by its global id (§2 IDs): the `id` of every object, the "
        "references in event payloads (`accountId`) too. Null for an id that names nothing; "
        "FORBIDDEN when your role may not read that type."
    )
    async def node(
        self,
        info: Info,
        id: Annotated[
            relay.GlobalID, strawberry.argument(description="A global id, as `id` returns it.")
        ],
    ) -> relay.Node | None:
        return await _resolve_node(info, id)

    @strawberry.field(
        description="Objects by global ids, in the order given; null for each id that names "
        "nothing. Ids of one type are fetched together."
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[relay.GlobalID],
            strawberry.argument(description=f"At most {MAX_PAGE_SIZE} global ids."),
        ],
    ) -> list[relay.Node | None]:
        # Bounded like a page: each id costs a lookup. Gathered, so the loaders batch per type.
        if len(ids) > MAX_PAGE_SIZE:
            raise user_input_error(f"`ids` takes at most {MAX_PAGE_SIZE} ids.")
        return list(await asyncio.gather(*(_resolve_node(info, gid) for gid in ids)))


async def _resolve_node(info: Info, gid: relay.GlobalID) -> Any:
    try:
        node_type = gid.resolve_type(info)
    except Exception:
        return None
    if not issubclass(node_type, ModelNode):  # every Node of this API is one
        return None
    nodes = await node_type.resolve_nodes(info=info, node_ids=[gid.node_id], required=False)
    return next(iter(nodes), None)


def root_type(name: str, roots: Sequence[type], description: str) -> type:
    """One root type made of the areas' roots (strawberry's merge_types, described); a field
    two areas both declare is an error rather than one silently hiding the other."""
    names = Counter(
        field.name for root in roots for field in get_object_definition(root, strict=True).fields
    )
    twice = sorted(field for field, count in names.items() if count > 1)
    if twice:
        raise ValueError(f"{name}: fields declared by two areas: {', '.join(twice)}")
    return strawberry.type(type(name, tuple(roots), {}), description=description)


# §2 Money, Dates: the formats a client may rely on, said in the schema itself.
SCALARS: dict[object, ScalarDefinition] = {
    Decimal: replace(
        DecimalDefinition,
        implementation=None,
        description='A decimal number as a string, never a float (§2): `"1234.50"`. Amounts '
        'carry their currency\'s minor units (cents: `"3.00"`); quantities and percentages '
        'carry no trailing zeros (`"3"`, `"12.5"`). As an input it takes a string.',
    ),
    dt.date: replace(
        DateDefinition,
        implementation=None,
        description="A calendar day, `YYYY-MM-DD` (§2); an input outside 1900-01-01 … "
        "2999-12-31 is an INVALID UserError.",
    ),
    JSON: ScalarDefinition(
        name="JSON",
        description="A JSON value as it is: the payload of an event (§8, the webhook's `data`) "
        "and a job's params and result, in the API's field names and global ids.",
        specified_by_url="https://www.ecma-international.org/publications-and-standards/"
        "standards/ecma-404/",
        serialize=None,
        parse_value=None,
        parse_literal=None,
    ),
    dt.datetime: replace(
        DateTimeDefinition,
        implementation=None,
        description="A moment, ISO 8601 with its UTC offset (`2026-03-01T09:30:00+00:00`); "
        "stored and returned in UTC (§2).",
    ),
}


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the extensions found out about a document that passed them all, none of which
    depends on the request: its parse, its operation and that operation's kind. The cost
    does depend on the variables, and is computed again on every request."""

    document: DocumentNode
    operation: OperationDefinitionNode | None
    operation_name: str | None  # strawberry's: the only operation's name when none was asked
    operation_type: OperationType
    label: str  # the operation's in the metrics (`operation_label`)
    # Costs by `cost_key`: the memo behind document_cost hashes the whole document (graphql-
    # core's nodes are frozen dataclasses) on every lookup.
    costs: dict[tuple[tuple[str, Any], ...], int]


# As many as the parser and validation caches hold. Longer texts are uploads (importRunStart's
# file inline), whose execution dwarfs what the plan saves.
MAX_PLANS = 512
MAX_PLANNED_QUERY_CHARS = 64_000
# Variables that change a cost (page sizes, id lists' lengths) take a few values per document.
MAX_COSTS_PER_PLAN = 64


# The extensions whose work the fast path does itself (or, before it, found done: parse,
# limits, validation, introspection refused) — any other keeps strawberry's way.
_MIRRORED = frozenset(
    {
        MaskUnexpectedErrors,
        OperationMetrics,
        ParserCache,
        MaxTokensLimiter,
        LimitedValidation,
        QueryCost,
        DisableIntrospection,
        HideSuggestions,
    }
)


class _RememberPlan(SchemaExtension):
    """Runs only once parsing, the limits, validation and the cost let the operation run."""

    def on_execute(self) -> Iterator[None]:
        schema = self.execution_context.schema
        if isinstance(schema, TandemSchema):
            schema.remember(self.execution_context)
        yield


class TandemSchema(strawberry.Schema):
    """strawberry's schema with a fast path for documents it has already seen.

    Of the fixed cost of a small operation, most is strawberry's extension runner: eight
    extensions, each hook of each looked up and wrapped in a context manager on every
    request, to find out again what the last request with the same text found out (it
    parses, keeps the limits, validates). So once an operation passed them all (`_Plan`), a
    request with the same text and operationName runs it on graphql-core directly and does
    inline what the extensions do after it (api/extensions.py's functions, the cost in
    `extensions`), in their order. Everything else takes strawberry's way: first sight, an
    operation kind the transport does not allow (it raises as before), a cost over the limit
    with these variables (refused as before), tracing (its spans come from an extension)."""

    cost_limit: int | None = None  # set by `enable_fast_path`; None: always strawberry's way
    hides_suggestions = False
    _plans: dict[tuple[str | None, str | None], _Plan]

    def enable_fast_path(self) -> None:
        """Turns the fast path on when the extensions are exactly those it stands in for (an
        extension added later, or schema directives, keep strawberry's way until it does
        their work too)."""
        extensions = self.get_extensions()
        limits = [e.limit for e in extensions if isinstance(e, QueryCost)]
        if self.directives or len(limits) != 1:
            return
        if any(type(e) not in _MIRRORED for e in extensions):
            return
        if self._schema.get_directive("defer") or self._schema.get_directive("stream"):
            return
        self.cost_limit = limits[0]
        self.hides_suggestions = any(isinstance(e, HideSuggestions) for e in extensions)
        self._plans = {}
        self.extensions = (*self.extensions, _RememberPlan)

    def forget_plans(self) -> None:
        if self.cost_limit is not None:
            self._plans.clear()

    def remember(self, context: ExecutionContext) -> None:
        query, document = context.query, context.graphql_document
        if self.cost_limit is None or query is None or document is None:
            return
        if len(query) > MAX_PLANNED_QUERY_CHARS:
            return
        operation_type = context.operation_type
        if operation_type is OperationType.SUBSCRIPTION:
            return  # served by `subscribe`, never by `execute`
        if len(self._plans) >= MAX_PLANS:
            del self._plans[next(iter(self._plans))]  # the oldest
        name = context.operation_name
        self._plans[(query, context._provided_operation_name)] = _Plan(
            document,
            selected_operation(document, name),
            name,
            operation_type,
            operation_label(name, query),
            {},
        )

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        limit = self.cost_limit
        plan = self._plans.get((query, operation_name)) if limit is not None else None
        if plan is not None and plan.operation_type in (
            allowed_operation_types or DEFAULT_ALLOWED_OPERATION_TYPES
        ):
            cost = self._cost(plan, variable_values)
            if cost <= limit:  # type: ignore[operator]
                return await self._execute_planned(
                    plan,
                    {"cost": {"requested": cost, "limit": limit}},
                    variable_values,
                    context_value,
                    root_value,
                    operation_extensions,
                )
        return await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed_operation_types,
            operation_extensions,
        )

    def _cost(self, plan: _Plan, variables: dict[str, Any] | None) -> int:
        if plan.operation is None:
            return 0
        key = cost_key(plan.operation, variables)
        cost = plan.costs.get(key)
        if cost is None:
            cost = document_cost(self._schema, plan.document, plan.operation, variables)
            if len(plan.costs) < MAX_COSTS_PER_PLAN:
                plan.costs[key] = cost
        return cost

    async def _execute_planned(
        self,
        plan: _Plan,
        extensions: dict[str, Any],
        variable_values: dict[str, Any] | None,
        context_value: Any,
        root_value: Any,
        operation_extensions: dict[str, Any] | None,
    ) -> ExecutionResult:
        """strawberry's `execute` after validation (no extension hooks on execution or
        resolution here: `_RememberPlan` is the only one, and tracing never comes here)."""
        started = time.perf_counter()
        try:
            # graphql-core's `execute` less its wrappers: a check of the schema for @defer and
            # @stream (it has neither, see `enable_fast_path`) and a coroutine around the
            # result's, which only refuses incremental results (they need those directives).
            executor: Any = self.execution_context_class.build(
                self._schema,
                plan.document,
                root_value,
                context_value,
                variable_values,
                plan.operation_name,
                middleware=MiddlewareManager(),
                is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
                operation_extensions=operation_extensions,
            )
            outcome: Any = (
                GraphQLExecutionResult(None, errors=executor)
                if isinstance(executor, list)  # the variables' errors
                else executor.execute_operation()
            )
            if inspect.isawaitable(outcome):
                outcome = await outcome
        except Exception as exc:
            # As strawberry: the extensions' ends do not run (the view masks it), the error
            # is reported as the operation's only one.
            error = (
                exc if isinstance(exc, GraphQLError) else GraphQLError(str(exc), original_error=exc)
            )
            self._process_errors([error], None)
            return ExecutionResult(data=None, errors=[error], extensions=extensions)
        result: GraphQLExecutionResult = outcome
        errors = result.errors
        if errors:
            self._process_errors(errors, None)
            # The ends of the extensions' on_operation, innermost first.
            if self.hides_suggestions:
                hide_suggestions(errors)
        record_operation(plan.label, plan.operation_type.value, bool(errors), started)
        if errors:
            errors = mask_operation_errors(errors, context_value)
        return ExecutionResult(data=result.data, errors=errors, extensions=extensions)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Replaces strawberry's ERROR line with traceback for every error: an unexpected one
        is logged once, where it is masked with its request id (`mask_errors`); the others are
        the client's mistakes (a document that does not validate, a refusal), logged at INFO."""
        for error in errors:
            if is_unexpected(error):
                continue
            original = error.original_error
            code = (
                original.code.value
                if isinstance(original, DomainError)
                else (error.extensions or {}).get("code") or error_code(error)
            )
            log.info("client error %s: %s", code, error.message)


def build_schema(settings: Settings | None = None, *, plain_fields: bool = True) -> TandemSchema:
    """The API's schema. `plain_fields=False` executes every field through strawberry and
    graphql-core as they come (api/execution.py explains the difference; tests compare)."""
    settings = settings or get_settings()
    extensions: list[Callable[[], SchemaExtension]] = [
        MaskUnexpectedErrors,
        OperationMetrics,
        lambda: ParserCache(maxsize=512),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: LimitedValidation(
            max_depth=MAX_DEPTH, max_aliases=MAX_ALIASES, max_repeats=MAX_REPEATS, maxsize=512
        ),
        lambda: QueryCost(limit=settings.max_query_cost),  # after validation: costs valid ones
    ]
    if not settings.introspection:
        extensions += [DisableIntrospection, HideSuggestions]
    extensions[:0] = tracing.schema_extensions()  # outermost: its span covers the others
    queries = [NodeQuery, *QUERY_ROOTS]
    mutations = MUTATION_ROOTS
    subscriptions = SUBSCRIPTION_ROOTS
    permissions.install(
        [
            *(("Query", root) for root in queries),
            *(("Mutation", root) for root in mutations),
            *(("Subscription", root) for root in subscriptions),
        ]
    )
    schema = TandemSchema(
        query=root_type(
            "Query",
            queries,
            "Everything readable (§2): objects by id (`node`, `<object>(id:)`) and every growing "
            "list as a connection. A field your role may not read answers FORBIDDEN (§2 Auth).",
        ),
        mutation=root_type(
            "Mutation",
            mutations,
            "Every change, named `<object><Action>` with one `input:` argument (§2 Mutations); "
            "a refusal is a UserError in the payload and changes nothing.",
        ),
        subscription=root_type(
            "Subscription",
            subscriptions,
            "Live updates over graphql-transport-ws (§8): domain events and job runs as they "
            "change. The socket's token is checked again every few seconds.",
        ),
        extensions=extensions,
        config=StrawberryConfig(relay_max_results=100, scalar_map=SCALARS),
        execution_context_class=TandemExecutionContext if plain_fields else None,
    )
    if plain_fields:
        simplify_resolvers(schema._schema)
    schema.enable_fast_path()  # not with tracing: its spans come from an extension
    return schema


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
