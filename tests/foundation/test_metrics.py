"""`/metrics` (contract §1): the job, queue, outbox, webhook and SLA figures read from the
database, GraphQL operations by name (anonymous ones by a hash of their document), and the
directory the processes of one `tandem serve` share."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from adapters.metrics_dir import claim_metrics_directory
from api.metrics import forget_dead_processes
from domain.accounts.models import Account
from domain.clock import utcnow
from domain.jobs.models import JobKind, JobRun, JobStatus, WorkerHeartbeat
from domain.outbox.models import Event
from domain.service.models import Case, CaseEscalation
from domain.settings import Settings
from domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def samples(text: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scraped: Samples, name: str, **labels: str) -> float:
    return scraped[(name, frozenset(labels.items()))]


async def scrape(client: httpx.AsyncClient, make_token: Any) -> Samples:
    token = await make_token("READONLY")
    response = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return samples(response.text)


async def a_run(kind: JobKind, status: JobStatus, seconds: float | None = None) -> JobRun:
    finished = utcnow() - timedelta(minutes=5)
    started = None if seconds is None else finished - timedelta(seconds=seconds)
    done = status in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
    return await JobRun.create(
        kind=kind, status=status, started_at=started, finished_at=finished if done else None
    )


async def an_attempt(delivery: WebhookDelivery, number: int, status: int | None, ms: int) -> None:
    await WebhookAttempt.create(
        delivery_id=delivery.id, number=number, at=utcnow(), response_status=status, duration_ms=ms
    )


async def test_the_job_outbox_webhook_and_sla_figures_come_from_the_database(
    client: httpx.AsyncClient, make_token: Any, settings: Settings
) -> None:
    await a_run(JobKind.MRP, JobStatus.SUCCEEDED, seconds=0.05)
    await a_run(JobKind.MRP, JobStatus.SUCCEEDED, seconds=30)
    await a_run(JobKind.MRP, JobStatus.FAILED, seconds=2)
    await a_run(JobKind.INVOICING, JobStatus.CANCELLED)  # cancelled while QUEUED: no duration
    await a_run(JobKind.INVOICING, JobStatus.QUEUED)
    await a_run(JobKind.SLA_ESCALATION, JobStatus.QUEUED)
    await a_run(JobKind.SLA_ESCALATION, JobStatus.RUNNING, seconds=1)
    now = utcnow()
    await WorkerHeartbeat.create(
        id="w1", queue_name=settings.queue_name, started_at=now, heartbeat_at=now
    )
    await WorkerHeartbeat.create(
        id="elsewhere", queue_name="another-installation", started_at=now, heartbeat_at=now
    )
    dispatched = await Event.create(
        type="account.created", payload={}, occurred_at=now, dispatched_at=now
    )
    await Event.create(type="account.created", payload={}, occurred_at=now - timedelta(hours=1))
    await Event.create(type="account.updated", payload={}, occurred_at=now)
    subscription = await WebhookSubscription.create(url="https://example.com/h", secret="s")
    delivered = await WebhookDelivery.create(
        event_id=dispatched.id, subscription_id=subscription.id, status=DeliveryStatus.SUCCEEDED
    )
    await an_attempt(delivered, 1, None, 10_000)
    await an_attempt(delivered, 2, 503, 120)
    await an_attempt(delivered, 3, 200, 40)
    account = await Account.create(name="Acme", currency="USD")
    cases = [
        await Case.create(number=f"C-{n}", subject="Down", account=account, opened_at=now)
        for n in (1, 2)
    ]
    for case, levels in zip(cases, ((1, 2), (1,)), strict=True):
        for level in levels:
            await CaseEscalation.create(case=case, level=level, reason="late", at=now)

    scraped = await scrape(client, make_token)

    runs = "tandem_job_runs_total"
    assert value(scraped, runs, kind="MRP", status="SUCCEEDED") == 2
    assert value(scraped, runs, kind="MRP", status="FAILED") == 1
    assert value(scraped, runs, kind="INVOICING", status="CANCELLED") == 1
    assert value(scraped, runs, kind="INVOICING", status="SUCCEEDED") == 0
    assert value(scraped, runs, kind="ACCOUNT_FIGURES", status="SUCCEEDED") == 0
    durations = "tandem_job_duration_seconds"
    assert value(scraped, f"{durations}_count", kind="MRP") == 3
    # SQLite's julianday() counts time in days: exact to some microseconds.
    assert value(scraped, f"{durations}_sum", kind="MRP") == pytest.approx(32.05, abs=1e-4)
    assert value(scraped, f"{durations}_bucket", kind="MRP", le="0.1") == 1
    assert value(scraped, f"{durations}_bucket", kind="MRP", le="5.0") == 2
    assert value(scraped, f"{durations}_bucket", kind="MRP", le="60.0") == 3
    assert value(scraped, f"{durations}_bucket", kind="MRP", le="+Inf") == 3
    assert (f"{durations}_count", frozenset({("kind", "INVOICING")})) not in scraped
    assert value(scraped, "tandem_jobs_queued") == 2
    assert value(scraped, "tandem_jobs_running") == 1
    assert 0 <= value(scraped, "tandem_worker_heartbeat_age_seconds") < 30
    assert value(scraped, "tandem_workers_live") == 1
    assert value(scraped, "tandem_outbox_pending_events") == 2
    assert 3600 <= value(scraped, "tandem_outbox_oldest_pending_age_seconds") < 3660
    deliveries = "tandem_webhook_deliveries_total"
    assert value(scraped, deliveries, outcome="succeeded") == 1
    assert value(scraped, deliveries, outcome="http_error") == 1
    assert value(scraped, deliveries, outcome="no_response") == 1
    attempt_durations = "tandem_webhook_delivery_duration_seconds"
    assert value(scraped, f"{attempt_durations}_count") == 3
    assert value(scraped, f"{attempt_durations}_sum") == 10.16
    assert value(scraped, f"{attempt_durations}_bucket", le="0.05") == 1
    assert value(scraped, f"{attempt_durations}_bucket", le="0.25") == 2
    assert value(scraped, f"{attempt_durations}_bucket", le="5.0") == 2
    assert value(scraped, f"{attempt_durations}_bucket", le="10.0") == 3
    assert value(scraped, "tandem_webhook_deliveries_pending") == 0
    assert value(scraped, "tandem_sla_escalations_total", level="1") == 2
    assert value(scraped, "tandem_sla_escalations_total", level="2") == 1


async def test_with_nothing_in_the_database_every_figure_is_zero_and_no_worker_beats(
    client: httpx.AsyncClient, make_token: Any
) -> None:
    scraped = await scrape(client, make_token)

    assert value(scraped, "tandem_job_runs_total", kind="MRP", status="SUCCEEDED") == 0
    assert value(scraped, "tandem_jobs_queued") == 0
    assert value(scraped, "tandem_worker_heartbeat_age_seconds") == float("inf")
    assert value(scraped, "tandem_outbox_oldest_pending_age_seconds") == 0
    assert value(scraped, "tandem_webhook_delivery_duration_seconds_count") == 0
    assert value(scraped, "tandem_sla_escalations_total", level="2") == 0
    assert value(scraped, "tandem_websocket_connections") == 0


async def test_an_anonymous_operation_is_named_by_a_hash_of_its_document(
    client: httpx.AsyncClient, gql: Any, make_token: Any
) -> None:
    document = "{ accounts(first: 3) { totalCount } }"
    await gql(document)
    await gql(document)
    await gql('mutation Nothing { accountCreate(input: {name: ""}) { errors { code } } }')
    await gql("{ nosuchfield }")

    scraped = await scrape(client, make_token)

    digest = hashlib.sha256(document.encode()).hexdigest()[:8]
    operations = "tandem_graphql_operations_total"
    anonymous = f"anonymous:{digest}"
    assert value(scraped, operations, operation=anonymous, kind="query", outcome="ok") == 2
    assert value(scraped, operations, operation="Nothing", kind="mutation", outcome="ok") == 1
    invalid = f"anonymous:{hashlib.sha256(b'{ nosuchfield }').hexdigest()[:8]}"
    assert value(scraped, operations, operation=invalid, kind="query", outcome="error") == 1
    assert not [key for key in scraped if ("operation", "anonymous") in key[1]]


def test_each_serve_gets_a_directory_of_its_own_and_removes_those_left_by_dead_ones(
    tmp_path: Path,
) -> None:
    first = claim_metrics_directory(tmp_path)
    second = claim_metrics_directory(tmp_path)
    (first.path / "counter_1.db").write_bytes(b"")
    left_behind = tmp_path / "metrics" / "serve-killed"
    left_behind.mkdir()
    (left_behind / ".lock").write_bytes(b"")

    third = claim_metrics_directory(tmp_path)

    assert len({first.path, second.path, third.path}) == 3
    assert first.path.parent == tmp_path / "metrics"
    assert (first.path / "counter_1.db").exists() and second.path.exists()
    assert not left_behind.exists()
    first.release()
    second.release()
    assert not first.path.exists() and third.path.exists()
    third.release()
    assert not (tmp_path / "metrics").exists()


def test_the_open_websockets_of_a_dead_process_are_forgotten_and_its_counters_kept(
    tmp_path: Path,
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    for name in (
        f"gauge_livesum_{gone.pid}.db",
        f"counter_{gone.pid}.db",
        f"gauge_livesum_{os.getpid()}.db",
    ):
        (tmp_path / name).write_bytes(b"")

    forget_dead_processes(str(tmp_path))

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [f"counter_{gone.pid}.db", f"gauge_livesum_{os.getpid()}.db"]
    )
