"""Dataloaders of the ledger area."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.ledger.models import JournalEntry, JournalLine, JournalSource, LedgerAccount

LedgerAccountByIdLoader = by_id_loader(LedgerAccount)
JournalEntryByIdLoader = by_id_loader(JournalEntry)


class JournalLinesByEntryIdLoader(ManyByKeyLoader):
    model = JournalLine
    key = "entry_id"


@dataclass(frozen=True)
class JournalLineQuery:
    """Which lines of a ledger account a list shows: by their entry's date and source."""

    date_from: date | None = None
    date_to: date | None = None
    source: JournalSource | None = None


class JournalLinePagesByLedgerAccountIdLoader(PagesByKeyLoader):
    """`LedgerAccount.journalLines` (its rows; `api.ledger.types` gives their objects)."""

    key = "ledger_account_id"

    def rows(self, flt: JournalLineQuery) -> QuerySet[Any]:
        queryset = JournalLine.all()
        if flt.date_from is not None:
            queryset = queryset.filter(entry__date__gte=flt.date_from)
        if flt.date_to is not None:
            queryset = queryset.filter(entry__date__lte=flt.date_to)
        if flt.source is not None:
            queryset = queryset.filter(entry__source=flt.source)
        return queryset
