"""Exchange rates (§12): 1 unit of a currency = `rate` units of the base currency from `date` on."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.fields import exchange_rate_field


class ExchangeRate(Model):
    id = fields.IntField(primary_key=True)
    currency = fields.CharField(max_length=3)
    date = fields.DateField()
    rate = exchange_rate_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "exchange_rates"
        # One rate a currency a day: setting it again replaces it.
        unique_together = (("currency", "date"),)
        ordering = ["currency", "-date"]
