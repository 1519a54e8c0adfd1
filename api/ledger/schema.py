"""Ledger queries: trialBalance, journalEntries, journalEntry (§5.3); writes are the system's."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.ledger.inputs import JournalEntryFilter, JournalEntryOrder, JournalEntryOrderField
from api.ledger.types import JournalEntry, LedgerAccount, TrialBalanceRow, money_of
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    node_by_global_id,
    order_fields,
    paginate,
)
from domain.ledger import services


@strawberry.type
class Query:
    @strawberry.field(
        description="Debit, credit and balance of every ledger account, by code: the rows "
        "always sum to zero (§5.3). ADMIN, FINANCE and OPERATIONS only.",
    )
    async def trial_balance(
        self,
        as_of: Annotated[
            date | None,
            strawberry.argument(
                description="Entries dated up to this day, inclusive (default: all)."
            ),
        ] = None,
    ) -> list[TrialBalanceRow]:
        return [
            TrialBalanceRow(
                ledger_account=LedgerAccount.from_model(row.ledger_account),
                debit=money_of(row.debit),
                credit=money_of(row.credit),
                balance=money_of(row.balance),
            )
            for row in await services.trial_balance(as_of)
        ]

    @strawberry.field(
        description="The journal entries, by default newest first (by date). ADMIN, FINANCE "
        "and OPERATIONS only."
    )
    async def journal_entries(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            JournalEntryFilter | None, strawberry.argument(description="Only these entries.")
        ] = None,
        order_by: Annotated[
            JournalEntryOrder | None,
            strawberry.argument(description="Default: newest first, by date."),
        ] = None,
    ) -> Connection[JournalEntry]:
        flt = filter or JournalEntryFilter()
        order = order_by or JournalEntryOrder(field=JournalEntryOrderField.DATE)
        return await paginate(
            services.list_journal_entries(
                date_from=flt.from_,
                date_to=flt.to,
                source=None if flt.source is None else flt.source.value,
                reference=flt.reference,
            ),
            JournalEntry.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=(
                *order_fields(order.field.value, order.direction),
                *order_fields("id", order.direction),
            ),
        )

    @strawberry.field(description="One journal entry by its id; null when there is none.")
    async def journal_entry(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A JournalEntry id.")],
    ) -> JournalEntry | None:
        return await node_by_global_id(JournalEntry, info, id)

    @strawberry.field(description="The chart of accounts, by code.")
    async def ledger_accounts(self) -> list[LedgerAccount]:
        return [LedgerAccount.from_model(row) for row in await services.chart_of_accounts()]
