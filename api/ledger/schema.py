"""Ledger queries: trialBalance, journalEntries, journalEntry (§5.3); writes are the system's."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.ledger.types import (
    JournalEntry,
    JournalEntryFilter,
    LedgerAccount,
    TrialBalanceRow,
    money_of,
)
from api.relay import Connection, node_by_global_id, paginate
from domain.ledger import services


@strawberry.type
class Query:
    @strawberry.field(
        description="Debit and credit per ledger account up to asOf (inclusive; all by default).",
    )
    async def trial_balance(self, as_of: date | None = None) -> list[TrialBalanceRow]:
        return [
            TrialBalanceRow(
                ledger_account=LedgerAccount.from_model(row.ledger_account),
                debit=money_of(row.debit),
                credit=money_of(row.credit),
                balance=money_of(row.balance),
            )
            for row in await services.trial_balance(as_of)
        ]

    @strawberry.field(description="Newest first.")
    async def journal_entries(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: JournalEntryFilter | None = None,
    ) -> Connection[JournalEntry]:
        flt = filter or JournalEntryFilter()
        queryset = services.list_journal_entries(
            date_from=flt.from_,
            date_to=flt.to,
            source=None if flt.source is None else flt.source.value,
            reference=flt.reference,
        )
        return await paginate(
            queryset,
            JournalEntry.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-date", "-id"),
        )

    @strawberry.field
    async def journal_entry(self, info: Info, id: strawberry.ID) -> JournalEntry | None:
        return await node_by_global_id(JournalEntry, info, id)

    @strawberry.field(description="The chart of accounts.")
    async def ledger_accounts(self) -> list[LedgerAccount]:
        return [LedgerAccount.from_model(row) for row in await services.chart_of_accounts()]
