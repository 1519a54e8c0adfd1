"""API bench: the account 360° query over GraphQL next to raw SQL + orjson, and `{ __typename }`
next to /healthz, in one server process, under an external load generator.

Creates a throwaway PostgreSQL database (see bench/support/harness.py for the variables),
runs `tandem migrate`, `tandem seed --demo` and `tandem tokens create` on it, and starts one
server process as `tandem serve` would (bench/support/raw_api.py: the same app and middleware
plus the raw route) on a free port, with the configured Redis (BENCH_REDIS_URL / REDIS_URL /
TEST_REDIS_URL, embedded otherwise) and a queue name of its own. It checks once that the raw
route answers exactly the GraphQL JSON for every account, then measures each pair in
interleaved slices (A, B, A, B…) with autocannon (npx) or, without Node, several httpx
processes. The server, its database and its Redis keys are removed afterwards.

    .venv/bin/python bench/api.py   # BENCH_API_CLIENTS=10 BENCH_API_SECONDS=5 BENCH_API_SLICES=5
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
# This script's own directory comes first on sys.path, and its name would shadow the `api`
# package: the project root goes in front of it.
sys.path.insert(0, str(ROOT))

from adapters.database import create_database, drop_database  # noqa: E402
from bench.support.harness import (  # noqa: E402
    Comparison,
    admin_database_url,
    bench_int,
    bench_queue_name,
    bench_redis,
    format_load,
    interleaved,
    load_average,
)
from bench.support.load import autocannon_available, generate_load  # noqa: E402
from bench.support.raw_api import ACCOUNT_360_QUERY  # noqa: E402

CLIENTS = bench_int("API_CLIENTS", 10)
SECONDS = bench_int("API_SECONDS", 5)
SLICES = bench_int("API_SLICES", 5)
ACCOUNTS_QUERY = """{ accounts(first: 100, orderBy: {field: NAME}) {
  edges { node { id salesOrders { totalCount } } } } }"""


def tandem(*args: str, env: dict[str, str]) -> str:
    """Runs one `tandem` command (as `python -m api.cli`) and returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"tandem {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=base) as http:
        for _ in range(300):
            if server.poll() is not None:
                raise SystemExit("the bench server exited before answering /healthz")
            try:
                if (await http.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the bench server did not come up within 30 s")


async def largest_account(base: str, headers: dict[str, str]) -> str:
    """Checks the raw route against GraphQL for every account; returns the account with the
    most sales orders (the one both sides are measured on: most demo accounts have one)."""
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http:
        listing = (await http.post("/graphql", json={"query": ACCOUNTS_QUERY})).json()
        accounts = [edge["node"] for edge in listing["data"]["accounts"]["edges"]]
        for account in accounts:
            variables = {"id": account["id"]}
            graphql = await http.post(
                "/graphql", json={"query": ACCOUNT_360_QUERY, "variables": variables}
            )
            raw = await http.get(f"/bench/account360/{account['id']}")
            answer = graphql.json()
            answer.pop("extensions", None)
            if answer != raw.json():
                raise SystemExit(f"the raw route disagrees with GraphQL for {account['id']}")
    accounts.sort(key=lambda account: account["salesOrders"]["totalCount"])
    chosen = accounts[-1]
    print(
        f"{len(accounts)} accounts: the raw JSON equals the GraphQL answer for each; measured "
        f"on {chosen['id']} ({chosen['salesOrders']['totalCount']} sales orders, the most)"
    )
    return str(chosen["id"])


class Driver:
    """One figure's requests under load; each measure returns req/s for one slice."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.auth = {"Authorization": f"Bearer {token}"}

    async def rate(self, path: str, method: str = "GET", body: bytes | None = None) -> float:
        headers = {**self.auth, "content-type": "application/json"} if body else self.auth
        result = await generate_load(
            self.base + path,
            method=method,
            headers=headers,
            body=body,
            connections=CLIENTS,
            seconds=SECONDS,
        )
        if result.failures:
            raise SystemExit(f"{result.failures} failed requests to {path} ({result.tool})")
        return result.rate

    def graphql(self, query: str, variables: dict[str, str] | None = None) -> bytes:
        return orjson.dumps({"query": query, "variables": variables or {}})


async def measure(base: str, token: str) -> list[Comparison]:
    driver = Driver(base, token)
    account_id = await largest_account(base, driver.auth)
    account_body = driver.graphql(ACCOUNT_360_QUERY, {"id": account_id})
    typename_body = driver.graphql("{ __typename }")
    # Warm both sides (imports, caches, connection pools) before the first slice.
    await driver.rate("/graphql", "POST", account_body)
    await driver.rate(f"/bench/account360/{account_id}")
    return [
        await interleaved(
            f"account 360° over GraphQL, {CLIENTS} clients",
            "raw SQL + orjson, same process",
            "req/s",
            lambda _: driver.rate("/graphql", "POST", account_body),
            lambda _: driver.rate(f"/bench/account360/{account_id}"),
            slices=SLICES,
            higher_is_better=True,
        ),
        await interleaved(
            f"POST /graphql {{ __typename }}, {CLIENTS} clients",
            "GET /healthz",
            "req/s",
            lambda _: driver.rate("/graphql", "POST", typename_body),
            lambda _: driver.rate("/healthz"),
            slices=SLICES,
            higher_is_better=True,
        ),
    ]


def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as log_file:
        return subprocess.Popen(
            [sys.executable, "-m", "bench.support.raw_api", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


async def bench() -> None:
    print(f"load average at start: {format_load(load_average())}")
    admin = admin_database_url()
    database_url = await create_database(admin, "tandem_bench_api")
    var_dir = Path(tempfile.mkdtemp(prefix="tandem-bench-api-"))
    log = var_dir / "serve.log"
    queue_name = bench_queue_name("api")
    server: subprocess.Popen[bytes] | None = None
    try:
        async with bench_redis(var_dir, queue_name) as redis_url:
            env = {
                **os.environ,
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "TANDEM_QUEUE_NAME": queue_name,
                "TANDEM_VAR_DIR": str(var_dir),
                # Counted (its Redis round trip is in the figures), never reached.
                "TANDEM_RATE_LIMIT_PER_MINUTE": str(10**9),
            }
            await asyncio.to_thread(tandem, "migrate", env=env)
            started = time.perf_counter()
            await asyncio.to_thread(tandem, "seed", "--demo", env=env)
            print(f"demo seeded in {time.perf_counter() - started:.1f} s")
            token = (
                await asyncio.to_thread(
                    tandem, "tokens", "create", "--name", "bench", "--role", "ADMIN", env=env
                )
            ).strip()
            port = free_port()
            server = start_server(port, env, log)
            base = f"http://127.0.0.1:{port}"
            await wait_until_up(base, server)
            tool = "autocannon (npx)" if autocannon_available() else "httpx processes"
            print(
                f"one server process on {base}, Redis {redis_url}, load from {tool}, "
                f"{SECONDS} s per slice"
            )
            await measure(base, token)
            stop(server)
    except BaseException:
        if log.exists():
            print(f"server log:\n{log.read_text()[-4000:]}", file=sys.stderr)
        raise
    finally:
        if server is not None:
            stop(server)
        await drop_database(admin, database_url)
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"load average at end: {format_load(load_average())}")


if __name__ == "__main__":
    asyncio.run(bench())
