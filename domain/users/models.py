"""Users: the people of the company, to whom API tokens (and later records) belong (§13)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.auth.models import Role


class User(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120)
    # Stored lower-case, so uniqueness ignores case.
    email = fields.CharField(max_length=255, unique=True)
    role = fields.CharEnumField(Role, max_length=16)
    # A deactivated user's tokens stop working; the row stays, for what refers to it.
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "users"
