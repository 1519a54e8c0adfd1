"""Service-desk use cases: calendars, SLA policies and the life of a case (contract §7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain import clock
from domain.accounts.models import Account, Contact
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import case_event_data, ref
from domain.events import record_event
from domain.external_data import (
    clean_external_fields,
    filter_external,
    refuse_duplicate_external_id,
)
from domain.numbering.services import next_number
from domain.service.business_time import (
    Calendar,
    CalendarError,
    WorkingInterval,
    business_minutes_between,
    format_wall_time,
    parse_wall_time,
)
from domain.service.models import BusinessCalendar, Case, SlaPolicy, SlaTarget
from domain.service.sla_rules import (
    DONE_STATUSES,
    CaseStatus,
    Priority,
    SlaClock,
    SlaSchedule,
    SlaStatus,
    SlaTerms,
    TransitionError,
    check_status_transition,
    next_escalation_at,
    sla_schedule,
    sla_status,
)
from domain.users.services import check_active_users, default_owner_id
from domain.validation import (
    Checks,
    label,
    optional_moment,
    optional_text,
    required_date,
    required_text,
    valid_integer,
)

# A year of round-the-clock minutes: beyond it a target is a typo, and business-time
# arithmetic on a sparse calendar would walk for decades.
MAX_TARGET_MINUTES = 365 * 24 * 60


class Unassigned:
    """The default of create_case's assignee: "not given", so the token's user (§13)."""


DEFAULT_ASSIGNEE = Unassigned()

SCHEDULE_FIELDS = (
    "first_response_target_minutes",
    "resolution_target_minutes",
    "first_response_at_risk_at",
    "first_response_due_at",
    "resolution_at_risk_at",
    "resolution_due_at",
)


# --- Calendars ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingHoursDraft:
    weekday: int
    start: str
    end: str


def calendar_of(row: BusinessCalendar) -> Calendar:
    """The pure calendar a stored row describes (rows were validated when created)."""
    return Calendar(
        row.timezone,
        tuple(
            WorkingInterval(
                int(hours["weekday"]),
                parse_wall_time(hours["start"]),
                parse_wall_time(hours["end"], end=True),
            )
            for hours in row.hours
        ),
        frozenset(date.fromisoformat(day) for day in row.holidays),
    )


def _wall_time(text: str | None, field: tuple[str, ...], *, end: bool) -> time:
    clean = required_text(text, field, 5)
    try:
        return parse_wall_time(clean, end=end)
    except ValueError as error:
        raise DomainError(ErrorCode.INVALID, str(error), field) from None


def _calendar_problems(
    error: CalendarError, positions: Sequence[int], *, zone_refused: bool, hours_refused: bool
) -> list[DomainError]:
    """The calendar's problems at the paths of the input: `positions` maps each interval
    the calendar was built from to its index in the input, the others being already refused."""
    refusals = []
    for problem in error.problems:
        field = problem.field
        if (field == ("timezone",) and zone_refused) or (field == ("hours",) and hours_refused):
            continue
        if field[0] == "hours" and len(field) > 1:
            field = ("hours", str(positions[int(field[1])]), *field[2:])
        refusals.append(DomainError(ErrorCode.INVALID, problem.message, field))
    return refusals


async def create_business_calendar(
    *,
    name: str | None,
    timezone: str | None,
    hours: Sequence[WorkingHoursDraft],
    holidays: Sequence[date] = (),
) -> BusinessCalendar:
    """Every invalid field is reported at once: a bad timezone and a bad weekday together."""
    checks = Checks()
    clean_name = checks(required_text, name, "name", 120)
    zone = checks(required_text, timezone, "timezone", 64)
    intervals: list[WorkingInterval] = []
    positions: list[int] = []
    for index, draft in enumerate(hours):
        at = ("hours", str(index))
        start = checks(_wall_time, draft.start, (*at, "start"), end=False)
        end = checks(_wall_time, draft.end, (*at, "end"), end=True)
        if start is not None and end is not None:
            intervals.append(WorkingInterval(draft.weekday, start, end))
            positions.append(index)
    days = [checks(required_date, day, ("holidays", str(i))) for i, day in enumerate(holidays)]
    calendar = None
    try:
        calendar = Calendar(zone or "UTC", tuple(intervals), frozenset(d for d in days if d))
    except CalendarError as error:
        for refusal in _calendar_problems(
            error, positions, zone_refused=zone is None, hours_refused=len(intervals) < len(hours)
        ):
            checks.add(refusal)
    checks.raise_if_any()
    assert calendar is not None
    stored_hours = [
        {
            "weekday": interval.weekday,
            "start": format_wall_time(interval.start),
            "end": format_wall_time(interval.end, end=True),
        }
        for interval in sorted(calendar.hours, key=lambda i: (i.weekday, i.start_minute))
    ]
    async with in_transaction():
        if await BusinessCalendar.exists(name=clean_name):
            raise _duplicate_name("business calendar", clean_name)
        try:
            async with in_transaction():
                return await BusinessCalendar.create(
                    name=clean_name,
                    timezone=zone,
                    hours=stored_hours,
                    holidays=sorted(day.isoformat() for day in calendar.holidays),
                )
        except IntegrityError:
            raise _duplicate_name("business calendar", clean_name) from None


def _duplicate_name(what: str, name: str) -> DomainError:
    return DomainError(ErrorCode.DUPLICATE, f"A {what} named {name!r} already exists.", "name")


def list_business_calendars() -> QuerySet[BusinessCalendar]:
    return BusinessCalendar.all()


# --- SLA policies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SlaTargetDraft:
    priority: Priority
    first_response_minutes: int
    resolution_minutes: int


async def create_sla_policy(
    *,
    name: str | None,
    calendar_id: int,
    targets: Sequence[SlaTargetDraft],
    at_risk_percent: int | None = None,
    is_default: bool = False,
) -> SlaPolicy:
    """A policy with one target per priority it covers; a new default replaces the old one."""
    checks = Checks()
    clean_name = checks(required_text, name, "name", 120)
    percent = 80 if at_risk_percent is None else at_risk_percent
    checks(valid_integer, percent, "at_risk_percent", maximum=100)
    if not targets:
        checks.add(
            DomainError(ErrorCode.REQUIRED, "A policy needs at least one target.", "targets")
        )
    seen: set[Priority] = set()
    for index, draft in enumerate(targets):
        at = ("targets", str(index))
        if draft.priority in seen:
            checks.add(
                DomainError(
                    ErrorCode.DUPLICATE,
                    f"The policy already has a {draft.priority.value} target.",
                    (*at, "priority"),
                )
            )
        seen.add(draft.priority)
        for minutes in ("first_response_minutes", "resolution_minutes"):
            checks(
                valid_integer,
                getattr(draft, minutes),
                (*at, minutes),
                minimum=1,
                maximum=MAX_TARGET_MINUTES,
            )
    checks.raise_if_any()
    async with in_transaction():
        if not await BusinessCalendar.exists(id=calendar_id):
            raise not_found("BusinessCalendar", calendar_id, "calendar_id")
        if await SlaPolicy.exists(name=clean_name):
            raise _duplicate_name("SLA policy", clean_name)
        try:
            async with in_transaction():
                if is_default:
                    await SlaPolicy.filter(is_default=True).update(is_default=False)
                policy = await SlaPolicy.create(
                    name=clean_name,
                    calendar_id=calendar_id,
                    at_risk_percent=percent,
                    is_default=is_default,
                )
                await SlaTarget.bulk_create(
                    [
                        SlaTarget(
                            policy_id=policy.id,
                            priority=draft.priority,
                            first_response_minutes=draft.first_response_minutes,
                            resolution_minutes=draft.resolution_minutes,
                        )
                        for draft in targets
                    ]
                )
        except IntegrityError:
            # A concurrent request took the name or the default flag between check and insert.
            raise DomainError(
                ErrorCode.DUPLICATE,
                "Another policy with this name or default flag was created at the same time.",
                "name",
            ) from None
    return policy


def list_sla_policies() -> QuerySet[SlaPolicy]:
    return SlaPolicy.all()


async def get_sla_policy(policy_id: int, *, field: str = "id") -> SlaPolicy:
    policy = await SlaPolicy.get_or_none(id=policy_id)
    if policy is None:
        raise not_found("SlaPolicy", policy_id, field)
    return policy


@dataclass(frozen=True)
class PolicyClock:
    """What a policy contributes to every case's SLA clock: its calendar and risk threshold."""

    calendar: Calendar
    at_risk_percent: int


async def policy_clocks(policy_ids: Sequence[int]) -> dict[int, PolicyClock]:
    """The calendars and thresholds of these policies, in two queries whatever their number."""
    policies = await SlaPolicy.filter(id__in=list(set(policy_ids)))
    calendars = {
        row.id: calendar_of(row)
        for row in await BusinessCalendar.filter(id__in=list({p.calendar_id for p in policies}))
    }
    return {p.id: PolicyClock(calendars[p.calendar_id], p.at_risk_percent) for p in policies}


async def _policy_clock(policy_id: int) -> PolicyClock:
    return (await policy_clocks([policy_id]))[policy_id]


# --- The SLA of one case --------------------------------------------------------------------


def sla_clock(case: Case, policy: PolicyClock | None) -> SlaClock | None:
    """The case as the pure SLA rules see it; None when no policy target applies."""
    schedule = _schedule_of(case)
    if policy is None or schedule is None:
        return None
    assert case.first_response_target_minutes is not None
    assert case.resolution_target_minutes is not None
    terms = SlaTerms(
        policy.calendar,
        case.first_response_target_minutes,
        case.resolution_target_minutes,
        policy.at_risk_percent,
    )
    return SlaClock(
        terms=terms,
        status=CaseStatus(case.status),
        opened_at=case.opened_at,
        first_response_due_at=schedule.first_response_due_at,
        resolution_due_at=schedule.resolution_due_at,
        first_responded_at=case.first_responded_at,
        resolved_at=case.resolved_at,
        waiting_since=case.waiting_since,
    )


def case_sla_status(case: Case, policy: PolicyClock | None, now: datetime) -> SlaStatus:
    return sla_status(sla_clock(case, policy), now)


def _schedule_of(case: Case) -> SlaSchedule | None:
    if case.first_response_due_at is None:
        return None
    assert case.first_response_at_risk_at is not None
    assert case.resolution_at_risk_at is not None
    assert case.resolution_due_at is not None
    return SlaSchedule(
        first_response_at_risk_at=case.first_response_at_risk_at,
        first_response_due_at=case.first_response_due_at,
        resolution_at_risk_at=case.resolution_at_risk_at,
        resolution_due_at=case.resolution_due_at,
    )


def refresh_escalation_check(case: Case) -> None:
    """Re-derives `escalation_check_at` after anything that moves the case's SLA clocks."""
    schedule = _schedule_of(case)
    case.escalation_check_at = (
        None
        if schedule is None
        else next_escalation_at(
            schedule,
            status=CaseStatus(case.status),
            escalation_level=case.escalation_level,
            first_responded_at=case.first_responded_at,
            waiting_since=case.waiting_since,
        )
    )


async def _target(policy_id: int | None, priority: Priority) -> SlaTarget | None:
    if policy_id is None:
        return None
    return await SlaTarget.get_or_none(policy_id=policy_id, priority=priority)


async def _schedule_case(case: Case, priority: Priority) -> None:
    """Sets the targets and instants of `priority` on the case (contract §7: from openedAt,
    plus the finished pauses), or clears them when its policy has no such target."""
    target = await _target(case.sla_policy_id, priority)
    if target is None or case.sla_policy_id is None:
        for name in SCHEDULE_FIELDS:
            setattr(case, name, None)
        refresh_escalation_check(case)
        return
    policy = await _policy_clock(case.sla_policy_id)
    terms = SlaTerms(
        policy.calendar,
        target.first_response_minutes,
        target.resolution_minutes,
        policy.at_risk_percent,
    )
    schedule = sla_schedule(terms, case.opened_at, case.paused_business_minutes)
    case.first_response_target_minutes = target.first_response_minutes
    case.resolution_target_minutes = target.resolution_minutes
    case.first_response_at_risk_at = schedule.first_response_at_risk_at
    case.first_response_due_at = schedule.first_response_due_at
    case.resolution_at_risk_at = schedule.resolution_at_risk_at
    case.resolution_due_at = schedule.resolution_due_at
    refresh_escalation_check(case)


# --- Cases ----------------------------------------------------------------------------------


def _instant(value: datetime | None, field: str, *, not_before: datetime | None = None) -> datetime:
    """An instant given by the client (or now): aware, not in the future, not before the
    case's latest recorded instant."""
    now = clock.utcnow()
    moment = optional_moment(value, field) or now
    if moment > now:
        raise DomainError(ErrorCode.INVALID, f"{label(field)} must not be in the future.", field)
    if not_before is not None and moment < not_before:
        raise DomainError(
            ErrorCode.INVALID,
            f"{label(field)} must not be before {not_before.isoformat()}.",
            field,
        )
    return moment


async def get_case(case_id: int, *, field: str = "id") -> Case:
    case = await Case.get_or_none(id=case_id)
    if case is None:
        raise not_found("Case", case_id, field)
    return case


async def _lock_case(case_id: int) -> Case:
    """The case row, locked until the caller's transaction ends (escalations lock it too)."""
    case = await Case.filter(id=case_id).select_for_update().first()
    if case is None:
        raise not_found("Case", case_id, "id")
    return case


async def create_case(
    *,
    account_id: int,
    subject: str | None,
    description: str | None = None,
    contact_id: int | None = None,
    priority: Priority | None = None,
    opened_at: datetime | None = None,
    assignee_id: int | Unassigned | None = DEFAULT_ASSIGNEE,
    external: Mapping[str, Any] | None = None,
) -> Case:
    """Opens a case under the account's SLA policy, else the default policy, else none.
    Without an assignee the token's user works it (§13). `external`: its externalId and
    metadata (§14)."""
    if isinstance(assignee_id, Unassigned):
        assignee_id = default_owner_id()
    checks = Checks()
    clean_subject = checks(required_text, subject, "subject")
    clean_description = checks(
        optional_text, description, "description", 20_000, multiline=True
    )
    opened = checks(_instant, opened_at, "opened_at")
    with checks.collecting():
        external_data = clean_external_fields(external or {})
    with checks.collecting():
        await check_active_users({"assignee_id": assignee_id})
    checks.raise_if_any()
    chosen_priority = priority or Priority.NORMAL
    async with in_transaction():
        await refuse_duplicate_external_id(Case, external_data.get("external_id"))
        account = await Account.get_or_none(id=account_id)
        if account is None:
            raise not_found("Account", account_id, "account_id")
        if account.archived_at is not None:
            raise DomainError(
                ErrorCode.INVALID, "Cases cannot be opened for an archived account.", "account_id"
            )
        if contact_id is not None:
            contact = await Contact.get_or_none(id=contact_id)
            if contact is None:
                raise not_found("Contact", contact_id, "contact_id")
            if contact.account_id != account.id:
                raise DomainError(
                    ErrorCode.INVALID, "The contact belongs to another account.", "contact_id"
                )
        policy_id = account.sla_policy_id
        if policy_id is None:
            default = await SlaPolicy.filter(is_default=True).first()
            policy_id = default.id if default else None
        case = Case(
            **external_data,
            # Per year of opening, like every dated document (an import numbers old cases
            # in their own year): CASE-2026-000001.
            number=await next_number("CASE", opened.astimezone(UTC).year),
            subject=clean_subject,
            description=clean_description,
            account_id=account.id,
            contact_id=contact_id,
            priority=chosen_priority,
            status=CaseStatus.NEW,
            opened_at=opened,
            sla_policy_id=policy_id,
            assignee_id=assignee_id,
        )
        await _schedule_case(case, chosen_priority)
        await case.save()
        await record_event("case.created", case_event_data(case))
    return case


async def assign_case(case_id: int, assignee_id: int | None) -> Case:
    """Gives the case to another active user (§13), or to no one with None."""
    await check_active_users({"assignee_id": assignee_id})
    async with in_transaction():
        case = await _lock_case(case_id)
        if case.assignee_id != assignee_id:
            previous = {"assignee_id": case.assignee_id}
            case.assignee_id = assignee_id
            await case.save(update_fields=["assignee_id", "updated_at"])
            data = case_event_data(case)
            data["previousAssigneeId"] = ref("User", previous["assignee_id"])
            await record_event("case.assigned", data)
    return case


async def record_case_response(case_id: int, at: datetime | None = None) -> Case:
    """Records the first response (a later one changes nothing); a NEW case becomes OPEN."""
    async with in_transaction():
        case = await _lock_case(case_id)
        if case.status in DONE_STATUSES:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A {case.status.value} case takes no responses.",
                "id",
            )
        moment = _instant(at, "at", not_before=case.opened_at)
        if case.first_responded_at is not None:
            return case
        case.first_responded_at = moment
        if case.status is CaseStatus.NEW:
            case.status = CaseStatus.OPEN
        refresh_escalation_check(case)
        await case.save(
            update_fields=["first_responded_at", "status", "escalation_check_at", "updated_at"]
        )
    return case


async def set_case_status(case_id: int, status: CaseStatus, at: datetime | None = None) -> Case:
    """Moves a case (contract §7): the resolution clock pauses in WAITING_ON_CUSTOMER and its
    due time moves by the business minutes spent there; RESOLVED stamps resolvedAt."""
    async with in_transaction():
        case = await _lock_case(case_id)
        old = CaseStatus(case.status)
        try:
            check_status_transition(old, status)
        except TransitionError as error:
            raise DomainError(ErrorCode.INVALID_TRANSITION, str(error), "status") from None
        latest = max(m for m in (case.opened_at, case.waiting_since, case.resolved_at) if m)
        moment = _instant(at, "at", not_before=latest)
        changed = ["status", "escalation_check_at", "updated_at"]
        if old is CaseStatus.WAITING_ON_CUSTOMER:
            await _end_pause(case, moment)
            changed += ["paused_business_minutes", "waiting_since", *SCHEDULE_FIELDS]
        if status is CaseStatus.WAITING_ON_CUSTOMER:
            case.waiting_since = moment
            changed.append("waiting_since")
        resolved_now = False
        if status in DONE_STATUSES and case.resolved_at is None:
            # Closing without resolving first still ends the clocks: resolvedAt says when.
            case.resolved_at = moment
            resolved_now = True
        elif status not in DONE_STATUSES and case.resolved_at is not None:
            case.resolved_at = None  # reopened: the resolution target is pending again
        changed.append("resolved_at")
        case.status = status
        refresh_escalation_check(case)
        await case.save(update_fields=list(dict.fromkeys(changed)))
        if resolved_now:
            await record_event("case.resolved", case_event_data(case, {"status": old}))
    return case


async def _end_pause(case: Case, until: datetime) -> None:
    started = case.waiting_since
    case.waiting_since = None
    if started is None or case.sla_policy_id is None or case.first_response_due_at is None:
        return
    policy = await _policy_clock(case.sla_policy_id)
    case.paused_business_minutes += business_minutes_between(policy.calendar, started, until)
    assert case.first_response_target_minutes is not None
    assert case.resolution_target_minutes is not None
    terms = SlaTerms(
        policy.calendar,
        case.first_response_target_minutes,
        case.resolution_target_minutes,
        policy.at_risk_percent,
    )
    schedule = sla_schedule(terms, case.opened_at, case.paused_business_minutes)
    case.resolution_at_risk_at = schedule.resolution_at_risk_at
    case.resolution_due_at = schedule.resolution_due_at


async def set_case_priority(case_id: int, priority: Priority) -> Case:
    """Changes the priority and recomputes both due times from openedAt (contract §7)."""
    async with in_transaction():
        case = await _lock_case(case_id)
        if case.status in DONE_STATUSES:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"The priority of a {case.status.value} case cannot change.",
                "id",
            )
        if case.priority == priority:
            return case
        case.priority = priority
        await _schedule_case(case, priority)
        await case.save(
            update_fields=["priority", *SCHEDULE_FIELDS, "escalation_check_at", "updated_at"]
        )
    return case


@dataclass(frozen=True)
class CaseFilter:
    account_id: int | None = None
    status: CaseStatus | None = None
    priority: Priority | None = None
    escalation_level: int | None = None
    sla_status: SlaStatus | None = None
    search: str | None = None
    assignee_id: int | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_cases(flt: CaseFilter | None = None, *, now: datetime | None = None) -> QuerySet[Case]:
    flt = flt or CaseFilter()
    conditions: Mapping[str, Any] = {
        key: value
        for key, value in (
            ("account_id", flt.account_id),
            ("status", flt.status),
            ("priority", flt.priority),
            ("escalation_level", flt.escalation_level),
            ("assignee_id", flt.assignee_id),
        )
        if value is not None
    }
    queryset = Case.filter(**conditions)
    if flt.search and flt.search.strip():
        queryset = queryset.filter(subject__icontains=flt.search.strip())
    if flt.sla_status is not None:
        queryset = queryset.filter(sla_status_condition(flt.sla_status, now or clock.utcnow()))
    return filter_external(queryset, Case, flt.external_id, flt.metadata)


def sla_status_condition(status: SlaStatus, now: datetime) -> Q:
    """`sla_rules.sla_status(…) == status` as SQL over the stored schedule, so that the list
    filter is a query, not a load of every case (a test checks both agree).

    It relies on what the use cases guarantee: recorded instants are never after `now`, and
    `resolved_at` is set exactly while the case is RESOLVED or CLOSED.
    """
    done = [CaseStatus.RESOLVED, CaseStatus.CLOSED]
    running = [CaseStatus.NEW, CaseStatus.OPEN]
    first_response_breached = (
        Q(first_response_due_at__lte=now)
        & (
            Q(first_responded_at__isnull=True)
            | Q(first_responded_at__gte=F("first_response_due_at"))
        )
        & (Q(status__not_in=done) | Q(resolved_at__gte=F("first_response_due_at")))
    )
    resolution_breached = (
        Q(status__in=done, resolved_at__gte=F("resolution_due_at"))
        | Q(status=CaseStatus.WAITING_ON_CUSTOMER, waiting_since__gte=F("resolution_due_at"))
        | Q(status__in=running, resolution_due_at__lte=now)
    )
    breached = first_response_breached | resolution_breached
    at_risk = Q(first_responded_at__isnull=True, first_response_at_risk_at__lte=now) | Q(
        resolution_at_risk_at__lte=now
    )
    has_sla = Q(first_response_due_at__isnull=False)
    if status is SlaStatus.NONE:
        return Q(first_response_due_at__isnull=True)
    if status is SlaStatus.BREACHED:
        return has_sla & breached
    if status is SlaStatus.MET:
        return has_sla & ~breached & Q(status__in=done)
    if status is SlaStatus.PAUSED:
        return has_sla & ~breached & Q(status=CaseStatus.WAITING_ON_CUSTOMER)
    if status is SlaStatus.AT_RISK:
        return has_sla & ~breached & Q(status__in=running) & at_risk
    return has_sla & ~breached & Q(status__in=running) & ~at_risk
