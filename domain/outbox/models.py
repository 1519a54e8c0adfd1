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
    # The audit trail: what the event is about (its type's prefix, `sales_order`, and the
    # payload's `id`) and who did it (the token and its user; None for schedules).
    subject_type = fields.CharField(max_length=32, null=True)
    subject_id = fields.BigIntField(null=True)
    actor_token_id = fields.IntField(null=True, db_index=True)
    actor_user_id = fields.IntField(null=True, db_index=True)

    class Meta:
        table = "events"
        ordering = ["id"]
        indexes = (("subject_type", "subject_id"),)

    @property
    def public_id(self) -> str:
        return f"evt_{self.uid.hex}"
