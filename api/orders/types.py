"""GraphQL types of sales orders, their lines and shipments (contract §5.2)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.accounts.loaders import AccountByIdLoader
from api.billing.sales_order_fields import SalesOrderBillingFields
from api.catalog.loaders import ProductByIdLoader
from api.catalog.types import Product
from api.errors import UserError, payload_type
from api.inventory.loaders import WarehouseByIdLoader
from api.inventory.types import StockMove, Warehouse
from api.loaders import by_id_loader
from api.orders.loaders import (
    SalesOrderByIdLoader,
    SalesOrderLineByIdLoader,
    SalesOrderLinesByOrderIdLoader,
    ShipmentLinesByShipmentIdLoader,
    ShipmentsByOrderIdLoader,
)
from api.pipeline.sales_order_fields import SalesOrderPipelineFields
from api.relay import ModelNode
from api.scalars import Money, OrderDirection, money, plain_decimal, unit_money
from domain.inventory.models import StockMove as StockMoveRow
from domain.orders import models
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account

SalesOrderStatus = strawberry.enum(models.OrderStatus, name="SalesOrderStatus")
InvoicePolicy = strawberry.enum(models.InvoicePolicy, name="InvoicePolicy")
SalesOrderDeliveryStatus = strawberry.enum(models.DeliveryStatus, name="SalesOrderDeliveryStatus")
SalesOrderInvoiceStatus = strawberry.enum(models.InvoiceStatus, name="SalesOrderInvoiceStatus")
SalesOrderPaymentStatus = strawberry.enum(models.PaymentStatus, name="SalesOrderPaymentStatus")

StockMoveByIdLoader = by_id_loader(StockMoveRow)


async def _product(info: strawberry.Info, product_id: int) -> Product:
    row = await info.context.loaders[ProductByIdLoader].load(product_id)
    return Product.from_model(row)


async def _currency(info: strawberry.Info, order_id: int) -> str:
    row = await info.context.loaders[SalesOrderByIdLoader].load(order_id)
    return row.currency


async def _order(info: strawberry.Info, order_id: int) -> SalesOrder:
    row = await info.context.loaders[SalesOrderByIdLoader].load(order_id)
    return SalesOrder.from_model(row)


@strawberry.type
class SalesOrder(SalesOrderPipelineFields, SalesOrderBillingFields, ModelNode):
    """A customer's order: DRAFT → CONFIRMED → PARTIALLY_SHIPPED → SHIPPED → CLOSED."""

    model_class = models.SalesOrder

    id: strawberry.relay.NodeID[int]
    number: str
    status: SalesOrderStatus  # type: ignore[valid-type]
    invoice_policy: InvoicePolicy  # type: ignore[valid-type]
    requested_date: date | None
    currency: str
    delivery_status: SalesOrderDeliveryStatus  # type: ignore[valid-type]
    invoice_status: SalesOrderInvoiceStatus  # type: ignore[valid-type]
    payment_status: SalesOrderPaymentStatus  # type: ignore[valid-type]
    notes: str | None
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def account(
        self, info: strawberry.Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        from api.accounts.types import Account

        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return Account.from_model(row)

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[SalesOrderLine]:
        rows = await info.context.loaders[SalesOrderLinesByOrderIdLoader].load(self.record.id)
        return [SalesOrderLine.from_model(row) for row in rows]

    @strawberry.field
    async def shipments(self, info: strawberry.Info) -> list[Shipment]:
        rows = await info.context.loaders[ShipmentsByOrderIdLoader].load(self.record.id)
        return [Shipment.from_model(row) for row in rows]

    @strawberry.field
    def subtotal(self) -> Money:
        return money(self.record.subtotal, self.record.currency)  # type: ignore[return-value]

    @strawberry.field
    def tax_total(self) -> Money:
        return money(self.record.tax_total, self.record.currency)  # type: ignore[return-value]

    @strawberry.field
    def total(self) -> Money:
        return money(self.record.total, self.record.currency)  # type: ignore[return-value]


@strawberry.type
class SalesOrderLine(ModelNode):
    model_class = models.SalesOrderLine

    id: strawberry.relay.NodeID[int]
    position: int
    description: str | None

    @strawberry.field
    async def sales_order(self, info: strawberry.Info) -> SalesOrder:
        return await _order(info, self.record.order_id)

    @strawberry.field
    async def product(self, info: strawberry.Info) -> Product:
        return await _product(info, self.record.product_id)

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    async def unit_price(self, info: strawberry.Info) -> Money:
        return unit_money(self.record.unit_price, await _currency(info, self.record.order_id))

    @strawberry.field(description="Percent, e.g. 10 for 10 %.")
    def discount_percent(self) -> Decimal:
        return plain_decimal(self.record.discount_percent)

    @strawberry.field(description="Percent, e.g. 8.25.")
    def tax_rate(self) -> Decimal:
        return plain_decimal(self.record.tax_rate)

    @strawberry.field
    async def net_amount(self, info: strawberry.Info) -> Money:
        currency = await _currency(info, self.record.order_id)
        return money(self.record.net_amount, currency)  # type: ignore[return-value]

    @strawberry.field
    async def tax_amount(self, info: strawberry.Info) -> Money:
        currency = await _currency(info, self.record.order_id)
        return money(self.record.tax_amount, currency)  # type: ignore[return-value]

    @strawberry.field(description="Held in the MAIN warehouse for this line.")
    def quantity_reserved(self) -> Decimal:
        return plain_decimal(self.record.quantity_reserved)

    @strawberry.field
    def quantity_shipped(self) -> Decimal:
        return plain_decimal(self.record.quantity_shipped)

    @strawberry.field
    def quantity_invoiced(self) -> Decimal:
        return plain_decimal(self.record.quantity_invoiced)

    @strawberry.field(description="Ordered, not yet shipped and not reserved.")
    def quantity_backordered(self) -> Decimal:
        record = self.record
        open_quantity = (
            Decimal(record.quantity)
            - Decimal(record.quantity_shipped)
            - Decimal(record.quantity_reserved)
        )
        return plain_decimal(max(open_quantity, Decimal(0)))


@strawberry.type
class Shipment(ModelNode):
    """Goods that left a warehouse for one order."""

    model_class = models.Shipment

    id: strawberry.relay.NodeID[int]
    number: str
    shipped_on: date
    created_at: datetime

    @strawberry.field
    async def sales_order(self, info: strawberry.Info) -> SalesOrder:
        return await _order(info, self.record.order_id)

    @strawberry.field
    async def warehouse(self, info: strawberry.Info) -> Warehouse:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return Warehouse.from_model(row)

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[ShipmentLine]:
        rows = await info.context.loaders[ShipmentLinesByShipmentIdLoader].load(self.record.id)
        return [ShipmentLine.from_model(row) for row in rows]

    @strawberry.field(
        description="Standard cost of the goods shipped (the COGS posted); ADMIN, FINANCE, "
        "OPERATIONS only.",
    )
    def cost_total(self) -> Money | None:
        return money(self.record.cost_total, get_settings().currency)


@strawberry.type
class ShipmentLine(ModelNode):
    model_class = models.ShipmentLine

    id: strawberry.relay.NodeID[int]

    @strawberry.field
    async def sales_order_line(self, info: strawberry.Info) -> SalesOrderLine:
        row = await info.context.loaders[SalesOrderLineByIdLoader].load(self.record.order_line_id)
        return SalesOrderLine.from_model(row)

    @strawberry.field
    async def product(self, info: strawberry.Info) -> Product:
        return await _product(info, self.record.product_id)

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field(description="None for SERVICE products, which move no stock.")
    async def stock_move(self, info: strawberry.Info) -> StockMove | None:
        if self.record.stock_move_id is None:
            return None
        row = await info.context.loaders[StockMoveByIdLoader].load(self.record.stock_move_id)
        return StockMove.from_optional(row)


@strawberry.enum
class SalesOrderOrderField(Enum):
    NUMBER = "number"
    CREATED_AT = "created_at"
    REQUESTED_DATE = "requested_date"
    TOTAL = "total"


@strawberry.input
class SalesOrderOrder:
    field: SalesOrderOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class SalesOrderFilter:
    account_id: strawberry.ID | None = None
    status: list[SalesOrderStatus] | None = None  # type: ignore[valid-type]
    delivery_status: SalesOrderDeliveryStatus | None = None  # type: ignore[valid-type]
    invoice_status: SalesOrderInvoiceStatus | None = None  # type: ignore[valid-type]
    search: str | None = strawberry.field(default=None, description="Matches the number.")


@strawberry.input
class SalesOrderLineInput:
    product_id: strawberry.ID
    quantity: Decimal
    unit_price: Decimal | None = strawberry.field(
        default=None, description="Defaults to the product's list price."
    )
    discount_percent: Decimal = Decimal(0)
    tax_rate: Decimal | None = strawberry.field(
        default=None, description="Defaults to the product's tax rate."
    )
    description: str | None = None


@strawberry.input
class SalesOrderCreateInput:
    account_id: strawberry.ID
    lines: list[SalesOrderLineInput] = strawberry.field(default_factory=list)
    requested_date: date | None = None
    invoice_policy: InvoicePolicy = models.InvoicePolicy.ON_DELIVERY  # type: ignore[valid-type]
    notes: str | None = None


@strawberry.input
class SalesOrderUpdateInput:
    id: strawberry.ID
    account_id: strawberry.ID | None = strawberry.UNSET
    lines: list[SalesOrderLineInput] | None = strawberry.field(
        default=strawberry.UNSET, description="When given, replaces all the order's lines."
    )
    requested_date: date | None = strawberry.UNSET
    invoice_policy: InvoicePolicy | None = strawberry.UNSET  # type: ignore[valid-type]
    notes: str | None = strawberry.UNSET


@strawberry.input
class SalesOrderConfirmInput:
    id: strawberry.ID


@strawberry.input
class SalesOrderCancelInput:
    id: strawberry.ID


@strawberry.input
class SalesOrderShipLineInput:
    line_id: strawberry.ID
    quantity: Decimal


@strawberry.input
class SalesOrderShipInput:
    id: strawberry.ID
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the MAIN warehouse."
    )
    lines: list[SalesOrderShipLineInput]


@strawberry.type(description="The result of salesOrderShip: the order and the new shipment.")
class SalesOrderShipPayload:
    sales_order: SalesOrder | None
    shipment: Shipment | None
    errors: list[UserError]


SalesOrderCreatePayload = payload_type("SalesOrderCreatePayload", "sales_order", SalesOrder)
SalesOrderUpdatePayload = payload_type("SalesOrderUpdatePayload", "sales_order", SalesOrder)
SalesOrderConfirmPayload = payload_type("SalesOrderConfirmPayload", "sales_order", SalesOrder)
SalesOrderCancelPayload = payload_type("SalesOrderCancelPayload", "sales_order", SalesOrder)
