"""The embedded default under load (§1): a real `tandem serve` and a real `tandem worker` on
one SQLite file and an embedded Redis, the worker invoicing and delivering webhooks while
four clients send mutations; not one of them fails.

SQLite by nature: it runs on a file of its own whatever TEST_DATABASE_URL says."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from adapters.embedded_redis import EmbeddedRedis
from tests.webhooks.support import Receiver, eventually, running_receiver

ROOT = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "api.cli"]
CLIENTS = 4
MUTATIONS_PER_CLIENT = 200
ORDERS = 20

ACCOUNT_CREATE = """mutation ($name: String!) {
  accountCreate(input: {name: $name}) { account { id } errors { code message } } }"""
ACCOUNT_UPDATE = """mutation ($id: ID!, $name: String!) {
  accountUpdate(input: {id: $id, name: $name}) { account { id } errors { code message } } }"""
PRODUCT_CREATE = """mutation {
  productCreate(input: {sku: "SVC", name: "Support", kind: SERVICE, listPrice: "10.00"}) {
    product { id } errors { code message } } }"""
SUBSCRIBE = """mutation ($url: String!) {
  webhookSubscriptionCreate(input: {url: $url, eventTypes: ["*"]}) {
    secret errors { code message } } }"""
ORDER_CREATE = """mutation ($account: ID!, $product: ID!) {
  salesOrderCreate(input: {accountId: $account, lines: [{productId: $product, quantity: "2"}]}) {
    salesOrder { id lines { id quantity } } errors { code message } } }"""
ORDER_CONFIRM = """mutation ($id: ID!) {
  salesOrderConfirm(input: {id: $id}) { salesOrder { id } errors { code message } } }"""
ORDER_SHIP = """mutation ($id: ID!, $line: ID!) {
  salesOrderShip(input: {id: $id, lines: [{lineId: $line, quantity: "2"}]}) {
    shipment { id } errors { code message } } }"""
INVOICE_RUN_START = """mutation ($ids: [ID!]) {
  invoiceRunStart(input: {salesOrderIds: $ids, issueDate: "2026-04-01"}) {
    jobRun { id } errors { code message } } }"""
JOB_RUN = "query ($id: ID!) { jobRun(id: $id) { status error result } }"
DELIVERIES = """query ($status: WebhookDeliveryStatus) {
  webhookDeliveries(filter: {status: $status}) { totalCount } }"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def short_tmp_dir() -> Iterator[Path]:
    """The embedded Redis's unix socket path must stay short (about 100 bytes at most)."""
    path = Path(tempfile.mkdtemp(prefix="tandem-sw-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@dataclass
class Installation:
    """One embedded-default installation: its environment, processes and logs."""

    var: Path
    redis_url: str
    port: int = field(default_factory=free_port)
    queue_name: str = field(default_factory=lambda: f"tandem-sw-{uuid.uuid4().hex[:8]}")
    processes: list[asyncio.subprocess.Process] = field(default_factory=list)

    @property
    def database(self) -> Path:
        return self.var / "tandem.sqlite3"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("TANDEM_", "TEST_"))
        }
        return {
            **environment,
            "DATABASE_URL": f"sqlite://{self.database}",
            "REDIS_URL": self.redis_url,
            "TANDEM_VAR_DIR": str(self.var),
            "TANDEM_QUEUE_NAME": self.queue_name,
            "TANDEM_WEBHOOK_ALLOW_PRIVATE": "true",
            "TANDEM_RATE_LIMIT_PER_MINUTE": "0",
            "TANDEM_LOG_LEVEL": "WARNING",
        }

    async def command(self, *args: str) -> str:
        process = await asyncio.create_subprocess_exec(
            *TANDEM,
            *args,
            cwd=ROOT,
            env=self.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        return out.decode()

    async def start(self, name: str, *args: str) -> None:
        log = (self.var / f"{name}.log").open("wb")
        self.processes.append(
            await asyncio.create_subprocess_exec(
                *TANDEM, *args, cwd=ROOT, env=self.env, stdout=log, stderr=log
            )
        )
        log.close()

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.var.glob("*.log"))
        )

    async def stop(self) -> None:
        for process in self.processes:
            if process.returncode is None:
                process.terminate()
        for process in self.processes:
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
                await process.wait()

    def scalar(self, sql: str) -> int:
        """A read of the installation's file, as a third process would."""
        with contextlib.closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as db:
            return int(db.execute(sql).fetchone()[0])


@contextlib.asynccontextmanager
async def installation() -> AsyncIterator[Installation]:
    """Migrated, with an embedded Redis, `tandem serve` answering and `tandem worker` up."""
    with short_tmp_dir() as var:
        redis = EmbeddedRedis(var)
        tandem = Installation(var, redis.start())
        try:
            await tandem.command("migrate")
            await tandem.start("serve", "serve", "--port", str(tandem.port))
            await tandem.start("worker", "worker")
            async with httpx.AsyncClient(base_url=tandem.url) as http:
                await eventually(lambda: _answers(http, tandem), within=30)
            yield tandem
        finally:
            await tandem.stop()
            redis.stop()


async def _answers(http: httpx.AsyncClient, tandem: Installation) -> bool:
    assert all(p.returncode is None for p in tandem.processes), tandem.logs()
    try:
        return (await http.get("/healthz")).status_code == 200
    except httpx.TransportError:
        return False


@dataclass
class Client:
    """Sends GraphQL over HTTP and keeps every failure: a non-200 answer, a GraphQL error or
    a payload error."""

    http: httpx.AsyncClient
    failures: list[str] = field(default_factory=list)
    sent: int = 0

    async def mutate(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        self.sent += 1
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        if response.status_code != 200:
            self.failures.append(f"{response.status_code}: {response.text}")
            return None
        body = response.json()
        if body.get("errors"):
            self.failures.append(str(body["errors"]))
            return None
        [payload] = body["data"].values()
        if payload["errors"]:
            self.failures.append(str(payload["errors"]))
            return None
        return payload

    async def query(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        return response.json()["data"]


@contextlib.asynccontextmanager
async def client(tandem: Installation, token: str) -> AsyncIterator[Client]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=tandem.url, headers=headers, timeout=60) as http:
        yield Client(http)


async def shipped_orders(api: Client, count: int) -> list[str]:
    account = await api.mutate(ACCOUNT_CREATE, {"name": "Acme"})
    product = await api.mutate(PRODUCT_CREATE)
    ids = []
    for _ in range(count):
        created = await api.mutate(
            ORDER_CREATE, {"account": account["account"]["id"], "product": product["product"]["id"]}
        )
        order = created["salesOrder"]
        await api.mutate(ORDER_CONFIRM, {"id": order["id"]})
        await api.mutate(ORDER_SHIP, {"id": order["id"], "line": order["lines"][0]["id"]})
        ids.append(order["id"])
    return ids


async def edit_accounts(api: Client, number: int) -> None:
    """Creates an account, then renames it, a new account every tenth mutation."""
    account_id = ""
    for step in range(MUTATIONS_PER_CLIENT):
        if step % 10 == 0:
            created = await api.mutate(ACCOUNT_CREATE, {"name": f"Client {number} #{step}"})
            account_id = created["account"]["id"] if created else account_id
        else:
            await api.mutate(ACCOUNT_UPDATE, {"id": account_id, "name": f"C{number} v{step}"})


def received(receiver: Receiver, secret: str, event_type: str) -> set[str]:
    """The event ids of the deliveries of `event_type` the receiver got (signatures checked)."""
    return {
        request.webhook_id
        for request in receiver.requests
        if request.verified(secret)["type"] == event_type
    }


async def test_the_api_and_the_worker_write_to_sqlite_at_once_without_one_error() -> None:
    async with running_receiver() as receiver, installation() as tandem:
        token = (await tandem.command("tokens", "create", "--name", "t", "--role", "ADMIN")).strip()
        async with client(tandem, token) as setup:
            orders = await shipped_orders(setup, ORDERS)
            # Queued before the first webhook delivery, so that the run works while the
            # clients write instead of waiting behind the deliveries on the queue.
            started = await setup.mutate(INVOICE_RUN_START, {"ids": orders})
            subscribed = await setup.mutate(SUBSCRIBE, {"url": receiver.url})
            assert setup.failures == [], tandem.logs()

            async with contextlib.AsyncExitStack() as stack:
                clients = [await stack.enter_async_context(client(tandem, token)) for _ in "abcd"]
                await asyncio.gather(*(edit_accounts(c, n) for n, c in enumerate(clients)))

            assert [failure for c in clients for failure in c.failures] == [], tandem.logs()
            assert [c.sent for c in clients] == [MUTATIONS_PER_CLIENT] * CLIENTS
            run = await eventually(lambda: _finished(setup, started["jobRun"]["id"]), within=60)
            secret = subscribed["secret"]
            invoiced = await eventually(
                lambda: _all_received(receiver, secret, "invoice.posted", ORDERS), within=60
            )
            failed = await setup.query(DELIVERIES, {"status": "FAILED"})
            account_events = tandem.scalar(
                "SELECT count(*) FROM events WHERE type LIKE 'account.%'"
            )

    assert (run["status"], run["error"], run["result"]["invoices"]) == ("SUCCEEDED", None, ORDERS)
    assert len(invoiced) == ORDERS
    assert failed["webhookDeliveries"]["totalCount"] == 0
    # The clients' events, Acme's creation and Acme becoming a CUSTOMER at its first order.
    assert account_events == CLIENTS * MUTATIONS_PER_CLIENT + 2


async def _finished(api: Client, run_id: str) -> Any:
    run = (await api.query(JOB_RUN, {"id": run_id}))["jobRun"]
    return run if run["status"] in ("SUCCEEDED", "FAILED") else None


async def _all_received(receiver: Receiver, secret: str, event_type: str, count: int) -> Any:
    ids = received(receiver, secret, event_type)
    return ids if len(ids) >= count else None
