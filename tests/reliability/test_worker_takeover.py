"""Durable jobs with real `tandem` processes (§2 Background work): a SIGKILLed worker's run is
taken over and finishes without doing anything twice; a Redis outage neither loses a run
nor stops a worker; a stale arq key cannot swallow a run; `tandem worker --check`."""

from __future__ import annotations

import asyncio
import os
import time
from decimal import Decimal
from pathlib import Path

import pytest
import redis.asyncio

from tests.reliability.job_data import BREACHED_CASES, INVOICE_DATE, SHIPPED_ORDERS, STARTS
from tests.reliability.processes import (
    Api,
    Installation,
    Takeover,
    database_id,
    installation,
    kill_its_worker,
    owned_redis,
    postgres,
    start_run,
    wait_for_workers,
)

LEASE_SECONDS = 5
REDIS_OUTAGE_SECONDS = 10

ACCOUNT_CREATE = """
mutation Create($name: String!) {
  accountCreate(input: {name: $name}) { account { id } errors { code } }
}
"""
ACCOUNT_FIGURES_REFRESH = """
mutation Refresh($id: ID!) {
  accountFiguresRefresh(input: {accountId: $id}) { jobRun { id status attempts } errors { code } }
}
"""
TRIAL_BALANCE = "{ trialBalance { debit { amount } credit { amount } balance { amount } } }"
ACCOUNTS = "{ accounts { totalCount } }"


def on_postgres() -> bool:
    return os.environ.get("TEST_DATABASE_URL", "").startswith("postgres")


@pytest.fixture
def needs_postgres() -> None:
    if not on_postgres():
        pytest.skip(
            "needs PostgreSQL (set TEST_DATABASE_URL): worker processes racing for row locks"
        )


async def started(api: Api, data_set: str) -> str:
    start = STARTS[data_set]
    return await start_run(api, start.mutation, start.payload, start.variables)


async def two_workers_and_an_api(setup: Installation) -> Api:
    await setup.worker()
    await setup.worker()
    api = await setup.serve()
    await wait_for_workers(setup, 2)
    return api


def report(kind: str, takeover: Takeover) -> None:
    print(
        f"\nlost worker ({kind}): kill at {takeover.progress_at_kill:.0%} → taken over in "
        f"{takeover.seconds_to_takeover:.1f} s → SUCCEEDED in {takeover.seconds_to_finish:.1f} s"
        f" (lease {LEASE_SECONDS} s)"
    )


# --- a worker SIGKILLed mid-run -------------------------------------------------------


async def test_an_invoice_run_whose_worker_is_killed_invoices_every_order_exactly_once(
    needs_postgres: None, tmp_path: Path, redis_url: str
) -> None:
    async with installation(tmp_path, redis_url, postgres=True, data="orders") as setup:
        api = await two_workers_and_an_api(setup)
        run_id = await started(api, "orders")

        takeover = await kill_its_worker(
            setup, api, run_id, kill_when=lambda run: run["progress"] >= 0.3
        )
        report("invoicing", takeover)

        assert takeover.run["status"] == "SUCCEEDED", takeover.run
        assert takeover.run["attempts"] == 2
        assert takeover.run["error"] is None
        survivors = [p for p in setup.processes if p is not takeover.killed]
        assert all(process.alive for process in survivors), setup.logs()
        async with postgres(setup.database_url) as db:
            invoices = await db.fetch(
                "SELECT number, sales_order_id, total FROM invoices ORDER BY number"
            )
            uninvoiced_lines = await db.fetchval(
                "SELECT count(*) FROM sales_order_lines WHERE quantity_invoiced <> quantity"
            )
            posted_events = await db.fetchval(
                "SELECT count(*) FROM events WHERE type = 'invoice.posted'"
            )
            entries = await db.fetchval(
                "SELECT count(*) FROM journal_entries WHERE source = 'INVOICE'"
            )
        year = INVOICE_DATE.year
        assert [row["number"] for row in invoices] == [
            f"INV-{year}-{n:06d}" for n in range(1, SHIPPED_ORDERS + 1)
        ]
        assert len({row["sales_order_id"] for row in invoices}) == SHIPPED_ORDERS
        assert uninvoiced_lines == 0
        assert posted_events == SHIPPED_ORDERS
        assert entries == SHIPPED_ORDERS
        rows = (await api.data(TRIAL_BALANCE))["trialBalance"]
        debit = sum(Decimal(row["debit"]["amount"]) for row in rows)
        credit = sum(Decimal(row["credit"]["amount"]) for row in rows)
        assert sum(Decimal(row["balance"]["amount"]) for row in rows) == 0
        assert debit == credit == sum(row["total"] for row in invoices)


async def _plan(db_url: str, mrp_run_id: int) -> list[tuple[object, ...]]:
    async with postgres(db_url) as db:
        rows = await db.fetch(
            "SELECT product_id, reference, kind, quantity, due_date, release_date, late"
            " FROM planned_orders WHERE run_id = $1 ORDER BY product_id, reference",
            mrp_run_id,
        )
    return [tuple(row) for row in rows]


async def test_an_mrp_run_whose_worker_is_killed_writes_one_plan_like_a_clean_run(
    needs_postgres: None, tmp_path: Path, redis_url: str
) -> None:
    async with installation(tmp_path, redis_url, postgres=True, data="mrp") as setup:
        api = await two_workers_and_an_api(setup)
        run_id = await started(api, "mrp")

        # The plan streams into its table while the planner works (one transaction: delete
        # the earlier unfirmed orders, COPY its own): killed while it runs, the whole
        # transaction must vanish and the second attempt write one plan.
        takeover = await kill_its_worker(setup, api, run_id, kill_when=lambda run: True)
        report("MRP", takeover)

        assert takeover.run["status"] == "SUCCEEDED", takeover.run
        assert takeover.run["attempts"] == 2
        async with postgres(setup.database_url) as db:
            mrp_runs = await db.fetch("SELECT id, job_run_id, status FROM mrp_runs")
            unfirmed_runs = await db.fetch(
                "SELECT DISTINCT run_id FROM planned_orders WHERE firmed_at IS NULL"
            )
            duplicates = await db.fetch(
                "SELECT product_id, reference FROM planned_orders"
                " GROUP BY product_id, reference HAVING count(*) > 1"
            )
        assert [(r["job_run_id"], r["status"]) for r in mrp_runs] == [
            (database_id(run_id), "COMPLETED")
        ]
        mrp_run_id = mrp_runs[0]["id"]
        assert database_id(takeover.run["result"]["mrpRunId"]) == mrp_run_id
        assert [row["run_id"] for row in unfirmed_runs] == [mrp_run_id]
        assert duplicates == []
        taken_over_plan = await _plan(setup.database_url, mrp_run_id)

        clean_id = await started(api, "mrp")
        clean = await api.wait_until_finished(clean_id, seconds=120, logs=setup.logs)
        assert (clean["status"], clean["attempts"]) == ("SUCCEEDED", 1)
        clean_plan = await _plan(setup.database_url, database_id(clean["result"]["mrpRunId"]))
        assert len(taken_over_plan) == len(clean_plan) > 1000
        assert taken_over_plan == clean_plan


async def test_an_sla_run_whose_worker_is_killed_escalates_each_level_once(
    needs_postgres: None, tmp_path: Path, redis_url: str
) -> None:
    async with installation(tmp_path, redis_url, postgres=True, data="sla") as setup:
        api = await two_workers_and_an_api(setup)
        run_id = await started(api, "sla")

        takeover = await kill_its_worker(
            setup, api, run_id, kill_when=lambda run: run["progress"] >= 0.3
        )
        report("SLA escalation", takeover)

        assert takeover.run["status"] == "SUCCEEDED", takeover.run
        assert takeover.run["attempts"] == 2
        async with postgres(setup.database_url) as db:
            escalations = await db.fetchval("SELECT count(*) FROM case_escalations")
            levels = await db.fetch(
                "SELECT array_agg(level ORDER BY level) AS levels"
                " FROM case_escalations GROUP BY case_id"
            )
            events = await db.fetch(
                "SELECT type, count(*) AS events, count(DISTINCT payload->>'id') AS cases"
                " FROM events WHERE type LIKE 'case.sla_%' GROUP BY type ORDER BY type"
            )
            cases = await db.fetch(
                "SELECT escalation_level, escalation_check_at IS NULL AS done, count(*) AS n"
                " FROM cases GROUP BY 1, 2"
            )
        assert escalations == 2 * BREACHED_CASES
        assert len(levels) == BREACHED_CASES
        assert {tuple(row["levels"]) for row in levels} == {(1, 2)}
        assert [tuple(row) for row in events] == [
            ("case.sla_at_risk", BREACHED_CASES, BREACHED_CASES),
            ("case.sla_breached", BREACHED_CASES, BREACHED_CASES),
        ]
        assert [tuple(row) for row in cases] == [(2, True, BREACHED_CASES)]


# --- Redis goes away and comes back ---------------------------------------------------


async def test_a_redis_outage_keeps_reads_answering_and_a_run_started_meanwhile_succeeds(
    tmp_path: Path,
) -> None:
    async with (
        owned_redis(tmp_path / "redis") as server,
        installation(tmp_path, server.url, postgres=on_postgres()) as setup,
    ):
        api = await setup.serve()
        worker = await setup.worker()
        account = (await api.data(ACCOUNT_CREATE, {"name": "Acme"}))["accountCreate"]
        account_id = account["account"]["id"]
        before = await start_run(
            api, ACCOUNT_FIGURES_REFRESH, "accountFiguresRefresh", {"id": account_id}
        )
        first = await api.wait_until_finished(before, seconds=60, logs=setup.logs)
        assert first["status"] == "SUCCEEDED"
        assert await api.ready_status() == 200

        await server.kill()
        outage_ends = time.monotonic() + REDIS_OUTAGE_SECONDS
        # The contract's bound for a start while Redis is away is the client's timeout here.
        response = await api.http.post(
            "/graphql",
            json={"query": ACCOUNT_FIGURES_REFRESH, "variables": {"id": account_id}},
            headers={"Authorization": f"Bearer {api.token}"},
            timeout=5,
        )
        assert response.status_code == 200, response.text
        payload = response.json()["data"]["accountFiguresRefresh"]
        assert payload["errors"] == []
        assert payload["jobRun"]["status"] == "QUEUED"
        during_id = payload["jobRun"]["id"]
        readiness, reads = [], []
        for _ in range(REDIS_OUTAGE_SECONDS * 2):
            if time.monotonic() >= outage_ends:
                break
            readiness.append(await api.ready_status())
            response = await api.post(ACCOUNTS)
            reads.append((response.status_code, response.json().get("data")))
            await asyncio.sleep(0.5)
        assert readiness, "the outage was polled"
        assert readiness == [503] * len(readiness)
        assert reads == [(200, {"accounts": {"totalCount": 1}})] * len(readiness)
        assert (await api.job_run(during_id))["status"] == "QUEUED"
        await asyncio.sleep(max(0.0, outage_ends - time.monotonic()))

        await server.start()
        assert worker.alive, worker.log()
        during = await api.wait_until_finished(during_id, seconds=60, logs=setup.logs)
        assert during["status"] == "SUCCEEDED", during
        assert during["attempts"] == 1
        assert worker.alive, worker.log()
        assert await _ready_again(api)


async def _ready_again(api: Api) -> bool:
    for _ in range(50):
        if await api.ready_status() == 200:
            return True
        await asyncio.sleep(0.2)
    return False


# --- a stale Redis entry --------------------------------------------------------------


async def test_stale_arq_keys_under_the_old_queue_id_do_not_swallow_the_first_run(
    tmp_path: Path, redis_url: str
) -> None:
    async with installation(tmp_path, redis_url, postgres=on_postgres()) as setup:
        queue = setup.queue_name
        stale = [
            f"arq:result:{queue}:jobrun:1",
            f"arq:job:{queue}:jobrun:1",
            f"arq:in-progress:{queue}:jobrun:1",
        ]
        client = redis.asyncio.Redis.from_url(redis_url)
        try:
            for key in stale:
                await client.set(key, b"left by an earlier database", ex=600)
            api = await setup.serve()
            account = (await api.data(ACCOUNT_CREATE, {"name": "Acme"}))["accountCreate"]
            run_id = await start_run(
                api,
                ACCOUNT_FIGURES_REFRESH,
                "accountFiguresRefresh",
                {"id": account["account"]["id"]},
            )
            assert database_id(run_id) == 1
            await setup.worker()

            run = await api.wait_until_finished(run_id, seconds=60, logs=setup.logs)

            assert (run["status"], run["attempts"]) == ("SUCCEEDED", 1)
            assert await client.exists(*stale) == len(stale)  # not the run's keys at all
        finally:
            await client.delete(*stale)
            await client.aclose()


# --- the container health check -------------------------------------------------------


async def test_tandem_worker_check_follows_a_worker_starting_and_stopping(
    tmp_path: Path, redis_url: str
) -> None:
    async with installation(tmp_path, redis_url, postgres=on_postgres()) as setup:
        assert await setup.check_workers() == 1

        worker = await setup.worker()
        codes = []
        for _ in range(10):
            codes.append(await setup.check_workers())
            if codes[-1] == 0:
                break
            await asyncio.sleep(0.5)
        assert codes[-1] == 0, setup.logs()

        await worker.stop()
        assert worker.handle.returncode == 0, worker.log()
        assert await setup.check_workers() == 1
