"""The Event type: one outbox row, identified by its public id (the `webhook-id`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.loaders import by_id_loader
from domain.outbox import models

EventByIdLoader = by_id_loader(models.Event)


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
    def from_model(cls, row: models.Event) -> Event:
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
