"""Sales orders and their lines (contract §5.2)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import (
    external_id_field,
    metadata_field,
    money_field,
    percent_field,
    quantity_field,
    unit_cost_field,
)


class OrderStatus(str, Enum):
    DRAFT = "DRAFT"
    CONFIRMED = "CONFIRMED"
    PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED"
    SHIPPED = "SHIPPED"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


class InvoicePolicy(str, Enum):
    ON_DELIVERY = "ON_DELIVERY"
    ON_ORDER = "ON_ORDER"


class DeliveryStatus(str, Enum):
    NOT_SHIPPED = "NOT_SHIPPED"
    PARTIAL = "PARTIAL"
    SHIPPED = "SHIPPED"


class InvoiceStatus(str, Enum):
    NOT_INVOICED = "NOT_INVOICED"
    PARTIAL = "PARTIAL"
    INVOICED = "INVOICED"


class PaymentStatus(str, Enum):
    UNPAID = "UNPAID"
    PARTIAL = "PARTIAL"
    PAID = "PAID"


class SalesOrder(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="sales_orders", on_delete=fields.RESTRICT
    )
    account_id: int
    status = fields.CharEnumField(
        OrderStatus, max_length=20, default=OrderStatus.DRAFT, db_index=True
    )
    invoice_policy = fields.CharEnumField(
        InvoicePolicy, max_length=16, default=InvoicePolicy.ON_DELIVERY
    )
    requested_date = fields.DateField(null=True)
    currency = fields.CharField(max_length=3)
    subtotal = money_field(default=0)
    tax_total = money_field(default=0)
    total = money_field(default=0)
    delivery_status = fields.CharEnumField(
        DeliveryStatus, max_length=16, default=DeliveryStatus.NOT_SHIPPED
    )
    invoice_status = fields.CharEnumField(
        InvoiceStatus, max_length=16, default=InvoiceStatus.NOT_INVOICED
    )
    payment_status = fields.CharEnumField(
        PaymentStatus, max_length=16, default=PaymentStatus.UNPAID
    )
    notes = fields.TextField(null=True)
    # The customer's own reference for the order (their PO number), given on quote accept (§9).
    customer_reference = fields.CharField(max_length=120, null=True)
    confirmed_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sales_orders"


class SalesOrderLine(Model):
    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[SalesOrder] = fields.ForeignKeyField(
        "models.SalesOrder", related_name="lines", on_delete=fields.CASCADE
    )
    order_id: int
    position = fields.IntField(default=0)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="sales_order_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    description = fields.CharField(max_length=255, null=True)
    quantity = quantity_field()
    unit_price = unit_cost_field()
    discount_percent = percent_field(default=0)
    tax_rate = percent_field(default=0)
    net_amount = money_field(default=0)
    tax_amount = money_field(default=0)
    quantity_reserved = quantity_field(default=0)
    quantity_shipped = quantity_field(default=0)
    quantity_invoiced = quantity_field(default=0)

    class Meta:
        table = "sales_order_lines"
        ordering = ["position", "id"]


class Shipment(Model):
    """Goods leaving a warehouse for one order; its lines carry the stock moves (§5.2)."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    order: fields.ForeignKeyRelation[SalesOrder] = fields.ForeignKeyField(
        "models.SalesOrder", related_name="shipments", on_delete=fields.RESTRICT
    )
    order_id: int
    warehouse: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Warehouse", related_name="shipments", on_delete=fields.RESTRICT
    )
    warehouse_id: int
    shipped_on = fields.DateField()
    cost_total = money_field(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "shipments"
        ordering = ["id"]


class ShipmentLine(Model):
    id = fields.IntField(primary_key=True)
    shipment: fields.ForeignKeyRelation[Shipment] = fields.ForeignKeyField(
        "models.Shipment", related_name="lines", on_delete=fields.RESTRICT
    )
    shipment_id: int
    order_line: fields.ForeignKeyRelation[SalesOrderLine] = fields.ForeignKeyField(
        "models.SalesOrderLine", related_name="shipment_lines", on_delete=fields.RESTRICT
    )
    order_line_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="shipment_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    quantity = quantity_field()
    # Standard cost at the time of shipping: what the COGS entry was valued at.
    unit_cost = unit_cost_field(default=0)
    # None for SERVICE products, which move no stock.
    stock_move: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.StockMove", related_name="shipment_lines", null=True, on_delete=fields.RESTRICT
    )
    stock_move_id: int | None

    class Meta:
        table = "shipment_lines"
        ordering = ["id"]
