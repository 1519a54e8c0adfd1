"""GraphQL inputs of the ledger (contract §5.3): the filters and orders of its lists."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from api.ledger.enums import JournalSource
from api.ledger.loaders import JournalLineQuery
from api.scalars import OrderDirection, described_enum


@strawberry.input(description="Narrows `journalEntries`; every given condition must hold.")
class JournalEntryFilter:
    from_: date | None = strawberry.field(
        default=None, name="from", description="Dated on or after this day."
    )
    to: date | None = strawberry.field(default=None, description="Dated on or before this day.")
    source: JournalSource | None = strawberry.field(
        default=None, description="Only entries of this source."
    )
    reference: str | None = strawberry.field(
        default=None, description="Only entries of this document, e.g. `INV-2026-000001`."
    )


class JournalEntryOrderField(Enum):
    DATE = "date"
    NUMBER = "number"


described_enum(
    JournalEntryOrderField,
    name="JournalEntryOrderField",
    description="What `journalEntries` can be sorted by.",
    values={
        "DATE": "The entry's date.",
        "NUMBER": "The number (JE-YYYY-NNNNNN).",
    },
)


@strawberry.input(description="The order of `journalEntries`; ties are broken by id.")
class JournalEntryOrder:
    field: JournalEntryOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default: newest first) or ASC."
    )


@strawberry.input(
    description="Narrows `LedgerAccount.journalLines` by their entries; every given "
    "condition must hold."
)
class JournalLineFilter:
    from_: date | None = strawberry.field(
        default=None, name="from", description="Of entries dated on or after this day."
    )
    to: date | None = strawberry.field(
        default=None, description="Of entries dated on or before this day."
    )
    source: JournalSource | None = strawberry.field(
        default=None, description="Of entries of this source."
    )

    def query(self) -> JournalLineQuery:
        return JournalLineQuery(date_from=self.from_, date_to=self.to, source=self.source)


class JournalLineOrderField(Enum):
    POSTED = "id"


described_enum(
    JournalLineOrderField,
    name="JournalLineOrderField",
    description="What `LedgerAccount.journalLines` can be sorted by.",
    values={
        "POSTED": "The order the lines were posted in.",
    },
)


@strawberry.input(description="The order of `LedgerAccount.journalLines`.")
class JournalLineOrder:
    field: JournalLineOrderField = strawberry.field(
        default=JournalLineOrderField.POSTED, description="What to sort by (POSTED)."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default: last posted first) or ASC."
    )
