"""The set-based escalation scan: chunks escalate exactly as the case-by-case rules say
(levels, reasons, priorities, next checks, event payloads), checkpoints per chunk, the unique
constraint deciding what is new, and concurrent runs on PostgreSQL."""

from __future__ import annotations

import asyncio
import copy
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import pytest
from service_factories import (
    Clock,
    a_case,
    an_account,
    monday,
    office_calendar,
    standard_policy,
    tuesday,
)

from domain.event_data import case_escalation_data
from domain.jobs import kinds
from domain.jobs.kinds import SlaEscalationParams, start_job_run
from domain.jobs.models import JobKind, JobRun, JobStatus
from domain.jobs.runner import run_attempt
from domain.jobs.services import cancel_job_run, report_progress
from domain.jsonable import jsonable
from domain.outbox.models import Event
from domain.service.escalation import EVENT_OF_LEVEL, escalate_overdue_cases
from domain.service.models import Case, CaseEscalation, SlaPolicy
from domain.service.services import (
    SlaTargetDraft,
    create_sla_policy,
    policy_clocks,
    record_case_response,
    refresh_escalation_check,
    set_case_priority,
    set_case_status,
    sla_clock,
)
from domain.service.sla_rules import (
    BREACHED_LEVEL,
    CaseStatus,
    Priority,
    escalation_level_due,
    escalation_reason,
    raise_priority,
)

pytestmark = pytest.mark.usefixtures("database")


class Recorded(NamedTuple):
    level: int
    reason: str
    at: datetime


@dataclass
class Outcome:
    """What a scan left: its new escalations and events, and every case's escalation state."""

    escalations: list[tuple[int, int, str, datetime]]
    events: list[tuple[str, dict[str, Any]]]
    cases: dict[int, tuple[int, str, datetime | None]]


async def case_states() -> dict[int, tuple[int, str, datetime | None]]:
    rows = await Case.all().values_list("id", "escalation_level", "priority", "escalation_check_at")
    return {case_id: (level, Priority(p).value, check) for case_id, level, p, check in rows}


async def expected_scan(as_of: datetime) -> Outcome:
    """The scan as the rules say it, case by case, measuring business time over each
    calendar (no stored at-risk instant): what the set-based scan must leave row for row."""
    policies = await policy_clocks([policy.id for policy in await SlaPolicy.all()])
    history: defaultdict[int, list[Recorded]] = defaultdict(list)
    for row in await CaseEscalation.all().order_by("level"):
        history[row.case_id].append(Recorded(row.level, row.reason, row.at))
    outcome = Outcome([], [], await case_states())
    for case in await Case.filter(escalation_check_at__lte=as_of).order_by("id"):
        policy = policies[case.sla_policy_id] if case.sla_policy_id else None
        clock = sla_clock(case, policy)
        level_due = escalation_level_due(clock, as_of)
        recorded, added = list(history[case.id]), []
        for level in range(case.escalation_level + 1, level_due + 1):
            if any(row.level == level for row in recorded):
                continue  # the unique (case, level) constraint refuses it
            assert clock is not None
            reason = escalation_reason(clock, as_of, level)
            recorded.append(Recorded(level, reason, as_of))
            added.append(level)
            outcome.escalations.append((case.id, level, reason, as_of))
            priority = raise_priority(case.priority) if level == BREACHED_LEVEL else case.priority
            payload = case_escalation_data(case, level, priority, recorded)
            outcome.events.append((EVENT_OF_LEVEL[level], jsonable(payload)))
        moved = copy.copy(case)
        previous_check = moved.escalation_check_at
        moved.escalation_level = max(moved.escalation_level, level_due)
        if BREACHED_LEVEL in added:
            moved.priority = raise_priority(moved.priority)
        refresh_escalation_check(moved)
        if added or moved.escalation_check_at != previous_check:
            outcome.cases[case.id] = (
                moved.escalation_level,
                moved.priority.value,
                moved.escalation_check_at,
            )
    return outcome


async def scanned(as_of: datetime, chunk_size: int) -> Outcome:
    known = set(await CaseEscalation.all().values_list("id", flat=True))
    last_event = await Event.all().order_by("-id").first()
    summary = await escalate_overdue_cases(as_of, chunk_size=chunk_size)
    escalations = [
        (row.case_id, row.level, row.reason, row.at)
        for row in await CaseEscalation.all().order_by("case_id", "level")
        if row.id not in known
    ]
    events = await Event.filter(id__gt=last_event.id if last_event else 0).order_by("id")
    assert summary.at_risk_escalations + summary.breach_escalations == len(escalations)
    # Chunks under way at once may commit their events in either order; a case's own events
    # follow its levels.
    levels = [(event.subject_id, event.payload["escalationLevel"]) for event in events]
    assert [level for _, level in sorted(levels, key=lambda pair: pair[0])] == [
        level for _, level in sorted(levels)
    ]
    by_case = sorted(events, key=lambda event: (event.subject_id, event.payload["escalationLevel"]))
    return Outcome(
        escalations, [(event.type, event.payload) for event in by_case], await case_states()
    )


async def a_service_desk(clock: Clock) -> dict[str, Case]:
    """Cases on two policies (one at 50% on a Berlin calendar), every priority, answered,
    waiting, resolved and reopened ones, one with an escalation nobody announced."""
    clock.set(monday(9, 30))
    await standard_policy()
    berlin = await office_calendar("Berlin hours", timezone="Europe/Berlin")
    nervous = await create_sla_policy(
        name="Nervous",
        calendar_id=berlin.id,
        targets=[SlaTargetDraft(p, 45, 200) for p in Priority],
        at_risk_percent=50,
    )
    acme = await an_account()
    globex = await an_account("Globex", sla_policy_id=nervous.id)
    cases = {
        "normal": await a_case(acme, monday(9)),
        "urgent": await a_case(acme, monday(9, 5), Priority.URGENT),
        "low": await a_case(acme, monday(8), Priority.LOW),
        "high": await a_case(acme, monday(9, 20), Priority.HIGH),
        "answered": await a_case(acme, monday(9, 10)),
        "waiting": await a_case(acme, monday(9, 15)),
        "resolved": await a_case(acme, monday(9, 30), Priority.HIGH),
        "reopened": await a_case(acme, monday(9, 30), Priority.HIGH),
        "history": await a_case(acme, monday(9)),
        "nervous": await a_case(globex, monday(9, 1)),
        "nervous urgent": await a_case(globex, monday(9, 2), Priority.URGENT),
        "weekend": await a_case(globex, utc_saturday()),
    }
    await CaseEscalation.create(
        case_id=cases["history"].id, level=2, reason="recorded elsewhere", at=monday(9, 30)
    )
    clock.set(monday(9, 40))
    await record_case_response(cases["answered"].id)
    await set_case_status(cases["waiting"].id, CaseStatus.WAITING_ON_CUSTOMER)
    await set_case_status(cases["resolved"].id, CaseStatus.RESOLVED)
    await set_case_status(cases["reopened"].id, CaseStatus.RESOLVED)
    return cases


def utc_saturday() -> datetime:
    return monday(11).replace(day=10)


async def test_chunks_escalate_exactly_as_the_rules_say_case_by_case(clock: Clock) -> None:
    cases = await a_service_desk(clock)
    steps = [
        (monday(9, 45), None),
        (monday(10, 5), lambda: set_case_priority(cases["low"].id, Priority.URGENT)),
        (monday(11), lambda: set_case_status(cases["reopened"].id, CaseStatus.OPEN)),
        (monday(12, 30), lambda: set_case_status(cases["waiting"].id, CaseStatus.OPEN)),
        (monday(16), lambda: record_case_response(cases["nervous"].id)),
        (tuesday(11), None),
    ]
    escalated = 0
    for as_of, change in steps:
        clock.set(as_of)
        if change is not None:
            await change()
        expected = await expected_scan(as_of)

        found = await scanned(as_of, chunk_size=2)

        assert found.escalations == expected.escalations
        assert found.events == expected.events
        assert found.cases == expected.cases
        escalated += len(found.escalations)
    assert escalated == 21
    # The unannounced level 2 stays as it was, and is never announced.
    history = await CaseEscalation.filter(case_id=cases["history"].id).order_by("level")
    assert [(row.level, row.reason) for row in history] == [
        (1, "First response has used 80% of its 60 business minutes."),
        (2, "recorded elsewhere"),
    ]


async def test_a_level_another_writer_recorded_gets_no_event_and_raises_no_priority(
    clock: Clock,
) -> None:
    await standard_policy()
    case = await a_case(await an_account(), monday(9))
    await CaseEscalation.create(case_id=case.id, level=2, reason="elsewhere", at=monday(9, 30))

    summary = await escalate_overdue_cases(monday(10))

    assert (summary.at_risk_escalations, summary.breach_escalations) == (1, 0)
    event = await Event.get(type="case.sla_at_risk")
    assert [e["level"] for e in event.payload["escalations"]] == [1, 2]
    assert await Event.filter(type="case.sla_breached").count() == 0
    row = await Case.get(id=case.id)
    assert (row.escalation_level, row.priority, row.escalation_check_at) == (
        2,
        Priority.NORMAL,
        None,
    )


async def test_progress_is_reported_after_each_chunk(clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    for _ in range(7):
        await a_case(account, monday(9))
    reported: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        reported.append((done, total))

    await escalate_overdue_cases(monday(10), on_progress=progress, chunk_size=3)

    assert reported == [(3, 7), (6, 7), (7, 7)]


class Stop(Exception):
    pass


async def test_a_scan_stopped_at_a_checkpoint_keeps_its_chunks_and_a_rerun_does_the_rest(
    clock: Clock,
) -> None:
    await standard_policy()
    account = await an_account()
    cases = [await a_case(account, monday(9)) for _ in range(5)]

    async def stop(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        await escalate_overdue_cases(monday(10), on_progress=stop, chunk_size=2)

    # The first chunk's checkpoint stopped it; the second was under way and finished.
    assert await CaseEscalation.all().count() == 8
    rerun = await escalate_overdue_cases(monday(10), chunk_size=2)
    assert (rerun.candidates, rerun.escalated_cases) == (1, 1)
    for case in cases:
        assert await CaseEscalation.filter(case_id=case.id).count() == 2
    assert await Event.filter(type__startswith="case.sla").count() == 10


async def test_a_cancelled_escalation_run_keeps_its_chunks_and_a_later_run_does_the_rest(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("domain.jobs.services.CHECKPOINT_READ_SECONDS", 0)
    monkeypatch.setattr("domain.service.escalation.CHUNK_SIZE", 2)
    await standard_policy()
    account = await an_account()
    for _ in range(6):
        await a_case(account, monday(9))
    params = SlaEscalationParams(monday(10))
    run = await start_job_run(JobKind.SLA_ESCALATION, params, None)

    async def cancelled_after_first_chunk(job_run: JobRun, done: int, total: int) -> None:
        # A user's jobRunCancel lands while the first chunk commits.
        await cancel_job_run(job_run.id)
        await report_progress(job_run, done, total)

    monkeypatch.setattr(kinds, "report_progress", cancelled_after_first_chunk)
    outcome = await run_attempt(run.id, None, None, "worker-1")

    assert (outcome, (await JobRun.get(id=run.id)).status) == ("CANCELLED", JobStatus.CANCELLED)
    assert await CaseEscalation.all().count() == 8  # the chunk under way at the cancel too
    monkeypatch.undo()
    later = await start_job_run(JobKind.SLA_ESCALATION, params, None)
    assert await run_attempt(later.id, None, None, "worker-2") == "SUCCEEDED"
    result = (await JobRun.get(id=later.id)).result
    assert result is not None and result["escalated_cases"] == 2
    assert await CaseEscalation.all().count() == 12
    assert await Event.filter(type="case.sla_breached").count() == 6


async def test_concurrent_runs_in_chunks_escalate_each_level_once(
    postgres_only: None, clock: Clock
) -> None:
    await standard_policy()
    account = await an_account()
    clock.set(monday(10))
    cases = [await a_case(account, monday(9, minute)) for minute in range(0, 60, 2)]
    for case in cases[::3]:
        await record_case_response(case.id)
    expected = await expected_scan(monday(10, 40))

    summaries = await asyncio.gather(
        escalate_overdue_cases(monday(10, 40), chunk_size=4),
        escalate_overdue_cases(monday(10, 40), chunk_size=7),
        escalate_overdue_cases(monday(10, 40), chunk_size=30),
    )

    rows = await CaseEscalation.all().values_list("case_id", "level", "reason", "at")
    assert sorted(rows) == sorted(expected.escalations)
    assert sum(s.at_risk_escalations + s.breach_escalations for s in summaries) == len(rows)
    events = await Event.filter(type__startswith="case.sla").order_by("id")
    assert sorted((e.type, e.subject_id, e.payload["escalationLevel"]) for e in events) == sorted(
        (EVENT_OF_LEVEL[level], case, level) for case, level, _, _ in rows
    )
    assert sorted(e.payload["id"] for e in events) == sorted(p["id"] for _, p in expected.events)
    assert await case_states() == expected.cases
    assert (len(rows), sum(level == 2 for _, level, _, _ in rows)) == (34, 15)


async def test_a_chunk_with_more_escalations_than_one_sqlite_statement_holds_records_all(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("domain.service.escalation.SQLITE_ROWS_PER_INSERT", 3)
    await standard_policy()
    account = await an_account()
    for _ in range(5):
        await a_case(account, monday(9))

    summary = await escalate_overdue_cases(monday(10))

    assert (summary.at_risk_escalations, summary.breach_escalations) == (5, 5)
    assert await CaseEscalation.all().count() == 10
    assert await Event.filter(type__startswith="case.sla").count() == 10
