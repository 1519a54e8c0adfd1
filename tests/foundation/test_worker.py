"""The worker path: a mutation queues a JobRun, a real arq worker runs it (contract §2)."""

from __future__ import annotations

from typing import Any

from api.relay import encode_id
from domain.jobs.models import JobRun

REFRESH = """
mutation($id: ID!) {
  accountFiguresRefresh(input: {accountId: $id}) { jobRun { id kind status } errors { code } }
}
"""
JOB_RUN = (
    "query($id: ID!) { jobRun(id: $id) { kind status progress error result startedAt finishedAt } }"
)


async def test_a_job_runs_in_a_real_arq_worker_and_its_result_is_readable(
    gql: Any, make_accounts: Any, run_worker: Any
) -> None:
    [account] = await make_accounts(1, contacts=3)
    account_id = encode_id("Account", account.id)

    started = await gql(REFRESH, {"id": account_id})
    job = started["data"]["accountFiguresRefresh"]["jobRun"]
    assert (job["kind"], job["status"]) == ("ACCOUNT_FIGURES", "QUEUED")

    worker = await run_worker()

    assert worker.jobs_complete == 1
    assert worker.jobs_failed == 0
    result = (await gql(JOB_RUN, {"id": job["id"]}))["data"]["jobRun"]
    assert result["status"] == "SUCCEEDED"
    assert result["progress"] == 1.0
    assert result["error"] is None
    assert result["result"] == {"accountId": account_id, "lifecycle": "PROSPECT", "contacts": 3}
    assert result["startedAt"] <= result["finishedAt"]


async def test_a_job_whose_account_vanished_fails_with_the_domain_code_and_no_retry(
    gql: Any, make_accounts: Any, run_worker: Any
) -> None:
    [account] = await make_accounts(1)
    account_id = (await gql("{ accounts { edges { node { id } } } }"))["data"]["accounts"]["edges"][
        0
    ]["node"]["id"]
    started = await gql(REFRESH, {"id": account_id})
    run_id = started["data"]["accountFiguresRefresh"]["jobRun"]["id"]
    run = await JobRun.get()
    run.params = {"account_id": account.id + 1000}
    await run.save(update_fields=["params"])

    await run_worker()

    result = (await gql(JOB_RUN, {"id": run_id}))["data"]["jobRun"]
    assert result["status"] == "FAILED"
    assert result["error"].startswith("NOT_FOUND: ")
    assert (await JobRun.get()).attempts == 1


async def test_an_unknown_account_is_refused_before_anything_is_queued(gql: Any) -> None:
    result = await gql(REFRESH, {"id": "QWNjb3VudDo0MDQ="})  # Account:404

    assert result["data"]["accountFiguresRefresh"] == {
        "jobRun": None,
        "errors": [{"code": "NOT_FOUND"}],
    }
    assert await JobRun.all().count() == 0
