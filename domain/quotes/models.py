"""Quotes and their lines: versioned offers made from an opportunity (contract §9)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import money_field, percent_field, quantity_field, unit_cost_field


class QuoteStatus(str, Enum):
    DRAFT = "DRAFT"
    SENT = "SENT"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"
    SUPERSEDED = "SUPERSEDED"


# Versions that may still be sent or accepted; accepting one supersedes the others (§9).
OPEN_QUOTE_STATUSES = (QuoteStatus.DRAFT, QuoteStatus.SENT)


class QuotePriceSource(str, Enum):
    """Where a line's unit price came from: the three answers of the price rule (§9), a
    price given with the line, or the opportunity line the quote copied."""

    ACCOUNT_PRICE_LIST = "ACCOUNT_PRICE_LIST"
    DEFAULT_PRICE_LIST = "DEFAULT_PRICE_LIST"
    LIST_PRICE = "LIST_PRICE"
    MANUAL = "MANUAL"
    OPPORTUNITY_LINE = "OPPORTUNITY_LINE"


class Quote(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    version = fields.IntField()
    opportunity: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Opportunity", related_name="quotes", on_delete=fields.RESTRICT
    )
    opportunity_id: int
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="quotes", on_delete=fields.RESTRICT
    )
    account_id: int
    status = fields.CharEnumField(QuoteStatus, max_length=12, default=QuoteStatus.DRAFT)
    valid_until = fields.DateField()
    requested_date = fields.DateField()
    currency = fields.CharField(max_length=3)
    customer_reference = fields.CharField(max_length=120, null=True)
    subtotal = money_field(default=0)
    tax_total = money_field(default=0)
    total = money_field(default=0)
    # Unique: the order made on accept belongs to this one quote (the sales order carries no
    # reference back, which would close a cycle of foreign keys through the opportunity).
    sales_order: fields.OneToOneNullableRelation = fields.OneToOneField(
        "models.SalesOrder", related_name="quote", null=True, on_delete=fields.SET_NULL
    )
    sales_order_id: int | None
    reject_reason = fields.CharField(max_length=500, null=True)
    sent_at = fields.DatetimeField(null=True)
    accepted_at = fields.DatetimeField(null=True)
    rejected_at = fields.DatetimeField(null=True)
    expired_at = fields.DatetimeField(null=True)
    superseded_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "quotes"
        # Two creations racing for the same version: one fails instead of both existing.
        unique_together = (("opportunity", "version"),)
        # The expiry scan: SENT quotes past their validity.
        indexes = (("status", "valid_until"),)


class QuoteLine(Model):
    id = fields.IntField(primary_key=True)
    quote: fields.ForeignKeyRelation[Quote] = fields.ForeignKeyField(
        "models.Quote", related_name="lines", on_delete=fields.CASCADE
    )
    quote_id: int
    position = fields.IntField(default=0)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="quote_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    description = fields.CharField(max_length=255, null=True)
    quantity = quantity_field()
    unit_price = unit_cost_field()
    discount_percent = percent_field(default=0)
    tax_rate = percent_field(default=0)
    net_amount = money_field(default=0)
    tax_amount = money_field(default=0)
    price_source = fields.CharEnumField(QuotePriceSource, max_length=20)

    class Meta:
        table = "quote_lines"
        ordering = ["position", "id"]
