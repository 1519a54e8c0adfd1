"""serviceInsights (§13): first responses and resolutions within their SLA, and the business
minutes to a first response, over the cases opened in a period — a pure function over plain
rows, and their loading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from domain.insights.figures import Period, mean, rate
from domain.service.business_time import Calendar, business_time_between
from domain.service.models import Case
from domain.service.services import policy_clocks


@dataclass(frozen=True)
class SlaCase:
    """A case opened in the period under an SLA policy: its promises and what happened."""

    opened_at: datetime
    first_response_due_at: datetime
    resolution_due_at: datetime
    first_responded_at: datetime | None
    resolved_at: datetime | None
    waiting_since: datetime | None
    calendar: Calendar


@dataclass(frozen=True)
class ServiceInsights:
    period: Period
    cases: int
    first_responses_due: int
    first_responses_met: int
    first_response_met_rate: Decimal | None
    resolutions_due: int
    resolutions_met: int
    resolution_met_rate: Decimal | None
    average_first_response_business_minutes: Decimal | None


def _utc_day(moment: datetime) -> date:
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def _minutes(span: timedelta) -> Decimal:
    seconds = Decimal(span.days * 86400 + span.seconds) + Decimal(span.microseconds) / 10**6
    return seconds / 60


def _resolution_breached(case: SlaCase, now: datetime) -> bool:
    """Unresolved and past its due time; a pause begun in time froze the clock."""
    if case.resolution_due_at >= now:
        return False
    return case.waiting_since is None or case.waiting_since > case.resolution_due_at


def service_insights(period: Period, cases: Sequence[SlaCase], now: datetime) -> ServiceInsights:
    """The figures of §13, pure, over the cases opened on a day of the period (UTC) that an
    SLA policy covers:

    - firstResponseMetRate = cases answered by their firstResponseDueAt / cases whose first
      response is decided (answered, or unanswered past the due time at `now`);
    - resolutionMetRate = cases resolved (or closed) by their resolutionDueAt / cases whose
      resolution is decided (resolved, or unresolved past the due time and not paused in time);
    - averageFirstResponseBusinessMinutes: mean business minutes (exact, in the policy's
      calendar) from opening to the first response of the answered cases, 1 decimal."""
    cases = [case for case in cases if _utc_day(case.opened_at) in period]
    answered = [case for case in cases if case.first_responded_at is not None]
    responses_due = [
        case
        for case in cases
        if case.first_responded_at is not None or case.first_response_due_at < now
    ]
    responses_met = [
        case
        for case in answered
        if case.first_responded_at is not None
        and case.first_responded_at <= case.first_response_due_at
    ]
    resolutions_due = [
        case for case in cases if case.resolved_at is not None or _resolution_breached(case, now)
    ]
    resolutions_met = [
        case
        for case in cases
        if case.resolved_at is not None and case.resolved_at <= case.resolution_due_at
    ]
    minutes = [
        _minutes(business_time_between(case.calendar, case.opened_at, case.first_responded_at))
        for case in answered
        if case.first_responded_at is not None
    ]
    return ServiceInsights(
        period=period,
        cases=len(cases),
        first_responses_due=len(responses_due),
        first_responses_met=len(responses_met),
        first_response_met_rate=rate(len(responses_met), len(responses_due)),
        resolutions_due=len(resolutions_due),
        resolutions_met=len(resolutions_met),
        resolution_met_rate=rate(len(resolutions_met), len(resolutions_due)),
        average_first_response_business_minutes=mean(minutes),
    )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def load_service_insights(period: Period, now: datetime) -> ServiceInsights:
    """Three queries: the cases opened in the period under a policy, their policies and
    those policies' calendars."""
    rows = await Case.filter(
        opened_at__gte=_midnight(period.start),
        opened_at__lt=_midnight(period.end + timedelta(days=1)),
        first_response_due_at__isnull=False,
        sla_policy_id__isnull=False,
    ).values(
        "opened_at",
        "first_response_due_at",
        "resolution_due_at",
        "first_responded_at",
        "resolved_at",
        "waiting_since",
        "sla_policy_id",
    )
    clocks = await policy_clocks([row["sla_policy_id"] for row in rows]) if rows else {}
    cases = [
        SlaCase(
            opened_at=row["opened_at"],
            first_response_due_at=row["first_response_due_at"],
            resolution_due_at=row["resolution_due_at"],
            first_responded_at=row["first_responded_at"],
            resolved_at=row["resolved_at"],
            waiting_since=row["waiting_since"],
            calendar=clocks[row["sla_policy_id"]].calendar,
        )
        for row in rows
    ]
    return service_insights(period, cases, now)
