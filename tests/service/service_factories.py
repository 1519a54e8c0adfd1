"""Service-area factories: a settable clock, an office calendar, a policy, accounts and cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from domain.accounts.models import Account
from domain.outbox.models import Event
from domain.service.models import BusinessCalendar, Case, CaseEscalation, SlaPolicy, SlaTarget
from domain.service.services import (
    SlaTargetDraft,
    WorkingHoursDraft,
    create_business_calendar,
    create_case,
    create_sla_policy,
)
from domain.service.sla_rules import Priority

# Monday 12 January 2026; the office works Mon–Fri 09:00–17:00 UTC.
MONDAY = date(2026, 1, 12)

# (first response, resolution) business minutes per priority of the standard policy.
TARGETS = {
    Priority.LOW: (240, 960),
    Priority.NORMAL: (60, 240),
    Priority.HIGH: (30, 120),
    Priority.URGENT: (15, 60),
}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def monday(hour: int, minute: int = 0) -> datetime:
    return utc(2026, 1, 12, hour, minute)


def tuesday(hour: int, minute: int = 0) -> datetime:
    return utc(2026, 1, 13, hour, minute)


def iso(moment: datetime) -> str:
    """How the API writes a DateTime."""
    return moment.isoformat()


@dataclass
class Clock:
    """The domain clock, frozen at `now` until the test moves it."""

    now: datetime = field(default_factory=lambda: monday(9))

    def set(self, moment: datetime) -> None:
        self.now = moment


OFFICE_HOURS = [WorkingHoursDraft(day, "09:00", "17:00") for day in range(1, 6)]


async def office_calendar(name: str = "Office", timezone: str = "UTC") -> BusinessCalendar:
    return await create_business_calendar(name=name, timezone=timezone, hours=OFFICE_HOURS)


async def standard_policy(
    name: str = "Standard", *, is_default: bool = True, at_risk_percent: int = 80
) -> SlaPolicy:
    calendar = await office_calendar(f"{name} hours")
    return await create_sla_policy(
        name=name,
        calendar_id=calendar.id,
        targets=[SlaTargetDraft(p, *minutes) for p, minutes in TARGETS.items()],
        at_risk_percent=at_risk_percent,
        is_default=is_default,
    )


async def an_account(name: str = "Acme", **extra: Any) -> Account:
    return await Account.create(name=name, currency="USD", **extra)


async def a_case(
    account: Account,
    opened_at: datetime,
    priority: Priority = Priority.NORMAL,
    subject: str = "Printer on fire",
) -> Case:
    return await create_case(
        account_id=account.id, subject=subject, priority=priority, opened_at=opened_at
    )


async def row_counts() -> dict[str, int]:
    return {
        "calendars": await BusinessCalendar.all().count(),
        "policies": await SlaPolicy.all().count(),
        "targets": await SlaTarget.all().count(),
        "cases": await Case.all().count(),
        "escalations": await CaseEscalation.all().count(),
        "events": await Event.all().count(),
    }


async def event_types() -> list[str]:
    return [event.type for event in await Event.all().order_by("id")]
