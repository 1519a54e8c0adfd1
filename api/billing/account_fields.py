"""Account fields of the billing area: invoices, balance, creditAvailable, lifetimeRevenue (§3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.billing.loaders import (
    BalanceByAccountIdLoader,
    InvoicesByAccountIdLoader,
    LifetimeRevenueByAccountIdLoader,
    UninvoicedOrderValueByAccountIdLoader,
)
from api.scalars import Money, money
from domain.billing.receivables import credit_left

if TYPE_CHECKING:
    from api.billing.types import Invoice


@strawberry.type
class AccountBillingFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""

    @strawberry.field(description="Oldest first.")
    async def invoices(
        self, info: strawberry.Info
    ) -> list[Annotated[Invoice, strawberry.lazy("api.billing.types")]] | None:
        from api.billing.types import Invoice

        rows = await info.context.loaders[InvoicesByAccountIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return [Invoice.from_model(row) for row in rows]

    @strawberry.field(
        description="Posted invoices' amount due minus unapplied payments and credits.",
    )
    async def balance(self, info: strawberry.Info) -> Money | None:
        record = self.record  # type: ignore[attr-defined]
        amount = await info.context.loaders[BalanceByAccountIdLoader].load(record.id)
        return money(amount, record.currency)

    @strawberry.field(
        description="creditLimit − balance − uninvoiced confirmed orders; null without a limit.",
    )
    async def credit_available(self, info: strawberry.Info) -> Money | None:
        record = self.record  # type: ignore[attr-defined]
        if record.credit_limit is None:
            return None
        loaders = info.context.loaders
        balance = await loaders[BalanceByAccountIdLoader].load(record.id)
        uninvoiced = await loaders[UninvoicedOrderValueByAccountIdLoader].load(record.id)
        return money(credit_left(record.credit_limit, balance, uninvoiced), record.currency)

    @strawberry.field(
        description="Invoiced net of tax, minus credit notes, over the account's life.",
    )
    async def lifetime_revenue(self, info: strawberry.Info) -> Money | None:
        record = self.record  # type: ignore[attr-defined]
        amount = await info.context.loaders[LifetimeRevenueByAccountIdLoader].load(record.id)
        return money(amount, record.currency)
