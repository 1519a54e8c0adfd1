"""Prometheus metrics for `GET /metrics`: true sums across every API process and worker.

Two sources, chosen by where a figure is born:

- What happens inside an API process (HTTP requests, GraphQL operations, their latencies,
  open websockets) is counted in that process with prometheus_client. `tandem serve` gives
  its uvicorn processes one directory of their own (`PROMETHEUS_MULTIPROC_DIR`, see
  adapters/metrics_dir.py), so any of them answers a scrape with the sum over all of them,
  the files of exited processes included: a counter never goes backwards when the scrape
  lands on another process or a process is restarted. Open websockets are a "livesum"
  gauge: only live processes count, and the files of dead ones are dropped at each scrape.
  Several `tandem serve` processes are several scrape targets, each with its own figures,
  to be summed by Prometheus (`sum without (instance)`).
- What workers do (job runs, webhook attempts, SLA escalations) and the state of the queue
  and the outbox are rows in the database. They are read at scrape time with a few aggregate
  queries (domain/monitoring.py), so they are exact across any number of workers on any
  number of machines, need nothing from the workers, and survive every restart. Every API
  process reports the same installation-wide values: aggregate them with `max`, not `sum`.
  When the database does not answer, the scrape still answers without them.

Without `PROMETHEUS_MULTIPROC_DIR` (the app in a test, or run by uvicorn directly) the
process's own registry is served, which is right for one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import hashlib
import logging
import os
import re
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.jobs.models import JobKind
from domain.monitoring import FINISHED, WEBHOOK_OUTCOMES, Distribution, Figures, read_figures
from domain.service.sla_rules import AT_RISK_LEVEL, BREACHED_LEVEL

log = logging.getLogger("tandem.metrics")

MULTIPROCESS_DIRECTORY = "PROMETHEUS_MULTIPROC_DIR"
# A scrape answers even when the database hangs; its figures are left out then.
DATABASE_FIGURES_SECONDS = 5.0

HTTP_REQUESTS = Counter("tandem_http_requests_total", "HTTP requests", ["method", "path", "status"])
HTTP_DURATION = Histogram(
    "tandem_http_request_duration_seconds", "HTTP request latency", ["method", "path"]
)
GRAPHQL_OPERATIONS = Counter(
    "tandem_graphql_operations_total",
    "GraphQL operations by name (anonymous ones by a hash of their document), kind and outcome",
    ["operation", "kind", "outcome"],
)
GRAPHQL_DURATION = Histogram(
    "tandem_graphql_operation_duration_seconds",
    "GraphQL operation latency",
    ["operation", "kind"],
)


class Children:
    """`metric.labels(*values)`, memoised: prometheus_client checks and converts the values
    and takes a lock on every call, four times a request here. The children are the same
    objects `labels` answers (it keeps them as long as the metric lives); past `size`
    distinct values (a client's odd HTTP methods) the rest are looked up each time."""

    def __init__(self, metric: Counter | Histogram, size: int = 2000) -> None:
        self.metric = metric
        self.size = size
        self.children: dict[tuple[str, ...], Any] = {}

    def __call__(self, *values: str) -> Any:
        child = self.children.get(values)
        if child is None:
            child = self.metric.labels(*values)
            if len(self.children) < self.size:
                self.children[values] = child
        return child


HTTP_REQUEST_COUNT = Children(HTTP_REQUESTS)
HTTP_REQUEST_DURATION = Children(HTTP_DURATION)
GRAPHQL_OPERATION_COUNT = Children(GRAPHQL_OPERATIONS)
GRAPHQL_OPERATION_DURATION = Children(GRAPHQL_DURATION)

WEBSOCKET_CONNECTIONS = Gauge(
    "tandem_websocket_connections",
    "Open websocket connections (GraphQL subscriptions)",
    multiprocess_mode="livesum",
)

# Clients choose operation names: past this many distinct ones a process counts the rest
# under "other", so a client cannot grow the metrics without bound.
MAX_OPERATION_LABELS = 500
MAX_OPERATION_NAME = 100
_operation_labels: set[str] = set()


def operation_label(name: str | None, document: str | None) -> str:
    """The operation's name, or `anonymous:<8 hex digits of the document's SHA-256>`."""
    if name:
        label = name[:MAX_OPERATION_NAME]
    else:
        digest = hashlib.sha256((document or "").encode()).hexdigest()[:8]
        label = f"anonymous:{digest}"
    if label not in _operation_labels:
        if len(_operation_labels) >= MAX_OPERATION_LABELS:
            return "other"
        _operation_labels.add(label)
    return label


async def track_websocket(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Runs a websocket connection, counted as open from its accept to its end."""
    accepted = False

    async def sending(message: Message) -> None:
        nonlocal accepted
        if message["type"] == "websocket.accept" and not accepted:
            accepted = True
            WEBSOCKET_CONNECTIONS.inc()
        await send(message)

    try:
        await app(scope, receive, sending)
    finally:
        if accepted:
            WEBSOCKET_CONNECTIONS.dec()


_LIVE_GAUGE_FILE = re.compile(r"gauge_live[a-z]+_(\d+)\.db")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def forget_dead_processes(directory: str) -> None:
    """Drops the live-gauge files of processes that are gone (a crashed or restarted worker
    could not do it itself); their counters stay, so counters never go backwards."""
    for path in glob.glob(os.path.join(directory, "gauge_live*_*.db")):
        match = _LIVE_GAUGE_FILE.fullmatch(os.path.basename(path))
        if match and not _alive(int(match.group(1))):
            # Another process's scrape may be removing the same files at the same moment.
            with contextlib.suppress(FileNotFoundError):
                multiprocess.mark_process_dead(int(match.group(1)), directory)


def _process_registry() -> CollectorRegistry:
    directory = os.environ.get(MULTIPROCESS_DIRECTORY)
    if not directory:
        return REGISTRY
    forget_dead_processes(directory)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return registry


def _buckets(distribution: Distribution) -> list[tuple[str, float]]:
    buckets: list[tuple[str, float]] = []
    cumulative = 0
    for bound, count in zip(distribution.bounds, distribution.counts, strict=False):
        cumulative += count
        buckets.append((floatToGoString(bound), cumulative))
    buckets.append(("+Inf", distribution.count))
    return buckets


class _DatabaseFigures(Collector):
    """The figures read from the database for one scrape, as metric families."""

    def __init__(self, figures: Figures) -> None:
        self.figures = figures

    def collect(self) -> Iterator[Metric]:
        f = self.figures
        kinds = sorted({kind.value for kind in JobKind} | {kind for kind, _ in f.job_runs})
        runs = CounterMetricFamily(
            "tandem_job_runs_total",
            "Finished job runs by kind and status",
            labels=["kind", "status"],
        )
        for kind in kinds:
            for status in FINISHED:
                runs.add_metric([kind, status.value], f.job_runs.get((kind, status.value), 0))
        yield runs
        durations = HistogramMetricFamily(
            "tandem_job_duration_seconds",
            "From the start of a job run's first attempt to its finish",
            labels=["kind"],
        )
        for kind in kinds:
            distribution = f.job_durations.get(kind)
            if distribution is None:
                continue
            durations.add_metric([kind], _buckets(distribution), distribution.total)
        yield durations
        yield GaugeMetricFamily("tandem_jobs_queued", "Job runs QUEUED", value=f.jobs_queued)
        yield GaugeMetricFamily("tandem_jobs_running", "Job runs RUNNING", value=f.jobs_running)
        age = f.worker_heartbeat_age_seconds
        yield GaugeMetricFamily(
            "tandem_worker_heartbeat_age_seconds",
            "Seconds since the freshest worker heartbeat of this installation (+Inf: none)",
            value=float("inf") if age is None else age,
        )
        yield GaugeMetricFamily(
            "tandem_workers_live", "Workers that beat in the last 30 s", value=f.workers_live
        )
        yield GaugeMetricFamily(
            "tandem_outbox_pending_events", "Events not yet dispatched", value=f.outbox_pending
        )
        yield GaugeMetricFamily(
            "tandem_outbox_oldest_pending_age_seconds",
            "Age of the oldest event not yet dispatched (0: none)",
            value=f.outbox_oldest_pending_age_seconds,
        )
        attempts = CounterMetricFamily(
            "tandem_webhook_deliveries_total",
            "Webhook delivery attempts by outcome (succeeded, http_error, no_response)",
            labels=["outcome"],
        )
        for outcome in WEBHOOK_OUTCOMES:
            attempts.add_metric([outcome], f.webhook_attempts.get(outcome, 0))
        yield attempts
        yield HistogramMetricFamily(
            "tandem_webhook_delivery_duration_seconds",
            "Duration of webhook delivery attempts",
            buckets=_buckets(f.webhook_durations),
            sum_value=f.webhook_durations.total,
        )
        yield GaugeMetricFamily(
            "tandem_webhook_deliveries_pending",
            "Webhook deliveries still to be made or retried",
            value=f.webhook_deliveries_pending,
        )
        escalations = CounterMetricFamily(
            "tandem_sla_escalations_total",
            "SLA escalations by level (1 at risk, 2 breached)",
            labels=["level"],
        )
        for level in sorted({AT_RISK_LEVEL, BREACHED_LEVEL, *f.sla_escalations}):
            escalations.add_metric([str(level)], f.sla_escalations.get(level, 0))
        yield escalations


async def _database_figures(queue_name: str) -> Figures | None:
    try:
        async with asyncio.timeout(DATABASE_FIGURES_SECONDS):
            return await read_figures(queue_name)
    except Exception as exc:
        log.warning("metrics: the database figures are left out (%s: %s)", type(exc).__name__, exc)
        return None


async def render(queue_name: str) -> tuple[bytes, str]:
    """The exposition text: the API processes' figures, then the database's."""
    body = generate_latest(_process_registry())
    figures = await _database_figures(queue_name)
    if figures is not None:
        registry = CollectorRegistry(auto_describe=False)
        registry.register(_DatabaseFigures(figures))
        body += generate_latest(registry)
    return body, CONTENT_TYPE_LATEST
