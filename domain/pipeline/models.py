"""Leads, opportunities and their lines (contract §4.1)."""

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
from domain.pipeline.stages import OpportunityStatus, Stage

__all__ = ["Lead", "LeadStatus", "Opportunity", "OpportunityLine", "OpportunityStatus", "Stage"]


class LeadStatus(str, Enum):
    NEW = "NEW"
    QUALIFIED = "QUALIFIED"
    DISQUALIFIED = "DISQUALIFIED"
    CONVERTED = "CONVERTED"


class Lead(Model):
    id = fields.IntField(primary_key=True)
    company_name = fields.CharField(max_length=255)
    contact_name = fields.CharField(max_length=255)
    email = fields.CharField(max_length=255, null=True, db_index=True)
    phone = fields.CharField(max_length=64, null=True)
    source = fields.CharField(max_length=120, null=True)
    status = fields.CharEnumField(LeadStatus, max_length=16, default=LeadStatus.NEW, db_index=True)
    # Who works the lead (§13).
    owner: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="owned_leads", null=True, on_delete=fields.SET_NULL
    )
    owner_id: int | None
    # The campaign that brought the lead (§13).
    campaign: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Campaign", related_name="leads", null=True, on_delete=fields.SET_NULL
    )
    campaign_id: int | None
    converted_account: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Account", related_name="converted_leads", null=True, on_delete=fields.SET_NULL
    )
    converted_account_id: int | None
    converted_contact: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Contact", related_name="converted_leads", null=True, on_delete=fields.SET_NULL
    )
    converted_contact_id: int | None
    converted_opportunity: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Opportunity", related_name="converted_leads", null=True, on_delete=fields.SET_NULL
    )
    converted_opportunity_id: int | None
    converted_at = fields.DatetimeField(null=True)
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "leads"


class Opportunity(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="opportunities", on_delete=fields.RESTRICT
    )
    account_id: int
    stage = fields.CharEnumField(Stage, max_length=16, default=Stage.PROSPECTING, db_index=True)
    # An integer percent keeps the forecast's weighted cents exact in SQL on both dialects.
    probability = fields.SmallIntField(default=10)
    status = fields.CharEnumField(
        OpportunityStatus, max_length=8, default=OpportunityStatus.OPEN, db_index=True
    )
    amount = money_field(default=0)
    currency = fields.CharField(max_length=3)
    expected_close_date = fields.DateField(null=True, db_index=True)
    # Who works the deal (§13).
    owner: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="owned_opportunities", null=True, on_delete=fields.SET_NULL
    )
    owner_id: int | None
    # The free-text owner of before §13 that matched no user's email; kept, not shown.
    owner_legacy = fields.CharField(max_length=120, null=True)
    # The campaign the deal came from: its lead's, on conversion (§13).
    campaign: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Campaign", related_name="opportunities", null=True, on_delete=fields.SET_NULL
    )
    campaign_id: int | None
    lost_reason = fields.CharField(max_length=500, null=True)
    closed_at = fields.DatetimeField(null=True)
    # Unique: the last defence against two concurrent hand-overs creating two orders.
    sales_order: fields.OneToOneNullableRelation = fields.OneToOneField(
        "models.SalesOrder", related_name="opportunity", null=True, on_delete=fields.SET_NULL
    )
    sales_order_id: int | None
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "opportunities"


class OpportunityLine(Model):
    id = fields.IntField(primary_key=True)
    opportunity: fields.ForeignKeyRelation[Opportunity] = fields.ForeignKeyField(
        "models.Opportunity", related_name="lines", on_delete=fields.CASCADE
    )
    opportunity_id: int
    position = fields.IntField(default=0)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="opportunity_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    description = fields.CharField(max_length=255, null=True)
    quantity = quantity_field()
    unit_price = unit_cost_field()
    discount_percent = percent_field(default=0)
    net_amount = money_field(default=0)

    class Meta:
        table = "opportunity_lines"
        ordering = ["position", "id"]
