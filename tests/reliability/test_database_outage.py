"""Database trouble before GraphQL answers a JSON 503 with a request id (never a raw 500),
and a real `tandem serve` recovers once PostgreSQL has killed all its connections."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import orjson
import pytest
from tortoise.exceptions import OperationalError

import api.auth
import api.pipeline.http
from adapters.database import postgres_admin_url, throwaway_database
from adapters.outage import is_outage

ROOT = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "api.cli"]

ACCOUNTS_QUERY = "{ accounts(first: 5) { totalCount edges { node { id name } } } }"
ACCOUNT_CREATE = """
mutation Create($name: String!) {
  accountCreate(input: {name: $name}) { account { id } errors { code } }
}
"""
CLIENTS = 20
REQUESTS_PER_CLIENT = 60
# PostgreSQL kills the API's connections once this many answers of the load are back.
TERMINATE_AFTER = (150, 400, 650, 900)
RECOVERY_POLLS = 20


# --- the classification -------------------------------------------------------------


def _raised_from(error: BaseException, cause: BaseException) -> BaseException:
    try:
        raise error from cause
    except BaseException as raised:
        return raised


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed"),
        TimeoutError(),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        asyncpg.exceptions.InternalClientError("cannot switch to state 12"),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.exceptions.InterfaceError("connection is closed"),
        _raised_from(OperationalError("wrapped"), ConnectionResetError()),
    ],
    ids=lambda error: type(error).__name__,
)
def test_lost_connections_are_outages(error: BaseException) -> None:
    assert is_outage(error)


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("a bug"),
        KeyError("id"),
        asyncpg.exceptions.DataError("invalid input for query argument $1"),
        asyncpg.exceptions.UndefinedColumnError("column does not exist"),
        _raised_from(OperationalError("wrapped"), asyncpg.exceptions.DataError("bad value")),
    ],
    ids=lambda error: type(error).__name__,
)
def test_bugs_and_bad_values_are_not_outages(error: BaseException) -> None:
    assert not is_outage(error)


# --- in process: the middleware's answers --------------------------------------------


def _failing(error: BaseException, calls: list[str]) -> Callable[[str], Awaitable[Any]]:
    async def authenticate(raw: str) -> Any:
        calls.append(raw)
        raise error

    return authenticate


def _assert_json_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == code
    request_id = response.headers["x-request-id"]
    assert error["extensions"]["requestId"] == request_id
    assert "Traceback" not in response.text
    return request_id


def _logged_under(caplog: pytest.LogCaptureFixture, request_id: str) -> list[str]:
    return [
        record.levelname
        for record in caplog.records
        if getattr(record, "request_id", None) == request_id
        and record.name.startswith("tandem")
        and record.levelno >= logging.WARNING
    ]


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        ConnectionRefusedError(111, "Connect call failed"),
    ],
    ids=lambda error: type(error).__name__,
)
async def test_token_lookup_on_a_dead_database_is_a_json_503_with_the_request_id(
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: BaseException,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(api.auth, "authenticate", _failing(error, calls))

    with caplog.at_level(logging.INFO, logger="tandem"):
        response = await client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"Authorization": "Bearer tdm_whatever", "X-Request-Id": "outage-test-1"},
        )

    request_id = _assert_json_error(response, 503, "SERVICE_UNAVAILABLE")
    assert request_id == "outage-test-1"
    assert response.json()["errors"][0]["message"] == "The service is temporarily unavailable."
    assert response.headers["retry-after"] == "1"
    assert calls == ["tdm_whatever", "tdm_whatever"]  # retried once on a fresh connection
    assert _logged_under(caplog, request_id) == ["WARNING"]


async def test_a_connection_that_fails_once_is_retried_and_the_request_succeeds(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, make_token: Any
) -> None:
    token = await make_token("ADMIN")
    real = api.auth.authenticate
    calls: list[str] = []

    async def dead_then_fresh(raw: str) -> Any:
        calls.append(raw)
        if len(calls) == 1:
            raise asyncpg.exceptions.InternalClientError("cannot switch to state 12")
        return await real(raw)

    monkeypatch.setattr(api.auth, "authenticate", dead_then_fresh)
    response = await client.post(
        "/graphql",
        json={"query": "{ accounts { totalCount } }"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200
    assert response.json()["data"] == {"accounts": {"totalCount": 0}}
    assert len(calls) == 2


async def test_a_bug_before_graphql_is_a_masked_json_500_with_the_request_id(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(api.auth, "authenticate", _failing(RuntimeError("a bug"), calls))

    with caplog.at_level(logging.INFO, logger="tandem"):
        response = await client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"Authorization": "Bearer tdm_whatever"},
        )

    request_id = _assert_json_error(response, 500, "INTERNAL_SERVER_ERROR")
    assert response.json()["errors"][0]["message"] == "Internal server error"
    assert "a bug" not in response.text
    assert calls == ["tdm_whatever"]  # a bug is not retried
    assert _logged_under(caplog, request_id) == ["ERROR"]


async def test_lead_capture_on_a_dead_database_is_a_json_503(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, make_token: Any
) -> None:
    token = await make_token("INTEGRATION")

    async def create_lead(*args: Any, **kwargs: Any) -> Any:
        raise asyncpg.exceptions.AdminShutdownError("terminating connection")

    monkeypatch.setattr(api.pipeline.http, "create_lead", create_lead)
    response = await client.post(
        "/hooks/leads",
        json={"companyName": "Acme", "contactName": "Ada", "email": "ada@example.com"},
        headers={"Authorization": f"Bearer {token}"},
    )

    _assert_json_error(response, 503, "SERVICE_UNAVAILABLE")
    assert response.headers["retry-after"] == "1"


# --- a real server under load while PostgreSQL kills its connections ---------------


def _asyncpg_url(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _run_tandem(*args: str, env: dict[str, str]) -> str:
    process = await asyncio.create_subprocess_exec(
        *TANDEM,
        *args,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 300)
    assert process.returncode == 0, stderr.decode()
    return stdout.decode()


@dataclass
class Served:
    base_url: str
    token: str
    database: str
    log_path: Path
    # A second ADMIN token never presented before the outage: the API keeps a token it
    # verified for up to 2 s (api.auth.TokenCache), so only an unseen one must be looked up.
    unseen_token: str = ""

    def log_lines(self) -> list[dict[str, Any]]:
        return [orjson.loads(line) for line in self.log_path.read_text().splitlines() if line]


@dataclass
class PostgresLink:
    """A TCP relay on 127.0.0.1 between the server and PostgreSQL. `cut()` aborts every
    connection and refuses new ones, as a stopped PostgreSQL or a network partition does."""

    host: str
    port: int
    local_port: int = 0
    server: asyncio.Server | None = None
    transports: set[asyncio.BaseTransport] = field(default_factory=set)

    def url(self, database_url: str) -> str:
        parts = urlsplit(database_url)
        netloc = parts.netloc.rsplit("@", 1)[0] + f"@127.0.0.1:{self.local_port}"
        return urlunsplit(parts._replace(netloc=netloc))

    async def open(self) -> None:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.local_port)
        self.local_port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()
        for transport in self.transports:
            transport.abort()  # type: ignore[attr-defined]
        self.transports.clear()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            writer.transport.abort()
            return
        self.transports |= {writer.transport, upstream_writer.transport}
        await asyncio.gather(
            self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
        )

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.transport.abort()


@contextlib.asynccontextmanager
async def postgres_link() -> AsyncIterator[PostgresLink]:
    parts = urlsplit(postgres_admin_url())
    link = PostgresLink(parts.hostname or "127.0.0.1", parts.port or 5432)
    await link.open()
    try:
        yield link
    finally:
        await link.cut()


@contextlib.asynccontextmanager
async def tandem_serve(
    tmp_path: Path, redis_url: str, link: PostgresLink | None = None
) -> AsyncIterator[Served]:
    """A migrated throwaway database with an ADMIN token, served by a real `tandem serve`
    (which reaches PostgreSQL through `link` when given)."""
    async with throwaway_database(postgres_admin_url(), "tandem_outage") as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "TANDEM_QUEUE_NAME": f"tandem-outage-{uuid.uuid4().hex[:10]}",
            "TANDEM_VAR_DIR": str(tmp_path / "var"),
            "TANDEM_RATE_LIMIT_PER_MINUTE": "0",
        }
        await _run_tandem("migrate", env=env)
        token = await _run_tandem("tokens", "create", "--name", "t", "--role", "ADMIN", env=env)
        unseen = await _run_tandem("tokens", "create", "--name", "u", "--role", "ADMIN", env=env)
        if link is not None:
            env["DATABASE_URL"] = link.url(database_url)
        port = _free_port()
        log_path = tmp_path / "serve.log"
        with log_path.open("wb") as log:
            server = await asyncio.create_subprocess_exec(
                *TANDEM,
                "serve",
                "--port",
                str(port),
                cwd=ROOT,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=log,
            )
        served = Served(
            f"http://127.0.0.1:{port}",
            token.strip(),
            database_url.rsplit("/", 1)[1],
            log_path,
            unseen.strip(),
        )
        try:
            await _wait_until_up(served, server)
            yield served
        finally:
            server.terminate()
            try:
                await asyncio.wait_for(server.wait(), 15)
            except TimeoutError:
                server.kill()
                await server.wait()


async def _wait_until_up(served: Served, server: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient(base_url=served.base_url) as http:
        for _ in range(300):
            assert server.returncode is None, served.log_path.read_text()
            with contextlib.suppress(httpx.TransportError):
                if (await http.get("/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    raise AssertionError("tandem serve did not start: " + served.log_path.read_text())


async def terminate_backends(database: str) -> int:
    """Kills every PostgreSQL connection to `database`, as an operator or a failover does."""
    connection = await asyncpg.connect(_asyncpg_url(postgres_admin_url()))
    try:
        rows = await connection.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )
    finally:
        await connection.close()
    return len(rows)


@dataclass
class Answer:
    status: int
    header_request_id: str | None
    retry_after: str | None
    body: Any

    @property
    def error_codes(self) -> list[str | None]:
        errors = (self.body.get("errors") if isinstance(self.body, dict) else None) or []
        return [(error.get("extensions") or {}).get("code") for error in errors]

    @property
    def succeeded(self) -> bool:
        return self.status == 200 and not self.error_codes and bool(self.body.get("data"))


async def _post(
    http: httpx.AsyncClient, served: Served, payload: dict[str, Any], token: str | None = None
) -> Answer:
    response = await http.post(
        "/graphql", json=payload, headers={"Authorization": f"Bearer {token or served.token}"}
    )
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise AssertionError(f"not JSON ({response.status_code}): {response.text!r}") from None
    headers = response.headers
    return Answer(
        response.status_code, headers.get("x-request-id"), headers.get("retry-after"), body
    )


@dataclass
class Load:
    answers: list[Answer] = field(default_factory=list)
    terminated: list[int] = field(default_factory=list)
    reached: dict[int, asyncio.Event] = field(
        default_factory=lambda: {count: asyncio.Event() for count in TERMINATE_AFTER}
    )

    def record(self, answer: Answer) -> None:
        self.answers.append(answer)
        if len(self.answers) in self.reached:
            self.reached[len(self.answers)].set()


async def run_load_with_terminations(served: Served) -> Load:
    load = Load()
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)

    async def client(number: int, http: httpx.AsyncClient) -> None:
        for request in range(REQUESTS_PER_CLIENT):
            payload: dict[str, Any] = {"query": ACCOUNTS_QUERY}
            if request % 5 == 4:
                payload = {"query": ACCOUNT_CREATE, "variables": {"name": f"Load {number}"}}
            load.record(await _post(http, served, payload))

    async def terminator() -> None:
        for count in TERMINATE_AFTER:
            await load.reached[count].wait()
            load.terminated.append(await terminate_backends(served.database))

    async with httpx.AsyncClient(base_url=served.base_url, limits=limits, timeout=30) as http:
        await asyncio.gather(terminator(), *(client(n, http) for n in range(CLIENTS)))
    return load


async def polls_until_recovered(served: Served) -> int | None:
    """The number of the first poll (100 ms apart) that succeeds, None when none does."""
    async with httpx.AsyncClient(base_url=served.base_url, timeout=5) as http:
        for poll in range(1, RECOVERY_POLLS + 1):
            if (await _post(http, served, {"query": ACCOUNTS_QUERY})).succeeded:
                return poll
            await asyncio.sleep(0.1)
    return None


async def test_a_real_server_answers_json_through_connection_kills_and_recovers(
    postgres_only: None, redis_url: str, tmp_path: Path
) -> None:
    async with tandem_serve(tmp_path, redis_url) as served:
        load = await run_load_with_terminations(served)
        # The load is over and the pool holds idle connections only: kill them all once more.
        load.terminated.append(await terminate_backends(served.database))
        recovered_at = await polls_until_recovered(served)
        logs = served.log_lines()

    statuses = Counter(answer.status for answer in load.answers)
    codes = Counter(code for answer in load.answers for code in answer.error_codes)
    print(
        f"\n{len(load.answers)} requests, statuses {dict(statuses)}, error codes {dict(codes)},"
        f" connections killed {load.terminated}, first good answer at poll {recovered_at}"
    )
    assert len(load.answers) == CLIENTS * REQUESTS_PER_CLIENT
    assert all(killed > 0 for killed in load.terminated)
    assert set(statuses) <= {200, 503}
    for answer in load.answers:
        if answer.status == 503:
            assert_unavailable_answer(answer, logs)
    assert not [line for line in logs if line["level"] == "ERROR" and "uvicorn" in line["logger"]]
    assert recovered_at is not None


def assert_unavailable_answer(answer: Answer, logs: list[dict[str, Any]]) -> None:
    """A JSON 503 SERVICE_UNAVAILABLE with Retry-After and the request id, logged once."""
    assert answer.status == 503
    (error,) = answer.body["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert error["extensions"]["requestId"] == answer.header_request_id
    assert answer.retry_after == "1"
    (logged,) = [
        line
        for line in logs
        if line.get("request_id") == answer.header_request_id
        and line["logger"].startswith("tandem")
        and line["level"] != "INFO"
    ]
    assert (logged["logger"], logged["level"]) == ("tandem.http", "WARNING")
    assert logged["exception"]


async def test_a_real_server_answers_503_while_postgresql_is_unreachable_and_recovers(
    postgres_only: None, redis_url: str, tmp_path: Path
) -> None:
    async with postgres_link() as link, tandem_serve(tmp_path, redis_url, link) as served:
        async with httpx.AsyncClient(base_url=served.base_url, timeout=30) as http:
            before = await _post(http, served, {"query": ACCOUNTS_QUERY})
            await link.cut()
            unseen = served.unseen_token
            during = await asyncio.gather(
                *(_post(http, served, {"query": ACCOUNTS_QUERY}, unseen) for _ in range(CLIENTS))
            )
            readiness = await http.get("/readyz")
            await link.open()
        recovered_at = await polls_until_recovered(served)
        logs = served.log_lines()

    print(f"\nunreachable: {Counter(a.status for a in during)}, recovered at poll {recovered_at}")
    assert before.succeeded
    for answer in during:
        assert_unavailable_answer(answer, logs)
    assert readiness.status_code == 503
    assert readiness.json()["database"].startswith("down: ")
    assert readiness.headers["retry-after"] == "1"
    assert recovered_at is not None
