"""The invoicing job: an INVOICING JobRun started by invoiceRunStart, and the daily run."""

from __future__ import annotations

from typing import Any

from arq.cron import cron

from domain.billing.invoicing import execute_invoice_run, invoice_run_params
from domain.jobs.models import JobKind
from domain.jobs.services import queue_job_run
from workers.queue import run_tracked


async def run_invoicing(ctx: dict[str, Any], job_run_id: int) -> str:
    return await run_tracked(job_run_id, execute_invoice_run)


async def run_daily_invoicing(ctx: dict[str, Any]) -> str:
    """Every invoiceable order, issued today; the run is recorded like a requested one."""
    run = await queue_job_run(
        JobKind.INVOICING, invoice_run_params(None, None), requested_by="schedule"
    )
    return await run_tracked(run.id, execute_invoice_run)


FUNCTIONS = [run_invoicing]
# arq gives each scheduled firing a deterministic job id, so two workers never both run it.
CRON_JOBS = [cron(run_daily_invoicing, hour={2}, minute={0}, second={0}, unique=True)]
