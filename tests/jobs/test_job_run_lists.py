"""jobRuns as a connection (§2 Lists, Background work): its filter and orders, first+last
refused, and JobRun.mrpRun only on MRP runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from domain.jobs.models import JobKind, JobRun, JobStatus
from tests.factories import gid

MOMENT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

RUNS = """
query ($filter: JobRunFilter, $order: JobRunOrder, $first: Int, $last: Int) {
  jobRuns(filter: $filter, orderBy: $order, first: $first, last: $last) {
    totalCount edges { node { id kind status mrpRun { id } } }
  }
}
"""


async def run(kind: JobKind, status: JobStatus, finished_minutes: int | None) -> JobRun:
    finished = None if finished_minutes is None else MOMENT + timedelta(minutes=finished_minutes)
    return await JobRun.create(
        kind=kind, status=status, params={}, finished_at=finished, started_at=finished
    )


def ids(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in result["data"]["jobRuns"]["edges"]]


async def test_job_runs_filter_by_kind_and_status_and_order_by_finish(gql: Any) -> None:
    late = await run(JobKind.INVOICING, JobStatus.SUCCEEDED, 30)
    running = await run(JobKind.INVOICING, JobStatus.RUNNING, None)
    early = await run(JobKind.INVOICING, JobStatus.FAILED, 10)
    sla = await run(JobKind.SLA_ESCALATION, JobStatus.SUCCEEDED, 20)

    newest = await gql(RUNS)
    by_finish = await gql(RUNS, {"order": {"field": "FINISHED_AT", "direction": "ASC"}})
    latest_finish = await gql(RUNS, {"order": {"field": "FINISHED_AT"}})
    invoicing_done = await gql(
        RUNS, {"filter": {"kind": "INVOICING", "status": "SUCCEEDED"}}, role="FINANCE"
    )

    assert ids(newest) == [gid("JobRun", r.id) for r in (sla, early, running, late)]
    # Unfinished runs sort as the largest value: last ascending, first descending.
    assert ids(by_finish) == [gid("JobRun", r.id) for r in (early, sla, late, running)]
    assert ids(latest_finish) == [gid("JobRun", r.id) for r in (running, late, sla, early)]
    assert invoicing_done["data"]["jobRuns"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "id": gid("JobRun", late.id),
                    "kind": "INVOICING",
                    "status": "SUCCEEDED",
                    "mrpRun": None,
                }
            }
        ],
    }


async def test_job_runs_refuse_first_and_last_together(gql: Any) -> None:
    await run(JobKind.INVOICING, JobStatus.QUEUED, None)

    result = await gql(RUNS, {"first": 1, "last": 1})

    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["BAD_USER_INPUT"]


async def test_a_runs_params_and_result_are_in_the_api_names_and_global_ids(gql: Any) -> None:
    invoicing = await JobRun.create(
        kind=JobKind.INVOICING,
        status=JobStatus.SUCCEEDED,
        params={"issue_date": "2026-04-01", "sales_order_ids": [3, 4]},
        result={"orders": 2, "invoices": 2, "first_number": "INV-2026-000001"},
    )
    mrp = await JobRun.create(
        kind=JobKind.MRP,
        status=JobStatus.SUCCEEDED,
        params={"as_of": "2026-04-01", "horizon_days": 90},
        result={"mrp_run_id": 7, "items_planned": 2, "exceptions": 0},
    )
    query = "query ($id: ID!) { jobRun(id: $id) { params result } }"

    invoiced = await gql(query, {"id": gid("JobRun", invoicing.id)})
    planned = await gql(query, {"id": gid("JobRun", mrp.id)})

    assert invoiced["data"]["jobRun"] == {
        "params": {
            "issueDate": "2026-04-01",
            "salesOrderIds": [gid("SalesOrder", 3), gid("SalesOrder", 4)],
        },
        "result": {"orders": 2, "invoices": 2, "firstNumber": "INV-2026-000001"},
    }
    assert planned["data"]["jobRun"] == {
        "params": {"asOf": "2026-04-01", "horizonDays": 90},
        "result": {"mrpRunId": gid("MrpRun", 7), "itemsPlanned": 2, "exceptions": 0},
    }
