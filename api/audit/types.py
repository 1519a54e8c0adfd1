"""The AuditEntry type: one outbox event read as who changed what, when (§2)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from api.loaders import by_id_loader
from api.relay import encode_id
from api.users.loaders import UserByIdLoader
from domain.auth.models import ApiToken as ApiTokenRow
from domain.outbox import models

if TYPE_CHECKING:
    from api.tokens.types import ApiToken
    from api.users.types import User

ApiTokenType = Annotated["ApiToken", strawberry.lazy("api.tokens.types")]
UserType = Annotated["User", strawberry.lazy("api.users.types")]
ApiTokenByIdLoader = by_id_loader(ApiTokenRow)


def type_name_of(subject_type: str) -> str:
    """`sales_order` (an event type's prefix) → `SalesOrder` (its GraphQL type)."""
    return "".join(part.title() for part in subject_type.split("_"))


@strawberry.type(
    description="One recorded change: what happened to which object, when, and "
    "by whose token (an event of the outbox, §8)."
)
class AuditEntry:
    id: strawberry.ID = strawberry.field(description="The event's public id `evt_…`.")
    type: str = strawberry.field(description="The event type, e.g. `sales_order.confirmed`.")
    occurred_at: datetime
    payload: JSON = strawberry.field(description="The event's payload, as webhooks get it.")
    record: strawberry.Private[models.Event]

    @strawberry.field(description="The global id of the object the event is about.")
    def object_id(self) -> strawberry.ID | None:
        row = self.record
        if row.subject_type is None or row.subject_id is None:
            return None
        return strawberry.ID(encode_id(type_name_of(row.subject_type), row.subject_id))

    @strawberry.field(description="The token that made the change; null for the schedules.")
    async def actor_token(self, info: strawberry.Info) -> ApiTokenType | None:
        from api.tokens.types import ApiToken

        if self.record.actor_token_id is None:
            return None
        row = await info.context.loaders[ApiTokenByIdLoader].load(self.record.actor_token_id)
        return ApiToken.from_optional(row)

    @strawberry.field(description="The user of that token; null for a token of no one.")
    async def actor_user(self, info: strawberry.Info) -> UserType | None:
        from api.users.types import User

        if self.record.actor_user_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.record.actor_user_id)
        return User.from_optional(row)

    @classmethod
    def from_model(cls, row: models.Event) -> AuditEntry:
        return cls(
            id=strawberry.ID(row.public_id),
            type=row.type,
            occurred_at=row.occurred_at,
            payload=row.payload,  # type: ignore[arg-type]
            record=row,
        )


@strawberry.input(description="Narrows auditLog; every given field must match.")
class AuditLogFilter:
    object_id: strawberry.ID | None = strawberry.field(
        default=None, description="The changes of this object (any global id)."
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="The changes made by this User or with this ApiToken."
    )
    types: list[str] | None = strawberry.field(
        default=None, description="Event types and wildcards (`invoice.*`, `*`)."
    )
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="At or after this moment."
    )
    to: datetime | None = strawberry.field(default=None, description="At or before this moment.")
