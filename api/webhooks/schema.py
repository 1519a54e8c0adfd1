"""Queries and mutations of webhook subscriptions and deliveries (ADMIN, INTEGRATION)."""

from __future__ import annotations

import logging

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import payload_type, perform, user_errors
from api.inputs import provided
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from api.webhooks.types import (
    WebhookDelivery,
    WebhookDeliveryFilter,
    WebhookDeliveryOrder,
    WebhookDeliveryRetryInput,
    WebhookSubscription,
    WebhookSubscriptionCreateInput,
    WebhookSubscriptionCreatePayload,
    WebhookSubscriptionFilter,
    WebhookSubscriptionIdInput,
    WebhookSubscriptionOrder,
    WebhookSubscriptionUpdateInput,
    delivery_order,
)
from domain.errors import DomainError
from domain.webhooks import services
from domain.webhooks.dispatch import DELIVER_FUNCTION, delivery_job_id
from domain.webhooks.models import WebhookDelivery as DeliveryRow

log = logging.getLogger("tandem.webhooks")

WebhookSubscriptionUpdatePayload = payload_type(
    "WebhookSubscriptionUpdatePayload", "webhook_subscription", WebhookSubscription
)
WebhookSubscriptionPausePayload = payload_type(
    "WebhookSubscriptionPausePayload", "webhook_subscription", WebhookSubscription
)
WebhookSubscriptionResumePayload = payload_type(
    "WebhookSubscriptionResumePayload", "webhook_subscription", WebhookSubscription
)
WebhookSubscriptionDeletePayload = payload_type(
    "WebhookSubscriptionDeletePayload", "webhook_subscription", WebhookSubscription
)
WebhookDeliveryRetryPayload = payload_type(
    "WebhookDeliveryRetryPayload", "webhook_delivery", WebhookDelivery
)


@strawberry.type
class Query:
    @strawberry.field
    async def webhook_subscription(
        self, info: Info, id: strawberry.ID
    ) -> WebhookSubscription | None:
        return await node_by_global_id(WebhookSubscription, info, id)

    @strawberry.field
    async def webhook_subscriptions(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: WebhookSubscriptionFilter | None = None,
        order_by: WebhookSubscriptionOrder | None = None,
    ) -> Connection[WebhookSubscription]:
        queryset = services.list_subscriptions(active=filter.active if filter else None)
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("id",)
        return await paginate(
            queryset,
            WebhookSubscription.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def webhook_delivery(self, info: Info, id: strawberry.ID) -> WebhookDelivery | None:
        return await node_by_global_id(WebhookDelivery, info, id)

    @strawberry.field(
        description="Deliveries across subscriptions, e.g. every delivery of one event.",
    )
    async def webhook_deliveries(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: WebhookDeliveryFilter | None = None,
        order_by: WebhookDeliveryOrder | None = None,
    ) -> Connection[WebhookDelivery]:
        flt = filter or WebhookDeliveryFilter()
        try:
            domain_filter = services.DeliveryFilter(
                subscription_id=decode_id(
                    flt.subscription_id, "WebhookSubscription", "subscription_id"
                )
                if flt.subscription_id
                else None,
                event_uid=services.parse_event_id(flt.event_id) if flt.event_id else None,
                status=flt.status,
            )
        except DomainError:
            # An id that cannot exist matches nothing, as a filter should.
            domain_filter = services.DeliveryFilter(subscription_id=-1)
        return await paginate(
            services.list_deliveries(domain_filter),
            WebhookDelivery.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=delivery_order(order_by),
        )


async def _enqueue_attempt(info: Info, delivery: DeliveryRow) -> None:
    """After the retry committed; if Redis is away, the dispatcher's sweep re-queues it."""
    attempt = delivery.attempt_count + 1
    try:
        queue = info.context.queue
        if queue is None:
            raise RuntimeError("no job queue is configured")
        await queue.enqueue(
            DELIVER_FUNCTION, delivery.id, attempt, job_id=delivery_job_id(delivery.id, attempt)
        )
    except Exception:
        log.warning("could not enqueue webhook delivery %s", delivery.id, exc_info=True)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Subscribes an http(s) endpoint to event types; returns its secret once.",
    )
    async def webhook_subscription_create(
        self, input: WebhookSubscriptionCreateInput
    ) -> WebhookSubscriptionCreatePayload:
        try:
            created = await retry_when_locked(
                lambda: services.create_subscription(
                    input.url, input.event_types, input.description
                )
            )
        except DomainError as error:
            return WebhookSubscriptionCreatePayload(
                webhook_subscription=None, secret=None, errors=user_errors(error)
            )
        return WebhookSubscriptionCreatePayload(
            webhook_subscription=WebhookSubscription.from_model(created.subscription),
            secret=created.secret,
            errors=[],
        )

    @strawberry.mutation
    async def webhook_subscription_update(
        self, input: WebhookSubscriptionUpdateInput
    ) -> WebhookSubscriptionUpdatePayload:
        return await perform(
            WebhookSubscriptionUpdatePayload,
            "webhook_subscription",
            lambda: services.update_subscription(
                decode_id(input.id, "WebhookSubscription"), provided(input)
            ),
            WebhookSubscription.from_model,
        )

    @strawberry.mutation(
        description="Stops new deliveries to the endpoint."
    )
    async def webhook_subscription_pause(
        self, input: WebhookSubscriptionIdInput
    ) -> WebhookSubscriptionPausePayload:
        return await perform(
            WebhookSubscriptionPausePayload,
            "webhook_subscription",
            lambda: services.set_subscription_active(
                decode_id(input.id, "WebhookSubscription"), False, "Paused by hand."
            ),
            WebhookSubscription.from_model,
        )

    @strawberry.mutation(
        description="Delivers events again from now on (also after a 410 Gone).",
    )
    async def webhook_subscription_resume(
        self, input: WebhookSubscriptionIdInput
    ) -> WebhookSubscriptionResumePayload:
        return await perform(
            WebhookSubscriptionResumePayload,
            "webhook_subscription",
            lambda: services.set_subscription_active(
                decode_id(input.id, "WebhookSubscription"), True
            ),
            WebhookSubscription.from_model,
        )

    @strawberry.mutation(
        description="Deletes the subscription and its delivery history.",
    )
    async def webhook_subscription_delete(
        self, input: WebhookSubscriptionIdInput
    ) -> WebhookSubscriptionDeletePayload:
        return await perform(
            WebhookSubscriptionDeletePayload,
            "webhook_subscription",
            lambda: services.delete_subscription(decode_id(input.id, "WebhookSubscription")),
            WebhookSubscription.from_model,
        )

    @strawberry.mutation(
        description="Sends a FAILED delivery again now, with a fresh retry schedule.",
    )
    async def webhook_delivery_retry(
        self, info: Info, input: WebhookDeliveryRetryInput
    ) -> WebhookDeliveryRetryPayload:
        async def retry() -> DeliveryRow:
            delivery = await services.retry_delivery(decode_id(input.id, "WebhookDelivery"))
            await _enqueue_attempt(info, delivery)
            return delivery

        return await perform(
            WebhookDeliveryRetryPayload, "webhook_delivery", retry, WebhookDelivery.from_model
        )
