"""Warehouses, immutable stock moves and the per-warehouse stock levels they sum to (§5.1)."""

from __future__ import annotations

from decimal import Decimal

from tortoise import fields
from tortoise.models import Model

from domain.fields import quantity_field


class Warehouse(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=255)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "warehouses"
        ordering = ["code"]


class StockMove(Model):
    """One signed change of on-hand stock; never updated or deleted (db_guards refuse it)."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="stock_moves", on_delete=fields.RESTRICT
    )
    product_id: int
    warehouse: fields.ForeignKeyRelation[Warehouse] = fields.ForeignKeyField(
        "models.Warehouse", related_name="stock_moves", on_delete=fields.RESTRICT
    )
    warehouse_id: int
    quantity = quantity_field()
    # The lot moved, for a product tracked by lot or serial (§15).
    lot: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Lot", related_name="stock_moves", null=True, on_delete=fields.RESTRICT
    )
    lot_id: int | None
    reason = fields.CharField(max_length=255)
    # What caused the move: ADJUSTMENT, SHIPMENT, PO_RECEIPT, WORK_ORDER, …
    source = fields.CharField(max_length=32, db_index=True)
    # The business document behind it, e.g. "SO-2026-000001".
    reference = fields.CharField(max_length=64, null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "stock_moves"


class StockLevel(Model):
    """On hand (= Σ moves) and reserved quantity of one product in one warehouse; updated
    only under a row lock (`domain.inventory.services`)."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="stock_levels", on_delete=fields.RESTRICT
    )
    product_id: int
    warehouse: fields.ForeignKeyRelation[Warehouse] = fields.ForeignKeyField(
        "models.Warehouse", related_name="stock_levels", on_delete=fields.RESTRICT
    )
    warehouse_id: int
    on_hand = quantity_field(default=0)
    reserved = quantity_field(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "stock_levels"
        unique_together = (("product", "warehouse"),)

    @property
    def available(self) -> Decimal:
        return Decimal(self.on_hand) - Decimal(self.reserved)
