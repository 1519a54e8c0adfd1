"""Gapless numbers (`INV-2026-000001`): the counter moves inside the document's transaction."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from domain.numbering.models import NumberSequence


async def next_number(series: str, year: int | None = None) -> str:
    """The next number of `series` (per `year` when given), e.g. `INV-2026-000001`.

    Must run inside the caller's transaction: the UPDATE row-locks the counter until that
    transaction ends, so concurrent writers queue up, and a rollback gives the number back —
    which is what keeps the series free of gaps and duplicates.
    """
    key_year = year or 0
    counter = NumberSequence.filter(series=series, year=key_year)
    if not await counter.update(last_value=F("last_value") + 1):
        try:
            async with in_transaction():  # a savepoint: a lost creation race is harmless
                await NumberSequence.create(series=series, year=key_year, last_value=0)
        except IntegrityError:
            pass
        await counter.update(last_value=F("last_value") + 1)
    row = await counter.get()
    prefix = f"{series}-{year}-" if year else f"{series}-"
    return f"{prefix}{row.last_value:06d}"
