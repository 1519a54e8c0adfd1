"""GraphQL inputs of customer returns (§15)."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from api.relay import filter_id
from api.returns.enums import ReturnStatus
from domain.returns import services


@strawberry.input(description="Narrows `returns`; every given condition must hold.")
class ReturnFilter:
    sales_order_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the returns of this SalesOrder."
    )
    status: ReturnStatus | None = strawberry.field(
        default=None, description="Only the returns in this status."
    )

    def query(self) -> services.ReturnFilter:
        pk = filter_id(self.sales_order_id, "SalesOrder", "salesOrderId")
        return services.ReturnFilter(order_ids=None if pk is None else (pk,), status=self.status)


@strawberry.input(description="What comes back of one sales order line.")
class ReturnLineInput:
    line_id: strawberry.ID = strawberry.field(description="A SalesOrderLine of the order.")
    quantity: Decimal = strawberry.field(
        description="> 0; never more than shipped − already returned by AUTHORIZED or "
        "RECEIVED returns (INVALID)."
    )
    restock: bool = strawberry.field(
        default=True,
        description="Back into stock on receipt (true) or not (scrapped, kept by the customer).",
    )
    lot_code: str | None = strawberry.field(
        default=None,
        description="For a lot-tracked product, the lot it comes back into (created when new); "
        "default: the lot it was shipped from.",
    )


@strawberry.input(description="A new return of shipped goods (§15).")
class ReturnCreateInput:
    sales_order_id: strawberry.ID = strawberry.field(description="The SalesOrder shipped.")
    lines: list[ReturnLineInput] = strawberry.field(description="At least one line.")


@strawberry.input(description="An AUTHORIZED return that has arrived.")
class ReturnReceiveInput:
    id: strawberry.ID = strawberry.field(description="The Return.")
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where the restocked goods go; default: the MAIN warehouse."
    )


@strawberry.input(description="An AUTHORIZED return to drop.")
class ReturnCancelInput:
    id: strawberry.ID = strawberry.field(description="The Return.")
