"""Account fields of the orders area: salesOrders (contract §3, §5.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.orders.loaders import SalesOrdersByAccountIdLoader

if TYPE_CHECKING:
    from api.orders.types import SalesOrder


@strawberry.type
class AccountOrderFields:
    """Mixed into `Account`; resolvers read the row as `self.record`."""

    @strawberry.field(description="The account's sales orders, oldest first.")
    async def sales_orders(
        self, info: strawberry.Info
    ) -> list[Annotated[SalesOrder, strawberry.lazy("api.orders.types")]]:
        from api.orders.types import SalesOrder

        rows = await info.context.loaders[SalesOrdersByAccountIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return [SalesOrder.from_model(row) for row in rows]
