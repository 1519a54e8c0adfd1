"""GraphQL subscriptions over graphql-transport-ws with a real websocket client: an invoice
posted by the worker process, JobRun changes, and refused connections."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from adapters.queue import JobQueue
from api.relay import encode_id
from domain.accounts.models import Account
from domain.accounts.services import create_account
from domain.billing.models import Invoice
from domain.catalog.models import ProductKind
from domain.catalog.services import create_product
from domain.inventory.services import adjust_stock, default_warehouse
from domain.orders.models import SalesOrder, SalesOrderLine
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)
from domain.settings import Settings, get_settings
from tests.events.conftest import ServeApi, subscribers
from tests.webhooks.support import eventually, isolated_queue, worker_process

PROTOCOL = "graphql-transport-ws"
EVENTS = """subscription ($types: [String!]) {
  events(types: $types) { id type payload occurredAt } }"""
JOB_RUN = """subscription ($id: ID!) {
  jobRunUpdated(id: $id) { id status progress error finishedAt } }"""

INVOICE_RUN_START = """mutation ($ids: [ID!]) {
  invoiceRunStart(input: {salesOrderIds: $ids, issueDate: "2026-04-01"}) {
    jobRun { id status } errors { code message } } }"""


async def shipped_order(account: Account) -> SalesOrder:
    """Two widgets at 50.00 with 7 % tax, taken from MAIN's stock and shipped."""
    widget = await create_product(
        {
            "sku": "WIDGET",
            "name": "Widget",
            "kind": ProductKind.STOCKED,
            "list_price": Decimal("50.00"),
            "standard_cost": Decimal("20.00"),
            "tax_rate": Decimal("7"),
        }
    )
    main = await default_warehouse()
    await adjust_stock(
        product_id=widget.id, warehouse_id=main.id, quantity=Decimal("5"), reason="Opening stock"
    )
    order = await create_sales_order(
        account.id, [OrderLineDraft(product_id=widget.id, quantity=Decimal("2"))]
    )
    await confirm_sales_order(order.id)
    line = await SalesOrderLine.get(order_id=order.id)
    await ship_sales_order(order.id, main.id, [ShipLineDraft(line.id, line.quantity)])
    return order


async def post_graphql(
    url: str, token: str, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    """A plain HTTP request to the served API (the same server the websocket talks to)."""
    async with httpx.AsyncClient() as http:
        response = await http.post(
            url.replace("ws://", "http://", 1),
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


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


async def test_an_invoice_run_in_the_worker_process_reaches_a_subscriber(
    settings: Settings, serve_api: ServeApi, make_token: Any
) -> None:
    acme = await create_account({"name": "Acme", "payment_terms_days": 30, "currency": "USD"})
    order = await shipped_order(acme)
    listener = await make_token("INTEGRATION")
    finance = await make_token("FINANCE")
    async with (
        isolated_queue(settings) as queue,
        serve_api(queue) as url,
        graphql_ws(url, {"Authorization": f"Bearer {listener}"}) as ws,
    ):
        await subscribe(ws, EVENTS, {"types": ["invoice.*"]})
        await eventually(lambda: _listening(queue, "events"))

        with worker_process(get_settings()):
            started = await post_graphql(
                url, finance, INVOICE_RUN_START, {"ids": [encode_id("SalesOrder", order.id)]}
            )
            assert started["data"]["invoiceRunStart"]["errors"] == []
            assert started["data"]["invoiceRunStart"]["jobRun"]["status"] == "QUEUED"
            message = await receive(ws, within=60)

    assert message["type"] == "next"
    event = message["payload"]["data"]["events"]
    assert event["type"] == "invoice.posted"
    assert event["id"].startswith("evt_")
    invoice = await Invoice.get(sales_order_id=order.id)
    assert event["payload"] == {
        "id": encode_id("Invoice", invoice.id),
        "number": "INV-2026-000001",
        "status": "POSTED",
        "issueDate": "2026-04-01",
        "dueDate": "2026-05-01",
        "currency": "USD",
        "accountId": encode_id("Account", acme.id),
        "salesOrderId": encode_id("SalesOrder", order.id),
        "subtotal": {"amount": "100.00", "currency": "USD"},
        "taxTotal": {"amount": "7.00", "currency": "USD"},
        "total": {"amount": "107.00", "currency": "USD"},
        "amountPaid": {"amount": "0.00", "currency": "USD"},
        "amountCredited": {"amount": "0.00", "currency": "USD"},
        "amountDue": {"amount": "107.00", "currency": "USD"},
    }


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
    token = await make_token("SALES")  # a role that may start the kind may follow its runs
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
