"""GraphQL types of purchase orders and their lines (contract §5.1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON

from api.accounts.loaders import AccountByIdLoader
from api.catalog.loaders import ProductByIdLoader
from api.errors import payload
from api.external_data import EXTERNAL_ID, METADATA, PRIVATE_METADATA
from api.inventory.inputs import StockMoveFilter, StockMoveOrder
from api.nested import Window, nested_connection
from api.purchasing.enums import PurchaseOrderStatus
from api.purchasing.loaders import (
    PurchaseOrderByIdLoader,
    PurchaseOrderLinesByOrderIdLoader,
    ReceiptPagesByOrderNumberLoader,
)
from api.relay import After, Before, Connection, First, Last, ModelNode, order_fields, to_node
from api.scalars import Money, unit_money
from domain.money import ZERO, cents
from domain.purchasing import models

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.catalog.types import Product
    from api.inventory.types import StockMove

AccountType = Annotated["Account", strawberry.lazy("api.accounts.types")]
ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]
StockMoveType = Annotated["StockMove", strawberry.lazy("api.inventory.types")]


@strawberry.type(
    description="One product ordered from the supplier; quantities in the product's `uom`."
)
class PurchaseOrderLine(ModelNode):
    model_class = models.PurchaseOrderLine

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="1, 2, … in the order the lines were given.")
    quantity: Decimal = strawberry.field(description="How many were ordered.")
    quantity_received: Decimal = strawberry.field(description="How many have arrived so far.")
    expected_date: date = strawberry.field(
        description="When it should arrive: MRP counts the open quantity as a receipt then."
    )
    # The order's currency, given by the order (or loaded for node(id:)).
    currency: strawberry.Private[str]

    @classmethod
    async def nodes_of_rows(cls, info: strawberry.Info, rows: Sequence[Any | None]) -> list[Any]:
        orders = await info.context.loaders[PurchaseOrderByIdLoader].load_many(
            [row.order_id for row in rows if row is not None]
        )
        currency = {order.id: order.currency for order in orders}
        return [
            None if row is None else cls.from_model(row, currency=currency[row.order_id])
            for row in rows
        ]

    @strawberry.field(description="The product ordered.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @strawberry.field(
        description="Cost per unit in the order's currency: cents, or up to the 4 decimals "
        "it is stored with. ADMIN, FINANCE and OPERATIONS only."
    )
    def unit_cost(self) -> Money | None:
        return unit_money(self.record.unit_cost, self.currency)


@strawberry.type(
    description="An order to a supplier (§5.1); receiving it moves stock into MAIN and posts "
    "the receipt (§5.3)."
)
class PurchaseOrder(ModelNode):
    model_class = models.PurchaseOrder

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    number: str = strawberry.field(
        description="`PO-YYYY-NNNNNN`: gapless per year of creation, e.g. PO-2026-000001."
    )
    status: PurchaseOrderStatus = strawberry.field(description="OPEN, RECEIVED or CANCELLED.")
    currency: str = strawberry.field(
        description="ISO 4217 code of every amount of the order: the supplier's currency."
    )
    notes: str | None = strawberry.field(description="Free text for the buyer.")
    created_at: datetime = strawberry.field(description="When it was created.")
    received_at: datetime | None = strawberry.field(
        description="When its last line was received in full."
    )

    @strawberry.field(description="The supplier, an Account.")
    async def supplier(self, info: strawberry.Info) -> AccountType:
        return to_node(await info.context.loaders[AccountByIdLoader].load(self.record.supplier_id))

    @strawberry.field(description="What is ordered, in the order given.")
    async def lines(self, info: strawberry.Info) -> list[PurchaseOrderLine]:
        rows = await info.context.loaders[PurchaseOrderLinesByOrderIdLoader].load(self.record.id)
        return [PurchaseOrderLine.from_model(row, currency=self.currency) for row in rows]

    @strawberry.field(
        description="The stock moves its deliveries booked (source PO_RECEIPT), by default "
        "oldest first."
    )
    async def receipts(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            StockMoveFilter | None, strawberry.argument(description="Only these moves.")
        ] = None,
        order_by: Annotated[
            StockMoveOrder | None, strawberry.argument(description="Default: oldest first.")
        ] = None,
    ) -> Connection[StockMoveType]:
        order = (
            (
                *order_fields(order_by.field.value, order_by.direction),
                *order_fields("id", order_by.direction),
            )
            if order_by
            else ("created_at", "id")
        )
        return await nested_connection(
            info,
            ReceiptPagesByOrderNumberLoader,
            self.number,
            (filter or StockMoveFilter()).query(),
            to_node,
            Window(first, after, last, before, order),
        )

    @strawberry.field(
        description="Σ unit cost × quantity, each line rounded half-up to cents, in the "
        "order's currency. ADMIN, FINANCE and OPERATIONS only."
    )
    async def total(self, info: strawberry.Info) -> Money | None:
        rows = await info.context.loaders[PurchaseOrderLinesByOrderIdLoader].load(self.record.id)
        amount = sum((cents(Decimal(r.unit_cost) * Decimal(r.quantity)) for r in rows), ZERO)
        return Money(amount=cents(amount), currency=self.currency)


@payload("purchase_order", PurchaseOrder, key_description="The new order, OPEN; null when refused.")
class PurchaseOrderCreatePayload:
    pass


@payload("purchase_order", PurchaseOrder)
class PurchaseOrderReceivePayload:
    pass
