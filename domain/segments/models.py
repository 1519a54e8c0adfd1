"""Saved segments of accounts: a name and rules, the members evaluated when read (§13)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Segment(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120, unique=True)
    # The rules as `domain.segments.rules.stored_rules` writes them (JSON of the rule names,
    # decimals and dates as strings): read whole, never queried by their content.
    rules: dict = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "segments"
