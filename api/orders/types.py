"""GraphQL types of sales orders, their lines and shipments, and the order mutations' inputs
and payloads (contract §5.2)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.billing.lists import InvoiceFilter, InvoiceOrder, invoice_filter, invoice_order
from api.billing.loaders import InvoicesBySalesOrderIdLoader
from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError, payload
from api.external_data import (
    EXTERNAL_ID,
    METADATA,
    PRIVATE_METADATA,
    ExternalDataCreateInput,
    ExternalDataUpdateInput,
)
from api.inventory.loaders import WarehouseByIdLoader
from api.loaders import selects
from api.nested import Window, nested_connection
from api.orders.enums import (
    InvoicePolicy,
    SalesOrderDeliveryStatus,
    SalesOrderInvoiceStatus,
    SalesOrderPaymentStatus,
    SalesOrderStatus,
)
from api.orders.lists import (
    ShipmentFilter,
    ShipmentOrder,
    hand_over_products,
    shipment_criteria,
    shipment_order,
)
from api.orders.loaders import (
    SalesOrderByIdLoader,
    SalesOrderLineByIdLoader,
    SalesOrderLinesByOrderIdLoader,
    ShipmentLinesByShipmentIdLoader,
    ShipmentsByOrderIdLoader,
)
from api.pipeline.loaders import OpportunityBySalesOrderIdLoader
from api.quotes.figures import MARGIN_ROLES, lines_margin, realized_margin
from api.quotes.loaders import QuoteBySalesOrderIdLoader
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    to_node,
    to_optional_node,
)
from api.scalars import Money, money, plain_decimal, unit_money
from domain.inventory.models import StockMove as StockMoveRow
from domain.orders import models
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.billing.types import Invoice
    from api.catalog.types import Product
    from api.inventory.types import StockMove, Warehouse
    from api.pipeline.types import Opportunity
    from api.quotes.figures import Margin
    from api.quotes.types import Quote

MONEY_OF_ORDER = "In the order's currency, rounded half-up to its minor units (§5.4, §12)."


def _money(amount: Decimal, currency: str) -> Money:
    return money(amount, currency)  # to the currency's minor units (§12)


@strawberry.type(
    description="A customer's order (§5.2): DRAFT → CONFIRMED → PARTIALLY_SHIPPED → SHIPPED → "
    "CLOSED, or CANCELLED before any shipment. Readable by every role; its invoices by ADMIN, "
    "FINANCE, SALES and READONLY."
)
class SalesOrder(ModelNode):
    model_class = models.SalesOrder

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    number: str = strawberry.field(
        description="SO-YYYY-NNNNNN: gapless per year of creation, given when the order is created."
    )
    status: SalesOrderStatus = strawberry.field(description="Where the order is in its life.")
    invoice_policy: InvoicePolicy = strawberry.field(
        description="What the invoice run bills of it (§5.4)."
    )
    requested_date: date | None = strawberry.field(
        description="When the customer wants the goods: the day MRP and availability count "
        "its open quantity on (§6, §9)."
    )
    currency: str = strawberry.field(
        description="ISO 4217 code, the account's currency: every amount of the order, its "
        "lines and invoices is in it (§12)."
    )

    @strawberry.field(description="Σ line net amounts. " + MONEY_OF_ORDER)
    def subtotal(self) -> Money:
        return _money(self.record.subtotal, self.currency)

    @strawberry.field(description="Σ line tax amounts. " + MONEY_OF_ORDER)
    def tax_total(self) -> Money:
        return _money(self.record.tax_total, self.currency)

    @strawberry.field(description="subtotal + taxTotal. " + MONEY_OF_ORDER)
    def total(self) -> Money:
        return _money(self.record.total, self.currency)

    delivery_status: SalesOrderDeliveryStatus = strawberry.field(
        description="How much has shipped."
    )
    invoice_status: SalesOrderInvoiceStatus = strawberry.field(
        description="How much is invoiced, by quantities.",
    )
    payment_status: SalesOrderPaymentStatus = strawberry.field(
        description="How much of its invoices is paid."
    )
    notes: str | None = strawberry.field(description="Free text for the people handling it.")
    customer_reference: str | None = strawberry.field(
        description="The customer's own reference (their PO number), from the accepted quote "
        "(§9); null for an order entered directly."
    )
    confirmed_at: datetime | None = strawberry.field(
        description="When salesOrderConfirm accepted it; null before."
    )
    cancelled_at: datetime | None = strawberry.field(
        description="When salesOrderCancel cancelled it; null otherwise."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The customer (an Account, §3).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(
        description="The won opportunity this order was handed over from (§4.1); null for an "
        "order entered directly."
    )
    async def opportunity(
        self, info: Info
    ) -> Annotated[Opportunity, strawberry.lazy("api.pipeline.types")] | None:
        row = await info.context.loaders[OpportunityBySalesOrderIdLoader].load(self.record.id)
        return to_optional_node(row)

    @strawberry.field(
        description="The accepted quote this order was made from (§9); null for an order "
        "entered directly or won without a quote."
    )
    async def quote(
        self, info: Info
    ) -> Annotated[Quote, strawberry.lazy("api.quotes.types")] | None:
        row = await info.context.loaders[QuoteBySalesOrderIdLoader].load(self.record.id)
        return to_optional_node(row)

    @strawberry.field(description="The order's lines, in their position order.")
    def lines(self, info: Info) -> list[SalesOrderLine]:
        if self.preloaded is not None:  # its lines, handed over with its page (preload_lines)
            return self.preloaded
        return _lines_later(self, info)

    async def _lines(self, info: Info) -> list[SalesOrderLine]:
        rows = await info.context.loaders[SalesOrderLinesByOrderIdLoader].load(self.record.id)
        lines = [SalesOrderLine.from_model(row, currency=self.currency) for row in rows]
        if lines and selects(info, "product"):  # with the same batch: `product` awaits nothing
            await hand_over_products(info, lines)
        return lines

    @strawberry.field(description="The goods shipped for the order; oldest first by default.")
    async def shipments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ShipmentFilter | None, strawberry.argument(description="Narrows the shipments.")
        ] = None,
        order_by: Annotated[
            ShipmentOrder | None, strawberry.argument(description="Default: oldest first.")
        ] = None,
    ) -> Connection[Shipment]:
        return await nested_connection(
            info,
            ShipmentsByOrderIdLoader,
            self.record.id,
            shipment_criteria(filter),
            Shipment.from_model,
            Window(first, after, last, before, shipment_order(order_by)),
        )

    @strawberry.field(
        description="The order's invoices (§5.4), oldest first by default. ADMIN, FINANCE, "
        "SALES and READONLY only: null (with a FORBIDDEN error) for other roles."
    )
    async def invoices(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            InvoiceFilter | None, strawberry.argument(description="Narrows the invoices.")
        ] = None,
        order_by: Annotated[
            InvoiceOrder | None,
            strawberry.argument(description="Default: oldest first (by issue date)."),
        ] = None,
    ) -> Connection[Annotated[Invoice, strawberry.lazy("api.billing.types")]] | None:
        return await nested_connection(
            info,
            InvoicesBySalesOrderIdLoader,
            self.record.id,
            invoice_filter(filter),
            to_node,
            Window(first, after, last, before, invoice_order(order_by, default=("issue_date",))),
        )

    @strawberry.field(
        description="Σ line nets against Σ quantity × today's standardCost: the margin as "
        "ordered (§9). " + MARGIN_ROLES
    )
    async def margin(
        self, info: Info
    ) -> Annotated[Margin, strawberry.lazy("api.quotes.figures")] | None:
        rows = await info.context.loaders[SalesOrderLinesByOrderIdLoader].load(self.record.id)
        return await lines_margin(info, rows, self.currency)

    @strawberry.field(
        description="The margin so far (§9): revenue = the invoices' subtotals less their "
        "credit notes', cost = the cost of goods sold the shipments posted (§5.3). " + MARGIN_ROLES
    )
    async def realized_margin(
        self, info: Info
    ) -> Annotated[Margin, strawberry.lazy("api.quotes.figures")] | None:
        return await realized_margin(info, self.record.id, self.currency)


@strawberry.type(
    description="One line of a sales order: a product, its quantity and price, and how much "
    "of it is reserved, shipped and invoiced. Amounts are in the order's currency."
)
class SalesOrderLine(ModelNode):
    model_class = models.SalesOrderLine

    # The order's currency, handed down by whoever builds the line: no field awaits it.
    currency: strawberry.Private[str]

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="Order of the line in its order, from 0.")
    description: str | None = strawberry.field(
        description="Free text shown on documents; null: the product's name is used."
    )
    quantity: Decimal = strawberry.field(
        description="Ordered, in the product's unit of measure; no trailing zeros."
    )

    @strawberry.field(
        description="Per unit, in the order's currency: cents, or up to the 4 decimals it "
        "was priced with (§5.4); frozen on the line when it was created."
    )
    def unit_price(self) -> Money:
        return unit_money(self.record.unit_price, self.currency)

    discount_percent: Decimal = strawberry.field(
        description="Percent off the unit price, 0–100 (10 = 10 %); no trailing zeros."
    )
    tax_rate: Decimal = strawberry.field(
        description="Sales tax in percent (8.25 = 8.25 %); no trailing zeros."
    )

    @strawberry.field(
        description="round_half_up(quantity × unitPrice × (1 − discountPercent/100)) to the "
        "currency's minor units (§5.4)."
    )
    def net_amount(self) -> Money:
        return _money(self.record.net_amount, self.currency)

    @strawberry.field(
        description="round_half_up(netAmount × taxRate/100) to the currency's minor units (§5.4)."
    )
    def tax_amount(self) -> Money:
        return _money(self.record.tax_amount, self.currency)

    quantity_reserved: Decimal = strawberry.field(
        description="Held for the line in the MAIN warehouse since confirmation; released "
        "as it ships."
    )
    quantity_shipped: Decimal = strawberry.field(description="Shipped so far.")
    quantity_invoiced: Decimal = strawberry.field(description="Invoiced so far.")

    @strawberry.field(description="Ordered, not yet shipped and not reserved: the backorder.")
    def quantity_backordered(self) -> Decimal:
        open_quantity = self.quantity - self.quantity_shipped - self.quantity_reserved
        return plain_decimal(max(open_quantity, Decimal(0)))

    @strawberry.field(description="The product ordered.")
    def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        if self.preloaded is not None:  # the product's node (`hand_over_products`)
            return self.preloaded
        return _product_later(info, self.record.product_id)

    @strawberry.field(description="The order the line belongs to.")
    async def sales_order(self, info: Info) -> SalesOrder:
        row = await info.context.loaders[SalesOrderByIdLoader].load(self.record.order_id)
        return SalesOrder.from_model(row)

    @classmethod
    async def nodes_of_rows(cls, info: Info, rows: Sequence[Any | None]) -> list[Any | None]:
        return await lines_with_currency(info, rows)


def _lines_later(order: SalesOrder, info: Info) -> Any:
    """The order's lines through the loaders: an awaitable graphql-core awaits."""
    return order._lines(info)


def _product_later(info: Info, product_id: int) -> Any:
    """The product's node through the loader: an awaitable graphql-core awaits."""
    return _load_product(info, product_id)


async def _load_product(info: Info, product_id: int) -> Any:
    return to_node(await info.context.loaders[ProductByIdLoader].load(product_id))


async def lines_with_currency(
    info: Info, rows: Sequence[models.SalesOrderLine | None]
) -> list[SalesOrderLine | None]:
    """Line nodes built without their order at hand: the orders are loaded (one query for
    the batch) for their currency."""
    order_ids = sorted({row.order_id for row in rows if row is not None})
    orders = await info.context.loaders[SalesOrderByIdLoader].load_many(order_ids)
    currency = {order.id: order.currency for order in orders}
    return [
        None if row is None else SalesOrderLine.from_model(row, currency=currency[row.order_id])
        for row in rows
    ]


@strawberry.type(
    description="Goods that left a warehouse for one order (salesOrderShip): its lines moved "
    "stock out and posted cost of goods sold at standard cost (§5.2, §5.3)."
)
class Shipment(ModelNode):
    model_class = models.Shipment

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(description="SH-YYYY-NNNNNN: gapless per year.")
    shipped_on: date = strawberry.field(description="The day the goods left.")
    created_at: datetime = strawberry.field(description="When it was recorded.")

    @strawberry.field(description="The order shipped.")
    async def sales_order(self, info: Info) -> SalesOrder:
        row = await info.context.loaders[SalesOrderByIdLoader].load(self.record.order_id)
        return SalesOrder.from_model(row)

    @strawberry.field(description="Where the goods left from.")
    async def warehouse(
        self, info: Info
    ) -> Annotated[Warehouse, strawberry.lazy("api.inventory.types")]:
        row = await info.context.loaders[WarehouseByIdLoader].load(self.record.warehouse_id)
        return to_node(row)

    @strawberry.field(description="What was shipped, one line per order line shipped.")
    async def lines(self, info: Info) -> list[ShipmentLine]:
        rows = await info.context.loaders[ShipmentLinesByShipmentIdLoader].load(self.record.id)
        return [ShipmentLine.from_model(row) for row in rows]

    @strawberry.field(
        description="Standard cost × quantity of the goods shipped: the cost of goods sold "
        "posted, in the installation's base currency (§5.3). ADMIN, FINANCE and OPERATIONS "
        "only: null (with a FORBIDDEN error) for other roles."
    )
    def cost_total(self) -> Money | None:
        return _money(self.record.cost_total, get_settings().currency)


@strawberry.type(description="The quantity of one order line that a shipment took.")
class ShipmentLine(ModelNode):
    model_class = models.ShipmentLine

    id: strawberry.relay.NodeID[int]
    quantity: Decimal = strawberry.field(
        description="Shipped, in the product's unit of measure; no trailing zeros."
    )

    @strawberry.field(description="The order line shipped.")
    async def sales_order_line(self, info: Info) -> SalesOrderLine:
        row = await info.context.loaders[SalesOrderLineByIdLoader].load(self.record.order_line_id)
        order = await info.context.loaders[SalesOrderByIdLoader].load(row.order_id)
        return SalesOrderLine.from_model(row, currency=order.currency)

    @strawberry.field(description="The product shipped.")
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return to_node(row)

    @strawberry.field(
        description="The stock move out of the warehouse; null for a SERVICE product, which "
        "moves no stock."
    )
    async def stock_move(
        self, info: Info
    ) -> Annotated[StockMove, strawberry.lazy("api.inventory.types")] | None:
        if self.record.stock_move_id is None:
            return None
        row = await info.context.loaders.by_id(StockMoveRow).load(self.record.stock_move_id)
        return to_optional_node(row)


@strawberry.input(
    description="One line of a new or replaced order. Amounts are in the account's currency."
)
class SalesOrderLineInput:
    product_id: strawberry.ID = strawberry.field(description="The product (a Product id).")
    quantity: Decimal = strawberry.field(
        description="More than 0, in the product's unit of measure (up to 4 decimals)."
    )
    unit_price: Decimal | None = strawberry.field(
        default=None,
        description="Per unit, up to 4 decimals. Omitted: the price of §9 on the day (the "
        "account's or default price list, else the product's list price).",
    )
    discount_percent: Decimal | None = strawberry.field(
        default=None,
        description="Percent off the unit price, 0–100. Omitted: the discount of the §9 price "
        "when unitPrice is omitted too (a discount item of a price list), else 0.",
    )
    tax_rate: Decimal | None = strawberry.field(
        default=None, description="Percent; omitted: the product's tax rate."
    )
    description: str | None = strawberry.field(
        default=None, description="Free text for documents; omitted: the product's name."
    )


@strawberry.input(description="A new DRAFT order for an account (salesOrderCreate).")
class SalesOrderCreateInput(ExternalDataCreateInput):
    account_id: strawberry.ID = strawberry.field(description="The customer (an Account id).")
    lines: list[SalesOrderLineInput] = strawberry.field(
        default_factory=list, description="The lines, in order; may be empty for now."
    )
    requested_date: date | None = strawberry.field(
        default=None, description="When the customer wants the goods."
    )
    invoice_policy: InvoicePolicy = strawberry.field(
        default=models.InvoicePolicy.ON_DELIVERY,
        description="What the invoice run bills; default ON_DELIVERY.",
    )
    notes: str | None = strawberry.field(default=None, description="Free text.")


@strawberry.input(
    description="Changes to a DRAFT order (salesOrderUpdate): only the fields given change."
)
class SalesOrderUpdateInput(ExternalDataUpdateInput):
    id: strawberry.ID = strawberry.field(description="The order (a SalesOrder id).")
    account_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Another customer (an Account id)."
    )
    lines: list[SalesOrderLineInput] | None = strawberry.field(
        default=strawberry.UNSET, description="When given, replaces all the order's lines."
    )
    requested_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="When the customer wants the goods; null clears."
    )
    invoice_policy: InvoicePolicy | None = strawberry.field(
        default=strawberry.UNSET,
        description="What the invoice run bills.",
    )
    notes: str | None = strawberry.field(
        default=strawberry.UNSET, description="Free text; null clears."
    )


@strawberry.input(description="The DRAFT order to confirm (salesOrderConfirm).")
class SalesOrderConfirmInput:
    id: strawberry.ID = strawberry.field(description="The order (a SalesOrder id).")


@strawberry.input(description="The order to cancel before any shipment (salesOrderCancel).")
class SalesOrderCancelInput:
    id: strawberry.ID = strawberry.field(description="The order (a SalesOrder id).")


@strawberry.input(description="How much of one order line to ship.")
class SalesOrderShipLineInput:
    line_id: strawberry.ID = strawberry.field(description="The line (a SalesOrderLine id).")
    quantity: Decimal = strawberry.field(
        description="More than 0 and at most what is left to ship on the line."
    )
    lot_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The Lot shipped, for a lot-tracked product; default: first expiry "
        "first out, then first in first out (§15).",
    )


@strawberry.input(description="A shipment of a confirmed order (salesOrderShip).")
class SalesOrderShipInput:
    id: strawberry.ID = strawberry.field(description="The order (a SalesOrder id).")
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where the goods leave from (a Warehouse id); default MAIN."
    )
    lines: list[SalesOrderShipLineInput] = strawberry.field(
        description="The lines and quantities shipped; stock never goes below zero."
    )


@payload(
    "sales_order",
    SalesOrder,
    description="The result of salesOrderShip: the order as the shipment left it and the new "
    "shipment, or the errors that refused it.",
    key_description="The order after the shipment; null when refused.",
)
class SalesOrderShipPayload:
    sales_order: SalesOrder | None
    shipment: Shipment | None = strawberry.field(description="The new shipment; null when refused.")
    errors: list[UserError]


@payload("sales_order", SalesOrder, key_description="The new DRAFT order; null when refused.")
class SalesOrderCreatePayload: ...


@payload("sales_order", SalesOrder)
class SalesOrderUpdatePayload: ...


@payload(
    "sales_order",
    SalesOrder,
    key_description="The CONFIRMED order, credit checked and stock reserved; null when "
    "refused (CREDIT_LIMIT_EXCEEDED, INVALID_TRANSITION…).",
)
class SalesOrderConfirmPayload: ...


@payload("sales_order", SalesOrder, key_description="The CANCELLED order; null when refused.")
class SalesOrderCancelPayload: ...
