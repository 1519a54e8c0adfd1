"""The figures §9 puts on the CRM's objects: a deal's fulfilment and the margins of deals,
quotes and orders. Their types live here, apart from any area's types module, so the pipeline
and order types return them without importing each other."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from api.catalog.loaders import ProductByIdLoader
from api.orders.enums import (
    SalesOrderDeliveryStatus,
    SalesOrderInvoiceStatus,
    SalesOrderPaymentStatus,
)
from api.quotes.loaders import (
    FulfillmentByOpportunityIdLoader,
    RealizedMarginBySalesOrderIdLoader,
)
from api.scalars import Money, money, plain_decimal
from domain.fulfillment import margin as margins

MARGIN_ROLES = "ADMIN, FINANCE and OPERATIONS only: null (with a FORBIDDEN error) for other roles."


@strawberry.type(
    description="Revenue against cost (§9), in the document's currency. Readable by ADMIN, "
    "FINANCE and OPERATIONS only."
)
class Margin:
    revenue: Money = strawberry.field(description="Σ line net amounts (before tax), to the cent.")
    cost: Money = strawberry.field(
        description="Σ quantity × the product's standardCost, rounded half-up to cents once "
        "(realized: the cost of goods sold shipping posted)."
    )
    margin: Money = strawberry.field(description="revenue − cost.")
    percent: Decimal | None = strawberry.field(
        description="margin / revenue × 100, half-up to 2 decimals, no padding zeros; null "
        "without revenue."
    )


def margin_of(figures: margins.Margin, currency: str) -> Margin:
    return Margin(
        revenue=money(figures.revenue, currency),
        cost=money(figures.cost, currency),
        margin=money(figures.margin, currency),
        percent=None if figures.percent is None else plain_decimal(figures.percent),
    )


async def lines_margin(info: Info, lines: Sequence[Any], currency: str) -> Margin:
    """The planned margin of document lines (quantity, net amount, product) at today's
    standard costs; the products come from the request's product loader."""
    products = await info.context.loaders[ProductByIdLoader].load_many(
        sorted({line.product_id for line in lines})
    )
    cost = {product.id: Decimal(product.standard_cost) for product in products}
    return margin_of(
        margins.planned_margin(
            (Decimal(line.quantity), Decimal(line.net_amount), cost[line.product_id])
            for line in lines
        ),
        currency,
    )


async def realized_margin(info: Info, order_id: int, currency: str) -> Margin:
    row = await info.context.loaders[RealizedMarginBySalesOrderIdLoader].load(order_id)
    return margin_of(row, currency)


@strawberry.type(
    description="What a won deal's sales order has done (§9), kept in step with the order in "
    "the transaction of each shipment, invoice, payment and credit note; amounts in the "
    "deal's currency, tax included."
)
class OpportunityFulfillment:
    delivery_status: SalesOrderDeliveryStatus = strawberry.field(
        description="The order's deliveryStatus."
    )
    invoice_status: SalesOrderInvoiceStatus = strawberry.field(
        description="The order's invoiceStatus."
    )
    payment_status: SalesOrderPaymentStatus = strawberry.field(
        description="The order's paymentStatus."
    )
    shipped_amount: Money = strawberry.field(
        description="Σ over the order's lines of the shipped quantity at the line's price, "
        "net + tax, each rounded half-up to cents (§5.4) as its invoice would be."
    )
    invoiced_amount: Money = strawberry.field(
        description="Σ total of the order's invoices (credit notes not subtracted)."
    )
    paid_amount: Money = strawberry.field(description="Σ amount paid on the order's invoices.")
    promised_date: date | None = strawberry.field(
        description="When the goods were promised at the win: the latest promise date of the "
        "accepted quote's lines (§9 availability), else the order's requested date."
    )


async def opportunity_fulfillment(
    info: Info, opportunity_id: int, currency: str
) -> OpportunityFulfillment | None:
    row = await info.context.loaders[FulfillmentByOpportunityIdLoader].load(opportunity_id)
    if row is None:
        return None
    return OpportunityFulfillment(
        delivery_status=SalesOrderDeliveryStatus(row.delivery_status),
        invoice_status=SalesOrderInvoiceStatus(row.invoice_status),
        payment_status=SalesOrderPaymentStatus(row.payment_status),
        shipped_amount=money(row.shipped_amount, currency),
        invoiced_amount=money(row.invoiced_amount, currency),
        paid_amount=money(row.paid_amount, currency),
        promised_date=row.promised_date,
    )
