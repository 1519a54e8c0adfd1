"""What a lost worker costs: the runs of tests/reliability/test_worker_takeover.py, their
worker SIGKILLed mid-run, timed from the kill to the takeover and to SUCCEEDED, and the
whole run against one clean run (no kill) of the same kind.

Each run is a fresh installation: a throwaway PostgreSQL database next to the first
`postgres://` URL in BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres), a redis-server of its own on a free port,
`tandem serve` and two `tandem worker` processes with TANDEM_JOB_LEASE_SECONDS=5. The
data sets are the tests' (tests/reliability/job_data.py): 2,000 shipped orders to invoice,
bench/mrp.py's 5,000-item catalogue, 1,000 breached cases.

    .venv/bin/python bench/takeover.py [--runs 3] [--kinds orders,mrp,sla]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.reliability.job_data import STARTS
from tests.reliability.processes import (
    Takeover,
    installation,
    kill_its_worker,
    owned_redis,
    start_run,
    wait_for_workers,
)

LEASE_SECONDS = 5
# Where each run's worker is killed: as in the tests.
KILL_WHEN: dict[str, Callable[[dict[str, Any]], bool]] = {
    "orders": lambda run: run["progress"] >= 0.3,
    "mrp": lambda run: run["progress"] >= 1.0,
    "sla": lambda run: run["progress"] >= 0.3,
}
NAMES = {"orders": "invoicing", "mrp": "MRP", "sla": "SLA escalation"}


@dataclass(frozen=True)
class Figures:
    run_seconds: float  # start → SUCCEEDED
    takeover: Takeover | None = None


async def one_run(kind: str, directory: Path, *, kill: bool) -> Figures:
    async with (
        owned_redis(directory / "redis") as server,
        installation(
            directory, server.url, postgres=True, data=kind, lease_seconds=LEASE_SECONDS
        ) as setup,
    ):
        await setup.worker()
        await setup.worker()
        api = await setup.serve()
        await wait_for_workers(setup, 2)
        start = STARTS[kind]
        began = time.monotonic()
        run_id = await start_run(api, start.mutation, start.payload, start.variables)
        if not kill:
            run = await api.wait_until_finished(run_id, seconds=300, logs=setup.logs)
            if (run["status"], run["attempts"]) != ("SUCCEEDED", 1):
                raise SystemExit(f"{NAMES[kind]}: the clean run ended {run}")
            return Figures(time.monotonic() - began)
        takeover = await kill_its_worker(setup, api, run_id, kill_when=KILL_WHEN[kind])
        if (takeover.run["status"], takeover.run["attempts"]) != ("SUCCEEDED", 2):
            raise SystemExit(f"{NAMES[kind]}: expected SUCCEEDED after 2 attempts: {takeover.run}")
        return Figures(time.monotonic() - began, takeover)


async def measure(kind: str, *, kill: bool) -> Figures:
    with tempfile.TemporaryDirectory(prefix="tandem-takeover-") as directory:
        return await one_run(kind, Path(directory), kill=kill)


async def bench(runs: int, kinds: list[str]) -> None:
    for kind in kinds:
        name = NAMES[kind]
        clean = await measure(kind, kill=False)
        print(f"{name}: clean run (no kill) {clean.run_seconds:.1f} s", flush=True)
        finishes, extras = [], []
        for _ in range(runs):
            figures = await measure(kind, kill=True)
            takeover = figures.takeover
            assert takeover is not None
            extra = figures.run_seconds - clean.run_seconds
            finishes.append(takeover.seconds_to_finish)
            extras.append(extra)
            print(
                f"lost worker ({name}): kill at {takeover.progress_at_kill:.0%} → taken over in "
                f"{takeover.seconds_to_takeover:.1f} s → SUCCEEDED in "
                f"{takeover.seconds_to_finish:.1f} s (lease {LEASE_SECONDS} s); whole run "
                f"{figures.run_seconds:.1f} s, {extra:+.1f} s against the clean run",
                flush=True,
            )
        print(
            f"{name}: kill → SUCCEEDED median {statistics.median(finishes):.1f} s "
            f"(min {min(finishes):.1f}, max {max(finishes):.1f}); cost over the clean run "
            f"median {statistics.median(extras):+.1f} s, over {runs} run(s)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", default="orders,mrp,sla")
    args = parser.parse_args()
    kinds = [kind for kind in args.kinds.split(",") if kind]
    unknown = set(kinds) - set(STARTS)
    if unknown:
        parser.error(f"unknown kinds {sorted(unknown)}: choose from {sorted(STARTS)}")
    asyncio.run(bench(args.runs, kinds))


if __name__ == "__main__":
    main()
