"""Schema extensions: masking of unexpected errors (with request id) and per-operation metrics."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.metrics import GRAPHQL_DURATION, GRAPHQL_REQUESTS
from domain.errors import DomainError

log = logging.getLogger("tandem.graphql")
MASKED_MESSAGE = "Internal server error"


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


class MaskUnexpectedErrors(SchemaExtension):
    """Replaces errors that no rule raised on purpose with a generic message and the request
    id, and logs the original with its traceback under the same id."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if not result or not getattr(result, "errors", None):
            return
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        processed: list[GraphQLError] = []
        for error in result.errors:
            original = error.original_error
            if isinstance(original, DomainError):
                processed.append(
                    GraphQLError(
                        original.message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": original.code.value},
                    )
                )
            elif _is_unexpected(error):
                log.error(
                    "unexpected error in %s",
                    ".".join(str(p) for p in error.path or []),
                    exc_info=(type(original), original, original.__traceback__),  # type: ignore[arg-type]
                    extra={"request_id": request_id},
                )
                processed.append(
                    GraphQLError(
                        MASKED_MESSAGE,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
                    )
                )
            else:
                processed.append(error)
        result.errors = processed


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        name = ctx.operation_name or "anonymous"
        operation = ctx.operation_type.value if ctx.operation_type else "unknown"
        outcome = "error" if ctx.result and getattr(ctx.result, "errors", None) else "ok"
        GRAPHQL_REQUESTS.labels(operation=name, type=operation, outcome=outcome).inc()
        GRAPHQL_DURATION.labels(operation=name, type=operation).observe(
            time.perf_counter() - started
        )
