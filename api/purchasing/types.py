"""GraphQL types of purchase orders (contract §5.1)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.accounts.loaders import AccountByIdLoader
from api.accounts.types import Account
from api.errors import payload_type
from api.manufacturing.loaders import ProductByIdLoader
from api.purchasing.loaders import PurchaseOrderByIdLoader, PurchaseOrderLinesByOrderIdLoader
from api.relay import ModelNode
from api.scalars import Money, OrderDirection, plain_decimal, unit_money
from domain.money import cents
from domain.purchasing import models

if TYPE_CHECKING:
    from api.catalog.types import Product

ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]


PurchaseOrderStatus = strawberry.enum(models.PurchaseOrderStatus, name="PurchaseOrderStatus")


@strawberry.type
class PurchaseOrderLine(ModelNode):
    model_class = models.PurchaseOrderLine

    id: strawberry.relay.NodeID[int]
    position: int
    expected_date: date

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    def quantity_received(self) -> Decimal:
        return plain_decimal(self.record.quantity_received)

    @strawberry.field
    async def product(self, info: strawberry.Info) -> ProductType:
        from api.catalog.types import Product

        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return Product.from_model(row)

    @strawberry.field(description="Cost per unit (cents, or up to 4 decimals).")
    async def unit_cost(self, info: strawberry.Info) -> Money | None:
        order = await info.context.loaders[PurchaseOrderByIdLoader].load(self.record.order_id)
        return unit_money(self.record.unit_cost, order.currency)


@strawberry.type
class PurchaseOrder(ModelNode):
    model_class = models.PurchaseOrder

    id: strawberry.relay.NodeID[int]
    number: str
    status: PurchaseOrderStatus  # type: ignore[valid-type]
    currency: str
    notes: str | None
    created_at: datetime
    received_at: datetime | None

    @strawberry.field
    async def supplier(self, info: strawberry.Info) -> Account:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.supplier_id)
        return Account.from_model(row)

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[PurchaseOrderLine]:
        rows = await info.context.loaders[PurchaseOrderLinesByOrderIdLoader].load(self.record.id)
        return [PurchaseOrderLine.from_model(row) for row in rows]

    @strawberry.field(
        description="Σ unit cost × quantity, each line rounded half-up to cents.",
    )
    async def total(self, info: strawberry.Info) -> Money | None:
        rows = await info.context.loaders[PurchaseOrderLinesByOrderIdLoader].load(self.record.id)
        amount = sum((cents(Decimal(r.unit_cost) * Decimal(r.quantity)) for r in rows), Decimal(0))
        return Money(amount=amount, currency=self.record.currency)


@strawberry.input
class PurchaseOrderFilter:
    status: PurchaseOrderStatus | None = None  # type: ignore[valid-type]
    supplier_id: strawberry.ID | None = None
    product_id: strawberry.ID | None = None


@strawberry.enum
class PurchaseOrderOrderField(Enum):
    NUMBER = "number"
    CREATED_AT = "created_at"


@strawberry.input
class PurchaseOrderOrder:
    field: PurchaseOrderOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class PurchaseOrderLineInput:
    product_id: strawberry.ID
    quantity: Decimal
    unit_cost: Decimal | None = strawberry.field(
        default=None, description="Default: the product's standard cost."
    )
    expected_date: date | None = strawberry.field(
        default=None, description="Default: today + the product's lead time."
    )


@strawberry.input
class PurchaseOrderCreateInput:
    supplier_id: strawberry.ID
    lines: list[PurchaseOrderLineInput]
    notes: str | None = None


@strawberry.input
class PurchaseOrderReceiveLineInput:
    line_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class PurchaseOrderReceiveInput:
    id: strawberry.ID
    lines: list[PurchaseOrderReceiveLineInput]


PurchaseOrderCreatePayload = payload_type(
    "PurchaseOrderCreatePayload", "purchase_order", PurchaseOrder
)
PurchaseOrderReceivePayload = payload_type(
    "PurchaseOrderReceivePayload", "purchase_order", PurchaseOrder
)
