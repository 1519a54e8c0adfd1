"""OpenTelemetry tracing, on only when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: spans are batched and sent over OTLP/HTTP,
SQL on PostgreSQL (asyncpg) gets a span per statement, and log lines carry the trace id.

Off, it costs one environment check: nothing of opentelemetry is imported. The standard
`OTEL_*` variables (service name, resource attributes, headers, sampling, batching) apply.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")

_configured = False


def enabled() -> bool:
    return any(os.environ.get(name, "").strip() for name in ENDPOINT_VARIABLES)


def configure(service_name: str) -> bool:
    """Installs this process's tracer provider (once); `OTEL_SERVICE_NAME` overrides the
    name. Returns whether tracing is on."""
    global _configured
    if _configured or not enabled():
        return _configured
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    AsyncPGInstrumentor().instrument(tracer_provider=provider)
    _configured = True
    return True


def current_trace_id() -> str | None:
    """The trace id of the span being recorded, as 32 hex digits (None when tracing is off)."""
    if not _configured:
        return None
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def flush(timeout_seconds: float = 5.0) -> None:
    """Sends the spans still batched (at a process's orderly end)."""
    if not _configured:
        return
    from opentelemetry import trace

    provider = trace.get_tracer_provider()
    force_flush = getattr(provider, "force_flush", None)
    if force_flush is not None:
        force_flush(int(timeout_seconds * 1000))


def asgi_middleware_class() -> type[OpenTelemetryMiddleware]:
    """OpenTelemetry's ASGI middleware (a span per request), imported only once asked for:
    callers ask only while tracing is on."""
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return OpenTelemetryMiddleware
