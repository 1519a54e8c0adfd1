"""A span around every arq job and cron job when tracing is on (adapters/tracing.py); the
functions are left as they are when it is off."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from arq.cron import CronJob
from arq.worker import Function, func

from adapters import tracing

Job = TypeVar("Job", Function, CronJob)


def _traced(job: Job) -> Job:
    from opentelemetry import trace

    tracer = trace.get_tracer("tandem.worker")
    coroutine = job.coroutine

    @functools.wraps(coroutine)
    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        attributes = {"tandem.job.function": job.name, "tandem.job.try": ctx.get("job_try") or 1}
        if ctx.get("job_id"):
            attributes["tandem.job.id"] = str(ctx["job_id"])
        with tracer.start_as_current_span(
            f"job {job.name}", kind=trace.SpanKind.CONSUMER, attributes=attributes
        ):
            return await coroutine(ctx, *args, **kwargs)

    return dataclasses.replace(job, coroutine=run)


def traced_functions(functions: Sequence[Any]) -> list[Any]:
    if not tracing.enabled():
        return list(functions)
    return [_traced(func(function)) for function in functions]


def traced_cron_jobs(jobs: Sequence[CronJob]) -> list[CronJob]:
    if not tracing.enabled():
        return list(jobs)
    return [_traced(job) for job in jobs]
