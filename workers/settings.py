"""arq WorkerSettings: every job function and cron job of the `workers.*` modules."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from typing import Any

from arq.connections import RedisSettings
from tortoise import Tortoise

import workers
from adapters.database import close_db, init_db
from domain.settings import get_settings
from workers.outbox import job_ended, job_started

PLUMBING = {"settings", "queue", "cli"}


def _job_modules() -> list[Any]:
    return [
        import_module(f"workers.{info.name}")
        for info in sorted(pkgutil.iter_modules(workers.__path__), key=lambda i: i.name)
        if info.name not in PLUMBING
    ]


def job_functions() -> list[Any]:
    return [fn for module in _job_modules() for fn in getattr(module, "FUNCTIONS", [])]


def cron_jobs() -> list[Any]:
    return [job for module in _job_modules() for job in getattr(module, "CRON_JOBS", [])]


async def startup(ctx: dict[str, Any]) -> None:
    # Tests run the worker inside a process whose ORM is already initialised. The global
    # fallback lets arq's signal handler task (shutdown) reach the ORM too.
    ctx["owns_db"] = not Tortoise.is_inited()
    if ctx["owns_db"]:
        await init_db(get_settings().database_url, global_fallback=True)


async def shutdown(ctx: dict[str, Any]) -> None:
    if ctx.get("owns_db"):
        await close_db()


def worker_settings(redis: RedisSettings, queue_name: str, **overrides: Any) -> dict[str, Any]:
    """Keyword arguments for `arq.worker.Worker` (also used by tests in burst mode)."""
    options: dict[str, Any] = {
        "functions": job_functions(),
        "cron_jobs": cron_jobs(),
        "redis_settings": redis,
        "queue_name": queue_name,
        "on_startup": startup,
        "on_shutdown": shutdown,
        # Wakes the outbox dispatcher after a job that recorded events (workers/outbox.py).
        "on_job_start": job_started,
        "on_job_end": job_ended,
        "max_tries": 5,
        "job_timeout": 3600,
        "keep_result": 3600,
        "handle_signals": True,
    }
    options.update(overrides)
    return options
