"""GraphQL subscriptions over graphql-transport-ws with a real websocket client: events
committed by another process, JobRun changes, and refused connections."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from api.queue import JobQueue
from domain.settings import Settings, get_settings
from tests.events.conftest import ServeApi, subscribers
from tests.webhooks.support import eventually, isolated_queue, process_env, worker_process

PROTOCOL = "graphql-transport-ws"
EVENTS = """subscription ($types: [String!]) {
  events(types: $types) { id type payload occurredAt } }"""
JOB_RUN = """subscription ($id: ID!) {
  jobRunUpdated(id: $id) { id status progress error finishedAt } }"""

RECORD_INVOICE_POSTED = """
import asyncio, os
from tortoise.transactions import in_transaction
from api.queue import JobQueue
from domain.db import close_db, init_db
from domain.events import record_event

async def main():
    await init_db(os.environ["DATABASE_URL"])
    async with in_transaction():
        await record_event("case.created", {"number": "C-1"})
    async with in_transaction():
        await record_event("invoice.posted", {"number": "INV-2025-000001", "total": "107.00"})
    await close_db()
    # What a job's end does after it recorded events: wake the dispatcher.
    queue = await JobQueue.connect(os.environ["REDIS_URL"], os.environ["TANDEM_QUEUE_NAME"])
    await queue.enqueue("dispatch_outbox", job_id="outbox:dispatch")
    await queue.close()

asyncio.run(main())
"""


@asynccontextmanager
async def graphql_ws(url: str, init: dict[str, Any] | None) -> AsyncIterator[ClientConnection]:
    async with connect(url, subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": init or {}}))
        yield ws


async def receive(ws: ClientConnection, within: float = 30) -> dict[str, Any]:
    async with asyncio.timeout(within):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] not in ("ping", "pong", "ka"):
                return message  # type: ignore[no-any-return]


async def subscribe(ws: ClientConnection, query: str, variables: dict[str, Any]) -> None:
    assert (await receive(ws))["type"] == "connection_ack"
    await ws.send(
        json.dumps(
            {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables}}
        )
    )


async def test_an_event_committed_by_another_process_reaches_a_subscriber(
    settings: Settings, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("INTEGRATION")
    async with (
        isolated_queue(settings) as queue,
        serve_api(queue) as url,
        graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws,
    ):
        await subscribe(ws, EVENTS, {"types": ["invoice.*"]})
        await eventually(lambda: _listening(queue, "events"))

        with worker_process(get_settings()):
            recorder = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                RECORD_INVOICE_POSTED,
                env=process_env(get_settings()),
            )
            assert await recorder.wait() == 0
            message = await receive(ws, within=60)

    assert message["type"] == "next"
    event = message["payload"]["data"]["events"]
    assert event["type"] == "invoice.posted"
    assert event["payload"] == {"number": "INV-2025-000001", "total": "107.00"}
    assert event["id"].startswith("evt_")


async def test_job_run_updated_streams_a_job_from_queued_to_succeeded(
    gql: Any, queue: JobQueue, serve_api: ServeApi, make_token: Any, run_worker: Any
) -> None:
    account = await gql('mutation { accountCreate(input: {name: "Acme"}) { account { id } } }')
    account_id = account["data"]["accountCreate"]["account"]["id"]
    started = await gql(
        "mutation ($id: ID!) { accountFiguresRefresh(input: {accountId: $id}) "
        "{ jobRun { id status } errors { code } } }",
        {"id": account_id},
    )
    run = started["data"]["accountFiguresRefresh"]["jobRun"]
    token = await make_token("READONLY")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, JOB_RUN, {"id": run["id"]})
        first = await receive(ws)
        assert first["payload"]["data"]["jobRunUpdated"]["status"] == "QUEUED"
        await eventually(lambda: _listening(queue, "job_runs"))

        await run_worker()

        updates = []
        while (message := await receive(ws))["type"] == "next":
            updates.append(message["payload"]["data"]["jobRunUpdated"])
        assert message == {"id": "1", "type": "complete"}
    assert [u["status"] for u in updates] == ["RUNNING", "SUCCEEDED"]
    assert updates[0]["finishedAt"] is None
    finished = updates[-1]
    assert (finished["id"], finished["progress"], finished["error"]) == (run["id"], 1.0, None)
    assert finished["finishedAt"] is not None


async def test_the_token_may_come_with_the_upgrade_request(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("ADMIN")
    async with (
        serve_api(queue) as url,
        connect(
            url,
            subprotocols=[PROTOCOL],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Bearer {token}"},
        ) as ws,
    ):
        await ws.send(json.dumps({"type": "connection_init"}))
        assert (await receive(ws))["type"] == "connection_ack"


@pytest.mark.parametrize("init", [None, {"Authorization": "Bearer not-a-token"}])
async def test_a_connection_without_a_valid_token_is_refused(
    queue: JobQueue, serve_api: ServeApi, init: dict[str, str] | None
) -> None:
    async with serve_api(queue) as url, graphql_ws(url, init) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await receive(ws)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_events_are_for_admins_and_integrations(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("SALES")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, EVENTS, {})
        message = await receive(ws)
    assert message["type"] == "error" or message["payload"]["errors"]
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_unknown_event_type_is_refused(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("ADMIN")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, EVENTS, {"types": ["invoice.voided"]})
        message = await receive(ws)
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "INVALID"


async def test_job_run_updated_of_an_unknown_run_is_not_found(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("ADMIN")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, JOB_RUN, {"id": "Sm9iUnVuOjQwNA=="})  # JobRun:404
        message = await receive(ws)
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def _listening(queue: JobQueue, name: str) -> bool:
    return await subscribers(queue, name) > 0
