"""API bench: the account 360° query over the demo data, GraphQL next to raw SQL + orjson.

Creates a throwaway PostgreSQL database next to BENCH_DATABASE_URL / TEST_DATABASE_URL /
DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, used only as the admin
connection), runs `tandem migrate`, `tandem seed --demo` and `tandem tokens create` on it,
starts `tandem serve` (one process, REDIS_URL=redis://127.0.0.1:6379/0 when reachable,
embedded Redis otherwise) with TANDEM_BENCH_RAW=1 on a free port, checks once that both
endpoints answer the same JSON for every account, then drives each at 1 and 8 concurrent
clients (httpx.AsyncClient, rotating over the accounts) and prints req/s, p50 and p99 and the
GraphQL/raw ratios. The server and the database are removed afterwards.

    .venv/bin/python bench/api.py [--seconds 10] [--clients 1,8]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
# This script's own directory comes first on sys.path, and its name would shadow the `api`
# package: the project root goes in front of it.
sys.path.insert(0, str(ROOT))

from adapters.database import create_database, drop_database, postgres_admin_url  # noqa: E402
from api.bench.http import ACCOUNT_360_QUERY  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/0"
ACCOUNTS_QUERY = "{ accounts(first: 100, orderBy: {field: NAME}) { edges { node { id } } } }"


@dataclass(frozen=True)
class Result:
    endpoint: str
    clients: int
    requests: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def tandem(*args: str, env: dict[str, str]) -> str:
    """Runs one `tandem` command (as `python -m api.cli`) and returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"tandem {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=base) as http:
        for _ in range(300):
            if server.poll() is not None:
                raise SystemExit("tandem serve exited before answering /healthz")
            try:
                if (await http.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("tandem serve did not come up within 30 s")


class Endpoints:
    """The two ways of asking for one account's 360° view."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def graphql(self, account_id: str) -> dict[str, object]:
        response = await self.http.post(
            "/graphql", json={"query": ACCOUNT_360_QUERY, "variables": {"id": account_id}}
        )
        response.raise_for_status()
        body = response.json()
        if "errors" in body:
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        return body  # type: ignore[no-any-return]

    async def raw(self, account_id: str) -> dict[str, object]:
        response = await self.http.get(f"/bench/account360/{account_id}")
        response.raise_for_status()
        return response.json()  # type: ignore[no-any-return]


async def drive(
    name: str,
    call: Callable[[str], Awaitable[object]],
    account_ids: list[str],
    clients: int,
    seconds: float,
) -> Result:
    """`clients` loops calling as fast as answers come, for `seconds`."""
    rotation = itertools.cycle(account_ids)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await call(next(rotation))
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(name, clients, len(latencies), time.perf_counter() - started, latencies)


async def measure(base: str, token: str, seconds: float, client_counts: list[int]) -> None:
    limits = httpx.Limits(max_connections=max(client_counts), max_keepalive_connections=64)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:
        endpoints = Endpoints(http)
        listing = (await http.post("/graphql", json={"query": ACCOUNTS_QUERY})).json()
        account_ids = [edge["node"]["id"] for edge in listing["data"]["accounts"]["edges"]]
        for account_id in account_ids:
            graphql, raw = await endpoints.graphql(account_id), await endpoints.raw(account_id)
            if graphql != raw:
                raise SystemExit(f"the raw endpoint disagrees with GraphQL for {account_id}")
        print(f"{len(account_ids)} accounts: raw JSON equals the GraphQL answer for each")
        for _ in range(20):  # warm both paths (imports, caches, connection pool)
            await endpoints.graphql(account_ids[0])
            await endpoints.raw(account_ids[0])
        results: dict[tuple[str, int], Result] = {}
        for clients in client_counts:
            for name, call in (("graphql", endpoints.graphql), ("raw", endpoints.raw)):
                result = await drive(name, call, account_ids, clients, seconds)
                results[(name, clients)] = result
    print()
    print(f"{'endpoint':<9}{'clients':>8}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for result in results.values():
        print(
            f"{result.endpoint:<9}{result.clients:>8}{result.requests:>10}{result.rate:>9.1f}"
            f"{result.percentile(0.50):>9.2f}{result.percentile(0.99):>9.2f}"
        )
    print()
    for clients in client_counts:
        graphql, raw = results[("graphql", clients)], results[("raw", clients)]
        print(
            f"GraphQL/raw at {clients} client(s): throughput {graphql.rate / raw.rate:.2f}x, "
            f"p50 {graphql.percentile(0.5) / raw.percentile(0.5):.2f}x, "
            f"p99 {graphql.percentile(0.99) / raw.percentile(0.99):.2f}x"
        )


def bench(seconds: float, client_counts: list[int]) -> None:
    admin = postgres_admin_url()
    database_url = asyncio.run(create_database(admin, "tandem_bench_api"))
    var_dir = tempfile.mkdtemp(prefix="tandem-bench-api-")
    log = Path(var_dir) / "serve.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TANDEM_VAR_DIR": var_dir,
        "TANDEM_BENCH_RAW": "1",
        # Counted (its Redis round trip is in the figures), never reached.
        "TANDEM_RATE_LIMIT_PER_MINUTE": str(10**9),
    }
    env.pop("REDIS_URL", None)
    if redis_reachable():
        env["REDIS_URL"] = REDIS_URL
    server: subprocess.Popen[bytes] | None = None
    try:
        tandem("migrate", env=env)
        started = time.perf_counter()
        tandem("seed", "--demo", env=env)
        print(f"demo seeded in {time.perf_counter() - started:.1f} s ({database_url})")
        token = tandem("tokens", "create", "--name", "bench", "--role", "ADMIN", env=env).strip()
        port = free_port()
        with log.open("wb") as log_file:
            server = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        asyncio.run(wait_until_up(base, server))
        redis = env.get("REDIS_URL", "embedded")
        print(f"tandem serve (1 process) on {base}, Redis {redis}, {seconds:g} s per run")
        asyncio.run(measure(base, token, seconds, client_counts))
    except BaseException:
        if log.exists():
            print(f"server log:\n{log.read_text()[-4000:]}", file=sys.stderr)
        raise
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        asyncio.run(drop_database(admin, database_url))
        shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each run")
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma separated")
    args = parser.parse_args()
    bench(args.seconds, [int(n) for n in args.clients.split(",")])


if __name__ == "__main__":
    main()
