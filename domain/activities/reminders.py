"""The reminder scan (§13): follow-ups that are never missed.

- `activity.due_soon` once per open activity when it falls due within 24 h,
- `activity.overdue` once per open activity once its due time has passed,
- `opportunity.stale` once per 14 days without any activity on an OPEN opportunity.

"Once" holds across reruns and concurrent scans because the database decides: each reminder
is a row under a unique constraint (`activity_reminders (activity, kind)`,
`opportunity_stale_notices (opportunity, since)`), inserted with ON CONFLICT DO NOTHING …
RETURNING, and only the rows a scan inserted get their event, in the same transaction. A
concurrent scan inserting the same key waits for the first to commit and then inserts
nothing. Each chunk is a handful of statements whatever its size.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Subquery
from tortoise.functions import Max
from tortoise.transactions import in_transaction

from domain.activities.models import Activity, ActivityReminder, ReminderKind
from domain.errors import DomainError, ErrorCode
from domain.event_data import activity_reminder_data, opportunity_stale_data
from domain.events import record_events
from domain.pipeline.models import Opportunity, OpportunityStatus

DUE_SOON_WINDOW = timedelta(hours=24)
STALE_PERIOD = timedelta(days=14)
EVENT_OF_KIND = {
    ReminderKind.DUE_SOON: "activity.due_soon",
    ReminderKind.OVERDUE: "activity.overdue",
}
# Rows per transaction (and per INSERT): 3 parameters a row stay far under SQLite's 32,766.
CHUNK_SIZE = 1000

Progress = Callable[[int, int], Awaitable[None]]


@dataclass(frozen=True)
class ReminderSummary:
    as_of: datetime
    due_soon: int
    overdue: int
    stale: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "due_soon": self.due_soon,
            "overdue": self.overdue,
            "stale": self.stale,
        }


def reminder_kind(due_at: datetime, as_of: datetime) -> ReminderKind | None:
    """The reminder an open activity due at `due_at` is owed at `as_of`, if any."""
    if due_at <= as_of:
        return ReminderKind.OVERDUE
    if due_at <= as_of + DUE_SOON_WINDOW:
        return ReminderKind.DUE_SOON
    return None


def stale_since(last_activity_at: datetime, as_of: datetime) -> datetime | None:
    """The start of the current 14-day period without activity: the last activity (or the
    deal's creation) plus n × 14 days for the largest n ≥ 1 not after `as_of`; None before the
    first 14 days are over."""
    periods = (as_of - last_activity_at) // STALE_PERIOD
    if periods < 1:
        return None
    return last_activity_at + periods * STALE_PERIOD


async def scan_reminders(
    as_of: datetime, *, on_progress: Progress | None = None
) -> ReminderSummary:
    """Fires every reminder owed at `as_of` that was not fired before (see the module)."""
    if as_of.utcoffset() is None:
        raise DomainError(ErrorCode.INVALID, "asOf needs a UTC offset.", "as_of")
    # An activity whose overdue reminder went out is owed nothing more: the scan does not
    # re-read every open activity of the past each time.
    activities = await (
        Activity.filter(completed_at__isnull=True, due_at__lte=as_of + DUE_SOON_WINDOW)
        .exclude(
            id__in=Subquery(
                ActivityReminder.filter(kind=ReminderKind.OVERDUE).values("activity_id")
            )
        )
        .order_by("id")
        .all()
    )
    stale = await _stale_candidates(as_of)
    total = len(activities) + len(stale)
    done = 0
    fired = {ReminderKind.DUE_SOON: 0, ReminderKind.OVERDUE: 0}
    for start in range(0, len(activities), CHUNK_SIZE):
        chunk = activities[start : start + CHUNK_SIZE]
        for kind in await _remind_chunk(chunk, as_of):
            fired[kind] += 1
        done += len(chunk)
        if on_progress is not None:
            await on_progress(done, total)
    stale_fired = 0
    for start in range(0, len(stale), CHUNK_SIZE):
        stale_chunk = stale[start : start + CHUNK_SIZE]
        stale_fired += await _stale_chunk(stale_chunk, as_of)
        done += len(stale_chunk)
        if on_progress is not None:
            await on_progress(done, total)
    return ReminderSummary(
        as_of, fired[ReminderKind.DUE_SOON], fired[ReminderKind.OVERDUE], stale_fired
    )


def _placeholders(connection: BaseDBAsyncClient, rows: int, width: int) -> str:
    postgres = connection.capabilities.dialect == "postgres"
    mark = (lambda n: f"${n}") if postgres else (lambda n: f"?{n}")
    return ", ".join(
        "(" + ", ".join(mark(row * width + column + 1) for column in range(width)) + ")"
        for row in range(rows)
    )


async def _remind_chunk(chunk: Sequence[Activity], as_of: datetime) -> list[ReminderKind]:
    wanted = [
        (activity, kind)
        for activity in chunk
        if activity.due_at is not None
        and (kind := reminder_kind(activity.due_at, as_of)) is not None
    ]
    if not wanted:
        return []
    async with in_transaction() as connection:
        sql = (
            "INSERT INTO activity_reminders (activity_id, kind, at) VALUES "
            f"{_placeholders(connection, len(wanted), 3)} "
            "ON CONFLICT (activity_id, kind) DO NOTHING RETURNING activity_id, kind"
        )
        values = [value for activity, kind in wanted for value in (activity.id, kind.value, as_of)]
        taken = {
            (int(row["activity_id"]), str(row["kind"]))
            for row in await connection.execute_query_dict(sql, values)
        }
        fired = [
            (activity, kind) for activity, kind in wanted if (activity.id, kind.value) in taken
        ]
        await record_events(
            [
                (EVENT_OF_KIND[kind], activity_reminder_data(activity, as_of))
                for activity, kind in fired
            ]
        )
    return [kind for _, kind in fired]


@dataclass(frozen=True)
class _StaleCandidate:
    opportunity: Opportunity
    last_activity_at: datetime
    since: datetime


async def _stale_candidates(as_of: datetime) -> list[_StaleCandidate]:
    """OPEN deals whose last activity (logged or completed; else their creation) is 14 days
    or more before `as_of`: two statements, the deals and their activities' latest times."""
    # A deal created in the last 14 days cannot be stale yet.
    deals = await (
        Opportunity.filter(status=OpportunityStatus.OPEN, created_at__lte=as_of - STALE_PERIOD)
        .order_by("id")
        .all()
    )
    if not deals:
        return []
    latest = await (
        Activity.filter(opportunity_id__isnull=False, opportunity__status=OpportunityStatus.OPEN)
        .annotate(last_logged=Max("created_at"), last_completed=Max("completed_at"))
        .group_by("opportunity_id")
        .values("opportunity_id", "last_logged", "last_completed")
    )
    touched: dict[int, list[datetime]] = {}
    for row in latest:
        touched[int(row["opportunity_id"])] = [
            _instant(value) for value in (row["last_logged"], row["last_completed"]) if value
        ]
    candidates = []
    for deal in deals:
        last = max([deal.created_at, *touched.get(deal.id, [])])
        since = stale_since(last, as_of)
        if since is not None:
            candidates.append(_StaleCandidate(deal, last, since))
    return candidates


def _instant(value: Any) -> datetime:
    """An aggregate's datetime as the driver returns it (SQLite: text)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


async def _stale_chunk(chunk: Sequence[_StaleCandidate], as_of: datetime) -> int:
    async with in_transaction() as connection:
        sql = (
            "INSERT INTO opportunity_stale_notices (opportunity_id, since, at) VALUES "
            f"{_placeholders(connection, len(chunk), 3)} "
            "ON CONFLICT (opportunity_id, since) DO NOTHING RETURNING opportunity_id"
        )
        values = [value for c in chunk for value in (c.opportunity.id, c.since, as_of)]
        taken = {
            int(row["opportunity_id"]) for row in await connection.execute_query_dict(sql, values)
        }
        fired = [c for c in chunk if c.opportunity.id in taken]
        await record_events(
            [
                (
                    "opportunity.stale",
                    opportunity_stale_data(c.opportunity, c.last_activity_at, c.since, as_of),
                )
                for c in fired
            ]
        )
    return len(fired)
