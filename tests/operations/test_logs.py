"""JSON log lines: a true UTC `ts`, one line per unexpected error (traceback and request id),
the client's mistakes at INFO (contract §1, §2)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from api.logs import JsonFormatter
from domain.accounts import services


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_ts_is_utc_whatever_the_process_timezone(new_york: None) -> None:
    record = logging.LogRecord("tandem.test", logging.INFO, __file__, 1, "hello", None, None)
    record.created, record.msecs = 1796156789.318, 318.0  # 2026-12-01 15:26:29.318 in New York

    line = orjson.loads(JsonFormatter().format(record))

    assert line["ts"] == "2026-12-01T20:26:29.318Z"


async def test_an_unexpected_error_is_one_error_line_with_traceback_and_request_id(
    client: httpx.AsyncClient,
    make_token: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the driver fell over")

    monkeypatch.setattr(services, "list_accounts", explode)
    token = await make_token("ADMIN")

    with caplog.at_level(logging.DEBUG):
        response = await client.post(
            "/graphql",
            json={"query": "{ accounts { totalCount } }"},
            headers={"Authorization": f"Bearer {token}"},
        )

    request_id = response.headers["x-request-id"]
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.levelname for r in problems] == ["ERROR"]
    line = orjson.loads(JsonFormatter().format(problems[0]))
    assert line["request_id"] == request_id
    assert "RuntimeError: the driver fell over" in line["exception"]
    assert "Traceback" in line["exception"]


@pytest.mark.parametrize(
    ("query", "logged"),
    [
        ("{ noSuchField }", "client error GRAPHQL_VALIDATION_FAILED: "),
        ("{ accounts(first: 101) { totalCount } }", "client error BAD_USER_INPUT: "),
        ('mutation { accountCreate(input: {name: " "}) { errors { code } } }', "account refused: "),
        ("{ trialBalance { ledgerAccount { code } } }", "client error FORBIDDEN: "),
    ],
)
async def test_client_mistakes_are_logged_at_info_never_as_errors(
    client: httpx.AsyncClient,
    make_token: Any,
    caplog: pytest.LogCaptureFixture,
    query: str,
    logged: str,
) -> None:
    token = await make_token("SALES")

    with caplog.at_level(logging.DEBUG):
        response = await client.post(
            "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
        )

    assert response.status_code == 200
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    info = [r for r in caplog.records if r.name == "tandem.graphql"]
    assert [r.levelname for r in info] == ["INFO"]
    assert info[0].getMessage().startswith(logged)


async def test_a_refusal_logs_its_codes_and_fields_but_no_values(
    client: httpx.AsyncClient, make_token: Any, caplog: pytest.LogCaptureFixture
) -> None:
    token = await make_token("SALES")
    mutation = (
        'mutation { accountCreate(input: {name: " ", email: "secret-not-an-email"}) '
        "{ errors { code } } }"
    )

    with caplog.at_level(logging.INFO, logger="tandem.graphql"):
        await client.post(
            "/graphql", json={"query": mutation}, headers={"Authorization": f"Bearer {token}"}
        )

    [line] = [r.getMessage() for r in caplog.records if r.name == "tandem.graphql"]
    assert line.startswith("account refused: REQUIRED name")
    assert "secret" not in line


async def test_an_unauthenticated_request_is_not_an_error(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = await client.post("/graphql", json={"query": "{ __typename }"})

    assert response.status_code == 401
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
