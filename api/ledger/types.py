"""GraphQL types of the ledger: accounts, journal entries and the trial balance (§5.3)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from api.ledger.loaders import JournalLinesByEntryIdLoader, LedgerAccountByIdLoader
from api.relay import ModelNode
from api.scalars import Money, money
from domain.ledger import models
from domain.settings import get_settings

JournalSource = strawberry.enum(models.JournalSource, name="JournalSource")
LedgerAccountType = strawberry.enum(models.LedgerAccountType, name="LedgerAccountType")


def money_of(amount: Decimal) -> Money:
    return money(amount, get_settings().currency)  # type: ignore[return-value]


@strawberry.type
class LedgerAccount(ModelNode):
    """An account of the chart of accounts, e.g. 1200 Accounts Receivable."""

    model_class = models.LedgerAccount

    id: strawberry.relay.NodeID[int]
    code: str
    name: str
    type: LedgerAccountType  # type: ignore[valid-type]


@strawberry.type
class JournalLine:
    record: strawberry.Private[models.JournalLine]

    @strawberry.field
    async def ledger_account(self, info: strawberry.Info) -> LedgerAccount:
        row = await info.context.loaders[LedgerAccountByIdLoader].load(
            self.record.ledger_account_id
        )
        return LedgerAccount.from_model(row)  # type: ignore[no-any-return]

    @strawberry.field
    def debit(self) -> Money:
        return money_of(self.record.debit)

    @strawberry.field
    def credit(self) -> Money:
        return money_of(self.record.credit)


@strawberry.type
class JournalEntry(ModelNode):
    """An immutable, balanced entry; a correction is a reversing entry (§5.3)."""

    model_class = models.JournalEntry

    id: strawberry.relay.NodeID[int]
    number: str
    date: date
    memo: str
    source: JournalSource  # type: ignore[valid-type]
    reference: str | None = strawberry.field(description="The document posted, e.g. INV-…")
    created_at: datetime

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[JournalLine]:
        rows = await info.context.loaders[JournalLinesByEntryIdLoader].load(self.record.id)
        return [JournalLine(record=row) for row in rows]

    @strawberry.field(description="The entry this one reverses, if it is a reversal.")
    async def reverses(self, info: strawberry.Info) -> JournalEntry | None:
        if self.record.reverses_id is None:
            return None
        row = await info.context.loaders.by_id(models.JournalEntry).load(self.record.reverses_id)
        return JournalEntry.from_optional(row)  # type: ignore[no-any-return]


@strawberry.type
class TrialBalanceRow:
    ledger_account: LedgerAccount
    debit: Money
    credit: Money
    balance: Money = strawberry.field(
        description="Debit minus credit: the rows of a trial balance always sum to zero."
    )


@strawberry.input
class JournalEntryFilter:
    from_: date | None = strawberry.field(default=None, name="from")
    to: date | None = None
    source: JournalSource | None = None  # type: ignore[valid-type]
    reference: str | None = None
