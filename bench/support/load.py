"""An HTTP load generator outside the server's process: autocannon (through npx) when Node is
there, else (or with BENCH_LOAD_GENERATOR=processes) several OS processes each running a
keep-alive httpx client."""

from __future__ import annotations

import asyncio
import functools
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass

AUTOCANNON = ["npx", "--yes", "autocannon"]


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    # Non-2xx answers and transport errors: a run with any is not a figure.
    failures: int
    tool: str

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


@functools.cache
def autocannon_available() -> bool:
    if os.environ.get("BENCH_LOAD_GENERATOR") == "processes" or shutil.which("npx") is None:
        return False
    try:
        done = subprocess.run(
            [*AUTOCANNON, "--version"], capture_output=True, timeout=180, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


async def generate_load(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    connections: int,
    seconds: int,
) -> LoadResult:
    """`connections` clients asking as fast as answers come, for `seconds`."""
    headers = headers or {}
    if autocannon_available():
        return await _autocannon(url, method, headers, body, connections, seconds)
    return await asyncio.to_thread(_processes, url, method, headers, body, connections, seconds)


async def _autocannon(
    url: str,
    method: str,
    headers: dict[str, str],
    body: bytes | None,
    connections: int,
    seconds: int,
) -> LoadResult:
    command = [*AUTOCANNON, "--json", "-c", str(connections), "-d", str(seconds), "-m", method]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if body is not None:
        command += ["-b", body.decode()]
    process = await asyncio.create_subprocess_exec(
        *command, url, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"autocannon failed: {err.decode()[-2000:]}")
    report = json.loads(out)
    return LoadResult(
        requests=report["requests"]["total"],
        seconds=report["duration"],
        p50_ms=report["latency"]["p50"],
        p99_ms=report["latency"]["p99"],
        failures=report["non2xx"] + report["errors"] + report["timeouts"],
        tool="autocannon",
    )


def _client_loop(
    url: str,
    method: str,
    headers: dict[str, str],
    body: bytes | None,
    start_at: float,
    seconds: float,
) -> tuple[list[float], int]:
    """One process's client: latencies (ms) of the answers within the window, failures."""
    import httpx

    latencies: list[float] = []
    failures = 0
    with httpx.Client(headers=headers, timeout=30) as http:
        http.request(method, url, content=body)  # connect before the window opens
        time.sleep(max(0.0, start_at - time.time()))
        deadline = start_at + seconds
        while time.time() < deadline:
            started = time.perf_counter()
            try:
                ok = http.request(method, url, content=body).is_success
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - started) * 1000)
            failures += not ok
    return latencies, failures


def _processes(
    url: str,
    method: str,
    headers: dict[str, str],
    body: bytes | None,
    connections: int,
    seconds: int,
) -> LoadResult:
    # Spawned processes take a moment to import httpx: the window opens for all at once.
    start_at = time.time() + 2.0
    context = multiprocessing.get_context("spawn")
    with context.Pool(connections) as pool:
        answers = pool.starmap(
            _client_loop, [(url, method, headers, body, start_at, seconds)] * connections
        )
    latencies = sorted(ms for client, _ in answers for ms in client)
    return LoadResult(
        requests=len(latencies),
        seconds=float(seconds),
        p50_ms=statistics.median(latencies),
        p99_ms=latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        failures=sum(failed for _, failed in answers),
        tool=f"{connections} httpx processes",
    )
