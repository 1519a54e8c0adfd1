"""Webhook subscription use cases: create, update, pause, resume, delete, retry a delivery."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.querying import filter_given
from domain.settings import get_settings
from domain.validation import Checks, optional_text
from domain.webhooks.addresses import parse_url, public_addresses
from domain.webhooks.event_types import clean_patterns
from domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from domain.webhooks.signing import generate_secret

EVENT_ID_PREFIX = "evt_"


@dataclass(frozen=True)
class CreatedSubscription:
    subscription: WebhookSubscription
    secret: str


async def check_url(url: str | None, field: str = "url") -> str:
    """The URL, stripped, once it is http(s) and (unless private delivery is allowed)
    resolves only to public addresses. Resolves DNS: call outside any transaction."""
    target = parse_url(url, field)
    if not get_settings().webhook_allow_private:
        await public_addresses(target, field)
    return (url or "").strip()


async def get_subscription(subscription_id: int, *, field: str = "id") -> WebhookSubscription:
    subscription = await WebhookSubscription.get_or_none(id=subscription_id)
    if subscription is None:
        raise not_found("WebhookSubscription", subscription_id, field)
    return subscription


async def create_subscription(
    url: str | None, event_types: list[str] | None, description: str | None = None
) -> CreatedSubscription:
    checks = Checks()
    patterns = checks(clean_patterns, event_types)
    text = checks(optional_text, description, "description", 1000, multiline=True)
    with checks.collecting():
        clean_url = await check_url(url)
    checks.raise_if_any()
    secret = generate_secret()
    subscription = await WebhookSubscription.create(
        url=clean_url, event_types=patterns, description=text, secret=secret
    )
    return CreatedSubscription(subscription, secret)


async def update_subscription(
    subscription_id: int, changes: Mapping[str, Any]
) -> WebhookSubscription:
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "url":
            with checks.collecting():
                clean[key] = await check_url(value)
        elif key == "event_types":
            clean[key] = checks(clean_patterns, value)
        elif key == "description":
            clean[key] = checks(optional_text, value, key, 1000, multiline=True)
        else:
            checks.add(DomainError(ErrorCode.INVALID, f"Unknown field {key}.", key))
    checks.raise_if_any()
    async with in_transaction():
        subscription = await WebhookSubscription.select_for_update().get_or_none(id=subscription_id)
        if subscription is None:
            raise not_found("WebhookSubscription", subscription_id, "id")
        changed = {k: v for k, v in clean.items() if getattr(subscription, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(subscription, key, value)
            await subscription.save(update_fields=[*changed, "updated_at"])
    return subscription


async def set_subscription_active(
    subscription_id: int, active: bool, reason: str | None = None
) -> WebhookSubscription:
    """Pausing stops new deliveries; resuming clears why it was disabled."""
    async with in_transaction():
        subscription = await WebhookSubscription.select_for_update().get_or_none(id=subscription_id)
        if subscription is None:
            raise not_found("WebhookSubscription", subscription_id, "id")
        if subscription.active == active:
            state = "active" if active else "paused"
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, f"The subscription is already {state}.", "id"
            )
        subscription.active = active
        subscription.disabled_reason = None if active else reason
        await subscription.save(update_fields=["active", "disabled_reason", "updated_at"])
    return subscription


async def delete_subscription(subscription_id: int) -> WebhookSubscription:
    """Deletes the subscription with its deliveries; queued attempts then find nothing."""
    async with in_transaction():
        subscription = await get_subscription(subscription_id)
        await subscription.delete()
    return subscription


async def get_delivery(delivery_id: int, *, field: str = "id") -> WebhookDelivery:
    delivery = await WebhookDelivery.get_or_none(id=delivery_id)
    if delivery is None:
        raise not_found("WebhookDelivery", delivery_id, field)
    return delivery


async def retry_delivery(delivery_id: int) -> WebhookDelivery:
    """Puts a FAILED delivery back to PENDING, due now, with a fresh retry schedule.

    The caller enqueues attempt `attempt_count + 1` after this commits."""
    async with in_transaction():
        delivery = await WebhookDelivery.select_for_update().get_or_none(id=delivery_id)
        if delivery is None:
            raise not_found("WebhookDelivery", delivery_id, "id")
        if delivery.status != DeliveryStatus.FAILED:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"Only a FAILED delivery can be retried; this one is {delivery.status.value}.",
                "id",
            )
        subscription = await WebhookSubscription.get(id=delivery.subscription_id)
        if not subscription.active:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                "The subscription is paused; resume it before retrying its deliveries.",
                "id",
            )
        delivery.status = DeliveryStatus.PENDING
        delivery.schedule_start = delivery.attempt_count + 1
        delivery.next_attempt_at = utcnow()
        delivery.leased_at = None
        delivery.leased_attempt = None
        await delivery.save(
            update_fields=[
                "status",
                "schedule_start",
                "next_attempt_at",
                "leased_at",
                "leased_attempt",
                "updated_at",
            ]
        )
    return delivery


def parse_event_id(value: str, field: str = "event_id") -> uuid.UUID:
    """The uuid inside a public event id (`evt_<hex>`, the `webhook-id`)."""
    raw = value.strip()
    hex_part = raw.removeprefix(EVENT_ID_PREFIX)
    try:
        if raw == hex_part or len(hex_part) != 32:
            raise ValueError
        return uuid.UUID(hex=hex_part)
    except ValueError:
        raise DomainError(ErrorCode.NOT_FOUND, f"{value!r} is not an event id.", field) from None


@dataclass(frozen=True)
class DeliveryFilter:
    subscription_id: int | None = None
    event_uid: uuid.UUID | None = None
    status: DeliveryStatus | None = None


def list_subscriptions(active: bool | None = None) -> QuerySet[WebhookSubscription]:
    qs = WebhookSubscription.all()
    return qs if active is None else qs.filter(active=active)


def list_deliveries(flt: DeliveryFilter | None = None) -> QuerySet[WebhookDelivery]:
    flt = flt or DeliveryFilter()
    qs = WebhookDelivery.all()
    qs = filter_given(
        qs,
        subscription_id=flt.subscription_id,
        event__uid=flt.event_uid,
        status=flt.status,
    )
    return qs
