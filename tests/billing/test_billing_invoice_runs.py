"""Invoice runs as jobs: concurrent runs, the JobRun lifecycle, and a real arq worker."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

from domain.billing import invoicing
from domain.billing.models import Invoice
from domain.jobs.kinds import InvoicingParams
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.jobs.services import queue_job_run
from domain.ledger.models import JournalEntry
from domain.outbox.models import Event
from workers.invoicing import run_invoicing, start_daily_invoicing

D = Decimal


async def test_two_concurrent_runs_over_the_same_50_orders_invoice_each_once(
    billing, postgres_only
):
    acme = await billing.customer()
    service = await billing.product("9.99", "5")
    orders = [await billing.shipped_order(acme, service) for _ in range(50)]
    params = InvoicingParams(date(2026, 4, 1), tuple(order.id for order in orders)).to_json()
    first, _ = await queue_job_run(JobKind.INVOICING, params)
    second, _ = await queue_job_run(JobKind.INVOICING, params)

    outcomes = await asyncio.gather(run_invoicing({}, first.id), run_invoicing({}, second.id))

    assert outcomes == ["SUCCEEDED", "SUCCEEDED"]
    numbers = await Invoice.all().order_by("number").values_list("number", flat=True)
    assert numbers == [f"INV-2026-{n:06d}" for n in range(1, 51)]
    assert sorted(await Invoice.all().values_list("sales_order_id", flat=True)) == sorted(
        order.id for order in orders
    )
    assert await JournalEntry.filter(source="INVOICE").count() == 50
    assert await Event.filter(type="invoice.posted").count() == 50
    results = [(await JobRun.get(id=run.id)).result for run in (first, second)]
    assert sum(result["invoices"] for result in results) == 50


async def test_runs_over_overlapping_orders_in_different_batches_never_invoice_twice(
    billing, postgres_only, monkeypatch
):
    # Batches of 7 over all 60 orders race batches of 7 over every third and every other
    # one: the batches overlap unevenly, and as each locks its orders in id order before
    # the number counters, runs wait for one another but never deadlock.
    monkeypatch.setattr(invoicing, "BATCH_SIZE", 7)
    acme = await billing.customer()
    service = await billing.product("9.99", "5")
    orders = [(await billing.shipped_order(acme, service)).id for _ in range(60)]
    runs = []
    for ids in (orders, orders[::3], orders[1::2]):
        params = InvoicingParams(date(2026, 4, 1), tuple(ids)).to_json()
        runs.append((await queue_job_run(JobKind.INVOICING, params))[0])

    outcomes = await asyncio.gather(*(run_invoicing({}, run.id) for run in runs))

    assert outcomes == ["SUCCEEDED"] * 3
    invoiced = await Invoice.all().order_by("number").values_list("number", "sales_order_id")
    assert [number for number, _ in invoiced] == [f"INV-2026-{n:06d}" for n in range(1, 61)]
    assert sorted(order for _, order in invoiced) == orders
    assert await JournalEntry.filter(source="INVOICE").count() == 60
    assert await Event.filter(type="invoice.posted").count() == 60
    results = [(await JobRun.get(id=run.id)).result for run in runs]
    assert sum(result["invoices"] for result in results) == 60


async def test_a_run_reports_its_summary_and_a_second_delivery_does_nothing(billing):
    acme = await billing.customer()
    service = await billing.product("10.00")
    shipped = [await billing.shipped_order(acme, service) for _ in range(3)]
    await billing.order(acme, [(service, "1")])
    run, _ = await queue_job_run(JobKind.INVOICING, InvoicingParams(date(2026, 4, 1)).to_json())

    assert await run_invoicing({}, run.id) == "SUCCEEDED"
    assert await run_invoicing({}, run.id) == "skipped"

    stored = await JobRun.get(id=run.id)
    assert (stored.status, stored.progress) == (JobStatus.SUCCEEDED, 1.0)
    assert stored.result == {
        "orders": 3,
        "invoices": 3,
        "first_number": "INV-2026-000001",
        "last_number": "INV-2026-000003",
    }
    assert await Invoice.filter(sales_order_id__in=[o.id for o in shipped]).count() == 3


async def test_a_run_with_a_bad_issue_date_fails_with_its_code(billing):
    run, _ = await queue_job_run(JobKind.INVOICING, {"issue_date": "2026-13-01"})
    assert await run_invoicing({}, run.id) == "FAILED"
    assert (await JobRun.get(id=run.id)).error == "INVALID: '2026-13-01' is not a date."


async def test_the_daily_run_invoices_every_invoiceable_order_as_its_own_job_run(billing):
    acme = await billing.customer()
    service = await billing.product("10.00")
    await billing.shipped_order(acme, service)
    await billing.shipped_order(acme, service)

    run_id = await start_daily_invoicing({})
    assert await run_invoicing({}, run_id) == "SUCCEEDED"

    run = await JobRun.get(kind=JobKind.INVOICING)
    assert (run.requested_by, run.params["sales_order_ids"]) == ("schedule", None)
    assert run.result["invoices"] == 2
    assert await Invoice.all().count() == 2
