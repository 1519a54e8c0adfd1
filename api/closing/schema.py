"""Closing the books (§11): statements, the period lock, the profit and loss, the balance sheet."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from api.closing.types import (
    AccountStatement,
    BalanceSheet,
    PeriodCloseInput,
    PeriodClosePayload,
    PeriodReopenInput,
    PeriodReopenPayload,
    ProfitAndLoss,
)
from api.errors import MutationInput, perform
from api.relay import decode_id
from domain.closing import periods, reports, statements

FROM = strawberry.argument(name="from", description="The first day, inclusive.")
TO = strawberry.argument(description="The last day, inclusive; not before `from`.")


@strawberry.type
class Query:
    @strawberry.field(
        description="An account's statement over a period (§11), in the account's currency: "
        "null for an unknown account. ADMIN, FINANCE, SALES and READONLY only."
    )
    async def account_statement(
        self,
        account_id: Annotated[strawberry.ID, strawberry.argument(description="An Account id.")],
        from_: Annotated[date, FROM],
        to: Annotated[date, TO],
    ) -> AccountStatement | None:
        statement = await statements.account_statement(
            decode_id(account_id, "Account", "account_id"), from_, to
        )
        return None if statement is None else AccountStatement.from_domain(statement)

    @strawberry.field(
        description="The last day of the closed periods (§11): nothing can be posted dated on "
        "or before it. Null when no period is closed."
    )
    async def closed_through(self) -> date | None:
        return await periods.closed_through()

    @strawberry.field(
        description="The profit and loss of a period (§11), in the installation currency. "
        "ADMIN, FINANCE and OPERATIONS only."
    )
    async def profit_and_loss(
        self, from_: Annotated[date, FROM], to: Annotated[date, TO]
    ) -> ProfitAndLoss:
        return ProfitAndLoss.from_domain(await reports.profit_and_loss_for(from_, to))

    @strawberry.field(
        description="The balance sheet as of a day (§11), in the installation currency: "
        "assets = liabilities + equity exactly. ADMIN, FINANCE and OPERATIONS only."
    )
    async def balance_sheet(
        self,
        as_of: Annotated[
            date, strawberry.argument(description="Entries dated up to this day, inclusive.")
        ],
    ) -> BalanceSheet:
        return BalanceSheet.from_domain(await reports.balance_sheet_as_of(as_of))


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Closes the books through a day (§11): from then on invoices, payments, "
        "credit notes, bills, receipts, shipments and adjustments dated on or before it are "
        "refused with PERIOD_CLOSED, and the invoice run uses the first open day. A day "
        "before the current closedThrough is INVALID; `period.closed` fires. ADMIN and "
        "FINANCE only."
    )
    async def period_close(self, input: MutationInput[PeriodCloseInput]) -> PeriodClosePayload:
        return await perform(
            PeriodClosePayload, "closed_through", lambda: periods.close_period(input.through)
        )

    @strawberry.mutation(
        description="Moves the lock date back (§11), so that the days after it can be posted "
        "again; null reopens everything. A day after the current closedThrough is INVALID "
        "(that is periodClose). ADMIN only."
    )
    async def period_reopen(self, input: MutationInput[PeriodReopenInput]) -> PeriodReopenPayload:
        return await perform(
            PeriodReopenPayload, "closed_through", lambda: periods.reopen_period(input.through)
        )
