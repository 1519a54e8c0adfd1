"""Several processes, one installation (contract §1, issue 14): `tandem serve --workers 2`,
another `tandem serve` and two `tandem worker`s on a throwaway migrated PostgreSQL database.
A subscription on one API sees an event caused through the other; `/metrics` sums the
counters of the uvicorn processes and never goes backwards; jobs are spread over both
workers and counted on the API's `/metrics`."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import redis.asyncio
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.parser import text_string_to_metric_families
from websockets.asyncio.client import ClientConnection, connect

from adapters.database import postgres_admin_url, throwaway_database
from domain.webhooks.broadcast import channel
from tests.operations.support import ROOT, TANDEM, free_port, stop, wait_until_healthy

SCRAPES = 6
RUNS_AT_ONCE = 16
PROBE = "query SummedProbe { __typename }"
SLA_RUN_START = "mutation { slaEscalationRunStart(input: {}) { jobRun { id } errors { code } } }"
EVENTS = 'subscription { events(types: ["account.*"]) { type payload } }'
ACCOUNT_CREATE = """mutation ($name: String!) {
  accountCreate(input: {name: $name}) { account { id } errors { code } } }"""

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def samples(text: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def counters(scraped: Samples) -> Samples:
    """The samples that may only grow: counters and the parts of histograms."""
    endings = ("_total", "_count", "_bucket", "_sum")
    return {key: v for key, v in scraped.items() if key[0].endswith(endings)}


@dataclass
class Installation:
    database_url: str
    queue_name: str
    var_dir: Path
    env: dict[str, str]
    token: str = ""
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    def logs(self) -> str:
        return "\n".join(
            f"--- {name} ---\n{(self.var_dir / f'{name}.log').read_text(errors='replace')[-4000:]}"
            for name in self.processes
        )

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        with (self.var_dir / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(
                [*TANDEM, *args], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self.processes[name] = process
        return process

    def serve(self, name: str, *options: str) -> str:
        port = free_port()
        process = self.start(name, "serve", "--host", "127.0.0.1", "--port", str(port), *options)
        self.urls[name] = f"http://127.0.0.1:{port}"
        wait_until_healthy(self.urls[name], process)
        return self.urls[name]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def graphql(
        self, api: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=self.urls[api], timeout=30) as http:
            response = await http.post(
                "/graphql",
                json={"query": query, "variables": variables or {}},
                headers=self.headers,
            )
        assert response.status_code == 200, f"{response.text}\n{self.logs()}"
        body = response.json()
        assert not body.get("errors"), f"{body}\n{self.logs()}"
        return body["data"]  # type: ignore[no-any-return]

    async def scrape(self, api: str) -> Samples:
        async with httpx.AsyncClient(base_url=self.urls[api], timeout=30) as http:
            response = await http.get("/metrics", headers=self.headers)
        assert response.status_code == 200, response.text
        return samples(response.text)

    def shares(self, api: str, name: str, **labels: str) -> dict[int, float]:
        """Each uvicorn process's own count of a metric, read from its file alone."""
        [directory] = (self.var_dir / "metrics").glob(f"serve-{self.processes[api].pid}-*")
        found: dict[int, float] = {}
        for path in directory.glob("counter_*.db"):
            pid = int(path.stem.split("_")[1])
            alone = self.var_dir / "alone" / str(pid)
            alone.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, alone / path.name)
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry, path=str(alone))
            for family in registry.collect():
                for sample in family.samples:
                    if sample.name == name and sample.labels == labels:
                        found[pid] = sample.value
            shutil.rmtree(alone)
        return found

    async def sql(self, query: str, *args: Any) -> list[asyncpg.Record]:
        connection = await asyncpg.connect("postgresql://" + self.database_url.split("://", 1)[1])
        try:
            return list(await connection.fetch(query, *args))
        finally:
            await connection.close()


def tandem(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [*TANDEM, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, f"tandem {' '.join(args)}: {done.stderr}"
    return done.stdout


async def forget_queue(redis_url: str, queue_name: str) -> None:
    client = redis.asyncio.Redis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(f"arq:*{queue_name}*")]
        await client.delete(queue_name, *keys)
    finally:
        await client.aclose()


@pytest.fixture(scope="module")
async def installation(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Installation]:
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL (set TEST_DATABASE_URL): several processes on one database")
    var_dir = tmp_path_factory.mktemp("many-processes")
    async with throwaway_database(postgres_admin_url(), "tandem_processes") as database_url:
        queue_name = f"tandem-processes-{uuid.uuid4().hex[:10]}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TANDEM_", "OTEL_"))}
        env.update(
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            TANDEM_QUEUE_NAME=queue_name,
            TANDEM_VAR_DIR=str(var_dir),
            # Only the runs the tests start: the scheduled scan waits an hour.
            TANDEM_SLA_SCAN_SECONDS="3600",
        )
        setup = Installation(database_url, queue_name, var_dir, env)
        tandem(env, "migrate")
        setup.token = tandem(env, "tokens", "create", "--name", "ops", "--role", "ADMIN").strip()
        try:
            setup.serve("two", "--workers", "2")
            setup.serve("one")
            setup.start("worker-1", "worker")
            setup.start("worker-2", "worker")
            await wait_for_workers(setup, 2)
            yield setup
        finally:
            for process in setup.processes.values():
                stop(process)
            await forget_queue(redis_url, queue_name)


async def wait_for_workers(setup: Installation, count: int) -> None:
    for _ in range(600):
        rows = await setup.sql("SELECT count(*) AS n FROM worker_heartbeats")
        if rows[0]["n"] >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"fewer than {count} workers beat:\n{setup.logs()}")


@contextlib.asynccontextmanager
async def subscribed(url: str, token: str, query: str) -> AsyncIterator[ClientConnection]:
    async with connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": token}}))
        assert (await receive(ws))["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        yield ws


async def receive(ws: ClientConnection, within: float = 30) -> dict[str, Any]:
    async with asyncio.timeout(within):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] not in ("ping", "pong"):
                return message  # type: ignore[no-any-return]


async def listeners(redis_url: str, queue_name: str, name: str) -> int:
    client = redis.asyncio.Redis.from_url(redis_url)
    try:
        counts: Any = await client.pubsub_numsub(channel(queue_name, name))
        return int(counts[0][1])
    finally:
        await client.aclose()


async def test_a_subscription_on_one_api_sees_an_event_caused_through_the_other(
    installation: Installation, redis_url: str
) -> None:
    setup = installation
    url = setup.urls["two"].replace("http://", "ws://") + "/graphql"
    async with subscribed(url, f"Bearer {setup.token}", EVENTS) as ws:
        for _ in range(300):
            if await listeners(redis_url, setup.queue_name, "events"):
                break
            await asyncio.sleep(0.1)
        open_sockets = (await setup.scrape("two"))[("tandem_websocket_connections", frozenset())]
        created = await setup.graphql("one", ACCOUNT_CREATE, {"name": "Seen Elsewhere"})
        assert created["accountCreate"]["errors"] == []
        message = await receive(ws, within=60)

    assert open_sockets == 1
    assert message["type"] == "next", message
    event = message["payload"]["data"]["events"]
    assert event["type"] == "account.created"
    assert event["payload"]["name"] == "Seen Elsewhere"
    for _ in range(100):
        scraped = await setup.scrape("two")
        if scraped[("tandem_websocket_connections", frozenset())] == 0:
            break
        await asyncio.sleep(0.1)
    assert scraped[("tandem_websocket_connections", frozenset())] == 0


async def probe(setup: Installation, count: int) -> None:
    """`count` operations on fresh connections, eight at a time, so both processes take some."""
    limits = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=setup.urls["two"], limits=limits, timeout=30) as http:
        for start in range(0, count, 8):
            answers = await asyncio.gather(
                *(
                    http.post("/graphql", json={"query": PROBE}, headers=setup.headers)
                    for _ in range(min(8, count - start))
                )
            )
            assert [answer.status_code for answer in answers] == [200] * len(answers)


async def test_six_scrapes_of_serve_workers_2_sum_both_processes_and_never_go_backwards(
    installation: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = installation
    operations = {"operation": "SummedProbe", "kind": "query", "outcome": "ok"}
    sent = 0
    for _ in range(10):
        await probe(setup, 24)
        sent += 24
        shares = setup.shares("two", "tandem_graphql_operations_total", **operations)
        if len([share for share in shares.values() if share]) == 2:
            break
    assert len(shares) == 2 and all(shares.values()), f"one process took every request: {shares}"
    assert sum(shares.values()) == sent
    key = ("tandem_graphql_operations_total", frozenset(operations.items()))
    http_ok = (
        "tandem_http_requests_total",
        frozenset({"method": "POST", "path": "/graphql", "status": "200"}.items()),
    )
    await asyncio.sleep(0.5)  # the last requests' HTTP counts land just after their answers

    scrapes = [await setup.scrape("two") for _ in range(SCRAPES)]

    assert [scraped[key] for scraped in scrapes] == [sent] * SCRAPES
    for before, after in itertools.pairwise(scrapes):
        grown = counters(before)
        for sample, value in grown.items():
            assert after.get(sample, -1) >= value, (sample, value, after.get(sample))
    figures = [int(scraped[http_ok]) for scraped in scrapes]
    assert figures == sorted(figures) and figures[0] >= sent
    with capsys.disabled():
        print(f"\nsix scrapes, {http_ok[0]} POST /graphql 200: {figures} (shares {shares})")


async def all_finished(setup: Installation) -> None:
    for _ in range(900):
        rows = await setup.sql(
            "SELECT count(*) AS n FROM job_runs WHERE status IN ('QUEUED', 'RUNNING')"
        )
        if rows[0]["n"] == 0:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"runs still unfinished after 90 s:\n{setup.logs()}")


async def test_jobs_are_spread_over_both_workers_and_counted_on_the_apis_metrics(
    installation: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = installation
    workers: set[str] = set()
    started = 0
    # Runs started one after another can lock onto one worker's polling rhythm; a batch
    # larger than a worker takes at once (arq's max_jobs, 10) leaves some for the other.
    while len(workers) < 2 and started < 5 * RUNS_AT_ONCE:
        answers = await asyncio.gather(
            *(setup.graphql(api, SLA_RUN_START) for api in ("one", "two") * (RUNS_AT_ONCE // 2))
        )
        runs = [answer["slaEscalationRunStart"] for answer in answers]
        assert [run["errors"] for run in runs] == [[]] * len(runs)
        started += len(runs)
        await all_finished(setup)
        rows = await setup.sql(
            "SELECT DISTINCT worker_id FROM job_runs WHERE worker_id IS NOT NULL"
        )
        workers = {row["worker_id"].rsplit(":", 2)[1] for row in rows}
    worker_pids = {str(setup.processes[name].pid) for name in ("worker-1", "worker-2")}

    assert workers == worker_pids, f"{started} runs, all on one worker"
    spread = await setup.sql("SELECT worker_id, count(*) AS n FROM job_runs GROUP BY worker_id")
    with capsys.disabled():
        print(f"\n{started} runs over the workers: {sorted(row['n'] for row in spread)}")
    # A scheduled run could start meanwhile: compare with the rows of a quiet moment.
    for _ in range(5):
        before = await job_counts(setup)
        scraped = await setup.scrape("two")
        if await job_counts(setup) == before:
            break
    succeeded, queued, running = before
    assert succeeded >= started
    sla_ok = frozenset({"kind": "SLA_ESCALATION", "status": "SUCCEEDED"}.items())
    assert scraped[("tandem_job_runs_total", sla_ok)] == succeeded
    kind = frozenset({"kind": "SLA_ESCALATION"}.items())
    assert scraped[("tandem_job_duration_seconds_count", kind)] == succeeded
    assert scraped[("tandem_jobs_queued", frozenset())] == queued
    assert scraped[("tandem_jobs_running", frozenset())] == running
    assert scraped[("tandem_workers_live", frozenset())] == 2
    assert scraped[("tandem_worker_heartbeat_age_seconds", frozenset())] < 30
    other = await setup.scrape("one")  # every API reports the installation's figures
    assert other[("tandem_job_runs_total", sla_ok)] >= succeeded


async def job_counts(setup: Installation) -> tuple[int, int, int]:
    [row] = await setup.sql(
        "SELECT count(*) FILTER (WHERE kind = 'SLA_ESCALATION' AND status = 'SUCCEEDED') AS ok,"
        " count(*) FILTER (WHERE status = 'QUEUED') AS queued,"
        " count(*) FILTER (WHERE status = 'RUNNING') AS running FROM job_runs"
    )
    return int(row["ok"]), int(row["queued"]), int(row["running"])
