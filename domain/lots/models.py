"""Lots and serial numbers (§15): a product's stock told apart by lot, each lot's on-hand per
warehouse kept under its stock level's row lock."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.fields import quantity_field


class Lot(Model):
    """One lot (or, for a SERIAL product, one unit) of a product, created by the first move
    that brings it in."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="lots", on_delete=fields.RESTRICT
    )
    product_id: int
    code = fields.CharField(max_length=64)
    expires_at = fields.DateField(null=True)
    # When lotRecall last fired for it.
    recalled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "lots"
        unique_together = (("product", "code"),)


class LotStock(Model):
    """On hand of one lot in one warehouse (= Σ its moves there); updated only while the
    product's stock level in that warehouse is row-locked."""

    id = fields.IntField(primary_key=True)
    lot: fields.ForeignKeyRelation[Lot] = fields.ForeignKeyField(
        "models.Lot", related_name="stocks", on_delete=fields.RESTRICT
    )
    lot_id: int
    warehouse: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Warehouse", related_name="lot_stocks", on_delete=fields.RESTRICT
    )
    warehouse_id: int
    on_hand = quantity_field(default=0)

    class Meta:
        table = "lot_stocks"
        unique_together = (("lot", "warehouse"),)
