"""Fixtures for the security regression suite: raw HTTP posts, an app with introspection off,
and the few objects whose reading is restricted."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import orjson
import pytest

from adapters.queue import JobQueue
from api.app import create_app
from api.relay import encode_id
from domain.catalog.models import Product
from domain.catalog.services import create_product
from domain.ledger.models import JournalEntry
from domain.ledger.services import Posting, post_journal_entry
from domain.settings import Settings
from domain.webhooks.models import WebhookSubscription
from domain.webhooks.services import create_subscription
from tests.events.conftest import serve_api  # noqa: F401  (the websocket tests' server)

Post = Callable[..., Awaitable[httpx.Response]]
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _poster(client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]) -> Post:
    tokens: dict[str, str] = {}

    async def post(
        body: Any, *, role: str = "ADMIN", accept: str = "application/json"
    ) -> httpx.Response:
        if role not in tokens:
            tokens[role] = await make_token(role)
        return await client.post(
            "/graphql",
            content=orjson.dumps(body),
            headers={
                "Authorization": f"Bearer {tokens[role]}",
                "Content-Type": "application/json",
                "Accept": accept,
            },
        )

    return post


@pytest.fixture
def post(client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]) -> Post:
    """`await post({"query": …}, role=…, accept=…)` → the raw httpx response."""
    return _poster(client, make_token)


@pytest.fixture
async def closed_post(
    settings: Settings,
    database: str,
    queue: JobQueue,
    make_token: Callable[[str], Awaitable[str]],
) -> AsyncIterator[Post]:
    """Like `post`, against an app started with TANDEM_INTROSPECTION=false."""
    app = create_app(replace(settings, introspection=False), manage_resources=False, queue=queue)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tandem.test") as http:
        yield _poster(http, make_token)


@pytest.fixture
async def costed_product(database: str) -> Product:
    return await create_product(
        {
            "sku": "GEAR-7",
            "name": "Gear",
            "list_price": Decimal("40.00"),
            "standard_cost": Decimal("12.50"),
        }
    )


@pytest.fixture
async def journal_entry(database: str) -> JournalEntry:
    return await post_journal_entry(
        entry_date=date(2026, 3, 2),
        memo="Owner's capital",
        source="MANUAL",
        postings=[
            Posting("1000", debit=Decimal("500.00")),
            Posting("3000", credit=Decimal("500.00")),
        ],
    )


@pytest.fixture
async def webhook_subscription(database: str) -> WebhookSubscription:
    created = await create_subscription("http://127.0.0.1:9/hooks", ["*"], "Data warehouse")
    return created.subscription


def global_id(type_name: str, pk: int) -> str:
    return encode_id(type_name, pk)
