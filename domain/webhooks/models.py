"""Webhook subscriptions, one delivery per (event, subscription), and every attempt made."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model


class DeliveryStatus(str, Enum):
    PENDING = "PENDING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


class WebhookSubscription(Model):
    id = fields.IntField(primary_key=True)
    url = fields.CharField(max_length=2048)
    # Exact types ("invoice.posted") and wildcards ("invoice.*", "*").
    event_types: list = fields.JSONField(default=list)
    description = fields.TextField(null=True)
    # The Standard Webhooks signing secret ("whsec_" + base64); shown once, kept to sign.
    secret = fields.CharField(max_length=128)
    active = fields.BooleanField(default=True, db_index=True)
    disabled_reason = fields.CharField(max_length=255, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook_subscriptions"


class WebhookDelivery(Model):
    id = fields.BigIntField(primary_key=True)
    event: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Event", related_name="webhook_deliveries", on_delete=fields.CASCADE
    )
    subscription: fields.ForeignKeyRelation[WebhookSubscription] = fields.ForeignKeyField(
        "models.WebhookSubscription", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id: int
    subscription_id: int
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempt_count = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    # The attempt number where the current retry schedule began (a manual retry restarts it).
    schedule_start = fields.IntField(default=1)
    # Lease of the attempt being sent, so a worker killed mid-request can be taken over.
    leased_attempt = fields.IntField(null=True)
    leased_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook_deliveries"
        unique_together = (("event", "subscription"),)
        indexes = (("status", "next_attempt_at"),)


class WebhookAttempt(Model):
    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[WebhookDelivery] = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempts", on_delete=fields.CASCADE
    )
    delivery_id: int
    number = fields.IntField()
    at = fields.DatetimeField()
    response_status = fields.IntField(null=True)
    duration_ms = fields.IntField()
    error = fields.TextField(null=True)
    # When the following attempt was scheduled; None after the last one.
    next_attempt_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_attempts"
        unique_together = (("delivery", "number"),)
        ordering = ["number"]
