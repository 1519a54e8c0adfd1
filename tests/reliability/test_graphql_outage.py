"""A database outage met inside GraphQL (the token already verified and cached, so the outage
surfaces in a resolver) answers like an outage anywhere else: a JSON 503 with the request id
and Retry-After, logged once as a WARNING, never HTTP 200 with INTERNAL_SERVER_ERROR."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise.queryset import QuerySet

from adapters.queue import JobQueue
from api.app import create_app
from domain.settings import Settings

ACCOUNTS_QUERY = "{ accounts(first: 5) { totalCount edges { node { id name } } } }"


@pytest.fixture
async def cached_client(
    settings: Settings, database: str, queue: JobQueue
) -> AsyncIterator[httpx.AsyncClient]:
    # Tokens cached 2 s (as served): the second request reads no token from the database.
    app = create_app(
        dataclasses.replace(settings, token_cache_seconds=2.0),
        manage_resources=False,
        queue=queue,
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tandem.test") as http:
        yield http


async def test_an_outage_inside_graphql_is_a_json_503_with_the_request_id(
    cached_client: httpx.AsyncClient,
    make_token: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = await make_token("ADMIN")
    headers = {"Authorization": f"Bearer {token}"}
    first = await cached_client.post("/graphql", json={"query": ACCOUNTS_QUERY}, headers=headers)
    assert first.status_code == 200
    assert first.json()["data"] == {"accounts": {"totalCount": 0, "edges": []}}

    async def dead(self: Any) -> Any:
        raise asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed")

    with monkeypatch.context() as patch, caplog.at_level(logging.INFO, logger="tandem"):
        patch.setattr(QuerySet, "_execute", dead)
        response = await cached_client.post(
            "/graphql",
            json={"query": ACCOUNTS_QUERY},
            headers={**headers, "X-Request-Id": "graphql-outage-1"},
        )

    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["retry-after"] == "1"
    assert response.headers["x-request-id"] == "graphql-outage-1"
    assert response.json() == {
        "errors": [
            {
                "message": "The service is temporarily unavailable.",
                "extensions": {"code": "SERVICE_UNAVAILABLE", "requestId": "graphql-outage-1"},
            }
        ]
    }
    logged = [
        (record.name, record.levelname)
        for record in caplog.records
        if getattr(record, "request_id", None) == "graphql-outage-1"
        and record.levelno >= logging.WARNING
    ]
    assert logged == [("tandem.http", "WARNING")]  # once, by api.failures; no ERROR

    again = await cached_client.post("/graphql", json={"query": ACCOUNTS_QUERY}, headers=headers)
    assert again.status_code == 200
    assert again.json()["data"] == {"accounts": {"totalCount": 0, "edges": []}}


async def test_a_bug_inside_graphql_is_still_a_masked_error_in_a_200(
    cached_client: httpx.AsyncClient, make_token: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await make_token("ADMIN")
    headers = {"Authorization": f"Bearer {token}"}
    assert (
        await cached_client.post("/graphql", json={"query": ACCOUNTS_QUERY}, headers=headers)
    ).status_code == 200

    async def buggy(self: Any) -> Any:
        raise RuntimeError("a bug")

    with monkeypatch.context() as patch:
        patch.setattr(QuerySet, "_execute", buggy)
        response = await cached_client.post(
            "/graphql", json={"query": ACCOUNTS_QUERY}, headers=headers
        )

    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["message"] == "Internal server error"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "a bug" not in response.text
