"""What a row of an import is before and after its batch (§14)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from domain.errors import DomainError, refusals
from domain.imports.models import ImportRowStatus


@dataclass
class RowOutcome:
    line: int
    status: ImportRowStatus
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class PendingRow:
    line: int
    fields: dict[str, Any]
    # The refusal found before any upsert (an unreadable cell, a duplicate key in the file).
    refusal: DomainError | None = None


def error_entries(error: DomainError) -> list[dict[str, Any]]:
    """Stored in the domain's names; the API words them as a mutation's UserErrors."""
    return [
        {
            "field": list(one.field) if one.field else None,
            "code": one.code.value,
            "message": one.message,
        }
        for one in refusals(error)
    ]


def refused(line: int, error: DomainError) -> RowOutcome:
    return RowOutcome(line, ImportRowStatus.ERROR, error_entries(error))


async def in_savepoint(
    row: PendingRow, apply: Callable[[dict[str, Any]], Awaitable[ImportRowStatus]]
) -> RowOutcome:
    """One row written whole or not at all (a savepoint of its batch's transaction)."""
    if row.refusal is not None:
        return refused(row.line, row.refusal)
    try:
        async with in_transaction():
            status = await apply(row.fields)
    except DomainError as error:
        return refused(row.line, error)
    return RowOutcome(row.line, status)
