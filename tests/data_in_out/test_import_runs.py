"""An IMPORT run as durable work (§2, §14): a worker lost mid-import is taken over and the run
imports each row once; a cancelled run stops between batches and keeps what it committed."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from adapters.queue import JobQueue
from api.relay import decode_id
from domain.accounts.models import Account
from domain.clock import utcnow
from domain.imports.models import DataImport, ImportRow
from domain.imports.services import run_import
from domain.jobs.models import JobRun, JobStatus
from domain.jobs.runner import run_attempt
from domain.jobs.services import cancel_job_run, claim_job_run
from domain.jobs.sweeper import sweep
from domain.outbox.models import Event
from tests.data_in_out.importing import read_run, start, statuses

LEASE = 60


class WorkerKilled(BaseException):
    """The process died: nothing after this point of the body ran."""


def accounts_file(count: int) -> str:
    return "externalId,name\n" + "".join(f"a-{n},Account {n}\n" for n in range(1, count + 1))


async def test_a_worker_lost_mid_import_is_taken_over_and_imports_each_row_once(
    gql: Any, queue: JobQueue, run_worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("domain.imports.services.BATCH_ROWS", 3)
    started = await start(gql, "ACCOUNTS", accounts_file(10))
    run_id = decode_id(started["jobRun"]["id"], "JobRun")
    run = await JobRun.get(id=run_id)
    data = await DataImport.get(id=run.params["import_id"])
    # The first worker claims the run, commits one batch of 3 rows and dies before the next.
    assert await claim_job_run(run.id, run.queue_seq, "dead-worker") is not None
    calls = 0

    async def dies_at_the_second_batch(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise WorkerKilled

    with pytest.raises(WorkerKilled):
        await run_import(run.id, data.id, dies_at_the_second_batch)
    assert (await Account.all().count(), await ImportRow.all().count()) == (3, 3)
    # Its lease lapses; the sweeper takes the run over and a live worker finishes it.
    await JobRun.filter(id=run.id).update(heartbeat_at=utcnow() - timedelta(seconds=LEASE + 1))
    swept = await sweep(queue, LEASE)
    await run_worker()

    finished = await read_run(gql, started["jobRun"]["id"])
    assert swept.taken_over == 1
    assert (finished["status"], finished["attempts"]) == ("SUCCEEDED", 2)
    assert {k: finished["result"][k] for k in ("created", "updated", "unchanged", "failed")} == {
        "created": 10, "updated": 0, "unchanged": 0, "failed": 0,
    }  # fmt: skip
    # lines 2..11, each once; each account once, each account.created once
    assert statuses(finished) == [(line, "CREATED") for line in range(2, 12)]
    assert sorted(await Account.all().values_list("external_id", flat=True)) == sorted(
        f"a-{n}" for n in range(1, 11)
    )
    assert await Event.filter(type="account.created").count() == 10
    assert await Event.filter(type="import_run.completed").count() == 1


async def test_a_cancelled_import_stops_between_batches_and_keeps_its_batches(
    gql: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("domain.imports.services.BATCH_ROWS", 2)
    monkeypatch.setattr("domain.jobs.services.CHECKPOINT_READ_SECONDS", 0)
    started = await start(gql, "ACCOUNTS", accounts_file(400))
    run_id = decode_id(started["jobRun"]["id"], "JobRun")
    attempt = asyncio.create_task(run_attempt(run_id, None, None, "worker-1"))
    for _ in range(1000):
        if await ImportRow.all().count() >= 4 or attempt.done():
            break
        await asyncio.sleep(0.01)

    await cancel_job_run(run_id)
    outcome = await attempt

    stored = await JobRun.get(id=run_id)
    rows = await ImportRow.all().count()
    assert (outcome, stored.status) == ("CANCELLED", JobStatus.CANCELLED)
    # whole batches of 2, each with its accounts
    assert 4 <= rows < 400 and rows % 2 == 0
    assert await Account.all().count() == rows
    # rows done / total, as last reported before a batch
    assert 0 < stored.progress <= rows / 400
