"""Health, readiness (503 while Redis is down) and metrics (contract §1)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.embedded_redis import EmbeddedRedis
from adapters.queue import JobQueue
from api.app import create_app
from domain.settings import Settings

COUNTER = "tandem_graphql_operations_total{"
DURATION_COUNT = "tandem_graphql_operation_duration_seconds_count{"


@pytest.fixture
async def own_redis(tmp_path: Path) -> AsyncIterator[EmbeddedRedis]:
    server = EmbeddedRedis(tmp_path)
    server.start()
    yield server
    server.stop()


async def test_readyz_is_503_while_redis_is_stopped_and_200_when_it_is_back(
    settings: Settings, database: str, own_redis: EmbeddedRedis
) -> None:
    queue = await JobQueue.connect(own_redis.url, "readiness-probe")
    app = create_app(settings, manage_resources=False, queue=queue)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://tandem.test") as http:
            up = await http.get("/readyz")
            assert (up.status_code, up.json()) == (
                200,
                {"ready": True, "database": "ok", "redis": "ok"},
            )

            own_redis.stop()
            down = await http.get("/readyz")
            assert down.status_code == 503
            assert down.json()["ready"] is False
            assert down.json()["database"] == "ok"
            assert down.json()["redis"].startswith("down: ")

            own_redis.start()
            back = await http.get("/readyz")
            assert (back.status_code, back.json()["redis"]) == (200, "ok")
    finally:
        await queue.close()


async def test_metrics_count_requests_per_graphql_operation(
    client: httpx.AsyncClient, gql: Any, make_token: Any
) -> None:
    await gql("query AccountsForMetrics { accounts { totalCount } }")
    await gql("query AccountsForMetrics { accounts { totalCount } }")

    token = await make_token("READONLY")
    response = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    lines = [
        line for line in response.text.splitlines() if 'operation="AccountsForMetrics"' in line
    ]
    assert [line.rsplit(" ", 1)[1] for line in lines if line.startswith(COUNTER)] == ["2.0"]
    assert [line.rsplit(" ", 1)[1] for line in lines if line.startswith(DURATION_COUNT)] == ["2.0"]


async def test_metrics_need_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/metrics")).status_code == 401
