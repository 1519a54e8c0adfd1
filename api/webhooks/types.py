"""GraphQL types of §8: the domain event, and the webhook subscriptions, deliveries and
attempts that carry it (ADMIN, INTEGRATION). The `events` subscription streams the same Event."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.errors import UserError, payload
from api.nested import Window, nested_connection
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    order_fields,
)
from api.scalars import OrderDirection, described_enum
from api.webhooks.loaders import (
    DeliveriesBySubscriptionIdLoader,
    EventByIdLoader,
    WebhookAttemptsByDeliveryIdLoader,
    WebhookSubscriptionByIdLoader,
)
from domain.outbox import models as outbox
from domain.webhooks import models
from domain.webhooks.models import DeliveryStatus

described_enum(
    DeliveryStatus,
    name="WebhookDeliveryStatus",
    description="Where a delivery is (§8).",
    values={
        "PENDING": "Not delivered yet: the first attempt or a retry is due at `nextAttemptAt`.",
        "SUCCEEDED": "The endpoint answered 2xx.",
        "FAILED": "Every attempt of TANDEM_WEBHOOK_RETRY_SCHEDULE failed (a non-2xx answer or "
        "a 10 s timeout); webhookDeliveryRetry sends it again.",
    },
)


class WebhookDeliveryOrderField(Enum):
    CREATED_AT = "created_at"
    NEXT_ATTEMPT_AT = "next_attempt_at"


described_enum(
    WebhookDeliveryOrderField,
    name="WebhookDeliveryOrderField",
    description="What deliveries can be sorted by.",
    values={
        "CREATED_AT": "When the delivery was created (its event dispatched).",
        "NEXT_ATTEMPT_AT": "When its next attempt is due (finished deliveries last in ASC).",
    },
)


@strawberry.input(description="The order of deliveries; newest first when not given.")
class WebhookDeliveryOrder:
    field: WebhookDeliveryOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default) or ASC."
    )


def delivery_order(order_by: WebhookDeliveryOrder | None) -> tuple[str, ...]:
    """Newest first unless asked otherwise; `id` breaks ties in the same direction."""
    if order_by is None:
        return ("-created_at", "-id")
    fields = order_fields(order_by.field.value, order_by.direction)
    return (*fields, "-id" if fields[0].startswith("-") else "id")


@strawberry.input(description="Narrows a subscription's deliveries.")
class WebhookSubscriptionDeliveryFilter:
    status: DeliveryStatus | None = strawberry.field(
        default=None, description="Deliveries in this status."
    )


@strawberry.type(
    description="A domain event (§8): one state change, recorded in the transaction that made "
    "it. Webhooks deliver it and the `events` subscription streams it."
)
class Event:
    id: strawberry.ID = strawberry.field(
        description="The public id `evt_…`, sent as the `webhook-id` header of its deliveries "
        "(the same on every retry: dedupe on it)."
    )
    type: str = strawberry.field(
        description="What happened, `<object>.<change>` (`sales_order.confirmed`); the list is "
        "in §8."
    )
    payload: JSON = strawberry.field(
        description="The webhook's `data` (§8): the object in the API's shape — `id` and "
        "references (`accountId`) as global ids, GraphQL field names, money as "
        "`{amount, currency}` — plus `previous…` values on a state change."
    )
    occurred_at: datetime = strawberry.field(
        description="When the change was committed (the webhook's `timestamp`)."
    )

    @classmethod
    def from_model(cls, row: outbox.Event) -> Event:
        return cls(
            id=strawberry.ID(row.public_id),
            type=row.type,
            payload=JSON(row.payload),
            occurred_at=row.occurred_at,
        )

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Event:
        return cls(
            id=strawberry.ID(message["id"]),
            type=message["type"],
            payload=JSON(message["payload"]),
            occurred_at=datetime.fromisoformat(message["occurredAt"]),
        )


@strawberry.type(
    description="An endpoint that receives the events it subscribed to (§8), signed by the "
    "Standard Webhooks rules with its secret. ADMIN and INTEGRATION only."
)
class WebhookSubscription(ModelNode):
    model_class = models.WebhookSubscription

    id: strawberry.relay.NodeID[int]
    url: str = strawberry.field(description="The http(s) endpoint deliveries are POSTed to.")
    event_types: list[str] = strawberry.field(
        description='Exact types ("invoice.posted") and wildcards ("invoice.*", "*").'
    )
    description: str | None = strawberry.field(description="What the endpoint is for.")
    active: bool = strawberry.field(
        description="False once paused, by hand or after the endpoint answered 410 Gone."
    )
    disabled_reason: str | None = strawberry.field(
        description="Why it is paused (`Paused by hand.`, the 410 answer); null while active."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="This endpoint's deliveries, newest first by default.")
    async def deliveries(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            WebhookSubscriptionDeliveryFilter | None,
            strawberry.argument(description="Only the matching deliveries."),
        ] = None,
        order_by: Annotated[
            WebhookDeliveryOrder | None,
            strawberry.argument(description="The order of the deliveries."),
        ] = None,
    ) -> Connection[WebhookDelivery]:
        status = filter.status if filter else None
        return await nested_connection(
            info,
            DeliveriesBySubscriptionIdLoader,
            self.record.id,
            status,
            WebhookDelivery.from_model,
            Window(first, after, last, before, delivery_order(order_by)),
        )


@strawberry.type(description="One try at sending a delivery.")
class WebhookDeliveryAttempt:
    number: int = strawberry.field(description="1 for the first attempt, then 2, 3, …")
    at: datetime = strawberry.field(description="When the request was sent.")
    response_status: int | None = strawberry.field(
        description="The HTTP status the endpoint answered; null when none came back."
    )
    duration_ms: int = strawberry.field(
        description="Milliseconds from sending to the answer (or to giving up)."
    )
    error: str | None = strawberry.field(
        description="Why no answer came (timeout, connection refused, refused address); null "
        "when one came."
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


@strawberry.type(
    description="One event on its way to one subscription (§8): delivered at least once, "
    "retried on TANDEM_WEBHOOK_RETRY_SCHEDULE. ADMIN and INTEGRATION only."
)
class WebhookDelivery(ModelNode):
    model_class = models.WebhookDelivery

    id: strawberry.relay.NodeID[int]
    status: DeliveryStatus = strawberry.field(description="Where the delivery is.")
    attempt_count: int = strawberry.field(description="Attempts made so far.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When the next attempt is due while PENDING; null once finished."
    )
    created_at: datetime = strawberry.field(description="When the event was dispatched to it.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(description="The event being delivered.")
    async def event(self, info: Info) -> Event:
        row = await info.context.loaders[EventByIdLoader].load(self.record.event_id)
        return Event.from_model(row)

    @strawberry.field(description="The subscription it is delivered to.")
    async def subscription(self, info: Info) -> WebhookSubscription:
        row = await info.context.loaders[WebhookSubscriptionByIdLoader].load(
            self.record.subscription_id
        )
        return WebhookSubscription.from_model(row)

    @strawberry.field(description="Every attempt made, in order (a bounded list: the schedule).")
    async def attempts(self, info: Info) -> list[WebhookDeliveryAttempt]:
        rows = await info.context.loaders[WebhookAttemptsByDeliveryIdLoader].load(self.record.id)
        return [WebhookDeliveryAttempt.from_model(row) for row in rows]


@strawberry.input(description="Narrows webhookSubscriptions; every given field must match.")
class WebhookSubscriptionFilter:
    active: bool | None = strawberry.field(
        default=None, description="true: active subscriptions only; false: paused ones only."
    )


class WebhookSubscriptionOrderField(Enum):
    CREATED_AT = "created_at"
    URL = "url"


described_enum(
    WebhookSubscriptionOrderField,
    name="WebhookSubscriptionOrderField",
    description="What webhookSubscriptions can be sorted by.",
    values={"CREATED_AT": "When it was created.", "URL": "The endpoint URL."},
)


@strawberry.input(description="The order of webhookSubscriptions; oldest first when not given.")
class WebhookSubscriptionOrder:
    field: WebhookSubscriptionOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC."
    )


@strawberry.input(description="Narrows webhookDeliveries; every given field must match.")
class WebhookDeliveryFilter:
    event_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The event's public id (`evt_…`, the `webhook-id`); BAD_USER_INPUT for a "
        "value that is none.",
    )
    subscription_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The WebhookSubscription's global id; BAD_USER_INPUT for an id of another "
        "type.",
    )
    status: DeliveryStatus | None = strawberry.field(
        default=None, description="Deliveries in this status."
    )


@strawberry.input(description="A new subscription.")
class WebhookSubscriptionCreateInput:
    url: str = strawberry.field(
        description="An http(s) URL of at most 2,048 characters whose host resolves to public "
        "addresses only (unless TANDEM_WEBHOOK_ALLOW_PRIVATE); INVALID otherwise."
    )
    event_types: list[str] = strawberry.field(
        description="At least one: exact types (§8) and wildcards (`invoice.*`, `*`); an "
        "unknown type is INVALID."
    )
    description: str | None = strawberry.field(
        default=None, description="What the endpoint is for, at most 1,000 characters."
    )


@strawberry.input(description="Changes to a subscription; only the fields given change.")
class WebhookSubscriptionUpdateInput:
    id: strawberry.ID = strawberry.field(description="The WebhookSubscription's global id.")
    url: str | None = strawberry.field(
        default=strawberry.UNSET, description="A new endpoint, checked as on create."
    )
    event_types: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the subscribed types and wildcards."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What the endpoint is for; null clears it."
    )


@strawberry.input(description="The subscription to act on.")
class WebhookSubscriptionIdInput:
    id: strawberry.ID = strawberry.field(description="The WebhookSubscription's global id.")


@strawberry.input(description="The delivery to send again.")
class WebhookDeliveryRetryInput:
    id: strawberry.ID = strawberry.field(description="The WebhookDelivery's global id.")


@payload(
    "webhook_subscription",
    WebhookSubscription,
    description="The result of webhookSubscriptionCreate: the subscription and its signing "
    "secret (shown only here), or the errors that refused it.",
)
class WebhookSubscriptionCreatePayload:
    webhook_subscription: WebhookSubscription | None
    secret: str | None = strawberry.field(
        description="`whsec_…`: verify deliveries with it (Standard Webhooks). Not shown again."
    )
    errors: list[UserError]


@payload("webhook_subscription", WebhookSubscription)
class WebhookSubscriptionUpdatePayload: ...


@payload("webhook_subscription", WebhookSubscription)
class WebhookSubscriptionPausePayload: ...


@payload("webhook_subscription", WebhookSubscription)
class WebhookSubscriptionResumePayload: ...


@payload(
    "webhook_subscription",
    WebhookSubscription,
    key_description="The subscription as it was before it was deleted (its id no longer "
    "resolves); null when refused.",
)
class WebhookSubscriptionDeletePayload: ...


@payload("webhook_delivery", WebhookDelivery)
class WebhookDeliveryRetryPayload: ...
