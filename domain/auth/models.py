"""API tokens: opaque, stored hashed, revocable."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model


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
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_tokens"
