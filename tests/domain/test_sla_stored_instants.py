"""The SLA rules read off a case's stored at-risk instants agree with the rules measured over
its calendar: the escalation scan relies on it to escalate exactly as before, faster."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.service.business_time import Calendar, WorkingInterval
from domain.service.sla_rules import (
    AT_RISK_LEVEL,
    BREACHED_LEVEL,
    DONE_STATUSES,
    CaseStatus,
    SlaClock,
    SlaTerms,
    escalation_level_due,
    escalation_reason,
    sla_schedule,
    sla_status,
)

# Zones with and without daylight saving, one of them moving by half an hour.
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
# Around the spring and autumn clock changes of both hemispheres.
SPAN_STARTS = [datetime(2026, 3, 20, tzinfo=UTC), datetime(2026, 10, 1, tzinfo=UTC)]
SPAN = timedelta(days=45)


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    hours = []
    for weekday in range(1, 8):
        points = sorted(draw(st.sets(st.integers(0, 96), max_size=4)))
        for start, end in zip(points[::2], points[1::2], strict=False):
            hours.append(
                WorkingInterval(weekday, _wall(start * 15), _wall(end * 15 if end < 96 else 0))
            )
    if not hours:
        hours.append(WorkingInterval(draw(st.integers(1, 7)), time(9), time(17)))
    holidays = draw(st.sets(st.dates(date(2026, 3, 15), date(2026, 12, 31)), max_size=6))
    return Calendar(draw(st.sampled_from(ZONES)), tuple(hours), frozenset(holidays))


def _wall(minute: int) -> time:
    return time(minute // 60, minute % 60)


def after(start: datetime) -> st.SearchStrategy[datetime]:
    seconds = st.integers(0, int(SPAN.total_seconds()))
    return seconds.map(lambda offset: start + timedelta(seconds=offset))


@st.composite
def cases(draw: st.DrawFn) -> tuple[SlaClock, SlaClock, datetime]:
    """(a case's clock as the rules measure it, the same clock with its stored instants, an
    instant at or after its opening)."""
    terms = SlaTerms(
        draw(calendars()),
        first_response_minutes=draw(st.integers(0, 900)),
        resolution_minutes=draw(st.integers(0, 2400)),
        at_risk_percent=draw(st.integers(0, 100)),
    )
    opened = draw(after(draw(st.sampled_from(SPAN_STARTS))))
    paused = draw(st.integers(0, 600))
    status = draw(st.sampled_from(CaseStatus))
    schedule = sla_schedule(terms, opened, paused)
    clock = SlaClock(
        terms=terms,
        status=status,
        opened_at=opened,
        first_response_due_at=schedule.first_response_due_at,
        resolution_due_at=schedule.resolution_due_at,
        first_responded_at=draw(st.none() | after(opened)),
        resolved_at=draw(after(opened) if status in DONE_STATUSES else st.none() | after(opened)),
        waiting_since=draw(after(opened)) if status is CaseStatus.WAITING_ON_CUSTOMER else None,
    )
    stored = replace(
        clock,
        first_response_at_risk_at=schedule.first_response_at_risk_at,
        resolution_at_risk_at=schedule.resolution_at_risk_at,
    )
    return clock, stored, draw(after(opened))


@settings(max_examples=400, deadline=None)
@given(cases())
def test_stored_at_risk_instants_give_the_levels_reasons_and_status_the_calendar_gives(
    case: tuple[SlaClock, SlaClock, datetime],
) -> None:
    measured, stored, now = case

    assert escalation_level_due(stored, now) == escalation_level_due(measured, now)
    assert sla_status(stored, now) == sla_status(measured, now)
    for level in (AT_RISK_LEVEL, BREACHED_LEVEL):
        assert escalation_reason(stored, now, level) == escalation_reason(measured, now, level)


def test_an_instant_before_the_at_risk_instant_is_not_at_risk_and_the_instant_itself_is() -> None:
    office = Calendar("UTC", tuple(WorkingInterval(d, time(9), time(17)) for d in range(1, 6)))
    terms = SlaTerms(office, first_response_minutes=7, resolution_minutes=240)
    opened = datetime(2026, 1, 12, 9, tzinfo=UTC)
    schedule = sla_schedule(terms, opened)
    stored = SlaClock(
        terms=terms,
        status=CaseStatus.NEW,
        opened_at=opened,
        first_response_due_at=schedule.first_response_due_at,
        resolution_due_at=schedule.resolution_due_at,
        first_response_at_risk_at=schedule.first_response_at_risk_at,
        resolution_at_risk_at=schedule.resolution_at_risk_at,
    )
    at_risk = datetime(2026, 1, 12, 9, 5, 36, tzinfo=UTC)  # 80% of 7 minutes

    assert escalation_level_due(stored, at_risk - timedelta(microseconds=1)) == 0
    assert escalation_level_due(stored, at_risk) == AT_RISK_LEVEL
