"""Gapless document number counters, one row per series and year."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class NumberSequence(Model):
    id = fields.IntField(primary_key=True)
    series = fields.CharField(max_length=16)
    # 0 for series that do not restart each year.
    year = fields.IntField(default=0)
    last_value = fields.IntField(default=0)

    class Meta:
        table = "number_sequences"
        unique_together = (("series", "year"),)
