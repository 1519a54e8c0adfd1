"""Queries and mutations of webhook subscriptions and deliveries (ADMIN, INTEGRATION)."""

from __future__ import annotations

import logging
import uuid
from typing import Annotated

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import MutationInput, perform, user_errors, user_input_error
from api.inputs import provided
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    filter_id,
    node_by_global_id,
    order_fields,
    paginate,
)
from api.webhooks.types import (
    WebhookDelivery,
    WebhookDeliveryFilter,
    WebhookDeliveryOrder,
    WebhookDeliveryRetryInput,
    WebhookDeliveryRetryPayload,
    WebhookSubscription,
    WebhookSubscriptionCreateInput,
    WebhookSubscriptionCreatePayload,
    WebhookSubscriptionDeletePayload,
    WebhookSubscriptionFilter,
    WebhookSubscriptionIdInput,
    WebhookSubscriptionOrder,
    WebhookSubscriptionPausePayload,
    WebhookSubscriptionResumePayload,
    WebhookSubscriptionUpdateInput,
    WebhookSubscriptionUpdatePayload,
    delivery_order,
)
from domain.errors import DomainError
from domain.webhooks import services
from domain.webhooks.dispatch import DELIVER_FUNCTION, delivery_job_id
from domain.webhooks.models import WebhookDelivery as DeliveryRow

log = logging.getLogger("tandem.webhooks")


def _event_uid(value: str | None) -> uuid.UUID | None:
    """The filter-id rule (api.relay.filter_id) for a public event id `evt_…`."""
    if value is None:
        return None
    try:
        return services.parse_event_id(value)
    except DomainError:
        raise user_input_error(
            f"`filter.eventId` takes an event id (`evt_…`); {value!r} is not one."
        ) from None


@strawberry.type
class Query:
    @strawberry.field(
        description="One subscription by its global id (ADMIN, INTEGRATION); null when unknown."
    )
    async def webhook_subscription(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The WebhookSubscription's global id."),
        ],
    ) -> WebhookSubscription | None:
        return await node_by_global_id(WebhookSubscription, info, id)

    @strawberry.field(
        description="The webhook subscriptions (ADMIN, INTEGRATION), oldest first unless "
        "`orderBy` says otherwise."
    )
    async def webhook_subscriptions(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            WebhookSubscriptionFilter | None,
            strawberry.argument(description="Only the matching subscriptions."),
        ] = None,
        order_by: Annotated[
            WebhookSubscriptionOrder | None,
            strawberry.argument(description="The order of the subscriptions."),
        ] = None,
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

    @strawberry.field(
        description="One delivery by its global id (ADMIN, INTEGRATION); null when unknown."
    )
    async def webhook_delivery(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The WebhookDelivery's global id.")
        ],
    ) -> WebhookDelivery | None:
        return await node_by_global_id(WebhookDelivery, info, id)

    @strawberry.field(
        description="Deliveries across subscriptions (ADMIN, INTEGRATION), e.g. every "
        "delivery of one event; newest first unless `orderBy` says otherwise."
    )
    async def webhook_deliveries(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            WebhookDeliveryFilter | None,
            strawberry.argument(description="Only the matching deliveries."),
        ] = None,
        order_by: Annotated[
            WebhookDeliveryOrder | None,
            strawberry.argument(description="The order of the deliveries."),
        ] = None,
    ) -> Connection[WebhookDelivery]:
        flt = filter or WebhookDeliveryFilter()
        domain_filter = services.DeliveryFilter(
            subscription_id=filter_id(flt.subscription_id, "WebhookSubscription", "subscriptionId"),
            event_uid=_event_uid(flt.event_id),
            status=flt.status,
        )
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
        description="Subscribes an http(s) endpoint to event types (ADMIN, INTEGRATION); "
        "returns its signing secret this once."
    )
    async def webhook_subscription_create(
        self, input: MutationInput[WebhookSubscriptionCreateInput]
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

    @strawberry.mutation(
        description="Changes a subscription's endpoint, event types or description (ADMIN, "
        "INTEGRATION); deliveries already made keep their history."
    )
    async def webhook_subscription_update(
        self, input: MutationInput[WebhookSubscriptionUpdateInput]
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
        description="Stops new deliveries to the endpoint (ADMIN, INTEGRATION); a paused one "
        "is INVALID_TRANSITION."
    )
    async def webhook_subscription_pause(
        self, input: MutationInput[WebhookSubscriptionIdInput]
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
        description="Delivers events again from now on, also after a 410 Gone (ADMIN, "
        "INTEGRATION); an active one is INVALID_TRANSITION."
    )
    async def webhook_subscription_resume(
        self, input: MutationInput[WebhookSubscriptionIdInput]
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
        description="Deletes the subscription and its delivery history (ADMIN, INTEGRATION)."
    )
    async def webhook_subscription_delete(
        self, input: MutationInput[WebhookSubscriptionIdInput]
    ) -> WebhookSubscriptionDeletePayload:
        return await perform(
            WebhookSubscriptionDeletePayload,
            "webhook_subscription",
            lambda: services.delete_subscription(decode_id(input.id, "WebhookSubscription")),
            WebhookSubscription.from_model,
        )

    @strawberry.mutation(
        description="Sends a FAILED delivery again now, with a fresh retry schedule (ADMIN, "
        "INTEGRATION); one not FAILED is INVALID_TRANSITION."
    )
    async def webhook_delivery_retry(
        self, info: Info, input: MutationInput[WebhookDeliveryRetryInput]
    ) -> WebhookDeliveryRetryPayload:
        async def retry() -> DeliveryRow:
            delivery = await services.retry_delivery(decode_id(input.id, "WebhookDelivery"))
            await _enqueue_attempt(info, delivery)
            return delivery

        return await perform(
            WebhookDeliveryRetryPayload, "webhook_delivery", retry, WebhookDelivery.from_model
        )
