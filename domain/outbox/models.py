"""The outbox: one row per domain event, written in the transaction of its change."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class Event(Model):
    id = fields.BigIntField(primary_key=True)
    # The public id: the Standard Webhooks `webhook-id`, stable across retries.
    uid = fields.UUIDField(unique=True, default=uuid.uuid4)
    type = fields.CharField(max_length=64, db_index=True)
    payload: dict = fields.JSONField()
    occurred_at = fields.DatetimeField(db_index=True)
    dispatched_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "events"
        ordering = ["id"]

    @property
    def public_id(self) -> str:
        return f"evt_{self.uid.hex}"
