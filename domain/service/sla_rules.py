"""Pure SLA rules for cases (contract §7): priority ladder, due times, status, escalation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.service.business_time import (
    Calendar,
    add_business_minutes,
    add_business_time,
    business_time_between,
)


class Priority(StrEnum):
    # Declared lowest first: the declaration order is the escalation ladder.
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"

    @property
    def rank(self) -> int:
        return PRIORITY_LADDER.index(self)


PRIORITY_LADDER: tuple[Priority, ...] = tuple(Priority)


class CaseStatus(StrEnum):
    NEW = "NEW"
    OPEN = "OPEN"
    WAITING_ON_CUSTOMER = "WAITING_ON_CUSTOMER"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


class SlaStatus(StrEnum):
    NONE = "NONE"
    ON_TRACK = "ON_TRACK"
    AT_RISK = "AT_RISK"
    BREACHED = "BREACHED"
    MET = "MET"
    PAUSED = "PAUSED"


DONE_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.CLOSED})
OPEN_STATUSES = frozenset(CaseStatus) - DONE_STATUSES

ALLOWED_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.NEW: frozenset(
        {
            CaseStatus.OPEN,
            CaseStatus.WAITING_ON_CUSTOMER,
            CaseStatus.RESOLVED,
            CaseStatus.CLOSED,
        }
    ),
    CaseStatus.OPEN: frozenset(
        {CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.RESOLVED, CaseStatus.CLOSED}
    ),
    CaseStatus.WAITING_ON_CUSTOMER: frozenset(
        {CaseStatus.OPEN, CaseStatus.RESOLVED, CaseStatus.CLOSED}
    ),
    CaseStatus.RESOLVED: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}

NO_ESCALATION = 0
AT_RISK_LEVEL = 1
BREACHED_LEVEL = 2


class TransitionError(ValueError):
    """A case status change the contract does not allow (maps to INVALID_TRANSITION)."""

    def __init__(self, old: CaseStatus, new: CaseStatus) -> None:
        super().__init__(f"A case cannot move from {old.value} to {new.value}.")
        self.old = old
        self.new = new


def check_status_transition(old: CaseStatus, new: CaseStatus) -> None:
    if new not in ALLOWED_TRANSITIONS[old]:
        raise TransitionError(old, new)


def raise_priority(priority: Priority) -> Priority:
    """One step up the ladder; URGENT stays URGENT."""
    return PRIORITY_LADDER[min(priority.rank + 1, len(PRIORITY_LADDER) - 1)]


def due_times(
    calendar: Calendar,
    opened_at: datetime,
    first_response_minutes: int,
    resolution_minutes: int,
    paused_business_minutes: int = 0,
) -> tuple[datetime, datetime]:
    """(firstResponseDueAt, resolutionDueAt) in UTC.

    Only the resolution clock pauses in WAITING_ON_CUSTOMER, so only its due time moves by the
    business minutes spent there.
    """
    if paused_business_minutes < 0:
        raise ValueError("Paused business minutes must not be negative.")
    return (
        add_business_minutes(calendar, opened_at, first_response_minutes),
        add_business_minutes(calendar, opened_at, resolution_minutes + paused_business_minutes),
    )


@dataclass(frozen=True)
class SlaTerms:
    """What a case's policy promises for its current priority."""

    calendar: Calendar
    first_response_minutes: int
    resolution_minutes: int
    at_risk_percent: int = 80

    def __post_init__(self) -> None:
        if self.first_response_minutes < 0 or self.resolution_minutes < 0:
            raise ValueError("SLA targets must not be negative.")
        if not 0 <= self.at_risk_percent <= 100:
            raise ValueError("at_risk_percent must be between 0 and 100.")


@dataclass(frozen=True)
class SlaSchedule:
    """When each target turns at risk and when it falls due, as UTC instants.

    Stored on the case, so that the escalation scan is an index range query on instants
    instead of business-time arithmetic over every open case.
    """

    first_response_at_risk_at: datetime
    first_response_due_at: datetime
    resolution_at_risk_at: datetime
    resolution_due_at: datetime


def sla_schedule(
    terms: SlaTerms, opened_at: datetime, paused_business_minutes: int = 0
) -> SlaSchedule:
    """The schedule of a case opened at `opened_at` that spent `paused_business_minutes` in
    finished pauses (contract §7).

    A target is at risk from the first instant its elapsed business time reaches
    at_risk_percent of it: `sla_status` and `escalation_level_due` agree with these instants.
    """
    first_response_due, resolution_due = due_times(
        terms.calendar,
        opened_at,
        terms.first_response_minutes,
        terms.resolution_minutes,
        paused_business_minutes,
    )
    return SlaSchedule(
        first_response_at_risk_at=_at_risk_instant(
            terms, opened_at, terms.first_response_minutes, 0
        ),
        first_response_due_at=first_response_due,
        resolution_at_risk_at=_at_risk_instant(
            terms, opened_at, terms.resolution_minutes, paused_business_minutes
        ),
        resolution_due_at=resolution_due,
    )


def _at_risk_instant(
    terms: SlaTerms, opened_at: datetime, target_minutes: int, paused_minutes: int
) -> datetime:
    # Exact: timedelta keeps microseconds, and 80% of 7 minutes is 5m36s, not 5 or 6 minutes.
    elapsed = timedelta(minutes=target_minutes) * terms.at_risk_percent / 100
    threshold = elapsed + timedelta(minutes=paused_minutes)
    if threshold == timedelta(0):
        # Nothing needs to elapse: the target is at risk from the moment the case exists.
        return opened_at
    return add_business_time(terms.calendar, opened_at, threshold)


def next_escalation_at(
    schedule: SlaSchedule,
    *,
    status: CaseStatus,
    escalation_level: int,
    first_responded_at: datetime | None = None,
    waiting_since: datetime | None = None,
) -> datetime | None:
    """The first instant at which an open case needs an escalation above `escalation_level`,
    if nothing else happens to it first; None when it never will (done, or already level 2).

    It may lie in the past (a response recorded after its due time): the case is due for
    escalation at once. From its latest recorded instant on, `escalation_level_due(clock, t)`
    exceeds `escalation_level` exactly when `t` is at or after this instant.
    """
    if status in DONE_STATUSES or escalation_level >= BREACHED_LEVEL:
        return None
    waiting = status is CaseStatus.WAITING_ON_CUSTOMER
    if waiting and waiting_since is None:
        raise ValueError("A case waiting on the customer needs waiting_since.")

    def reached(instant: datetime, stopped_at: datetime | None) -> datetime | None:
        # A stopped clock reaches only what it had reached when it stopped.
        if stopped_at is None or stopped_at >= instant:
            return instant
        return None

    resolution_stopped_at = waiting_since if waiting else None
    candidates = [
        reached(schedule.first_response_due_at, first_responded_at),
        reached(schedule.resolution_due_at, resolution_stopped_at),
    ]
    if escalation_level < AT_RISK_LEVEL:
        if first_responded_at is None:
            candidates.append(schedule.first_response_at_risk_at)
        candidates.append(reached(schedule.resolution_at_risk_at, resolution_stopped_at))
    return min((moment for moment in candidates if moment is not None), default=None)


@dataclass(frozen=True)
class SlaClock:
    """One case under a policy, as the SLA rules see it.

    `resolution_due_at` counts only finished pauses; during a pause `waiting_since` (when the
    case entered WAITING_ON_CUSTOMER) freezes the resolution clock instead, so the caller adds
    the pause to the due time when the case leaves WAITING_ON_CUSTOMER.
    `resolved_at` is when the case was resolved, or closed without being resolved first.
    """

    terms: SlaTerms
    status: CaseStatus
    opened_at: datetime
    first_response_due_at: datetime
    resolution_due_at: datetime
    first_responded_at: datetime | None = None
    resolved_at: datetime | None = None
    waiting_since: datetime | None = None
    # The schedule's at-risk instants (`sla_schedule`), when the caller has them stored: the
    # at-risk tests then compare instants instead of measuring business time over the
    # calendar. The answers are the same for every instant from openedAt on (a property test
    # checks), which is all a scan ever asks; the escalation scan needs them to stay fast.
    first_response_at_risk_at: datetime | None = None
    resolution_at_risk_at: datetime | None = None

    def __post_init__(self) -> None:
        for name in (
            "opened_at",
            "first_response_due_at",
            "resolution_due_at",
            "first_responded_at",
            "resolved_at",
            "waiting_since",
            "first_response_at_risk_at",
            "resolution_at_risk_at",
        ):
            moment: datetime | None = getattr(self, name)
            if moment is not None and moment.utcoffset() is None:
                raise ValueError(f"{name} must be a timezone-aware datetime.")
        if self.status in DONE_STATUSES and self.resolved_at is None:
            raise ValueError(f"A {self.status.value} case needs resolved_at.")
        if self.status is CaseStatus.WAITING_ON_CUSTOMER and self.waiting_since is None:
            raise ValueError("A case waiting on the customer needs waiting_since.")


def sla_status(clock: SlaClock | None, now: datetime) -> SlaStatus:
    """The case's slaStatus at `now`; `clock` is None when no policy applies.

    First match wins: BREACHED (a due time passed before its target was met, which no later
    response or resolution undoes), MET (resolved or closed), PAUSED (waiting on the customer),
    AT_RISK (a pending target is at least at_risk_percent used up), else ON_TRACK.
    """
    if clock is None:
        return SlaStatus.NONE
    if _first_response_breached(clock, now) or _resolution_breached(clock, now):
        return SlaStatus.BREACHED
    if _resolved_by(clock, now) is not None:
        return SlaStatus.MET
    if clock.status is CaseStatus.WAITING_ON_CUSTOMER:
        return SlaStatus.PAUSED
    if _first_response_at_risk(clock, now) or _resolution_at_risk(clock, now):
        return SlaStatus.AT_RISK
    return SlaStatus.ON_TRACK


def escalation_level_due(clock: SlaClock | None, now: datetime) -> int:
    """The escalation level (0, 1, 2) a case should have reached by `now`.

    2 once a due time passed before its target was met (so a breach is escalated even if the
    late response came before the scan); 1 once a pending target is at least at_risk_percent
    used up. While the case waits on the customer the resolution clock stands still.
    """
    if clock is None:
        return NO_ESCALATION
    if _first_response_breached(clock, now) or _resolution_breached(clock, now):
        return BREACHED_LEVEL
    if _first_response_at_risk(clock, now) or _resolution_at_risk(clock, now):
        return AT_RISK_LEVEL
    return NO_ESCALATION


# A due time has passed at instant t when t >= due: the same rule decides whether a pending
# target is breached at `now` and whether a met one was met late, so met exactly at the due
# instant is late.


def _responded_by(clock: SlaClock, now: datetime) -> datetime | None:
    # Resolving a case answers the customer, so it also meets an unmet first-response target.
    # Instants after `now` have not happened yet, which lets a scan run "as of" the past.
    candidates = [
        moment
        for moment in (clock.first_responded_at, _resolved_by(clock, now))
        if moment is not None and moment <= now
    ]
    return min(candidates, default=None)


def _resolved_by(clock: SlaClock, now: datetime) -> datetime | None:
    # A reopened case may keep its old resolved_at, but its resolution target is pending again.
    if clock.status in DONE_STATUSES and clock.resolved_at is not None and clock.resolved_at <= now:
        return clock.resolved_at
    return None


def _resolution_clock_at(clock: SlaClock, now: datetime) -> datetime:
    """Where the pending resolution clock stands: frozen at the start of a pause."""
    if clock.status is CaseStatus.WAITING_ON_CUSTOMER and clock.waiting_since is not None:
        return min(clock.waiting_since, now)
    return now


def _first_response_breached(clock: SlaClock, now: datetime) -> bool:
    stopped_at = _responded_by(clock, now) or now
    return stopped_at >= clock.first_response_due_at


def _resolution_breached(clock: SlaClock, now: datetime) -> bool:
    stopped_at = _resolved_by(clock, now) or _resolution_clock_at(clock, now)
    return stopped_at >= clock.resolution_due_at


def _first_response_at_risk(clock: SlaClock, now: datetime) -> bool:
    if _responded_by(clock, now) is not None:
        return False
    if clock.first_response_at_risk_at is not None:
        return now >= clock.first_response_at_risk_at
    return _at_risk(clock, now, clock.first_response_due_at, clock.terms.first_response_minutes)


def _resolution_at_risk(clock: SlaClock, now: datetime) -> bool:
    if _resolved_by(clock, now) is not None:
        return False
    if clock.resolution_at_risk_at is not None:
        return _resolution_clock_at(clock, now) >= clock.resolution_at_risk_at
    return _at_risk(
        clock,
        _resolution_clock_at(clock, now),
        clock.resolution_due_at,
        clock.terms.resolution_minutes,
    )


def _at_risk(clock: SlaClock, clock_at: datetime, due_at: datetime, target_minutes: int) -> bool:
    # "elapsed >= p% of the target" is measured as "remaining <= (100 - p)% of the target": the
    # due time already includes finished pauses, so no pause bookkeeping is needed here. Exact
    # timedeltas, so the boundary is the exact instant, not a rounded minute.
    remaining = business_time_between(clock.terms.calendar, clock_at, due_at)
    allowance = timedelta(minutes=target_minutes) * (100 - clock.terms.at_risk_percent)
    return remaining * 100 <= allowance


def escalation_reason(clock: SlaClock, now: datetime, level: int) -> str:
    """Why `clock` needs escalation `level` at `now`, naming the targets concerned."""
    if level >= BREACHED_LEVEL:
        missed = [
            f"{name} was due at {due.isoformat()}"
            for name, due, breached in (
                ("First response", clock.first_response_due_at, _first_response_breached),
                ("Resolution", clock.resolution_due_at, _resolution_breached),
            )
            if breached(clock, now)
        ]
        return "; ".join(missed) + "."
    percent = clock.terms.at_risk_percent
    risky = [
        f"{name} has used {percent}% of its {minutes} business minutes"
        for name, minutes, at_risk, breached in (
            (
                "First response",
                clock.terms.first_response_minutes,
                _first_response_at_risk,
                _first_response_breached,
            ),
            (
                "Resolution",
                clock.terms.resolution_minutes,
                _resolution_at_risk,
                _resolution_breached,
            ),
        )
        # A case that jumps past both thresholds in one scan reached the first on the way.
        if at_risk(clock, now) or breached(clock, now)
    ]
    return "; ".join(risky) + "."
