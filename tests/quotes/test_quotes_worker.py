"""The quote expiry in the worker (§9): the hourly scan is a JobRun of its own that joins one
still pending, and quoteExpiryRunStart's run is done by a real arq worker."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.quotes.models import Quote, QuoteStatus
from domain.quotes.services import create_quote, send_quote
from domain.settings import Settings, get_settings
from tests.quotes.conftest import Clock, Deal
from workers.quotes import cron_jobs, run_quote_expiry


def test_the_scan_runs_hourly_named_for_the_installation(settings: Settings) -> None:
    [job] = cron_jobs(settings)

    assert job.name == f"{settings.queue_name}:quote_expiry_scan"
    assert (job.minute, job.second, job.hour) == ({5}, {0}, None)


async def test_the_scheduled_scan_is_a_run_that_joins_one_still_queued(
    deal_factory: Any, clock: Clock
) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 2)})
    await send_quote(quote.id)
    clock.advance(1)
    [job] = cron_jobs(get_settings())

    first = await job.coroutine({})
    second = await job.coroutine({})
    outcome = await run_quote_expiry({}, first)

    run = await JobRun.get(id=first)
    assert (first, outcome, run.status, run.requested_by) == (
        second,
        "SUCCEEDED",
        JobStatus.SUCCEEDED,
        "schedule",
    )
    assert (run.result, run.flight) == ({"expired": 1}, None)
    assert (await Quote.get(id=quote.id)).status == QuoteStatus.EXPIRED


async def test_the_started_run_is_done_by_a_worker(
    gql: Any, deal_factory: Any, clock: Clock, run_worker: Any
) -> None:
    deal: Deal = await deal_factory()
    quote = await create_quote(deal.opportunity.id, {"valid_until": date(2026, 3, 4)})
    await send_quote(quote.id)

    started = await gql(
        'mutation { quoteExpiryRunStart(input: {asOf: "2026-03-05"}) { jobRun { id } } }',
        role="SALES",
    )
    assert started["data"]["quoteExpiryRunStart"]["jobRun"]["id"]
    await run_worker()

    run = await JobRun.get(kind=JobKind.QUOTE_EXPIRY)
    assert (run.status, run.result, run.requested_by) == (
        JobStatus.SUCCEEDED,
        {"expired": 1},
        "test-sales",
    )
    assert (await Quote.get(id=quote.id)).status == QuoteStatus.EXPIRED
