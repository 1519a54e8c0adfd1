"""Prometheus metrics: HTTP and GraphQL request counts and latencies."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

HTTP_REQUESTS = Counter("tandem_http_requests_total", "HTTP requests", ["method", "path", "status"])
HTTP_DURATION = Histogram(
    "tandem_http_request_duration_seconds", "HTTP request latency", ["method", "path"]
)
GRAPHQL_REQUESTS = Counter(
    "tandem_graphql_operations_total", "GraphQL operations", ["operation", "type", "outcome"]
)
GRAPHQL_DURATION = Histogram(
    "tandem_graphql_operation_duration_seconds", "GraphQL operation latency", ["operation", "type"]
)


def render() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
