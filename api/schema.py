"""The schema: every area's Query/Mutation/Subscription merged, with the limits of §2."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.scalars import JSON
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.types.base_scalars import (
    DateDefinition,
    DateTimeDefinition,
    DecimalDefinition,
)
from strawberry.types import ExecutionContext, Info
from strawberry.types.base import get_object_definition
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
    is_unexpected,
)
from api.query_cost import QueryCost
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


class TandemSchema(strawberry.Schema):
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


def build_schema(
    settings: Settings | None = None, *, plain_fields: bool = True
) -> strawberry.Schema:
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
    return schema


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
