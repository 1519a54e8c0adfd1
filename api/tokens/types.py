"""GraphQL types of API tokens (contract §2 Auth): never the secret but once, at creation."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.errors import UserError, payload_type
from api.relay import ModelNode
from api.users.loaders import UserByIdLoader
from api.users.types import Role
from domain.auth import models
from domain.auth.services import is_usable
from domain.clock import utcnow

if TYPE_CHECKING:
    from api.users.types import User

UserType = Annotated["User", strawberry.lazy("api.users.types")]


@strawberry.type(description="A bearer token; its secret is shown once, by apiTokenCreate.")
class ApiToken(ModelNode):
    model_class = models.ApiToken

    id: strawberry.relay.NodeID[int]
    name: str
    role: Role  # type: ignore[valid-type]
    created_at: datetime
    last_used_at: datetime | None = strawberry.field(
        description="Its last request, to the minute (noted at most once a minute)."
    )
    expires_at: datetime | None = strawberry.field(description="Null: it does not expire.")
    revoked_at: datetime | None

    @strawberry.field(description="The user it was issued for; null for none.")
    async def user(self, info: strawberry.Info) -> UserType | None:
        from api.users.types import User

        if self.record.user_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.record.user_id)
        return User.from_optional(row)

    @strawberry.field(
        description="Not revoked, not expired, and its user (if any) active: it authenticates."
    )
    async def usable(self, info: strawberry.Info) -> bool:
        user_id = self.record.user_id
        user = None if user_id is None else await info.context.loaders[UserByIdLoader].load(user_id)
        return is_usable(self.record, user, utcnow())


@strawberry.input(description="Narrows apiTokens; every given field must match.")
class ApiTokenFilter:
    user_id: strawberry.ID | None = None
    revoked: bool | None = None


@strawberry.input
class ApiTokenCreateInput:
    name: str
    role: Role  # type: ignore[valid-type]
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Issue it for this user: it then carries the user's role or READONLY.",
    )
    expires_in_days: int | None = strawberry.field(
        default=None, description="It stops working this many days from now (1…3650)."
    )


@strawberry.type(
    description="The result of apiTokenCreate: the token and its secret, or the "
    "errors that stopped it."
)
class ApiTokenCreatePayload:
    api_token: ApiToken | None
    secret: str | None = strawberry.field(
        description="The bearer token itself, shown this once: it is stored only hashed."
    )
    errors: list[UserError]


@strawberry.input
class ApiTokenRevokeInput:
    id: strawberry.ID


ApiTokenRevokePayload = payload_type("ApiTokenRevokePayload", "api_token", ApiToken)
