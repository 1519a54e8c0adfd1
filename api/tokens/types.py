"""GraphQL types of API tokens (contract §2 Auth): never the secret but once, at creation."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.auth import Role
from api.errors import UserError, payload
from api.relay import ModelNode, to_optional_node
from api.scalars import OrderDirection, described_enum
from api.users.loaders import UserByIdLoader
from domain.auth import models
from domain.auth.services import is_usable
from domain.clock import utcnow

if TYPE_CHECKING:
    from api.users.types import User


@strawberry.type(
    description="A bearer token (§2 Auth; ADMIN only): what it may do and whether it still "
    "works. Its secret is shown once, by apiTokenCreate, and stored only hashed."
)
class ApiToken(ModelNode):
    model_class = models.ApiToken

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(
        description="Who or what uses it (`web shop`, `Ada's laptop`); recorded as "
        "JobRun.requestedBy on what it starts."
    )
    role: Role = strawberry.field(description="What the token may do.")
    created_at: datetime = strawberry.field(description="When it was issued.")
    last_used_at: datetime | None = strawberry.field(
        description="Its last request, to the minute (noted at most once a minute); null "
        "before the first."
    )
    expires_at: datetime | None = strawberry.field(description="Null: it does not expire.")
    revoked_at: datetime | None = strawberry.field(
        description="When apiTokenRevoke stopped it; null while not revoked."
    )

    @strawberry.field(description="The user it was issued for; null for a token of no one.")
    async def user(
        self, info: strawberry.Info
    ) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.record.user_id is None:
            return None
        return to_optional_node(
            await info.context.loaders[UserByIdLoader].load(self.record.user_id)
        )

    @strawberry.field(
        description="Not revoked, not expired, and its user (if any) active and still of a role "
        "the token may carry: it authenticates."
    )
    async def usable(self, info: strawberry.Info) -> bool:
        user_id = self.record.user_id
        user = None if user_id is None else await info.context.loaders[UserByIdLoader].load(user_id)
        return is_usable(self.record, user, utcnow())


@strawberry.input(description="Narrows apiTokens; every given field must match.")
class ApiTokenFilter:
    user_id: strawberry.ID | None = strawberry.field(
        default=None, description="The tokens issued for this User (global id)."
    )
    revoked: bool | None = strawberry.field(
        default=None, description="true: revoked tokens only; false: tokens not revoked."
    )
    role: Role | None = strawberry.field(default=None, description="Tokens of this role.")


class ApiTokenOrderField(Enum):
    CREATED_AT = "created_at"
    LAST_USED_AT = "last_used_at"
    NAME = "name"


described_enum(
    ApiTokenOrderField,
    name="ApiTokenOrderField",
    description="What apiTokens can be sorted by.",
    values={
        "CREATED_AT": "When the token was issued.",
        "LAST_USED_AT": "Its last request (never-used tokens last in ASC, first in DESC).",
        "NAME": "The token's name (case-sensitive).",
    },
)


@strawberry.input(description="The order of apiTokens; newest first when not given.")
class ApiTokenOrder:
    field: ApiTokenOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default) or ASC."
    )


@strawberry.input(description="A new token.")
class ApiTokenCreateInput:
    name: str = strawberry.field(description="Who or what will use it, 1–120 characters.")
    role: Role = strawberry.field(
        description="What it may do; a token for a user carries the user's role or READONLY "
        "(INVALID otherwise)."
    )
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Issue it for this active User (global id); null for a token of no one.",
    )
    expires_in_days: int | None = strawberry.field(
        default=None, description="It stops working this many days from now (1…3650)."
    )


@payload(
    "api_token",
    ApiToken,
    description="The result of apiTokenCreate: the token and its secret, or the errors that "
    "refused it.",
)
class ApiTokenCreatePayload:
    api_token: ApiToken | None
    secret: str | None = strawberry.field(
        description="The bearer token itself (`tdm_…`), shown this once: it is stored only "
        "hashed. Send it as `Authorization: Bearer <secret>`."
    )
    errors: list[UserError]


@strawberry.input(description="The token to revoke.")
class ApiTokenRevokeInput:
    id: strawberry.ID = strawberry.field(description="The ApiToken's global id.")


@payload("api_token", ApiToken)
class ApiTokenRevokePayload: ...
