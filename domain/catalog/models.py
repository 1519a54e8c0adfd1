"""Products: what is sold, stocked, bought and made (contract §5.1)."""

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


class ProductKind(str, Enum):
    STOCKED = "STOCKED"
    SERVICE = "SERVICE"


class Procurement(str, Enum):
    BUY = "BUY"
    MAKE = "MAKE"


class Tracking(str, Enum):
    """How a product's stock is told apart (§15): not at all, by lot, or unit by unit."""

    NONE = "NONE"
    LOT = "LOT"
    SERIAL = "SERIAL"


class Product(Model):
    id = fields.IntField(primary_key=True)
    sku = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=255)
    kind = fields.CharEnumField(ProductKind, max_length=16, default=ProductKind.STOCKED)
    procurement = fields.CharEnumField(Procurement, max_length=8, default=Procurement.BUY)
    tracking = fields.CharEnumField(Tracking, max_length=8, default=Tracking.NONE)
    uom = fields.CharField(max_length=16, default="EA")
    list_price = money_field(default=0)
    standard_cost = unit_cost_field(default=0)
    tax_rate = percent_field(default=0)
    lead_time_days = fields.IntField(default=0)
    safety_stock = quantity_field(default=0)
    min_order_quantity = quantity_field(default=0)
    order_multiple = quantity_field(default=0)
    archived_at = fields.DatetimeField(null=True)
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "products"
