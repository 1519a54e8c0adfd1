"""Closing the books (§11): the lock date, the check every posting makes, close and reopen."""

from __future__ import annotations

from datetime import date, timedelta

from tortoise import connections
from tortoise.transactions import in_transaction

from domain.closing.models import THE_LOCK, PeriodLock
from domain.errors import DomainError, ErrorCode
from domain.event_data import period_event_data
from domain.events import record_event
from domain.validation import Checks, optional_date, required_date

Field = str | tuple[str, ...] | None


def _as_date(value: object) -> date | None:
    # SQLite hands a raw column back as its ISO text.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


async def closed_through() -> date | None:
    """The last day of the closed periods; None when nothing is closed."""
    lock = await PeriodLock.get_or_none(id=THE_LOCK)
    return lock.closed_through if lock else None


def first_open_day(day: date, through: date | None) -> date:
    """`day`, or the day after the lock date when `day` is in a closed period (pure)."""
    if through is None or day > through:
        return day
    return through + timedelta(days=1)


async def first_open_date(day: date) -> date:
    """What a worker posting on `day` posts on instead (the invoice run, §11)."""
    return first_open_day(day, await closed_through())


async def ensure_open(day: date, field: Field = None) -> None:
    """Inside the transaction that writes a journal entry dated `day`: PERIOD_CLOSED when the
    day is in a closed period. On PostgreSQL the lock row stays share-locked to commit, so a
    periodClose waits for the postings under way and none commits behind it."""
    connection = connections.get("default")
    share = " FOR SHARE" if connection.capabilities.dialect == "postgres" else ""
    rows = await connection.execute_query_dict(
        f"SELECT closed_through FROM period_locks WHERE id = {THE_LOCK}{share}"
    )
    through = _as_date(rows[0]["closed_through"]) if rows else None
    if through is not None and day <= through:
        raise DomainError(
            ErrorCode.PERIOD_CLOSED,
            f"{day.isoformat()} is in a closed period: the books are closed through "
            f"{through.isoformat()}.",
            field,
        )


async def _locked() -> PeriodLock:
    lock = await PeriodLock.filter(id=THE_LOCK).select_for_update().first()
    if lock is None:
        lock = await PeriodLock.create(id=THE_LOCK, closed_through=None)
    return lock


async def close_period(through: date) -> date:
    """periodClose: nothing may be posted dated ≤ `through` from now on; `period.closed` fires.
    A day before the last close is INVALID (reopening is periodReopen's, ADMIN's); the same
    day again changes nothing."""
    checks = Checks()
    through = checks(required_date, through, "through")
    checks.raise_if_any()
    async with in_transaction():
        lock = await _locked()
        previous = lock.closed_through
        if previous is not None and through < previous:
            raise DomainError(
                ErrorCode.INVALID,
                f"The books are closed through {previous.isoformat()}: through cannot be "
                "earlier (periodReopen moves the lock date back).",
                "through",
            )
        if through != previous:
            lock.closed_through = through
            await lock.save(update_fields=["closed_through", "updated_at"])
            await record_event("period.closed", period_event_data(through, previous))
    return through


async def reopen_period(through: date | None) -> date | None:
    """periodReopen: moves the lock date back to `through` (None: no period closed). A day
    after the current lock date is INVALID (that is a close); the same day changes nothing.
    `period.reopened` records who reopened what, for the audit trail."""
    checks = Checks()
    through = checks(optional_date, through, "through")
    checks.raise_if_any()
    async with in_transaction():
        lock = await _locked()
        previous = lock.closed_through
        if through is not None and (previous is None or through > previous):
            current = previous.isoformat() if previous else "open (nothing is closed)"
            raise DomainError(
                ErrorCode.INVALID,
                f"The books are {'closed through ' if previous else ''}{current}: reopening "
                "moves the lock date back (periodClose moves it forward).",
                "through",
            )
        if through != previous:
            lock.closed_through = through
            await lock.save(update_fields=["closed_through", "updated_at"])
            await record_event("period.reopened", period_event_data(through, previous))
    return through
