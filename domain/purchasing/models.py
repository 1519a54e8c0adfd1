"""Purchase orders to suppliers and their lines (contract §5.1)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import external_id_field, metadata_field, quantity_field, unit_cost_field


class PurchaseOrderStatus(str, Enum):
    OPEN = "OPEN"
    RECEIVED = "RECEIVED"
    CANCELLED = "CANCELLED"


class PurchaseOrder(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    supplier: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="purchase_orders", on_delete=fields.RESTRICT
    )
    supplier_id: int
    status = fields.CharEnumField(
        PurchaseOrderStatus, max_length=16, default=PurchaseOrderStatus.OPEN, db_index=True
    )
    currency = fields.CharField(max_length=3)
    notes = fields.TextField(null=True)
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    received_at = fields.DatetimeField(null=True)

    class Meta:
        table = "purchase_orders"


class PurchaseOrderLine(Model):
    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[PurchaseOrder] = fields.ForeignKeyField(
        "models.PurchaseOrder", related_name="lines", on_delete=fields.CASCADE
    )
    order_id: int
    position = fields.IntField(default=0)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="purchase_order_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    quantity = quantity_field()
    quantity_received = quantity_field(default=0)
    unit_cost = unit_cost_field()
    expected_date = fields.DateField(db_index=True)

    class Meta:
        table = "purchase_order_lines"
        ordering = ["position", "id"]
