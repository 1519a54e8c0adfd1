"""arq WorkerSettings: every job function and cron job, from the explicit list of job modules."""

from __future__ import annotations

from typing import Any

from arq.connections import RedisSettings
from arq.cron import CronJob
from tortoise import Tortoise

from adapters.database import close_db, init_db
from domain.settings import Settings, get_settings
from workers import accounts, imports, invoicing, mrp, outbox, quotes, reminders, sla, webhooks
from workers.outbox import job_ended, job_started
from workers.tracing import traced_cron_jobs, traced_functions

JOB_MODULES = (accounts, imports, invoicing, mrp, outbox, quotes, reminders, sla, webhooks)
# Long enough for the largest run; a run cut off by arq is handed back and retried.
JOB_TIMEOUT_SECONDS = 4 * 3600


def job_functions() -> list[Any]:
    return [fn for module in JOB_MODULES for fn in module.FUNCTIONS]


def cron_jobs(settings: Settings) -> list[CronJob]:
    return [
        job
        for module in JOB_MODULES
        if hasattr(module, "cron_jobs")
        for job in module.cron_jobs(settings)
    ]


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
        "functions": traced_functions(job_functions()),
        "cron_jobs": traced_cron_jobs(cron_jobs(get_settings())),
        "redis_settings": redis,
        "queue_name": queue_name,
        "on_startup": startup,
        "on_shutdown": shutdown,
        # Wakes the outbox dispatcher after a job that recorded events (workers/outbox.py).
        "on_job_start": job_started,
        "on_job_end": job_ended,
        "max_tries": 5,
        "job_timeout": JOB_TIMEOUT_SECONDS,
        # The JobRun row holds results; a kept arq result would only block its id.
        "keep_result": 0,
        "handle_signals": True,
    }
    options.update(overrides)
    return options
