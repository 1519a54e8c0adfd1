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

To see how the cost grows with an account's size, the bench copies the demo account with
the most orders into one account per size in BENCH_API_ORDERS (default 5, 50 and 500
orders: that account's orders and lines, repeated), measures the 360° query on each next to
the raw route, and prints a table: requests per second on each side, the time per request
(1 / rate: one server process answering ten clients keeps its CPU busy), the ratio, and the
cost per order shown — the growth of the time per request from the smallest size, divided
by the orders the answer gains (`salesOrders(first: 100)` shows at most 100 of them).

    .venv/bin/python bench/api.py   # BENCH_API_CLIENTS=10 BENCH_API_SECONDS=5 BENCH_API_SLICES=5
                                    # BENCH_API_ORDERS=5,50,500
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
# This script's own directory comes first on sys.path, and its name would shadow the `api`
# package: the project root goes in front of it.
sys.path.insert(0, str(ROOT))

from adapters.database import create_database, drop_database  # noqa: E402
from api.relay import encode_id  # noqa: E402
from bench.support.harness import (  # noqa: E402
    Comparison,
    admin_database_url,
    bench_int,
    bench_list,
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
ORDER_SIZES = bench_list("API_ORDERS", "5,50,500")
# The 360° query's page of sales orders.
ORDERS_SHOWN = 100
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


async def _columns(connection: asyncpg.Connection, table: str) -> list[str]:
    rows = await connection.fetch(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $1 "
        "AND table_schema = current_schema() AND column_name <> 'id' ORDER BY ordinal_position",
        table,
    )
    return [row["column_name"] for row in rows]


async def grow_accounts(database_url: str, sizes: list[int]) -> dict[int, str]:
    """One account per size with that many sales orders: a copy of the account with the most
    orders, its orders and their lines repeated (numbered SOB-<account>-<n>). Returns each
    size's Account global id."""
    connection = await asyncpg.connect(database_url)
    try:
        source = await connection.fetchval(
            "SELECT account_id FROM sales_orders GROUP BY account_id "
            "ORDER BY count(*) DESC, account_id LIMIT 1"
        )
        accounts = await _columns(connection, "accounts")
        orders = await _columns(connection, "sales_orders")
        lines = await _columns(connection, "sales_order_lines")
        grown: dict[int, str] = {}
        for size in sizes:
            account_values = ", ".join(
                f"name || ' ({size} orders)'" if c == "name" else f'"{c}"' for c in accounts
            )
            account_id = await connection.fetchval(
                f"INSERT INTO accounts ({', '.join(accounts)}) SELECT {account_values} "
                "FROM accounts WHERE id = $1 RETURNING id",
                source,
            )
            number = "'SOB-' || $2::int || '-' || picked.k"
            order_values = ", ".join(
                "$2" if c == "account_id" else number if c == "number" else f'picked."{c}"'
                for c in orders
            )
            line_values = ", ".join("made.id" if c == "order_id" else f'l."{c}"' for c in lines)
            async with connection.transaction():
                await connection.execute(
                    f"""
                    WITH picked AS (
                        SELECT o.*, row_number() OVER (ORDER BY g.n, o.id) AS k
                        FROM sales_orders o CROSS JOIN generate_series(1, $3) AS g(n)
                        WHERE o.account_id = $1
                        ORDER BY k LIMIT $3
                    ), made AS (
                        INSERT INTO sales_orders ({", ".join(orders)})
                        SELECT {order_values} FROM picked ORDER BY picked.k
                        RETURNING id, number
                    )
                    INSERT INTO sales_order_lines ({", ".join(lines)})
                    SELECT {line_values}
                    FROM picked
                    JOIN made ON made.number = {number}
                    JOIN sales_order_lines l ON l.order_id = picked.id
                    ORDER BY made.id, l.position, l.id
                    """,
                    source,
                    account_id,
                    size,
                )
            grown[size] = encode_id("Account", account_id)
        return grown
    finally:
        await connection.close()


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


async def largest_account(base: str, headers: dict[str, str], grown: set[str]) -> str:
    """Checks the raw route against GraphQL for every account; returns the demo account with
    the most sales orders (not one of the `grown` copies; most demo accounts have one)."""
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
    demo = [account for account in accounts if account["id"] not in grown]
    demo.sort(key=lambda account: account["salesOrders"]["totalCount"])
    chosen = demo[-1]
    print(
        f"{len(accounts)} accounts: the raw JSON equals the GraphQL answer for each; the demo "
        f"account {chosen['id']} has the most sales orders "
        f"({chosen['salesOrders']['totalCount']})"
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


async def account_360(driver: Driver, account_id: str, label: str) -> Comparison:
    account_body = driver.graphql(ACCOUNT_360_QUERY, {"id": account_id})
    return await interleaved(
        f"account 360° over GraphQL, {label}, {CLIENTS} clients",
        "raw SQL + orjson, same process",
        "req/s",
        lambda _: driver.rate("/graphql", "POST", account_body),
        lambda _: driver.rate(f"/bench/account360/{account_id}"),
        slices=SLICES,
        higher_is_better=True,
    )


def print_growth(sizes: list[int], figures: list[Comparison]) -> None:
    """The table of how the 360° query's cost grows with the account's orders."""
    print(
        "-- growth: orders | shown | GraphQL req/s | raw req/s | ratio (slices) | "
        "ms per request GraphQL / raw | cost per order shown GraphQL / raw (ms)"
    )
    first_shown = min(sizes[0], ORDERS_SHOWN)
    first_a = 1000 / statistics.median(figures[0].a)
    first_b = 1000 / statistics.median(figures[0].b)
    for size, figure in zip(sizes, figures, strict=True):
        shown = min(size, ORDERS_SHOWN)
        ms_a = 1000 / statistics.median(figure.a)
        ms_b = 1000 / statistics.median(figure.b)
        per_order = (
            f"{(ms_a - first_a) / (shown - first_shown):.3f} / "
            f"{(ms_b - first_b) / (shown - first_shown):.3f}"
            if shown > first_shown
            else "-"
        )
        print(
            f"   {size} | {shown} | {statistics.median(figure.a):.4g} | "
            f"{statistics.median(figure.b):.4g} | {figure.median_ratio:.2f}x "
            f"({min(figure.ratios):.2f}-{max(figure.ratios):.2f}x) | "
            f"{ms_a:.2f} / {ms_b:.2f} | {per_order}"
        )


async def measure(base: str, token: str, grown: dict[int, str]) -> list[Comparison]:
    driver = Driver(base, token)
    account_id = await largest_account(base, driver.auth, set(grown.values()))
    typename_body = driver.graphql("{ __typename }")
    # Warm both sides (imports, caches, connection pools) before the first slice.
    await driver.rate("/graphql", "POST", driver.graphql(ACCOUNT_360_QUERY, {"id": account_id}))
    await driver.rate(f"/bench/account360/{account_id}")
    figures = [
        await account_360(driver, account_id, "the demo account with the most orders"),
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
    sizes = sorted(grown)
    growth = [await account_360(driver, grown[size], f"{size} orders") for size in sizes]
    if growth:
        print_growth(sizes, growth)
    return figures + growth


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
            grown = await grow_accounts(database_url, ORDER_SIZES)
            print(f"accounts grown to {', '.join(map(str, ORDER_SIZES))} sales orders")
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
            await measure(base, token, grown)
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
