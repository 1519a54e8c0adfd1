"""The schema: every area's Query/Mutation/Subscription merged, with the limits of §2."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext, Info

from api import permissions, tracing
from api.areas import MUTATION_ROOTS, QUERY_ROOTS, SUBSCRIPTION_ROOTS
from api.errors import user_input_error
from api.extensions import (
    HideSuggestions,
    MaskUnexpectedErrors,
    OperationMetrics,
    error_code,
    is_unexpected,
)
from api.query_cost import QueryCost
from api.query_limits import LimitedValidation
from api.relay import MAX_PAGE_SIZE
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
    @strawberry.field(description="Any object by its global id.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return await _resolve_node(info, id)

    @strawberry.field(description="Objects by global ids, in order; null for unknown ids.")
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        # Bounded like a page: each id costs a lookup. Gathered, so the loaders batch per type.
        if len(ids) > MAX_PAGE_SIZE:
            raise user_input_error(f"`ids` takes at most {MAX_PAGE_SIZE} ids.")
        return list(await asyncio.gather(*(_resolve_node(info, gid) for gid in ids)))


async def _resolve_node(info: Info, gid: relay.GlobalID) -> Any:
    try:
        node_type = gid.resolve_type(info)
    except Exception:
        return None
    nodes = await node_type.resolve_nodes(info=info, node_ids=[gid.node_id], required=False)
    return next(iter(nodes), None)


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


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
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
    query = merge_types("Query", tuple(queries))
    return TandemSchema(
        query=query,
        mutation=merge_types("Mutation", tuple(mutations)) if mutations else None,
        subscription=merge_types("Subscription", tuple(subscriptions)) if subscriptions else None,
        extensions=extensions,
        config=StrawberryConfig(relay_max_results=100),
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
