"""The API's spans when tracing is on (adapters/tracing.py): one per HTTP request or websocket
connection, one per GraphQL operation with its parse, validation and resolver spans."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.middleware import Middleware
from strawberry.extensions import SchemaExtension

from adapters import tracing

# Probes and scrapes come every few seconds and say nothing about a request's path.
UNTRACED_PATHS = "/healthz$,/readyz$,/metrics$"


def middleware() -> list[Middleware]:
    """The outermost middleware, so every log line of a request carries its trace id."""
    if not tracing.enabled():
        return []
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return [
        Middleware(
            OpenTelemetryMiddleware,
            excluded_urls=UNTRACED_PATHS,
            # A span per message sent or received would bury a subscription's trace.
            exclude_spans=["receive", "send"],
        )
    ]


def _no_arguments(arguments: dict[str, Any], info: Any) -> dict[str, Any]:
    # Resolver arguments carry what users typed (names, emails, amounts): not for spans.
    return {}


def schema_extensions() -> list[Callable[[], SchemaExtension]]:
    if not tracing.enabled():
        return []
    from strawberry.extensions.tracing import OpenTelemetryExtension

    return [lambda: OpenTelemetryExtension(arg_filter=_no_arguments)]
