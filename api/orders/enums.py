"""GraphQL enums of sales orders (§5.2): the domain's enums under their schema names, described."""

from __future__ import annotations

from api.scalars import described_enum
from domain.orders import models

SalesOrderStatus = models.OrderStatus
described_enum(
    SalesOrderStatus,
    name="SalesOrderStatus",
    description="Where an order is in its life (§5.2): it moves only along DRAFT → CONFIRMED → "
    "PARTIALLY_SHIPPED → SHIPPED → CLOSED, or to CANCELLED before any shipment.",
    values={
        "DRAFT": "Being prepared: editable with salesOrderUpdate; reserves no stock.",
        "CONFIRMED": "Accepted by salesOrderConfirm: credit checked, available stock reserved; "
        "nothing shipped yet.",
        "PARTIALLY_SHIPPED": "Part of the ordered quantity has shipped.",
        "SHIPPED": "Every line has shipped in full; invoicing or payment may still be open.",
        "CLOSED": "Fully shipped, invoiced and paid (set automatically).",
        "CANCELLED": "Cancelled by salesOrderCancel before any shipment; its reservations "
        "were released.",
    },
)

InvoicePolicy = models.InvoicePolicy
described_enum(
    InvoicePolicy,
    name="InvoicePolicy",
    description="What the invoice run bills of a confirmed order (§5.4).",
    values={
        "ON_DELIVERY": "What has shipped and is not invoiced yet (shipped − invoiced).",
        "ON_ORDER": "The ordered quantity not invoiced yet (ordered − invoiced), shipped or not.",
    },
)

SalesOrderDeliveryStatus = models.DeliveryStatus
described_enum(
    SalesOrderDeliveryStatus,
    name="SalesOrderDeliveryStatus",
    description="How much of an order has shipped, by quantities over all its lines.",
    values={
        "NOT_SHIPPED": "Nothing has shipped.",
        "PARTIAL": "Some quantity has shipped, not all.",
        "SHIPPED": "Every line has shipped its full quantity.",
    },
)

SalesOrderInvoiceStatus = models.InvoiceStatus
described_enum(
    SalesOrderInvoiceStatus,
    name="SalesOrderInvoiceStatus",
    description="How much of an order is invoiced, by quantities (not amounts: an order's "
    "invoices may differ from its total by rounding cents, §5.4).",
    values={
        "NOT_INVOICED": "No quantity is invoiced.",
        "PARTIAL": "Some quantity is invoiced, not all that was ordered.",
        "INVOICED": "Every line's ordered quantity is invoiced.",
    },
)

SalesOrderPaymentStatus = models.PaymentStatus
described_enum(
    SalesOrderPaymentStatus,
    name="SalesOrderPaymentStatus",
    description="How much of an order's invoices is paid.",
    values={
        "UNPAID": "No invoice of the order has received a payment.",
        "PARTIAL": "Some payment was applied, but something is still due or not yet invoiced.",
        "PAID": "Fully invoiced and nothing is due on any of its invoices.",
    },
)
