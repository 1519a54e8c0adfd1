"""Campaigns (§13): where leads come from, and what their budget returned."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.fields import money_field


class Campaign(Model):
    id = fields.IntField(primary_key=True)
    # Unique: `POST /hooks/leads` names a campaign by its name.
    name = fields.CharField(max_length=120, unique=True)
    channel = fields.CharField(max_length=64, null=True)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True)
    # In the installation's currency; None: no budget (returnOnSpend is then null).
    budget = money_field(null=True)
    currency = fields.CharField(max_length=3)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "campaigns"
