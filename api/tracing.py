"""The API's spans when tracing is on (adapters/tracing.py): one per HTTP request or websocket
connection, one per GraphQL operation with its parse, validation and resolver spans."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from starlette.middleware import Middleware
from strawberry.extensions import SchemaExtension
from strawberry.extensions import tracing as strawberry_tracing

from adapters import tracing

# Probes and scrapes come every few seconds and say nothing about a request's path.
UNTRACED_PATHS = "/healthz$,/readyz$,/metrics$"
# A span per message sent or received would bury a subscription's trace.
UNTRACED_MESSAGES: list[Literal["receive", "send"]] = ["receive", "send"]


def middleware() -> list[Middleware]:
    """The outermost middleware, so every log line of a request carries its trace id."""
    if not tracing.enabled():
        return []
    return [
        Middleware(
            tracing.asgi_middleware_class(),
            excluded_urls=UNTRACED_PATHS,
            exclude_spans=UNTRACED_MESSAGES,
        )
    ]


def _no_arguments(arguments: dict[str, Any], info: Any) -> dict[str, Any]:
    # Resolver arguments carry what users typed (names, emails, amounts): not for spans.
    return {}


def schema_extensions() -> list[Callable[[], SchemaExtension]]:
    if not tracing.enabled():
        return []
    # strawberry's tracing package imports its OpenTelemetry extension (and opentelemetry)
    # only when the attribute is read: here, with tracing on.
    extension = strawberry_tracing.OpenTelemetryExtension
    return [lambda: extension(arg_filter=_no_arguments)]
