"""Blind cycle counts (§15): a count snapshots the system quantity of a warehouse's products,
the counters record what they find, and posting books the variance."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import money_field, quantity_field


class StockCountStatus(str, Enum):
    COUNTING = "COUNTING"
    POSTED = "POSTED"
    CANCELLED = "CANCELLED"


class StockCount(Model):
    """One count of one warehouse; at most one is COUNTING per warehouse (checked under the
    warehouse's row lock)."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    warehouse: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Warehouse", related_name="stock_counts", on_delete=fields.RESTRICT
    )
    warehouse_id: int
    status = fields.CharEnumField(
        StockCountStatus, max_length=16, default=StockCountStatus.COUNTING
    )
    # Σ |variance × standard cost| when posted.
    variance_value = money_field(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    posted_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "stock_counts"


class StockCountLine(Model):
    """One product of a count: the system quantity at the snapshot (with the last stock move
    it included), what was counted, and the variance posted."""

    id = fields.IntField(primary_key=True)
    count: fields.ForeignKeyRelation[StockCount] = fields.ForeignKeyField(
        "models.StockCount", related_name="lines", on_delete=fields.CASCADE
    )
    count_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="stock_count_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    # The lot counted, for a lot-tracked product: its lines are one per lot (§15).
    lot: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Lot", related_name="stock_count_lines", null=True, on_delete=fields.RESTRICT
    )
    lot_id: int | None
    expected_quantity = quantity_field()
    # The highest stock move id the snapshot included (0: none): later moves of the product
    # in the warehouse are the "net moves since the snapshot".
    snapshot_move_id = fields.IntField(default=0)
    counted_quantity = quantity_field(null=True)
    variance = quantity_field(null=True)
    stock_move_id = fields.IntField(null=True)

    class Meta:
        table = "stock_count_lines"
        unique_together = (("count", "product", "lot"),)
