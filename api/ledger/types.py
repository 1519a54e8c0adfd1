"""GraphQL types of the ledger: accounts, journal entries and the trial balance (§5.3).

The books are read by ADMIN, FINANCE and OPERATIONS only (api/permissions.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.accounts.loaders import AccountByIdLoader
from api.ledger.enums import JournalSource, LedgerAccountType
from api.ledger.inputs import JournalLineFilter, JournalLineOrder
from api.ledger.loaders import (
    JournalEntryByIdLoader,
    JournalLinePagesByLedgerAccountIdLoader,
    JournalLinesByEntryIdLoader,
    LedgerAccountByIdLoader,
)
from api.nested import Window, nested_connection
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    order_fields,
    to_optional_node,
)
from api.scalars import Money, money, plain_decimal
from domain.ledger import models
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account

READERS = "ADMIN, FINANCE and OPERATIONS only."


def money_of(amount: Decimal) -> Money:
    """A ledger amount: the books are kept in the base currency, to its minor units (§12)."""
    return money(amount, get_settings().currency)


@strawberry.type(
    description=f"An account of the chart of accounts, e.g. 1200 Accounts "
    f"Receivable (§5.3). {READERS}"
)
class LedgerAccount(ModelNode):
    model_class = models.LedgerAccount

    id: strawberry.relay.NodeID[int]
    code: str = strawberry.field(description="Its number in the chart, e.g. `1200`.")
    name: str = strawberry.field(description="e.g. Accounts Receivable.")
    type: LedgerAccountType = strawberry.field(
        description="ASSET, LIABILITY, EQUITY, REVENUE or EXPENSE."
    )

    @strawberry.field(description="The journal lines posted to it, by default last posted first.")
    async def journal_lines(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            JournalLineFilter | None, strawberry.argument(description="Only these lines.")
        ] = None,
        order_by: Annotated[
            JournalLineOrder | None,
            strawberry.argument(description="Default: last posted first."),
        ] = None,
    ) -> Connection[JournalLine]:
        order = order_by or JournalLineOrder()
        return await nested_connection(
            info,
            JournalLinePagesByLedgerAccountIdLoader,
            self.record.id,
            (filter or JournalLineFilter()).query(),
            lambda row: JournalLine(record=row),
            Window(first, after, last, before, order_fields(order.field.value, order.direction)),
        )


@strawberry.type(
    description=f"One line of a journal entry: a debit or a credit on one ledger account, in "
    f"the installation currency. {READERS}"
)
class JournalLine:
    record: strawberry.Private[models.JournalLine]

    @strawberry.field(description="The ledger account debited or credited.")
    async def ledger_account(self, info: strawberry.Info) -> LedgerAccount:
        row = await info.context.loaders[LedgerAccountByIdLoader].load(
            self.record.ledger_account_id
        )
        return LedgerAccount.from_model(row)

    @strawberry.field(
        description="The customer or supplier the line is about: set on 1200 Accounts "
        "Receivable, 2100 Customer Credits and 2000 Accounts Payable lines (§5.3); null on "
        "the others."
    )
    async def account(
        self, info: strawberry.Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")] | None:
        if self.record.account_id is None:
            return None
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_optional_node(row)

    @strawberry.field(
        description="The amount debited in the base currency (§12: round_half_up(amount × "
        "rate) to its minor units); 0.00 on a credit line."
    )
    def debit(self) -> Money:
        return money_of(self.record.debit)

    @strawberry.field(
        description="The amount credited in the base currency; 0.00 on a debit line."
    )
    def credit(self) -> Money:
        return money_of(self.record.credit)

    @strawberry.field(
        description="ISO 4217 code of the document's currency (§12): the account's for an "
        "invoice, payment or bill; the base currency for a line in it (stock, the 7000 "
        "residue of per-line rounding)."
    )
    def currency(self) -> str:
        return self.record.currency or get_settings().currency

    @strawberry.field(
        description="The line's amount in `currency` (on the debit or credit side, as the "
        "base figure is)."
    )
    def amount(self) -> Money:
        record = self.record
        value = record.amount if record.amount is not None else record.debit or record.credit
        return money(value, record.currency or get_settings().currency)

    @strawberry.field(
        description="Base-currency units per unit of `currency` the line was booked at: the "
        "document date's rate, a settled invoice's or bill's booked rate on its 1200 / 2000 "
        "line, 1 in the base currency. No padding zeros."
    )
    def rate(self) -> Decimal:
        return plain_decimal(1 if self.record.rate is None else self.record.rate)

    @strawberry.field(description="The entry the line belongs to.")
    async def entry(self, info: strawberry.Info) -> JournalEntry:
        row = await info.context.loaders[JournalEntryByIdLoader].load(self.record.entry_id)
        return JournalEntry.from_model(row)


@strawberry.type(
    description="An immutable, balanced entry (Σ debit = Σ credit); a correction is a "
    f"reversing entry (§5.3). {READERS}"
)
class JournalEntry(ModelNode):
    model_class = models.JournalEntry

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(
        description="`JE-YYYY-NNNNNN`: gapless per year of the entry's date."
    )
    date: date = strawberry.field(description="The day it is booked on.")
    memo: str = strawberry.field(description="What it is, in words.")
    source: JournalSource = strawberry.field(description="What posted it.")
    reference: str | None = strawberry.field(
        description="The document posted, e.g. `INV-2026-000001`."
    )
    created_at: datetime = strawberry.field(description="When it was posted.")

    @strawberry.field(description="Its debits and credits, in the order posted.")
    async def lines(self, info: strawberry.Info) -> list[JournalLine]:
        rows = await info.context.loaders[JournalLinesByEntryIdLoader].load(self.record.id)
        return [JournalLine(record=row) for row in rows]

    @strawberry.field(description="The entry this one reverses; null unless it is a reversal.")
    async def reverses(self, info: strawberry.Info) -> JournalEntry | None:
        if self.record.reverses_id is None:
            return None
        row = await info.context.loaders[JournalEntryByIdLoader].load(self.record.reverses_id)
        return JournalEntry.from_optional(row)


@strawberry.type(
    description=f"One ledger account's totals in a trial balance, to the cent. {READERS}"
)
class TrialBalanceRow:
    ledger_account: LedgerAccount = strawberry.field(description="The ledger account.")
    debit: Money = strawberry.field(description="Σ debits posted up to the day asked.")
    credit: Money = strawberry.field(description="Σ credits posted up to the day asked.")
    balance: Money = strawberry.field(
        description="Debit minus credit: the rows of a trial balance always sum to zero."
    )
