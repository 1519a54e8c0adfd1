"""API tokens: opaque, stored hashed, revocable, optionally expiring, and belonging to a User
when issued for one (§2 Auth)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from domain.users.models import User


class Role(str, Enum):
    ADMIN = "ADMIN"
    SALES = "SALES"
    SERVICE = "SERVICE"
    FINANCE = "FINANCE"
    OPERATIONS = "OPERATIONS"
    READONLY = "READONLY"
    INTEGRATION = "INTEGRATION"


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120)
    role = fields.CharEnumField(Role, max_length=16)
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=12)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", null=True, on_delete=fields.RESTRICT
    )
    user_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    # Written at most once a minute per token (domain.auth.services.authenticate).
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_tokens"
