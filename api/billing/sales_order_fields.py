"""SalesOrder fields of the billing area: its invoices (§5.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.billing.loaders import InvoicesBySalesOrderIdLoader

if TYPE_CHECKING:
    from api.billing.types import Invoice


@strawberry.type
class SalesOrderBillingFields:
    """Mixed into `SalesOrder`; resolvers read the row as `self.record`."""

    @strawberry.field(description="Oldest first.")
    async def invoices(
        self, info: strawberry.Info
    ) -> list[Annotated[Invoice, strawberry.lazy("api.billing.types")]] | None:
        from api.billing.types import Invoice

        rows = await info.context.loaders[InvoicesBySalesOrderIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return [Invoice.from_model(row) for row in rows]
