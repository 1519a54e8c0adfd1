"""The AuditEntry type: one outbox event read as who changed what, when (§2)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from api.relay import encode_id, to_optional_node
from api.scalars import OrderDirection, described_enum
from api.tokens.loaders import ApiTokenByIdLoader
from api.users.loaders import UserByIdLoader
from domain.outbox import models

if TYPE_CHECKING:
    from api.tokens.types import ApiToken
    from api.users.types import User


def type_name_of(subject_type: str) -> str:
    """`sales_order` (an event type's prefix) → `SalesOrder` (its GraphQL type)."""
    return "".join(part.title() for part in subject_type.split("_"))


@strawberry.type(
    description="One recorded change (ADMIN): what happened to which object, when, and by "
    "whose token — an event of the outbox (§8), written in the change's own transaction."
)
class AuditEntry:
    id: strawberry.ID = strawberry.field(
        description="The event's public id `evt_…` (its deliveries' `webhook-id`)."
    )
    type: str = strawberry.field(description="The event type, e.g. `sales_order.confirmed`.")
    occurred_at: datetime = strawberry.field(description="When the change was committed.")
    payload: JSON = strawberry.field(
        description="The event's data as webhooks get it (§8): the object in the API's shape, "
        "with `previous…` values on a state change."
    )
    record: strawberry.Private[models.Event]

    @strawberry.field(
        description="The global id of the object the event is about (pass it to node(id:)); "
        "null for an event about no one object."
    )
    def object_id(self) -> strawberry.ID | None:
        row = self.record
        if row.subject_type is None or row.subject_id is None:
            return None
        return strawberry.ID(encode_id(type_name_of(row.subject_type), row.subject_id))

    @strawberry.field(
        description="The token that made the change (or started the run that did); null for "
        "the schedules."
    )
    async def actor_token(
        self, info: strawberry.Info
    ) -> Annotated[ApiToken, strawberry.lazy("api.tokens.types")] | None:
        if self.record.actor_token_id is None:
            return None
        row = await info.context.loaders[ApiTokenByIdLoader].load(self.record.actor_token_id)
        return to_optional_node(row)

    @strawberry.field(
        description="The user of that token; null for a token of no one and for the schedules."
    )
    async def actor_user(
        self, info: strawberry.Info
    ) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.record.actor_user_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.record.actor_user_id)
        return to_optional_node(row)

    @classmethod
    def from_model(cls, row: models.Event) -> AuditEntry:
        return cls(
            id=strawberry.ID(row.public_id),
            type=row.type,
            occurred_at=row.occurred_at,
            payload=JSON(row.payload),
            record=row,
        )


@strawberry.input(description="Narrows auditLog; every given field must match.")
class AuditLogFilter:
    object_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The changes of this object (any global id); BAD_USER_INPUT for a value "
        "that is no global id.",
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The changes made by this User or with this ApiToken (global id); "
        "BAD_USER_INPUT for an id of another type.",
    )
    types: list[str] | None = strawberry.field(
        default=None,
        description="Event types and wildcards (`invoice.*`, `*`), as webhooks take them; an "
        "unknown type is INVALID.",
    )
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="At or after this moment."
    )
    to: datetime | None = strawberry.field(default=None, description="At or before this moment.")


class AuditLogOrderField(Enum):
    OCCURRED_AT = "occurred_at"


described_enum(
    AuditLogOrderField,
    name="AuditLogOrderField",
    description="What auditLog can be sorted by.",
    values={"OCCURRED_AT": "When the change was committed (ties in the order of recording)."},
)


@strawberry.input(description="The order of auditLog; newest first when not given.")
class AuditLogOrder:
    field: AuditLogOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default): newest first."
    )
