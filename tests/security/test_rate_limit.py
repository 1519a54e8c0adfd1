"""The per-token rate limit (§2): counted in Redis, shared by every API process, 429 with
Retry-After and RATE_LIMITED over it; /healthz and /readyz never limited; a Redis outage lets
requests through."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from adapters.queue import JobQueue
from api import rate_limit
from api.app import create_app
from api.rate_limit import RateLimiter, token_subject
from domain.auth.models import ApiToken
from domain.auth.services import create_token
from domain.settings import Settings
from tests.factories import forget_rate_keys, rate_prefix

ROOT = Path(__file__).resolve().parents[2]
TYPENAME = {"query": "{ __typename }"}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The limiter itself, against the test Redis.


async def test_a_subject_gets_its_limit_then_is_refused_until_the_window_closes(
    queue: JobQueue,
) -> None:
    limiter = RateLimiter(rate_prefix(), 3)
    try:
        verdicts = [await limiter.hit(queue.redis, "token-a") for _ in range(5)]
        other = await limiter.hit(queue.redis, "token-b")
        ttl_ms = await queue.redis.pttl(limiter.key("token-a"))
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert [(v.allowed, v.count) for v in verdicts if v] == [
        (True, 1),
        (True, 2),
        (True, 3),
        (False, 4),
        (False, 5),
    ]
    assert all(v is not None and 1 <= v.retry_after <= 60 for v in verdicts)
    assert 0 < ttl_ms <= 60_000
    assert other is not None and (other.allowed, other.count) == (True, 1)


async def test_a_new_window_opens_once_the_last_one_expired(queue: JobQueue) -> None:
    limiter = RateLimiter(rate_prefix(), 1, window_seconds=0.2)
    try:
        first = await limiter.hit(queue.redis, "token")
        refused = await limiter.hit(queue.redis, "token")
        await asyncio.sleep(0.3)
        again = await limiter.hit(queue.redis, "token")
    finally:
        await forget_rate_keys(queue.redis, limiter.prefix)

    assert first is not None and first.allowed
    assert refused is not None and not refused.allowed
    assert again is not None and (again.allowed, again.count) == (True, 1)


async def test_an_unreachable_redis_lets_requests_through_and_warns_once_a_minute(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(rate_limit, "BACKOFF_SECONDS", 0.0)
    limiter = RateLimiter(rate_prefix(), 1)
    unreachable = Redis(host="127.0.0.1", port=_closed_port(), socket_connect_timeout=0.2)
    try:
        with caplog.at_level(logging.WARNING, logger="tandem.rate_limit"):
            verdicts = [await limiter.hit(unreachable, "token") for _ in range(3)]
    finally:
        await unreachable.aclose()

    assert verdicts == [None, None, None]
    warnings = [r for r in caplog.records if r.name == "tandem.rate_limit"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING


async def test_the_redis_key_names_neither_the_token_nor_its_stored_hash(database: str) -> None:
    token, raw = await create_token("keyed", "ADMIN")

    key = RateLimiter("tandem", 10).key(token_subject(token))

    assert raw not in key
    assert token.token_hash not in key
    assert key == RateLimiter("tandem", 10).key(token_subject(await ApiToken.get(id=token.id)))


# The middleware, in process.


@pytest.fixture
async def limited(
    settings: Settings, database: str, queue: JobQueue
) -> AsyncIterator[tuple[Any, str]]:
    """`(build(limit, queue) → client, prefix)`: apps of one installation (queue name)."""
    prefix = rate_prefix()
    clients: list[httpx.AsyncClient] = []

    def build(limit: int, app_queue: JobQueue | None = queue) -> httpx.AsyncClient:
        app_settings = replace(settings, rate_limit_per_minute=limit, queue_name=prefix)
        app = create_app(app_settings, manage_resources=False, queue=app_queue)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://tandem.test"
        )
        clients.append(client)
        return client

    yield build, prefix
    for client in clients:
        await client.aclose()
    await forget_rate_keys(queue.redis, prefix)


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


async def test_over_the_limit_a_token_gets_429_with_retry_after(
    limited: tuple[Any, str], make_token: Any
) -> None:
    build, _ = limited
    client = build(3)
    headers = bearer(await make_token("ADMIN"))

    responses = [await client.post("/graphql", json=TYPENAME, headers=headers) for _ in range(4)]

    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    refused = responses[3]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["content-type"] == "application/json"
    [error] = refused.json()["errors"]
    assert error["extensions"] == {
        "code": "RATE_LIMITED",
        "retryAfter": int(refused.headers["retry-after"]),
    }
    assert error["message"].startswith("More than 3 requests a minute with this token")


async def test_each_token_has_its_own_count(limited: tuple[Any, str], database: str) -> None:
    build, _ = limited
    client = build(1)
    _, first = await create_token("first", "ADMIN")
    _, second = await create_token("second", "SALES")

    statuses = [
        (await client.post("/graphql", json=TYPENAME, headers=bearer(raw))).status_code
        for raw in (first, second, first, second)
    ]

    assert statuses == [200, 200, 429, 429]


async def test_health_and_readiness_are_never_limited(
    limited: tuple[Any, str], make_token: Any
) -> None:
    build, _ = limited
    client = build(1)
    headers = bearer(await make_token("ADMIN"))
    await client.post("/graphql", json=TYPENAME, headers=headers)
    await client.post("/graphql", json=TYPENAME, headers=headers)

    probes = [await client.get(path, headers=headers) for path in ("/healthz", "/readyz") * 3]

    assert [p.status_code for p in probes] == [200] * 6


async def test_a_limit_of_zero_is_no_limit(
    limited: tuple[Any, str], make_token: Any, queue: JobQueue
) -> None:
    build, prefix = limited
    client = build(0)
    headers = bearer(await make_token("ADMIN"))

    statuses = [
        (await client.post("/graphql", json=TYPENAME, headers=headers)).status_code
        for _ in range(5)
    ]

    assert statuses == [200] * 5
    assert [key async for key in queue.redis.scan_iter(f"{prefix}:*")] == []


async def test_requests_pass_while_redis_is_unreachable(
    limited: tuple[Any, str], make_token: Any
) -> None:
    build, _ = limited
    unreachable = await JobQueue.connect(f"redis://127.0.0.1:{_closed_port()}/0", "nowhere")
    try:
        client = build(1, unreachable)
        headers = bearer(await make_token("ADMIN"))
        statuses = [
            (await client.post("/graphql", json=TYPENAME, headers=headers)).status_code
            for _ in range(3)
        ]
    finally:
        await unreachable.close()

    assert statuses == [200, 200, 200]


# Two real API processes sharing one Redis.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"tandem {' '.join(args)} failed: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture
def two_api_processes(
    tmp_path: Path, redis_url: str
) -> Iterator[tuple[list[str], str, dict[str, str]]]:
    """Two `serve` processes of one installation (SQLite file, one Redis, one queue name)
    limited to 10 requests a minute: `(urls, token, env)`."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite://{tmp_path / 'rate.sqlite3'}",
        "REDIS_URL": redis_url,
        "TANDEM_QUEUE_NAME": rate_prefix(),
        "TANDEM_RATE_LIMIT_PER_MINUTE": "10",
        "TANDEM_VAR_DIR": str(tmp_path / "var"),
        "TANDEM_LOG_LEVEL": "WARNING",
    }
    _cli(env, "migrate")
    token = _cli(env, "tokens", "create", "--name", "t", "--role", "ADMIN").strip()
    ports = [_free_port(), _free_port()]
    logs = [tmp_path / f"serve-{p}.log" for p in ports]
    servers = []
    for port, log in zip(ports, logs, strict=True):
        with log.open("wb") as stderr:
            command = ["serve", "--host", "127.0.0.1", "--port", str(port)]
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "api.cli", *command],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            )
    try:
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        for url, server, log in zip(urls, servers, logs, strict=True):
            _wait_until_up(url, server, log)
        yield urls, token, env
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise AssertionError(f"the API process exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not come up")


async def test_two_api_processes_share_one_limit(
    two_api_processes: tuple[list[str], str, dict[str, str]], queue: JobQueue
) -> None:
    urls, token, env = two_api_processes
    try:
        async with httpx.AsyncClient(headers=bearer(token), timeout=10) as http:
            responses = [
                await http.post(f"{url}/graphql", json=TYPENAME) for _ in range(6) for url in urls
            ]
    finally:
        await forget_rate_keys(queue.redis, env["TANDEM_QUEUE_NAME"])

    assert [r.status_code for r in responses] == [200] * 10 + [429] * 2
    for refused in responses[10:]:
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    served_by = {str(r.url).rsplit("/", 1)[0] for r in responses if r.status_code == 200}
    assert served_by == set(urls)
