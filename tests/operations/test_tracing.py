"""OpenTelemetry tracing (issue 14): with `OTEL_EXPORTER_OTLP_ENDPOINT` set, `tandem serve`
and `tandem worker` send their spans over OTLP/HTTP — requests, GraphQL operations, SQL on
PostgreSQL, jobs — and log lines carry the trace id; without it nothing of OpenTelemetry is
even imported."""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from domain.settings import Settings
from tests.operations.support import (
    ROOT,
    TANDEM,
    free_port,
    stop,
    tandem_env,
    wait_until_healthy,
)

SPANS_SECONDS = 30.0


@dataclass(frozen=True)
class ReceivedSpan:
    service: str
    name: str
    trace_id: str
    span_id: str
    parent_span_id: str
    attributes: dict[str, Any]


@dataclass
class Receiver:
    """An OTLP/HTTP receiver on 127.0.0.1: every span posted to /v1/traces."""

    url: str
    spans: list[ReceivedSpan] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, body: bytes) -> None:
        request = ExportTraceServiceRequest.FromString(body)
        with self.lock:
            for resource_spans in request.resource_spans:
                resource = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        self.spans.append(
                            ReceivedSpan(
                                resource.get("service.name", ""),
                                span.name,
                                span.trace_id.hex(),
                                span.span_id.hex(),
                                span.parent_span_id.hex(),
                                {a.key: _attribute(a.value) for a in span.attributes},
                            )
                        )

    def wait_for(self, what: str, found: Callable[[ReceivedSpan], bool]) -> ReceivedSpan:
        deadline = time.monotonic() + SPANS_SECONDS
        while time.monotonic() < deadline:
            with self.lock:
                for span in self.spans:
                    if found(span):
                        return span
            time.sleep(0.1)
        with self.lock:
            names = sorted({(span.service, span.name) for span in self.spans})
        raise AssertionError(f"no span {what} arrived; got {names}")

    def in_trace(self, trace_id: str) -> list[ReceivedSpan]:
        with self.lock:
            return [span for span in self.spans if span.trace_id == trace_id]


def _attribute(value: Any) -> Any:
    kind = value.WhichOneof("value")
    return getattr(value, kind) if kind else None


@contextlib.contextmanager
def otlp_receiver() -> Iterator[Receiver]:
    receiver: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            if self.path == "/v1/traces":
                receiver.add(body)
            answer = ExportTraceServiceResponse().SerializeToString()
            self.send_response(200)
            self.send_header("content-type", "application/x-protobuf")
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver = Receiver(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def traced(
    command: list[str], settings: Settings, var_dir: Path, receiver: Receiver, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    env = tandem_env(
        settings,
        var_dir,
        OTEL_EXPORTER_OTLP_ENDPOINT=receiver.url,
        OTEL_BSP_SCHEDULE_DELAY="100",
        TANDEM_LOG_LEVEL="INFO",
    )
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*TANDEM, *command], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            stop(process)


def log_lines(log: Path) -> list[dict[str, Any]]:
    lines = []
    for line in log.read_text(errors="replace").splitlines():
        with contextlib.suppress(ValueError):
            lines.append(json.loads(line))
    return lines


async def test_requests_graphql_operations_and_sql_are_traced_and_logs_carry_the_trace_id(
    settings: Settings, database: str, make_token: Any, tmp_path: Path
) -> None:
    token = await make_token("ADMIN")
    port = free_port()
    command = ["serve", "--host", "127.0.0.1", "--port", str(port)]
    log = tmp_path / "serve.log"
    with otlp_receiver() as receiver, traced(command, settings, tmp_path, receiver, log) as serve:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(base_url, serve)
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            response = await http.post(
                "/graphql",
                json={"query": "query TracedProbe { accounts { totalCount } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.status_code == 200, response.text
            assert response.json()["data"] == {"accounts": {"totalCount": 0}}
            request_id = response.headers["x-request-id"]
            refused = await http.post(
                "/graphql",
                json={"query": "query Refused { noSuchField }"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert refused.status_code == 200
            refused_id = refused.headers["x-request-id"]

        operation = receiver.wait_for(
            "for the operation", lambda span: span.name == "GraphQL Query: TracedProbe"
        )
        request = receiver.wait_for(
            "for the request",
            lambda span: (
                span.name.startswith("POST")
                and span.trace_id == operation.trace_id
                and not span.parent_span_id
            ),
        )
        trace = receiver.in_trace(operation.trace_id)
        if database == "postgres":
            receiver.wait_for(
                "for SQL",
                lambda span: (
                    span.trace_id == operation.trace_id
                    and span.attributes.get("db.system") == "postgresql"
                ),
            )
        refused_operation = receiver.wait_for(
            "for the refused operation", lambda span: span.name == "GraphQL Query: Refused"
        )

    assert request.service == "tandem-api"
    assert {span.service for span in trace} == {"tandem-api"}
    assert operation.parent_span_id == request.span_id
    assert not any(span.name.startswith("GET /healthz") for span in receiver.spans)
    lines = log_lines(log)
    refusal_lines = [line for line in lines if line.get("request_id") == refused_id]
    assert refusal_lines, lines
    assert {line.get("trace_id") for line in refusal_lines} == {refused_operation.trace_id}
    assert not [
        line for line in lines if line.get("request_id") == request_id and "trace_id" not in line
    ]


async def test_a_worker_traces_its_jobs(settings: Settings, database: str, tmp_path: Path) -> None:
    log = tmp_path / "worker.log"
    with otlp_receiver() as receiver, traced(["worker"], settings, tmp_path, receiver, log):
        # The outbox dispatcher's cron runs at the worker's start.
        job = receiver.wait_for("for a job", lambda span: span.name == "job cron:dispatch_outbox")

    assert job.service == "tandem-worker"
    assert job.attributes["tandem.job.function"] == "cron:dispatch_outbox"


def test_without_an_endpoint_nothing_of_opentelemetry_is_imported(
    settings: Settings, tmp_path: Path
) -> None:
    script = (
        "import sys, api.asgi, api.cli, workers.settings, api.logs; "
        "print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))"
    )
    env = tandem_env(settings, tmp_path)
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    env.pop("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", None)
    printed = subprocess.run(
        [TANDEM[0], "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == "[]"
