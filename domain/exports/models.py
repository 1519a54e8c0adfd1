"""An export (§14): the file an EXPORT run wrote under the var dir, and who may fetch it."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class DataExport(Model):
    id = fields.IntField(primary_key=True)
    job_run_id = fields.IntField(unique=True)
    # The secret part of `/exports/<token>`.
    token = fields.CharField(max_length=64, unique=True)
    # Only the bearer of this API token gets the file.
    api_token_id = fields.IntField(null=True)
    kind = fields.CharField(max_length=16)
    format = fields.CharField(max_length=8)
    file_name = fields.CharField(max_length=200)
    rows = fields.IntField(default=0)
    expires_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "data_exports"
