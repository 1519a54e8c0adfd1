"""Dataloaders of the webhooks area."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.outbox.models import Event
from domain.webhooks import services
from domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookSubscription,
)

EventByIdLoader = by_id_loader(Event)
WebhookSubscriptionByIdLoader = by_id_loader(WebhookSubscription)


class WebhookAttemptsByDeliveryIdLoader(ManyByKeyLoader):
    model = WebhookAttempt
    key = "delivery_id"
    order_by = ("number",)


class DeliveriesBySubscriptionIdLoader(PagesByKeyLoader):
    """WebhookSubscription.deliveries of many subscriptions; the filter is a status or None."""

    key = "subscription_id"

    def rows(self, flt: Hashable) -> QuerySet[Any]:
        status = flt if isinstance(flt, DeliveryStatus) else None
        return services.list_deliveries(services.DeliveryFilter(status=status))
