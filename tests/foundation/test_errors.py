"""Unexpected errors are masked for clients and logged with the request id (contract §2)."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from domain.accounts import services


async def test_an_unexpected_exception_is_masked_and_logged_with_the_request_id(
    client: httpx.AsyncClient,
    make_token: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("password=hunter2 leaked from the driver")

    monkeypatch.setattr(services, "list_accounts", explode)
    token = await make_token("ADMIN")

    with caplog.at_level(logging.ERROR, logger="tandem"):
        response = await client.post(
            "/graphql",
            json={"query": "{ accounts { totalCount } }"},
            headers={"Authorization": f"Bearer {token}"},
        )

    request_id = response.headers["x-request-id"]
    assert response.status_code == 200
    assert "hunter2" not in response.text
    assert response.json()["errors"] == [
        {
            "message": "Internal server error",
            "locations": [{"line": 1, "column": 3}],
            "path": ["accounts"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        }
    ]
    logged = [r for r in caplog.records if getattr(r, "request_id", None) == request_id]
    assert len(logged) == 1
    assert "hunter2" in logged[0].exc_text  # type: ignore[operator]


async def test_an_incoming_request_id_is_kept(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-Id": "trace-abc-123"})

    assert response.headers["x-request-id"] == "trace-abc-123"


async def test_a_syntax_error_is_reported_not_masked(gql: Any) -> None:
    result = await gql("{ accounts { ", expect_status=200)

    assert result["errors"][0]["message"].startswith("Syntax Error")
