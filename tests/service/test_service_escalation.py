"""The escalation scan: levels, events, priority bumps, reruns, concurrency and the worker."""

from __future__ import annotations

import asyncio

import pytest
from service_factories import (
    Clock,
    a_case,
    an_account,
    event_types,
    iso,
    monday,
    standard_policy,
    tuesday,
)

from api.relay import encode_id
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.outbox.models import Event
from domain.service.escalation import escalate_overdue_cases, escalation_candidates
from domain.service.models import Case, CaseEscalation
from domain.service.services import record_case_response, set_case_priority, set_case_status
from domain.service.sla_rules import CaseStatus, Priority
from domain.settings import load_settings
from workers.sla import cron_jobs, cron_schedule, run_sla_escalation

pytestmark = pytest.mark.usefixtures("database")


async def levels_of(case: Case) -> list[tuple[int, str]]:
    rows = await CaseEscalation.filter(case_id=case.id).order_by("level")
    return [(row.level, row.at.isoformat()) for row in rows]


async def test_a_case_escalates_at_risk_then_breached_and_the_breach_raises_its_priority(
    clock: Clock,
) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9))  # NORMAL: response due 10:00

    quiet = await escalate_overdue_cases(monday(9, 47))
    at_risk = await escalate_overdue_cases(monday(9, 48))
    breached = await escalate_overdue_cases(monday(10))

    assert (quiet.candidates, quiet.escalated_cases) == (0, 0)
    assert (at_risk.at_risk_escalations, at_risk.breach_escalations) == (1, 0)
    assert (breached.at_risk_escalations, breached.breach_escalations) == (0, 1)
    assert await levels_of(case) == [(1, iso(monday(9, 48))), (2, iso(monday(10)))]
    row = await Case.get(id=case.id)
    assert (row.escalation_level, row.priority) == (2, Priority.HIGH)
    # The bump does not move the promises already made.
    assert (row.first_response_due_at, row.resolution_due_at) == (monday(10), monday(13))
    assert await event_types() == ["case.created", "case.sla_at_risk", "case.sla_breached"]
    breach = await Event.filter(type="case.sla_breached").get()
    assert (breach.payload["priority"], breach.payload["previousPriority"]) == ("HIGH", "NORMAL")
    assert breach.payload["escalations"][-1]["reason"] == (
        "First response was due at 2026-01-12T10:00:00+00:00."
    )


async def test_a_case_past_both_thresholds_gets_both_levels_in_one_scan(clock: Clock) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9), Priority.URGENT)

    summary = await escalate_overdue_cases(monday(11))

    assert (summary.at_risk_escalations, summary.breach_escalations) == (1, 1)
    assert await levels_of(case) == [(1, iso(monday(11))), (2, iso(monday(11)))]
    assert (await Case.get(id=case.id)).priority == Priority.URGENT  # stays URGENT
    assert await event_types() == ["case.created", "case.sla_at_risk", "case.sla_breached"]


async def test_a_rerun_escalates_nothing(clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    for _ in range(3):
        await a_case(account, monday(9))
    await escalate_overdue_cases(monday(12))

    rerun = await escalate_overdue_cases(monday(12))

    assert (rerun.candidates, rerun.escalated_cases) == (0, 0)
    assert await CaseEscalation.all().count() == 6
    assert await Event.filter(type__startswith="case.sla").count() == 6


async def test_the_scan_reads_only_cases_due_for_an_escalation(clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    clock.set(monday(9, 40))
    due = await a_case(account, monday(9))  # at risk from 09:48
    later = await a_case(account, monday(9, 30))  # at risk from 10:18
    answered = await a_case(account, monday(9))
    done = await a_case(account, monday(9))
    await record_case_response(answered.id)  # now nothing until the resolution is at risk (12:12)
    await set_case_status(done.id, CaseStatus.RESOLVED)

    assert await escalation_candidates(monday(10)) == [(due.id, due.sla_policy_id)]
    assert [case_id for case_id, _ in await escalation_candidates(monday(12, 12))] == [
        due.id,
        later.id,
        answered.id,
    ]


async def test_an_answered_case_escalates_on_its_resolution_target(clock: Clock) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9))
    clock.set(monday(9, 30))
    await record_case_response(case.id)

    before = await escalate_overdue_cases(monday(12, 11))
    at_risk = await escalate_overdue_cases(monday(12, 12))

    assert before.escalated_cases == 0
    assert at_risk.at_risk_escalations == 1
    assert (await CaseEscalation.get(case_id=case.id)).reason == (
        "Resolution has used 80% of its 240 business minutes."
    )


async def test_a_case_waiting_on_the_customer_is_not_escalated_on_its_resolution(
    clock: Clock,
) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9))
    clock.set(monday(10))
    await record_case_response(case.id, monday(9, 30))
    await set_case_status(case.id, CaseStatus.WAITING_ON_CUSTOMER)

    summary = await escalate_overdue_cases(tuesday(16))

    assert summary.candidates == 0
    assert (await Case.get(id=case.id)).escalation_check_at is None


async def test_a_priority_change_moves_the_next_escalation(clock: Clock) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9))
    clock.set(monday(9, 5))

    await set_case_priority(case.id, Priority.URGENT)  # response due 09:15, at risk 09:12

    assert (await Case.get(id=case.id)).escalation_check_at == monday(9, 12)
    assert (await escalate_overdue_cases(monday(9, 15))).breach_escalations == 1


async def test_two_concurrent_runs_escalate_each_level_once(
    postgres_only: None, clock: Clock
) -> None:
    await standard_policy()
    account = await an_account()
    cases = [await a_case(account, monday(9)) for _ in range(20)]

    first, second = await asyncio.gather(
        escalate_overdue_cases(monday(11)), escalate_overdue_cases(monday(11))
    )

    assert first.at_risk_escalations + second.at_risk_escalations == 20
    assert first.breach_escalations + second.breach_escalations == 20
    for case in cases:
        assert [level for level, _ in await levels_of(case)] == [1, 2]
    assert await Event.filter(type="case.sla_at_risk").count() == 20
    assert await Event.filter(type="case.sla_breached").count() == 20
    assert await Case.filter(priority=Priority.HIGH).count() == 20  # raised once, not twice


async def test_a_level_already_in_the_history_is_not_recorded_or_announced_again(
    clock: Clock,
) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9))
    # As if another writer had recorded level 1 without updating the case row.
    await CaseEscalation.create(case_id=case.id, level=1, reason="earlier", at=monday(9, 50))

    summary = await escalate_overdue_cases(monday(10))

    assert (summary.at_risk_escalations, summary.breach_escalations) == (0, 1)
    assert await levels_of(case) == [(1, iso(monday(9, 50))), (2, iso(monday(10)))]
    assert await event_types() == ["case.created", "case.sla_breached"]
    assert (await Case.get(id=case.id)).escalation_level == 2


START = """
mutation ($input: SlaEscalationRunStartInput!) {
  slaEscalationRunStart(input: $input) {
    jobRun { id kind status }
    errors { field code }
  }
}"""

JOB = "query ($id: ID!) { jobRun(id: $id) { status error result progress } }"


async def test_an_escalation_run_started_through_the_api_succeeds_in_a_real_worker(
    gql, run_worker, clock: Clock
) -> None:
    await standard_policy()
    account = await an_account()
    breached = await a_case(account, monday(9))
    await a_case(account, monday(9), Priority.LOW)  # only at risk by 12:12 (80% of 240)
    clock.set(monday(12, 30))

    started = await gql(START, {"input": {"asOf": iso(monday(12, 30))}}, role="SERVICE")
    job = started["data"]["slaEscalationRunStart"]["jobRun"]
    assert (job["kind"], job["status"]) == ("SLA_ESCALATION", "QUEUED")
    await run_worker()

    finished = (await gql(JOB, {"id": job["id"]}))["data"]["jobRun"]
    assert finished["status"] == "SUCCEEDED", finished["error"]
    assert finished["progress"] == 1.0
    assert finished["result"] == {
        "asOf": iso(monday(12, 30)),
        "candidates": 2,
        "escalatedCases": 2,
        "atRiskEscalations": 2,
        "breachEscalations": 1,
    }
    assert (await Case.get(id=breached.id)).escalation_level == 2
    read = await gql(
        "query ($id: ID!) { case(id: $id) { escalationLevel escalations { level reason at } } }",
        {"id": encode_id("Case", breached.id)},
    )
    assert [e["level"] for e in read["data"]["case"]["escalations"]] == [1, 2]


async def test_only_service_staff_start_escalation_runs(gql, clock: Clock) -> None:
    body = await gql(START, {"input": {}}, role="SALES")

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await JobRun.filter(kind=JobKind.SLA_ESCALATION).count() == 0


async def test_the_scheduled_scan_runs_as_a_job_run_of_its_own(clock: Clock) -> None:
    await standard_policy()
    await a_case(await an_account(), monday(9))
    clock.set(monday(10))

    run_id = await cron_jobs(load_settings())[0].coroutine({})
    outcome = await run_sla_escalation({}, run_id)

    run = await JobRun.get(kind=JobKind.SLA_ESCALATION)
    assert (outcome, run.status, run.requested_by) == ("SUCCEEDED", JobStatus.SUCCEEDED, "schedule")
    assert (run.id, run.flight) == (run_id, None)
    assert run.result is not None and run.result["breach_escalations"] == 1


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (60, {"second": {0}, "minute": set(range(60)), "hour": None}),
        (15, {"second": {0, 15, 30, 45}, "minute": None, "hour": None}),
        (45, {"second": {0, 30}, "minute": None, "hour": None}),
        (300, {"second": {0}, "minute": set(range(0, 60, 5)), "hour": None}),
        (7200, {"second": {0}, "minute": {0}, "hour": set(range(0, 24, 2))}),
        (86400 * 2, {"second": {0}, "minute": {0}, "hour": {0}}),
    ],
)
def test_the_scan_schedule_runs_at_least_as_often_as_configured(
    seconds: int, expected: dict[str, set[int] | None]
) -> None:
    assert cron_schedule(seconds) == expected


def test_the_cron_job_follows_the_configured_interval(settings) -> None:
    job = cron_jobs(settings)[0]

    assert job.name == f"{settings.queue_name}:sla_escalation_scan"
    assert job.second == cron_schedule(settings.sla_scan_seconds)["second"]
