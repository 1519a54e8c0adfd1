"""The Event type: one outbox row, identified by its public id (the `webhook-id`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.loaders import by_id_loader
from domain.outbox import models

EventByIdLoader = by_id_loader(models.Event)


@strawberry.type(description="A domain event from the outbox (contract §8).")
class Event:
    id: strawberry.ID = strawberry.field(
        description="The public id `evt_…`, sent as the `webhook-id` header of its deliveries."
    )
    type: str
    payload: JSON
    occurred_at: datetime

    @classmethod
    def from_model(cls, row: models.Event) -> Event:
        return cls(
            id=strawberry.ID(row.public_id),
            type=row.type,
            payload=row.payload,  # type: ignore[arg-type]
            occurred_at=row.occurred_at,
        )

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Event:
        return cls(
            id=strawberry.ID(message["id"]),
            type=message["type"],
            payload=message["payload"],
            occurred_at=datetime.fromisoformat(message["occurredAt"]),
        )
