"""Dataloaders of the webhooks area."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

WebhookSubscriptionByIdLoader = by_id_loader(WebhookSubscription)
WebhookDeliveryByIdLoader = by_id_loader(WebhookDelivery)


class WebhookAttemptsByDeliveryIdLoader(ManyByKeyLoader):
    model = WebhookAttempt
    key = "delivery_id"
    order_by = ("number",)
