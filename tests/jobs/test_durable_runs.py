"""Durable job runs (§2 Background work): leases and takeover, retries, the sweeper, stale
queue keys, cancellation, single flight — against the real database and Redis."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from arq.connections import ArqRedis

from adapters.queue import JobQueue
from api.relay import encode_id
from domain.accounts.services import create_account
from domain.billing.models import Invoice
from domain.catalog.models import Procurement, Product, ProductKind
from domain.clock import utcnow
from domain.demo.bulk import load_shipped_orders
from domain.jobs import kinds
from domain.jobs.kinds import KINDS, AccountFiguresParams, InvoicingParams, start_job_run
from domain.jobs.models import JobKind, JobRun, JobStatus, WorkerHeartbeat
from domain.jobs.runner import run_attempt
from domain.jobs.services import (
    cancel_job_run,
    claim_job_run,
    finish_job_run,
    take_over_job_run,
)
from domain.jobs.sweeper import beat, live_workers, sweep
from domain.manufacturing.models import MrpRun, MrpRunStatus, PlannedOrder
from domain.manufacturing.mrp import run_mrp
from domain.outbox.models import Event
from workers.settings import job_functions

LEASE = 60
REFRESH = """mutation($id: ID!) { accountFiguresRefresh(input: {accountId: $id}) {
  jobRun { id status attempts } errors { code } } }"""
CANCEL = """mutation($id: ID!) { jobRunCancel(input: {id: $id}) {
  jobRun { status cancelRequested } errors { code field } } }"""
MRP_START = "mutation { mrpRunStart(input: {}) { jobRun { id status } errors { code } } }"


async def lapse(run_id: int, seconds: int = LEASE + 1) -> None:
    """The worker holding the run died: its heartbeat stops ageing forward."""
    await JobRun.filter(id=run_id).update(heartbeat_at=utcnow() - timedelta(seconds=seconds))


async def account_run(queue: JobQueue | None) -> JobRun:
    account = await create_account({"name": "Acme"})
    return await start_job_run(
        JobKind.ACCOUNT_FIGURES, AccountFiguresParams(account.id), queue, requested_by="test"
    )


def test_every_kind_has_its_worker_function() -> None:
    registered = {getattr(fn, "name", getattr(fn, "__name__", None)) for fn in job_functions()}

    assert set(KINDS) == set(JobKind)
    assert {spec.function for spec in KINDS.values()} <= registered


async def test_a_run_whose_worker_died_is_taken_over_and_finishes_on_attempt_2(
    database: str, queue: JobQueue, run_worker: Any
) -> None:
    run = await account_run(queue)
    assert await claim_job_run(run.id, run.queue_seq, "dead-worker") is not None
    await lapse(run.id)

    result = await sweep(queue, LEASE)
    await run_worker()

    stored = await JobRun.get(id=run.id)
    assert result.taken_over == 1
    assert (stored.status, stored.attempts, stored.error) == (JobStatus.SUCCEEDED, 2, None)
    assert stored.result == {"account_id": run.params["account_id"], "lifecycle": "PROSPECT",
                             "contacts": 0}  # fmt: skip


async def test_a_lost_last_attempt_fails_the_run_with_worker_lost(
    database: str, queue: JobQueue
) -> None:
    run = await account_run(queue)
    await claim_job_run(run.id, run.queue_seq, "dead-worker")
    await JobRun.filter(id=run.id).update(attempts=3)
    await lapse(run.id)

    result = await sweep(queue, LEASE)

    stored = await JobRun.get(id=run.id)
    assert (result.taken_over, result.failed_lost) == (0, 1)
    assert stored.status == JobStatus.FAILED
    assert stored.error == (
        "WORKER_LOST: attempt 3 of 3 stopped renewing its lease (worker dead-worker)"
    )
    assert stored.finished_at is not None


async def test_a_live_lease_is_left_alone(database: str, queue: JobQueue) -> None:
    run = await account_run(queue)
    await claim_job_run(run.id, run.queue_seq, "live-worker")
    await lapse(run.id, seconds=LEASE - 5)

    result = await sweep(queue, LEASE)

    assert (result.taken_over, (await JobRun.get(id=run.id)).status) == (0, JobStatus.RUNNING)


async def test_a_taken_over_attempt_can_no_longer_write_the_run(
    database: str, queue: JobQueue
) -> None:
    run = await account_run(queue)
    first = await claim_job_run(run.id, run.queue_seq, "slow-worker")
    assert first is not None
    assert await take_over_job_run(first)
    requeued = await JobRun.get(id=run.id)
    second = await claim_job_run(run.id, requeued.queue_seq, "other-worker")
    assert second is not None

    assert await finish_job_run(first, {"late": True}) is False

    stored = await JobRun.get(id=run.id)
    assert (stored.status, stored.attempts, stored.worker_id, stored.result) == (
        JobStatus.RUNNING,
        2,
        "other-worker",
        None,
    )


async def test_a_stale_queue_entry_cannot_claim_a_run_enqueued_again(
    database: str, queue: JobQueue
) -> None:
    run = await account_run(queue)
    stale_seq = run.queue_seq
    await claim_job_run(run.id, stale_seq, "dead-worker")
    await lapse(run.id)
    await sweep(queue, LEASE)

    assert await claim_job_run(run.id, stale_seq, "late-worker") is None
    assert await run_attempt(run.id, stale_seq, queue, "late-worker") == "skipped"


async def test_a_queued_run_missing_from_the_queue_is_enqueued_by_the_sweeper(
    database: str, queue: JobQueue, run_worker: Any
) -> None:
    run = await account_run(None)  # Redis was away: stored QUEUED, never enqueued
    assert (run.status, await queue.is_queued(f"jobrun:{run.id}:{run.token}:1")) == (
        JobStatus.QUEUED,
        False,
    )

    result = await sweep(queue, LEASE, now=utcnow() + timedelta(seconds=10))
    again = await sweep(queue, LEASE, now=utcnow() + timedelta(seconds=10))
    await run_worker()

    stored = await JobRun.get(id=run.id)
    assert (result.requeued, again.requeued) == (1, 0)
    assert (stored.status, stored.attempts) == (JobStatus.SUCCEEDED, 1)


async def test_a_run_started_while_redis_is_down_is_answered_queued(database: str) -> None:
    # A port nothing listens on: the connection is refused at once.
    dead = JobQueue(ArqRedis(host="127.0.0.1", port=1, socket_connect_timeout=1), "dead")
    try:
        run = await account_run(dead)
    finally:
        await dead.close()

    stored = await JobRun.get(id=run.id)
    assert (stored.status, stored.queue_seq, stored.attempts) == (JobStatus.QUEUED, 1, 0)


async def test_a_redis_that_hangs_does_not_hold_up_the_start(database: str) -> None:
    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1 << 16)
        await asyncio.sleep(30)

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    hanging = JobQueue(ArqRedis(host="127.0.0.1", port=port), "hanging")
    try:
        run = await account_run(hanging)
    finally:
        server.close()
        await hanging.close()
    assert (await JobRun.get(id=run.id)).status == JobStatus.QUEUED


async def test_stale_arq_keys_of_an_earlier_database_never_block_a_run(
    gql: Any, queue: JobQueue, run_worker: Any
) -> None:
    # What an earlier database's first run left behind under the ids it would have had.
    for prefix in ("arq:result:", "arq:job:", "arq:in-progress:"):
        for job_id in ("jobrun:1", "jobrun:1:0000000000000000:1"):
            await queue.redis.set(f"{prefix}{queue.queue_name}:{job_id}", b"stale", ex=3600)
    account = await create_account({"name": "Acme"})

    started = await gql(REFRESH, {"id": encode_id("Account", account.id)})
    await run_worker()

    assert started["data"]["accountFiguresRefresh"]["errors"] == []
    stored = await JobRun.get()
    assert (stored.id, stored.status, stored.attempts) == (1, JobStatus.SUCCEEDED, 1)


async def test_a_transient_error_is_retried_and_succeeds_on_attempt_2(
    database: str, queue: JobQueue, run_worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kinds.compute_account_figures
    calls: list[int] = []

    async def database_away_once(account_id: int) -> dict[str, Any]:
        calls.append(account_id)
        if len(calls) == 1:
            raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
        return await real(account_id)

    monkeypatch.setattr(kinds, "compute_account_figures", database_away_once)
    run = await account_run(queue)

    await run_worker()

    stored = await JobRun.get(id=run.id)
    assert (stored.status, stored.attempts, stored.error) == (JobStatus.SUCCEEDED, 2, None)
    assert len(calls) == 2


async def test_an_attempt_that_always_fails_ends_failed_after_max_attempts(
    database: str, queue: JobQueue, run_worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(account_id: int) -> dict[str, Any]:
        raise ConnectionResetError(104, "Connection reset by peer")

    monkeypatch.setattr(kinds, "compute_account_figures", broken)
    run = await account_run(queue)

    await run_worker()

    stored = await JobRun.get(id=run.id)
    assert (stored.status, stored.attempts, stored.max_attempts) == (JobStatus.FAILED, 3, 3)
    assert stored.error == "ConnectionResetError: [Errno 104] Connection reset by peer"


async def test_cancelling_a_queued_run_means_it_never_starts(
    gql: Any, queue: JobQueue, run_worker: Any
) -> None:
    run = await account_run(queue)

    body = await gql(CANCEL, {"id": encode_id("JobRun", run.id)})
    await run_worker()

    assert body["data"]["jobRunCancel"] == {
        "jobRun": {"status": "CANCELLED", "cancelRequested": True},
        "errors": [],
    }
    stored = await JobRun.get(id=run.id)
    assert (stored.status, stored.attempts) == (JobStatus.CANCELLED, 0)


async def test_a_finished_run_cannot_be_cancelled(
    gql: Any, queue: JobQueue, run_worker: Any
) -> None:
    run = await account_run(queue)
    await run_worker()

    body = await gql(CANCEL, {"id": encode_id("JobRun", run.id)})

    assert body["data"]["jobRunCancel"] == {
        "jobRun": None,
        "errors": [{"code": "INVALID_TRANSITION", "field": ["id"]}],
    }
    assert (await JobRun.get(id=run.id)).status == JobStatus.SUCCEEDED


async def test_a_cancelled_invoice_run_keeps_its_invoices_and_a_later_run_does_the_rest(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every batch's checkpoint reads the row: the whole run may take less than the 1 s the
    # checkpoints otherwise wait between reads.
    monkeypatch.setattr("domain.jobs.services.CHECKPOINT_READ_SECONDS", 0)
    orders = await load_shipped_orders(300, accounts=10)
    params = InvoicingParams(date(2026, 4, 1))
    run = await start_job_run(JobKind.INVOICING, params, None)
    attempt = asyncio.create_task(run_attempt(run.id, None, None, "worker-1"))
    for _ in range(600):
        if await Invoice.all().count() >= 5 or attempt.done():
            break
        await asyncio.sleep(0.01)

    await cancel_job_run(run.id)
    outcome = await attempt

    made = await Invoice.all().count()
    stored = await JobRun.get(id=run.id)
    assert (outcome, stored.status, stored.flight) == ("CANCELLED", JobStatus.CANCELLED, None)
    assert 5 <= made < len(orders)
    later = await start_job_run(JobKind.INVOICING, params, None)
    assert await run_attempt(later.id, None, None, "worker-2") == "SUCCEEDED"
    invoiced = await Invoice.all().order_by("number").values_list("number", "sales_order_id")
    assert [number for number, _ in invoiced] == [
        f"INV-2026-{n:06d}" for n in range(1, len(orders) + 1)
    ]
    assert sorted(order for _, order in invoiced) == orders
    assert (await JobRun.get(id=later.id)).result["invoices"] == len(orders) - made


async def test_three_concurrent_mrp_starts_share_one_run(gql: Any) -> None:
    await gql("{ __typename }")  # the token exists before the race

    bodies = await asyncio.gather(*(gql(MRP_START) for _ in range(3)))

    ids = {body["data"]["mrpRunStart"]["jobRun"]["id"] for body in bodies}
    assert len(ids) == 1
    assert await JobRun.filter(kind=JobKind.MRP).count() == 1
    assert (await JobRun.get(kind=JobKind.MRP)).flight == "MRP"


async def test_a_new_mrp_run_may_start_once_the_previous_one_finished(
    gql: Any, run_worker: Any
) -> None:
    first = (await gql(MRP_START))["data"]["mrpRunStart"]["jobRun"]["id"]
    await run_worker()

    second = (await gql(MRP_START))["data"]["mrpRunStart"]["jobRun"]["id"]

    assert first != second
    assert await JobRun.filter(kind=JobKind.MRP, flight__isnull=True).count() == 1


async def test_two_forced_mrp_runs_at_once_leave_one_plan(
    database: str, postgres_only: None
) -> None:
    for n in range(40):
        await Product.create(
            sku=f"PART-{n:02d}",
            name=f"Part {n}",
            kind=ProductKind.STOCKED,
            procurement=Procurement.BUY,
            safety_stock=Decimal("5"),
        )

    runs = await asyncio.gather(*(run_mrp(date(2026, 4, 1), 30) for _ in range(4)))

    unfirmed = await PlannedOrder.filter(firmed_at__isnull=True).values_list("run_id", "product_id")
    assert len({run_id for run_id, _ in unfirmed}) == 1
    assert len(unfirmed) == 40 == len({product for _, product in unfirmed})
    assert (
        await MrpRun.filter(id__in=[r.id for r in runs], status=MrpRunStatus.COMPLETED).count() == 4
    )


async def test_job_runs_lists_the_kinds_a_role_may_start(gql: Any, queue: JobQueue) -> None:
    await account_run(queue)
    await start_job_run(JobKind.INVOICING, InvoicingParams(date(2026, 4, 1)), queue)
    query = """query($f: JobRunFilter) { jobRuns(filter: $f) { totalCount
      edges { node { kind status attempts maxAttempts } } } }"""

    admin = await gql(query)
    sales = await gql(query, role="SALES")
    finance_queued = await gql(
        query, {"f": {"kind": "INVOICING", "status": "QUEUED"}}, role="FINANCE"
    )

    assert [e["node"]["kind"] for e in admin["data"]["jobRuns"]["edges"]] == [
        "INVOICING",
        "ACCOUNT_FIGURES",
    ]
    assert [e["node"]["kind"] for e in sales["data"]["jobRuns"]["edges"]] == ["ACCOUNT_FIGURES"]
    assert finance_queued["data"]["jobRuns"] == {
        "totalCount": 1,
        "edges": [{"node": {"kind": "INVOICING", "status": "QUEUED", "attempts": 0,
                            "maxAttempts": 3}}],
    }  # fmt: skip


async def test_a_role_cannot_read_a_run_of_a_kind_it_may_not_start(
    gql: Any, queue: JobQueue
) -> None:
    run = await start_job_run(JobKind.INVOICING, InvoicingParams(date(2026, 4, 1)), queue)
    query = "query($id: ID!) { jobRun(id: $id) { kind result } }"

    service = await gql(query, {"id": encode_id("JobRun", run.id)}, role="SERVICE")
    finance = await gql(query, {"id": encode_id("JobRun", run.id)}, role="FINANCE")

    assert service["data"]["jobRun"] is None
    assert finance["data"]["jobRun"] == {"kind": "INVOICING", "result": None}


async def test_worker_heartbeats_count_live_workers_per_installation(database: str) -> None:
    now = utcnow()
    await beat("host:1:aa", "tandem-a", now)
    await beat("host:2:bb", "tandem-b", now)
    await WorkerHeartbeat.filter(id="host:2:bb").update(heartbeat_at=now - timedelta(seconds=31))

    assert await live_workers("tandem-a") == 1
    assert await live_workers("tandem-b") == 0
    assert await live_workers("tandem-c") == 0


async def test_an_mrp_run_delivered_again_after_its_plan_committed_plans_nothing_twice(
    database: str,
) -> None:
    for n in range(3):
        await Product.create(
            sku=f"PART-{n}",
            name=f"Part {n}",
            kind=ProductKind.STOCKED,
            procurement=Procurement.BUY,
            safety_stock=Decimal("5"),
        )
    job_run = await start_job_run(JobKind.MRP, kinds.MrpParams(date(2026, 4, 1)), None)
    first = await run_mrp(date(2026, 4, 1), 30, job_run_id=job_run.id)
    planned = sorted(await PlannedOrder.all().values_list("id", flat=True))

    again = await run_mrp(date(2026, 4, 1), 30, job_run_id=job_run.id)

    assert again.id == first.id
    assert sorted(await PlannedOrder.all().values_list("id", flat=True)) == planned
    assert len(planned) == 3
    assert await Event.filter(type="mrp_run.completed").count() == 1
