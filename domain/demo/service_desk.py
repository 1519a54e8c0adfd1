"""Demo service desk: calendars, the default and premium SLA policies, 80 cases, escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.demo.context import ANCHOR_AT, DemoContext, moment
from domain.demo.names import CASE_SUBJECTS
from domain.service.escalation import escalate_overdue_cases
from domain.service.services import (
    SlaTargetDraft,
    WorkingHoursDraft,
    create_business_calendar,
    create_case,
    create_sla_policy,
    record_case_response,
    set_case_status,
)
from domain.service.sla_rules import CaseStatus, Priority

US_HOLIDAYS_2026 = (
    date(2026, 1, 1),
    date(2026, 5, 25),
    date(2026, 7, 3),
    date(2026, 9, 7),
    date(2026, 11, 26),
    date(2026, 12, 25),
)
# (status, how many): every status of §7, most cases still being worked on.
CASE_MIX = (
    (CaseStatus.NEW, 14),
    (CaseStatus.OPEN, 20),
    (CaseStatus.WAITING_ON_CUSTOMER, 12),
    (CaseStatus.RESOLVED, 18),
    (CaseStatus.CLOSED, 16),
)
# Days before "now" a case was opened: finished cases early enough for their whole story,
# new ones recently, so the escalation scan finds cases on track, at risk and breached.
OPENED_DAYS_AGO = {
    CaseStatus.NEW: (0.01, 1.5),
    CaseStatus.OPEN: (0.1, 8.0),
    CaseStatus.WAITING_ON_CUSTOMER: (0.5, 8.0),
    CaseStatus.RESOLVED: (4.0, 21.0),
    CaseStatus.CLOSED: (4.0, 21.0),
}
PRIORITY_WEIGHTS = (
    (Priority.LOW, 3),
    (Priority.NORMAL, 5),
    (Priority.HIGH, 2),
    (Priority.URGENT, 1),
)


async def seed_policies(ctx: DemoContext) -> None:
    """Office hours in New York for everyone; round the clock for premium accounts."""
    office = await create_business_calendar(
        name="New York office hours",
        timezone="America/New_York",
        hours=[WorkingHoursDraft(weekday, "08:00", "18:00") for weekday in range(1, 6)],
        holidays=US_HOLIDAYS_2026,
    )
    always = await create_business_calendar(
        name="Around the clock",
        timezone="UTC",
        hours=[WorkingHoursDraft(weekday, "00:00", "24:00") for weekday in range(1, 8)],
    )
    await create_sla_policy(
        name="Standard",
        calendar_id=office.id,
        is_default=True,
        targets=[
            SlaTargetDraft(Priority.LOW, 8 * 60, 5 * 10 * 60),
            SlaTargetDraft(Priority.NORMAL, 4 * 60, 3 * 10 * 60),
            SlaTargetDraft(Priority.HIGH, 2 * 60, 10 * 60),
            SlaTargetDraft(Priority.URGENT, 60, 5 * 60),
        ],
    )
    premium = await create_sla_policy(
        name="Premium 24/7",
        calendar_id=always.id,
        at_risk_percent=75,
        targets=[
            SlaTargetDraft(Priority.LOW, 4 * 60, 3 * 24 * 60),
            SlaTargetDraft(Priority.NORMAL, 2 * 60, 2 * 24 * 60),
            SlaTargetDraft(Priority.HIGH, 60, 12 * 60),
            SlaTargetDraft(Priority.URGENT, 15, 4 * 60),
        ],
    )
    ctx.premium_policy_id = premium.id


def _priority(ctx: DemoContext) -> Priority:
    choices = [p for p, weight in PRIORITY_WEIGHTS for _ in range(weight)]
    return ctx.rng.choice(choices)


def _after(start: datetime, ctx: DemoContext, low_minutes: int, high_minutes: int) -> datetime:
    """A later instant, never past the demo's "now"."""
    return min(start + timedelta(minutes=ctx.rng.randint(low_minutes, high_minutes)), ANCHOR_AT)


async def seed_cases(ctx: DemoContext) -> None:
    """80 cases opened over the three weeks before the anchor and walked to their status,
    then one escalation scan at the demo's "now"."""
    plan = [status for status, count in CASE_MIX for _ in range(count)]
    ctx.rng.shuffle(plan)
    for index, status in enumerate(plan):
        customer = ctx.rng.choice(ctx.customers)
        opened = moment(-ctx.rng.uniform(*OPENED_DAYS_AGO[status]))
        case = await create_case(
            account_id=customer.id,
            contact_id=ctx.rng.choice(customer.contact_ids),
            subject=CASE_SUBJECTS[index % len(CASE_SUBJECTS)],
            description=f"Reported by {customer.name}.",
            priority=_priority(ctx),
            opened_at=opened,
            assignee_id=ctx.service_user_ids[index % len(ctx.service_user_ids)],
        )
        if status is CaseStatus.NEW:
            continue
        if status is CaseStatus.CLOSED and index % 8 == 0:
            # Closed straight away: a duplicate report, never answered.
            await set_case_status(case.id, CaseStatus.CLOSED, _after(opened, ctx, 10, 60))
            continue
        responded = _after(opened, ctx, 5, 6 * 60)
        await record_case_response(case.id, responded)
        if status is CaseStatus.OPEN:
            continue
        waiting_from = _after(responded, ctx, 30, 24 * 60)
        await set_case_status(case.id, CaseStatus.WAITING_ON_CUSTOMER, waiting_from)
        if status is CaseStatus.WAITING_ON_CUSTOMER:
            continue
        resolved = _after(waiting_from, ctx, 60, 2 * 24 * 60)
        await set_case_status(case.id, CaseStatus.RESOLVED, resolved)
        if status is CaseStatus.CLOSED:
            await set_case_status(case.id, CaseStatus.CLOSED, _after(resolved, ctx, 60, 24 * 60))
    await escalate_overdue_cases(ANCHOR_AT)
