"""The reminder scan (§13): due-soon, overdue and stale reminders, each exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.accounts.models import Account
from domain.activities.models import (
    Activity,
    ActivityReminder,
    ReminderKind,
    StaleOpportunityNotice,
)
from domain.activities.reminders import reminder_kind, scan_reminders, stale_since
from domain.jobs.models import JobRun
from domain.outbox.models import Event
from domain.pipeline.models import Opportunity, OpportunityStatus
from domain.users.models import User
from tests.factories import gid

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def test_the_reminder_owed_by_due_time() -> None:
    assert reminder_kind(NOW - HOUR, NOW) is ReminderKind.OVERDUE
    assert reminder_kind(NOW, NOW) is ReminderKind.OVERDUE  # due now: past due
    assert reminder_kind(NOW + 24 * HOUR, NOW) is ReminderKind.DUE_SOON  # within 24 h, inclusive
    assert reminder_kind(NOW + 24 * HOUR + timedelta(seconds=1), NOW) is None


def test_stale_periods_start_every_14_days_after_the_last_activity() -> None:
    last = datetime(2026, 1, 1, tzinfo=UTC)
    assert stale_since(last, last + 13 * DAY) is None
    assert stale_since(last, last + 14 * DAY) == last + 14 * DAY
    assert stale_since(last, last + 27 * DAY) == last + 14 * DAY  # the same period
    assert stale_since(last, last + 30 * DAY) == last + 28 * DAY  # the second one


async def _account() -> Account:
    return await Account.create(name="Acme", currency="USD")


async def _activity(account: Account, subject: str, due: datetime | None, **extra: Any) -> Activity:
    return await Activity.create(kind="TASK", subject=subject, account=account, due_at=due, **extra)


async def _events(kind: str) -> list[dict[str, Any]]:
    return [event.payload for event in await Event.filter(type=kind).order_by("id")]


async def test_due_soon_and_overdue_fire_once_each_across_reruns(alice: User) -> None:
    account = await _account()
    soon = await _activity(account, "soon", NOW + 3 * HOUR, assignee_id=alice.id)
    late = await _activity(account, "late", NOW - HOUR)
    await _activity(account, "far", NOW + 3 * DAY)
    await _activity(account, "undated", None)
    await _activity(account, "done", NOW - HOUR, completed_at=NOW - 2 * HOUR)

    first = await scan_reminders(NOW)
    again = await scan_reminders(NOW + timedelta(minutes=5))

    assert (first.due_soon, first.overdue, first.stale) == (1, 1, 0)
    assert (again.due_soon, again.overdue) == (0, 0)
    due_soon = await _events("activity.due_soon")
    assert [(e["id"], e["assigneeId"]) for e in due_soon] == [
        (gid("Activity", soon.id), gid("User", alice.id))
    ]
    assert [e["id"] for e in await _events("activity.overdue")] == [gid("Activity", late.id)]

    # Four hours on, "soon" is past due: its overdue reminder fires, once.
    later = await scan_reminders(NOW + 4 * HOUR)
    assert (later.due_soon, later.overdue) == (0, 1)
    assert [e["id"] for e in await _events("activity.overdue")] == [
        gid("Activity", late.id),
        gid("Activity", soon.id),
    ]
    assert await ActivityReminder.all().count() == 3


async def _deal(account: Account, name: str, created: datetime, **extra: Any) -> Opportunity:
    deal = await Opportunity.create(name=name, account=account, currency="USD", **extra)
    await Opportunity.filter(id=deal.id).update(created_at=created)
    return await Opportunity.get(id=deal.id)


async def test_an_open_deal_without_activity_is_stale_once_per_14_days() -> None:
    account = await _account()
    start = NOW - 15 * DAY
    quiet = await _deal(account, "quiet", start)
    busy = await _deal(account, "busy", start)
    # An activity logged 3 days ago on "busy": its last activity, so not stale.
    touch = await _activity(account, "call", None, opportunity=busy)
    await Activity.filter(id=touch.id).update(created_at=NOW - 3 * DAY)
    await _deal(account, "won", start, status=OpportunityStatus.WON)

    assert (await scan_reminders(NOW)).stale == 1
    assert (await scan_reminders(NOW + DAY)).stale == 0  # the same 14-day period
    stale = await _events("opportunity.stale")
    assert [(e["id"], e["staleSince"]) for e in stale] == [
        (gid("Opportunity", quiet.id), "2026-03-09T12:00:00+00:00")  # start + 14 days
    ]
    # 28 days after its creation a second period starts: "quiet" is reported again, and
    # "busy" (last activity NOW - 3 days) first at NOW + 11 days.
    assert (await scan_reminders(start + 28 * DAY)).stale == 2
    assert await StaleOpportunityNotice.filter(opportunity_id=quiet.id).count() == 2


async def test_two_concurrent_scans_and_a_rerun_fire_each_reminder_once(
    postgres_only: None,
) -> None:
    account = await _account()
    for n in range(30):
        await _activity(account, f"late {n}", NOW - HOUR)
        await _activity(account, f"soon {n}", NOW + HOUR)
    for n in range(10):
        await _deal(account, f"deal {n}", NOW - 20 * DAY)

    first, second = await asyncio.gather(scan_reminders(NOW), scan_reminders(NOW))
    rerun = await scan_reminders(NOW)

    assert first.overdue + second.overdue == 30
    assert first.due_soon + second.due_soon == 30
    assert first.stale + second.stale == 10
    assert (rerun.overdue, rerun.due_soon, rerun.stale) == (0, 0, 0)
    assert await Event.filter(type="activity.overdue").count() == 30
    assert await Event.filter(type="activity.due_soon").count() == 30
    assert await Event.filter(type="opportunity.stale").count() == 10
    overdue_ids = await Event.filter(type="activity.overdue").values_list("subject_id", flat=True)
    assert len(set(overdue_ids)) == 30


START = """
mutation ($input: ReminderScanRunStartInput!) {
  reminderScanRunStart(input: $input) { jobRun { id kind status } errors { field code } }
}"""


async def test_a_scan_started_through_the_api_runs_in_a_real_worker(
    gql: Any, run_worker: Any
) -> None:
    account = await _account()
    await _activity(account, "late", NOW - HOUR)
    body = await gql(START, {"input": {"asOf": NOW.isoformat()}}, role="SALES")
    started = body["data"]["reminderScanRunStart"]
    assert started["errors"] == []
    assert started["jobRun"]["kind"] == "REMINDER_SCAN"

    await run_worker()

    run = await JobRun.get()
    assert run.status.value == "SUCCEEDED"
    assert run.result == {
        "as_of": "2026-03-10T12:00:00+00:00",
        "due_soon": 0,
        "overdue": 1,
        "stale": 0,
    }
    refused = await gql(START, {"input": {}}, role="READONLY")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_scan_costs_the_same_statements_for_5_or_50_reminders(count_queries: Any) -> None:
    account = await _account()
    for n in range(5):
        await _activity(account, f"a{n}", NOW - HOUR)
        await _deal(account, f"d{n}", NOW - 20 * DAY)
    with count_queries() as few:
        assert (await scan_reminders(NOW)).overdue == 5
    for n in range(50):
        await _activity(account, f"b{n}", NOW - HOUR)
        await _deal(account, f"e{n}", NOW - 20 * DAY)
    with count_queries() as many:
        summary = await scan_reminders(NOW)
    # Only the new ones: the 5 reminded before are not even read again.
    assert (summary.overdue, summary.stale) == (50, 50)
    assert many.count == few.count
