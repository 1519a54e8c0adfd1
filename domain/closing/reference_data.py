"""The one period-lock row, seeded on migrate (open: nothing closed) and before every test."""

from __future__ import annotations

from domain.closing.models import THE_LOCK, PeriodLock


async def seed() -> None:
    await PeriodLock.get_or_create(id=THE_LOCK, defaults={"closed_through": None})
