"""Price lists and their items: customer and default prices with quantity breaks (§9)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.fields import percent_field, quantity_field, unit_cost_field


class PriceList(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255, db_index=True)
    currency = fields.CharField(max_length=3)
    # The currency a default list is the default of, else NULL: unique, so two default lists
    # of one currency cannot both be stored, whatever two transactions do at once (§9).
    default_for = fields.CharField(max_length=3, null=True, unique=True)
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    @property
    def is_default(self) -> bool:
        return self.default_for is not None

    class Meta:
        table = "price_lists"


class PriceListItem(Model):
    id = fields.IntField(primary_key=True)
    price_list: fields.ForeignKeyRelation[PriceList] = fields.ForeignKeyField(
        "models.PriceList", related_name="items", on_delete=fields.CASCADE
    )
    price_list_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="price_list_items", on_delete=fields.RESTRICT
    )
    product_id: int
    min_quantity = quantity_field()
    # Exactly one of the two is set: a price of its own, or a discount off the list price.
    unit_price = unit_cost_field(null=True)
    discount_percent = percent_field(null=True)

    class Meta:
        table = "price_list_items"
        unique_together = (("price_list", "product", "min_quantity"),)
