"""Dataloaders of the ledger area."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.ledger.models import JournalEntry, JournalLine, LedgerAccount

LedgerAccountByIdLoader = by_id_loader(LedgerAccount)
JournalEntryByIdLoader = by_id_loader(JournalEntry)


class JournalLinesByEntryIdLoader(ManyByKeyLoader):
    model = JournalLine
    key = "entry_id"
