"""GraphQL types of webhook subscriptions, deliveries and attempts."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.events.types import Event, EventByIdLoader
from api.relay import Connection, ModelNode, order_fields, paginate
from api.scalars import OrderDirection
from api.webhooks.loaders import WebhookAttemptsByDeliveryIdLoader, WebhookSubscriptionByIdLoader
from domain.webhooks import models, services

WebhookDeliveryStatus = strawberry.enum(models.DeliveryStatus, name="WebhookDeliveryStatus")


@strawberry.enum
class WebhookDeliveryOrderField(Enum):
    CREATED_AT = "created_at"
    NEXT_ATTEMPT_AT = "next_attempt_at"


@strawberry.input
class WebhookDeliveryOrder:
    field: WebhookDeliveryOrderField
    direction: OrderDirection = OrderDirection.DESC


def delivery_order(order_by: WebhookDeliveryOrder | None) -> tuple[str, ...]:
    """Newest first unless asked otherwise; `id` breaks ties in the same direction."""
    if order_by is None:
        return ("-created_at", "-id")
    fields = order_fields(order_by.field.value, order_by.direction)
    return (*fields, "-id" if fields[0].startswith("-") else "id")


@strawberry.input
class WebhookSubscriptionDeliveryFilter:
    status: WebhookDeliveryStatus | None = None  # type: ignore[valid-type]


@strawberry.type(description="An endpoint that receives the events it subscribed to.")
class WebhookSubscription(ModelNode):
    model_class = models.WebhookSubscription

    id: strawberry.relay.NodeID[int]
    url: str
    event_types: list[str] = strawberry.field(
        description='Exact types ("invoice.posted") and wildcards ("invoice.*", "*").'
    )
    description: str | None
    active: bool = strawberry.field(
        description="False once paused, by hand or after the endpoint answered 410 Gone."
    )
    disabled_reason: str | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="This endpoint's deliveries, newest first by default.")
    async def deliveries(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: WebhookSubscriptionDeliveryFilter | None = None,
        order_by: WebhookDeliveryOrder | None = None,
    ) -> Connection[WebhookDelivery]:
        status = filter.status if filter else None
        queryset = services.list_deliveries(
            services.DeliveryFilter(subscription_id=self.record.id, status=status)
        )
        return await paginate(
            queryset,
            WebhookDelivery.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=delivery_order(order_by),
        )


@strawberry.type(description="One try at sending a delivery.")
class WebhookDeliveryAttempt:
    number: int
    at: datetime
    response_status: int | None = strawberry.field(
        description="The HTTP status the endpoint answered; null when none came back."
    )
    duration_ms: int
    error: str | None = strawberry.field(
        description="Why no answer came (timeout, connection refused, refused address)."
    )
    next_attempt_at: datetime | None = strawberry.field(
        description="When the following attempt was scheduled; null after the last."
    )

    @classmethod
    def from_model(cls, row: models.WebhookAttempt) -> WebhookDeliveryAttempt:
        return cls(
            number=row.number,
            at=row.at,
            response_status=row.response_status,
            duration_ms=row.duration_ms,
            error=row.error,
            next_attempt_at=row.next_attempt_at,
        )


@strawberry.type(description="One event on its way to one subscription.")
class WebhookDelivery(ModelNode):
    model_class = models.WebhookDelivery

    id: strawberry.relay.NodeID[int]
    status: WebhookDeliveryStatus  # type: ignore[valid-type]
    attempt_count: int
    next_attempt_at: datetime | None = strawberry.field(
        description="When the next attempt is due while PENDING; null once finished."
    )
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def event(self, info: Info) -> Event:
        row = await info.context.loaders[EventByIdLoader].load(self.record.event_id)
        return Event.from_model(row)

    @strawberry.field
    async def subscription(self, info: Info) -> WebhookSubscription:
        row = await info.context.loaders[WebhookSubscriptionByIdLoader].load(
            self.record.subscription_id
        )
        return WebhookSubscription.from_model(row)

    @strawberry.field(description="Every attempt made, in order.")
    async def attempts(self, info: Info) -> list[WebhookDeliveryAttempt]:
        rows = await info.context.loaders[WebhookAttemptsByDeliveryIdLoader].load(self.record.id)
        return [WebhookDeliveryAttempt.from_model(row) for row in rows]


@strawberry.input
class WebhookSubscriptionFilter:
    active: bool | None = None


@strawberry.enum
class WebhookSubscriptionOrderField(Enum):
    CREATED_AT = "created_at"
    URL = "url"


@strawberry.input
class WebhookSubscriptionOrder:
    field: WebhookSubscriptionOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class WebhookDeliveryFilter:
    event_id: strawberry.ID | None = strawberry.field(
        default=None, description="The event's public id (`evt_…`, the `webhook-id`)."
    )
    subscription_id: strawberry.ID | None = None
    status: WebhookDeliveryStatus | None = None  # type: ignore[valid-type]


@strawberry.input
class WebhookSubscriptionCreateInput:
    url: str
    event_types: list[str]
    description: str | None = None


@strawberry.input
class WebhookSubscriptionUpdateInput:
    id: strawberry.ID
    url: str | None = strawberry.UNSET
    event_types: list[str] | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class WebhookSubscriptionIdInput:
    id: strawberry.ID


@strawberry.input
class WebhookDeliveryRetryInput:
    id: strawberry.ID


@strawberry.type(description="The new subscription and its signing secret, shown only here.")
class WebhookSubscriptionCreatePayload:
    webhook_subscription: WebhookSubscription | None
    secret: str | None = strawberry.field(
        description="`whsec_…`: verify deliveries with it (Standard Webhooks). Not shown again."
    )
    errors: list[UserError]
