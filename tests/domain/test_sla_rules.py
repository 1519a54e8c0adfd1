"""SLA rules: priority ladder, status moves, due times, SLA status and escalation boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.service.business_time import Calendar, WorkingInterval, business_minutes_between
from domain.service.sla_rules import (
    CaseStatus,
    Priority,
    SlaClock,
    SlaSchedule,
    SlaStatus,
    SlaTerms,
    TransitionError,
    check_status_transition,
    due_times,
    escalation_level_due,
    escalation_reason,
    next_escalation_at,
    raise_priority,
    sla_schedule,
    sla_status,
)

OFFICE = Calendar("UTC", tuple(WorkingInterval(day, time(9), time(17)) for day in range(1, 6)))
TERMS = SlaTerms(OFFICE, first_response_minutes=60, resolution_minutes=240, at_risk_percent=80)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def monday(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return utc(2026, 1, 12, hour, minute, second)


OPENED = monday(9)  # first response due 10:00, resolution due 13:00


def clock(
    status: CaseStatus = CaseStatus.OPEN,
    *,
    responded: datetime | None = None,
    resolved: datetime | None = None,
    waiting_since: datetime | None = None,
    paused_minutes: int = 0,
    opened: datetime = OPENED,
    terms: SlaTerms = TERMS,
) -> SlaClock:
    first_response_due, resolution_due = due_times(
        terms.calendar,
        opened,
        terms.first_response_minutes,
        terms.resolution_minutes,
        paused_minutes,
    )
    return SlaClock(
        terms=terms,
        status=status,
        opened_at=opened,
        first_response_due_at=first_response_due,
        resolution_due_at=resolution_due,
        first_responded_at=responded,
        resolved_at=resolved,
        waiting_since=waiting_since,
    )


# --- Priorities ----------------------------------------------------------------------------


def test_priorities_climb_from_low_to_urgent() -> None:
    assert [p.rank for p in (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT)] == [
        0,
        1,
        2,
        3,
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Priority.LOW, Priority.NORMAL),
        (Priority.NORMAL, Priority.HIGH),
        (Priority.HIGH, Priority.URGENT),
        (Priority.URGENT, Priority.URGENT),
    ],
)
def test_raising_a_priority_climbs_one_step_and_urgent_stays_urgent(
    before: Priority, after: Priority
) -> None:
    assert raise_priority(before) is after


# --- Status moves --------------------------------------------------------------------------

NEW, OPEN, WAITING, RESOLVED, CLOSED = (
    CaseStatus.NEW,
    CaseStatus.OPEN,
    CaseStatus.WAITING_ON_CUSTOMER,
    CaseStatus.RESOLVED,
    CaseStatus.CLOSED,
)
ALLOWED = {
    (NEW, OPEN),
    (NEW, WAITING),
    (NEW, RESOLVED),
    (NEW, CLOSED),
    (OPEN, WAITING),
    (OPEN, RESOLVED),
    (OPEN, CLOSED),
    (WAITING, OPEN),
    (WAITING, RESOLVED),
    (WAITING, CLOSED),
    (RESOLVED, OPEN),
    (RESOLVED, CLOSED),
}
ALL_MOVES = [(old, new) for old in CaseStatus for new in CaseStatus]


@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_an_allowed_status_move_passes(old: CaseStatus, new: CaseStatus) -> None:
    check_status_transition(old, new)


@pytest.mark.parametrize(("old", "new"), [move for move in ALL_MOVES if move not in ALLOWED])
def test_any_other_status_move_is_refused(old: CaseStatus, new: CaseStatus) -> None:
    with pytest.raises(TransitionError) as refused:
        check_status_transition(old, new)

    assert (refused.value.old, refused.value.new) == (old, new)


def test_a_closed_case_cannot_be_reopened() -> None:
    with pytest.raises(TransitionError, match="from CLOSED to OPEN"):
        check_status_transition(CaseStatus.CLOSED, CaseStatus.OPEN)


def test_moving_to_the_same_status_is_refused() -> None:
    with pytest.raises(TransitionError):
        check_status_transition(CaseStatus.OPEN, CaseStatus.OPEN)


# --- Due times -----------------------------------------------------------------------------


def test_due_times_count_business_minutes_from_opening() -> None:
    assert due_times(OFFICE, OPENED, 60, 240) == (monday(10), monday(13))


def test_time_spent_waiting_moves_only_the_resolution_due_time() -> None:
    assert due_times(OFFICE, OPENED, 60, 240, paused_business_minutes=30) == (
        monday(10),
        monday(13, 30),
    )


def test_a_case_opened_on_saturday_has_its_clocks_start_on_monday() -> None:
    assert due_times(OFFICE, utc(2026, 1, 10, 11), 60, 240) == (monday(10), monday(13))


def test_due_times_run_over_the_weekend() -> None:
    assert due_times(OFFICE, utc(2026, 1, 9, 16, 30), 60, 240) == (monday(9, 30), monday(12, 30))


def test_negative_paused_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        due_times(OFFICE, OPENED, 60, 240, paused_business_minutes=-1)


# --- SLA status ----------------------------------------------------------------------------


def test_a_case_without_a_policy_has_no_sla() -> None:
    assert sla_status(None, monday(12)) is SlaStatus.NONE


def test_a_fresh_case_is_on_track() -> None:
    assert sla_status(clock(CaseStatus.NEW), monday(9, 30)) is SlaStatus.ON_TRACK


def test_a_case_is_at_risk_from_exactly_80_percent_of_its_first_response_target() -> None:
    assert sla_status(clock(CaseStatus.NEW), monday(9, 47, 59)) is SlaStatus.ON_TRACK
    assert sla_status(clock(CaseStatus.NEW), monday(9, 48)) is SlaStatus.AT_RISK


def test_an_unanswered_case_is_breached_exactly_at_its_first_response_due_time() -> None:
    assert sla_status(clock(CaseStatus.NEW), monday(9, 59, 59)) is SlaStatus.AT_RISK
    assert sla_status(clock(CaseStatus.NEW), monday(10)) is SlaStatus.BREACHED


def test_an_answered_case_is_at_risk_from_80_percent_of_its_resolution_target() -> None:
    answered = clock(responded=monday(9, 30))

    assert sla_status(answered, monday(12, 11, 59)) is SlaStatus.ON_TRACK
    assert sla_status(answered, monday(12, 12)) is SlaStatus.AT_RISK
    assert sla_status(answered, monday(13)) is SlaStatus.BREACHED


def test_a_response_after_the_breach_leaves_the_case_breached() -> None:
    late = clock(CaseStatus.RESOLVED, responded=monday(10, 5), resolved=monday(12))

    assert sla_status(late, monday(10, 5)) is SlaStatus.BREACHED
    assert sla_status(late, utc(2026, 1, 20, 9)) is SlaStatus.BREACHED


def test_a_response_at_the_due_instant_is_late() -> None:
    assert sla_status(clock(responded=monday(10)), monday(10, 30)) is SlaStatus.BREACHED


@pytest.mark.parametrize("status", [CaseStatus.RESOLVED, CaseStatus.CLOSED])
def test_a_case_resolved_within_both_targets_has_met_its_sla(status: CaseStatus) -> None:
    done = clock(status, responded=monday(9, 30), resolved=monday(12, 59, 59))

    assert sla_status(done, utc(2026, 2, 1)) is SlaStatus.MET


@pytest.mark.parametrize("resolved", [monday(13), monday(14)])
def test_a_case_resolved_at_or_after_its_resolution_due_time_stays_breached(
    resolved: datetime,
) -> None:
    late = clock(CaseStatus.RESOLVED, responded=monday(9, 30), resolved=resolved)

    assert sla_status(late, utc(2026, 2, 1)) is SlaStatus.BREACHED


def test_resolving_an_unanswered_case_in_time_also_meets_the_first_response_target() -> None:
    quick_fix = clock(CaseStatus.CLOSED, resolved=monday(9, 40))

    assert sla_status(quick_fix, utc(2026, 2, 1)) is SlaStatus.MET


def test_waiting_on_the_customer_pauses_the_sla_even_past_the_old_resolution_due_time() -> None:
    waiting = clock(
        CaseStatus.WAITING_ON_CUSTOMER, responded=monday(9, 30), waiting_since=monday(9, 45)
    )

    assert sla_status(waiting, monday(16)) is SlaStatus.PAUSED


def test_a_case_already_breached_before_waiting_stays_breached() -> None:
    waiting = clock(
        CaseStatus.WAITING_ON_CUSTOMER, responded=monday(9, 30), waiting_since=monday(13, 30)
    )

    assert sla_status(waiting, monday(14)) is SlaStatus.BREACHED


def test_waiting_does_not_pause_the_first_response_clock() -> None:
    unanswered = clock(CaseStatus.WAITING_ON_CUSTOMER, waiting_since=monday(9, 15))

    assert sla_status(unanswered, monday(9, 50)) is SlaStatus.PAUSED
    assert sla_status(unanswered, monday(10)) is SlaStatus.BREACHED


def test_after_a_pause_the_resolution_target_counts_only_running_time() -> None:
    # Answered 09:30, waited 10:00-11:00: due 14:00, and 80% of 240 running minutes (192) is
    # reached at 13:12, not at 12:12.
    resumed = clock(responded=monday(9, 30), paused_minutes=60)

    assert resumed.resolution_due_at == monday(14)
    assert sla_status(resumed, monday(13, 11, 59)) is SlaStatus.ON_TRACK
    assert sla_status(resumed, monday(13, 12)) is SlaStatus.AT_RISK
    assert sla_status(resumed, monday(14)) is SlaStatus.BREACHED


def test_a_reopened_case_has_a_pending_resolution_target_again() -> None:
    reopened = clock(responded=monday(9, 30), resolved=monday(12))

    assert sla_status(reopened, monday(12, 30)) is SlaStatus.AT_RISK
    assert sla_status(reopened, monday(13)) is SlaStatus.BREACHED


def test_an_at_risk_percent_of_zero_puts_every_pending_case_at_risk() -> None:
    nervous = SlaTerms(OFFICE, first_response_minutes=60, resolution_minutes=240, at_risk_percent=0)

    assert sla_status(clock(CaseStatus.NEW, terms=nervous), OPENED) is SlaStatus.AT_RISK


# --- Escalation ----------------------------------------------------------------------------


def test_a_case_without_a_policy_never_escalates() -> None:
    assert escalation_level_due(None, utc(2030, 1, 1)) == 0


@pytest.mark.parametrize(
    ("now", "level"),
    [
        (monday(9), 0),
        (monday(9, 47, 59), 0),
        (monday(9, 48), 1),
        (monday(9, 59, 59), 1),
        (monday(10), 2),
    ],
)
def test_an_unanswered_case_escalates_at_80_percent_and_at_its_due_time(
    now: datetime, level: int
) -> None:
    assert escalation_level_due(clock(CaseStatus.NEW), now) == level


@pytest.mark.parametrize(
    ("now", "level"),
    [(monday(12, 11, 59), 0), (monday(12, 12), 1), (monday(12, 59, 59), 1), (monday(13), 2)],
)
def test_an_answered_case_escalates_on_its_resolution_target(now: datetime, level: int) -> None:
    assert escalation_level_due(clock(responded=monday(9, 30)), now) == level


def test_escalation_counts_business_minutes_not_wall_minutes() -> None:
    # Opened Friday 16:30: 30 minutes on Friday, first response due Monday 09:30.
    friday_case = clock(CaseStatus.NEW, opened=utc(2026, 1, 9, 16, 30))

    assert escalation_level_due(friday_case, utc(2026, 1, 10, 12)) == 0
    assert escalation_level_due(friday_case, monday(9, 17, 59)) == 0
    assert escalation_level_due(friday_case, monday(9, 18)) == 1
    assert escalation_level_due(friday_case, monday(9, 30)) == 2


def test_the_resolution_clock_stands_still_while_waiting_on_the_customer() -> None:
    waiting = clock(
        CaseStatus.WAITING_ON_CUSTOMER, responded=monday(9, 30), waiting_since=monday(10, 30)
    )

    assert escalation_level_due(waiting, utc(2026, 1, 14, 16)) == 0


def test_a_case_at_risk_when_it_started_waiting_stays_at_level_one() -> None:
    waiting = clock(
        CaseStatus.WAITING_ON_CUSTOMER, responded=monday(9, 30), waiting_since=monday(12, 30)
    )

    assert escalation_level_due(waiting, utc(2026, 1, 14, 16)) == 1


def test_an_unanswered_waiting_case_still_escalates_on_its_first_response_target() -> None:
    waiting = clock(CaseStatus.WAITING_ON_CUSTOMER, waiting_since=monday(9, 15))

    assert escalation_level_due(waiting, monday(10)) == 2


def test_a_late_response_before_the_scan_still_escalates_to_level_two() -> None:
    assert escalation_level_due(clock(responded=monday(10, 5)), monday(10, 6)) == 2


def test_a_case_resolved_in_time_needs_no_escalation() -> None:
    done = clock(CaseStatus.RESOLVED, responded=monday(9, 30), resolved=monday(11))

    assert escalation_level_due(done, utc(2026, 2, 1)) == 0


def test_a_scan_as_of_the_past_ignores_a_response_recorded_later() -> None:
    answered_late = clock(responded=monday(10, 30))

    assert escalation_level_due(answered_late, monday(9, 50)) == 1
    assert escalation_level_due(answered_late, monday(10)) == 2


# --- Validation ----------------------------------------------------------------------------


def test_a_waiting_case_must_say_since_when() -> None:
    with pytest.raises(ValueError, match="waiting_since"):
        clock(CaseStatus.WAITING_ON_CUSTOMER)


@pytest.mark.parametrize("status", [CaseStatus.RESOLVED, CaseStatus.CLOSED])
def test_a_finished_case_must_say_when_it_was_resolved(status: CaseStatus) -> None:
    with pytest.raises(ValueError, match="resolved_at"):
        clock(status)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        clock(responded=datetime(2026, 1, 12, 9, 30))


@pytest.mark.parametrize(
    ("first_response", "resolution", "percent"), [(-1, 240, 80), (60, -1, 80), (60, 240, 101)]
)
def test_impossible_sla_terms_are_refused(
    first_response: int, resolution: int, percent: int
) -> None:
    with pytest.raises(ValueError):
        SlaTerms(OFFICE, first_response, resolution, percent)


# --- Properties ----------------------------------------------------------------------------

moments = st.integers(0, 3 * 24 * 60).map(lambda minutes: OPENED + timedelta(minutes=minutes))


@st.composite
def clocks(draw: st.DrawFn) -> SlaClock:
    status = draw(st.sampled_from(CaseStatus))
    return clock(
        status,
        responded=draw(st.none() | moments),
        resolved=draw(moments) if status in (RESOLVED, CLOSED) else draw(st.none() | moments),
        waiting_since=draw(moments) if status is WAITING else None,
        paused_minutes=draw(st.integers(0, 600)),
    )


@settings(max_examples=300, deadline=None)
@given(clocks(), moments)
def test_escalation_level_two_goes_with_a_breached_status(case: SlaClock, now: datetime) -> None:
    level, status = escalation_level_due(case, now), sla_status(case, now)

    assert (level == 2) == (status is SlaStatus.BREACHED)
    if status is SlaStatus.AT_RISK:
        assert level == 1


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 600), moments, moments)
def test_an_unanswered_open_case_never_escalates_backwards(
    paused: int, earlier: datetime, later: datetime
) -> None:
    earlier, later = sorted((earlier, later))
    case = clock(paused_minutes=paused)

    assert escalation_level_due(case, earlier) <= escalation_level_due(case, later)


# --- Schedule: the stored at-risk and due instants -------------------------------------------


def test_the_schedule_holds_the_at_risk_and_due_instants_of_both_targets() -> None:
    assert sla_schedule(TERMS, OPENED) == SlaSchedule(
        first_response_at_risk_at=monday(9, 48),
        first_response_due_at=monday(10),
        resolution_at_risk_at=monday(12, 12),
        resolution_due_at=monday(13),
    )


def test_finished_pauses_move_only_the_resolution_instants() -> None:
    schedule = sla_schedule(TERMS, OPENED, paused_business_minutes=60)

    assert (schedule.first_response_at_risk_at, schedule.first_response_due_at) == (
        monday(9, 48),
        monday(10),
    )
    assert (schedule.resolution_at_risk_at, schedule.resolution_due_at) == (
        monday(13, 12),
        monday(14),
    )


def test_an_at_risk_instant_is_exact_to_the_second() -> None:
    # 80% of 7 minutes is 5 minutes 36 seconds.
    terms = SlaTerms(OFFICE, first_response_minutes=7, resolution_minutes=240)

    assert sla_schedule(terms, OPENED).first_response_at_risk_at == monday(9, 5, 36)


def test_an_at_risk_instant_skips_the_night() -> None:
    # Opened Friday 16:30: 48 minutes is 30 on Friday and 18 on Monday.
    schedule = sla_schedule(TERMS, utc(2026, 1, 9, 16, 30))

    assert schedule.first_response_at_risk_at == monday(9, 18)


def test_with_a_zero_percent_threshold_a_case_is_at_risk_from_its_opening() -> None:
    nervous = SlaTerms(OFFICE, first_response_minutes=60, resolution_minutes=240, at_risk_percent=0)
    saturday = utc(2026, 1, 10, 11)

    assert sla_schedule(nervous, saturday).first_response_at_risk_at == saturday


# --- Next escalation -----------------------------------------------------------------------


def next_check(
    status: CaseStatus = CaseStatus.OPEN,
    level: int = 0,
    *,
    responded: datetime | None = None,
    waiting_since: datetime | None = None,
    paused_minutes: int = 0,
) -> datetime | None:
    return next_escalation_at(
        sla_schedule(TERMS, OPENED, paused_minutes),
        status=status,
        escalation_level=level,
        first_responded_at=responded,
        waiting_since=waiting_since,
    )


def test_an_unanswered_case_next_escalates_when_its_first_response_is_at_risk() -> None:
    assert next_check(CaseStatus.NEW) == monday(9, 48)
    assert next_check(CaseStatus.NEW, level=1) == monday(10)
    assert next_check(CaseStatus.NEW, level=2) is None


def test_an_answered_case_next_escalates_on_its_resolution_target() -> None:
    assert next_check(responded=monday(9, 30)) == monday(12, 12)
    assert next_check(responded=monday(9, 30), level=1) == monday(13)


def test_a_late_answer_leaves_the_breach_due_at_once() -> None:
    assert next_check(responded=monday(10, 5), level=1) == monday(10)


def test_a_waiting_case_escalates_only_on_what_it_reached_before_waiting() -> None:
    assert (
        next_check(CaseStatus.WAITING_ON_CUSTOMER, responded=monday(9, 5), waiting_since=monday(10))
        is None
    )
    assert next_check(
        CaseStatus.WAITING_ON_CUSTOMER, responded=monday(9, 5), waiting_since=monday(12, 30)
    ) == monday(12, 12)
    assert next_check(CaseStatus.WAITING_ON_CUSTOMER, waiting_since=monday(9, 10)) == monday(9, 48)


@pytest.mark.parametrize("status", [CaseStatus.RESOLVED, CaseStatus.CLOSED])
def test_a_finished_case_never_escalates(status: CaseStatus) -> None:
    assert next_check(status) is None


@settings(max_examples=400, deadline=None)
@given(clocks(), st.integers(0, 2), moments)
def test_a_case_needs_escalation_exactly_from_its_next_escalation_instant(
    case: SlaClock, level: int, now: datetime
) -> None:
    # From the case's latest recorded instant on (scans run at "now"), the stored instant
    # and the rules agree on whether a level above the current one is due.
    assume(case.status not in (RESOLVED, CLOSED))
    recorded = [m for m in (case.opened_at, case.first_responded_at, case.waiting_since) if m]
    assume(now >= max(recorded))
    paused = business_minutes_between(OFFICE, OPENED, case.resolution_due_at) - 240
    schedule = sla_schedule(TERMS, OPENED, paused)
    assert schedule.resolution_due_at == case.resolution_due_at

    check_at = next_escalation_at(
        schedule,
        status=case.status,
        escalation_level=level,
        first_responded_at=case.first_responded_at,
        waiting_since=case.waiting_since,
    )

    assert (escalation_level_due(case, now) > level) == (check_at is not None and now >= check_at)


# --- Reasons -------------------------------------------------------------------------------


def test_reasons_name_the_targets_at_risk_or_missed() -> None:
    unanswered = clock(CaseStatus.NEW)

    assert escalation_reason(unanswered, monday(9, 50), 1) == (
        "First response has used 80% of its 60 business minutes."
    )
    assert escalation_reason(unanswered, monday(13), 2) == (
        "First response was due at 2026-01-12T10:00:00+00:00; "
        "Resolution was due at 2026-01-12T13:00:00+00:00."
    )
    # Jumping straight to a breach passes the at-risk threshold on the way.
    assert escalation_reason(clock(responded=monday(10, 5)), monday(10, 6), 1) == (
        "First response has used 80% of its 60 business minutes."
    )
