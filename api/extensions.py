"""Schema extensions: masking of unexpected errors (with request id), an `extensions.code` on
every error (contract §2), and per-operation metrics."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult, StreamExecutionResult

from adapters.outage import is_outage
from api.metrics import GRAPHQL_OPERATION_COUNT, GRAPHQL_OPERATION_DURATION, operation_label
from domain.errors import DomainError

log = logging.getLogger("tandem.graphql")
MASKED_MESSAGE = "Internal server error"
UNAVAILABLE_MESSAGE = "The service is temporarily unavailable."


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


def outage_of(errors: list[GraphQLError]) -> BaseException | None:
    """The first error that is a database or Redis outage (`adapters.outage`), if any."""
    for error in errors:
        original = error.original_error
        if original is not None and is_unexpected(error) and is_outage(original):
            return original
    return None


def error_code(error: GraphQLError) -> str:
    """The code of an error raised without one. Without a path nothing ran: the document did
    not parse or validate (or named no runnable operation); with one, a field failed — on an
    argument value it refused (an id that is no global id) or, when graphql-core itself
    raised it (a null for a non-null field), on a fault of ours."""
    original = error.original_error
    if error.path is None:
        if isinstance(error, GraphQLSyntaxError) and "Document contains more than" in error.message:
            return "TOO_MANY_TOKENS"
        return "GRAPHQL_VALIDATION_FAILED"
    if isinstance(original, GraphQLError):  # strawberry's input coercion errors among them
        return "BAD_USER_INPUT"
    return "INTERNAL_SERVER_ERROR"


def _with_code(error: GraphQLError) -> GraphQLError:
    if not (error.extensions or {}).get("code"):
        # In place: the same (cached) validation error always gets the same code.
        error.extensions = {**(error.extensions or {}), "code": error_code(error)}
    return error


def mask_errors(errors: list[GraphQLError], request_id: str | None) -> list[GraphQLError]:
    """A DomainError becomes its message and code; an error no rule raised on purpose becomes
    a generic message with the request id, its original logged with the traceback under the
    same id; any other error without a code gets one (`error_code`). Idempotent: what it
    returns has no original error left to mask."""
    processed: list[GraphQLError] = []
    for error in errors:
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
        elif original is not None and is_unexpected(error) and is_outage(original):
            # Not a fault of ours: the HTTP view answers 503 for it (api.failures logs it).
            processed.append(
                GraphQLError(
                    UNAVAILABLE_MESSAGE,
                    nodes=error.nodes,
                    path=error.path,
                    extensions={"code": "SERVICE_UNAVAILABLE", "requestId": request_id},
                )
            )
        elif original is not None and is_unexpected(error):
            log.error(
                "unexpected error in %s",
                ".".join(str(p) for p in error.path or []) or "the operation",
                exc_info=(type(original), original, original.__traceback__),
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
            processed.append(_with_code(error))
    return processed


def mask_operation_errors(errors: list[GraphQLError], context: Any) -> list[GraphQLError]:
    """`mask_errors` for an operation's result: an outage among them is left on the context
    (the view answers 503 for it)."""
    outage = outage_of(errors)
    if outage is not None and hasattr(context, "outage"):
        context.outage = outage
    return mask_errors(errors, getattr(context, "request_id", None))


class MaskUnexpectedErrors(SchemaExtension):
    """Masks the operation's errors (see `mask_operation_errors`)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = mask_operation_errors(errors, self.execution_context.context)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        # Each result of a stream (a subscription's events) is sent before the operation ends.
        if isinstance(result, ExecutionResult) and result.errors:
            context = self.execution_context.context
            result.errors = mask_errors(result.errors, getattr(context, "request_id", None))
        yield


# With introspection off, "Did you mean 'name'?" would still spell the schema out.
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class HideSuggestions(SchemaExtension):
    """Drops the "Did you mean …?" hints from every error message."""

    def on_operation(self) -> Iterator[None]:
        yield
        hide_suggestions(getattr(self.execution_context.result, "errors", None) or ())


def hide_suggestions(errors: Iterable[GraphQLError]) -> None:
    for error in errors:
        error.message = _SUGGESTION.sub("", error.message)


class OperationMetrics(SchemaExtension):
    """Counts and times every operation: by name (an anonymous one by a hash of its
    document), kind (query, mutation, subscription; "unknown" when none could be read) and
    outcome (ok, error)."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        try:
            kind = ctx.operation_type.value
        except Exception:  # no document, or no operation of that name in it
            kind = "unknown"
        failed = bool(ctx.result and getattr(ctx.result, "errors", None))
        record_operation(operation_label(ctx.operation_name, ctx.query), kind, failed, started)


def record_operation(name: str, kind: str, failed: bool, started: float) -> None:
    """Counts an operation and observes its duration since `started` (`time.perf_counter`)."""
    outcome = "error" if failed else "ok"
    GRAPHQL_OPERATION_COUNT(name, kind, outcome).inc()
    GRAPHQL_OPERATION_DURATION(name, kind).observe(time.perf_counter() - started)
