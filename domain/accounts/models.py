"""The unified Account (CRM account and ERP customer in one row) and its contacts (§3)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import external_id_field, metadata_field, money_field


class Lifecycle(str, Enum):
    PROSPECT = "PROSPECT"
    CUSTOMER = "CUSTOMER"
    FORMER = "FORMER"


class Account(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255, db_index=True)
    lifecycle = fields.CharEnumField(Lifecycle, max_length=16, default=Lifecycle.PROSPECT)
    industry = fields.CharField(max_length=120, null=True)
    website = fields.CharField(max_length=500, null=True)
    email = fields.CharField(max_length=255, null=True, db_index=True)
    phone = fields.CharField(max_length=64, null=True)
    tier = fields.CharField(max_length=32, null=True, db_index=True)
    # The account manager (§13); SET NULL when a user row is ever deleted (users are
    # deactivated, not deleted).
    owner: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="owned_accounts", null=True, on_delete=fields.SET_NULL
    )
    owner_id: int | None
    # The free-text owner of before §13 that matched no user's email; kept, not shown.
    owner_legacy = fields.CharField(max_length=120, null=True)
    billing_address: dict | None = fields.JSONField(null=True)
    shipping_address: dict | None = fields.JSONField(null=True)
    currency = fields.CharField(max_length=3)
    payment_terms_days = fields.IntField(default=30)
    credit_limit = money_field(null=True)
    # The account's SLA for new cases (§7); None → the default policy.
    sla_policy: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.SlaPolicy", related_name="accounts", null=True, on_delete=fields.SET_NULL
    )
    sla_policy_id: int | None
    # The account's prices (§9); None → the default list of its currency, else listPrice.
    price_list: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.PriceList", related_name="accounts", null=True, on_delete=fields.SET_NULL
    )
    price_list_id: int | None
    archived_at = fields.DatetimeField(null=True)
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "accounts"


class Contact(Model):
    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="contacts", on_delete=fields.RESTRICT
    )
    account_id: int
    first_name = fields.CharField(max_length=120)
    last_name = fields.CharField(max_length=120)
    email = fields.CharField(max_length=255, null=True, db_index=True)
    phone = fields.CharField(max_length=64, null=True)
    title = fields.CharField(max_length=120, null=True)
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contacts"
