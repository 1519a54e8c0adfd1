"""What every bench shares: settings from the environment, interleaved A/B slices against a
yardstick measured in the same run, the load average around them, and Redis clean-up."""

from __future__ import annotations

import os
import statistics
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from adapters.database import postgres_admin_url

# A slice measures A then B; the ratio of each pair is taken, and their median reported, so
# a load spike from elsewhere on the machine spoils one pair rather than one side.
Measure = Callable[[int], Awaitable[float]]


def bench_int(name: str, default: int) -> int:
    """`BENCH_<NAME>` as an integer, else `default`."""
    return int(os.environ.get(f"BENCH_{name}", default))


def bench_float(name: str, default: float) -> float:
    return float(os.environ.get(f"BENCH_{name}", default))


def bench_list(name: str, default: str) -> list[int]:
    """`BENCH_<NAME>` as comma-separated integers (`1000,5000,20000`)."""
    return [int(part) for part in os.environ.get(f"BENCH_{name}", default).split(",") if part]


def admin_database_url() -> str:
    """Where throwaway databases are made: BENCH_DATABASE_URL, TEST_DATABASE_URL or
    DATABASE_URL (the first postgres:// one), else the local default."""
    return postgres_admin_url()


def configured_redis_url() -> str | None:
    """BENCH_REDIS_URL, REDIS_URL or TEST_REDIS_URL; None means "start an embedded one"."""
    for name in ("BENCH_REDIS_URL", "REDIS_URL", "TEST_REDIS_URL"):
        if os.environ.get(name):
            return os.environ[name]
    return None


def bench_queue_name(bench: str) -> str:
    """A queue name of this run alone: every Redis key the run makes contains it."""
    return f"tandem-bench-{bench}-{uuid.uuid4().hex[:8]}"


async def delete_redis_keys(redis_url: str, queue_name: str) -> int:
    """Deletes every key naming `queue_name` (the queue, arq's job keys, rate limits)."""
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    try:
        keys = [key async for key in redis.scan_iter(match=f"*{queue_name}*", count=1000)]
        if keys:
            await redis.delete(*keys)
        return len(keys)
    finally:
        await redis.aclose()


@asynccontextmanager
async def bench_redis(var_dir: Path, queue_name: str) -> AsyncIterator[str]:
    """The configured Redis (an embedded one under `var_dir` when none is), emptied of the
    run's keys afterwards."""
    url = configured_redis_url()
    embedded = None
    if url is None:
        from adapters.embedded_redis import EmbeddedRedis

        embedded = EmbeddedRedis(var_dir)
        url = embedded.start()
    try:
        yield url
    finally:
        try:
            await delete_redis_keys(url, queue_name)
        finally:
            if embedded is not None:
                embedded.stop()


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def format_load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in load)


@dataclass
class Comparison:
    """A figure (A) next to its yardstick (B), one pair of samples per slice."""

    figure: str
    yardstick: str
    unit: str
    # A rate (req/s, deliveries/s) is better higher, a duration (s) lower: only the wording
    # of the summary changes, the ratio is always A / B.
    higher_is_better: bool
    a: list[float] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.a, self.b, strict=True)]

    @property
    def median_ratio(self) -> float:
        return statistics.median(self.ratios)

    def summary(self) -> str:
        ratios = self.ratios
        return (
            f"{self.figure}: median {statistics.median(self.a):.4g} {self.unit} | "
            f"{self.yardstick}: median {statistics.median(self.b):.4g} {self.unit} | "
            f"ratio median {self.median_ratio:.2f}x (slices {min(ratios):.2f}-{max(ratios):.2f}x, "
            f"{'higher' if self.higher_is_better else 'lower'} is better) | "
            f"load average before {format_load(self.load_before)}, "
            f"after {format_load(self.load_after)}"
        )


async def interleaved(
    figure: str,
    yardstick: str,
    unit: str,
    measure_a: Measure,
    measure_b: Measure,
    *,
    slices: int,
    higher_is_better: bool,
) -> Comparison:
    """Measures A, B, A, B… (`slices` pairs, each call given its slice number), printing
    each pair as it comes, then the summary line."""
    comparison = Comparison(figure, yardstick, unit, higher_is_better)
    comparison.load_before = load_average()
    print(f"-- {figure} vs {yardstick}, {slices} slices A,B,A,B…")
    for number in range(slices):
        comparison.a.append(await measure_a(number))
        comparison.b.append(await measure_b(number))
        print(
            f"   slice {number + 1}: {comparison.a[-1]:.4g} {unit} vs "
            f"{comparison.b[-1]:.4g} {unit} = {comparison.ratios[-1]:.2f}x "
            f"(load {format_load(load_average())})"
        )
    comparison.load_after = load_average()
    print("   " + comparison.summary())
    return comparison
