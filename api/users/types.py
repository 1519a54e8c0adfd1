"""GraphQL types of users (contract §13) and the Role enum (§2 Auth)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from api.auth import Role
from api.errors import payload
from api.relay import ModelNode
from api.scalars import OrderDirection, described_enum
from domain.users import models


@strawberry.type(
    description="A person of the company (§13); API tokens may be issued for them. Every role "
    "reads users; ADMIN manages them."
)
class User(ModelNode):
    model_class = models.User

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(description="Full name, at most 120 characters.")
    email: str = strawberry.field(description="Unique, stored lower-case.")
    role: Role = strawberry.field(
        description="The user's role: their tokens carry it, or READONLY."
    )
    active: bool = strawberry.field(
        description="False once deactivated: the user's tokens then get HTTP 401."
    )
    created_at: datetime = strawberry.field(description="When the user was created.")
    updated_at: datetime = strawberry.field(description="When the user last changed.")


@strawberry.input(description="Narrows users; every given field must match.")
class UserFilter:
    active: bool | None = strawberry.field(
        default=None, description="true: active users only; false: deactivated ones only."
    )
    role: Role | None = strawberry.field(default=None, description="Users of this role.")


class UserOrderField(Enum):
    NAME = "name"
    EMAIL = "email"
    CREATED_AT = "created_at"


described_enum(
    UserOrderField,
    name="UserOrderField",
    description="What users can be sorted by.",
    values={
        "NAME": "The user's name, as stored (case-sensitive).",
        "EMAIL": "The email address.",
        "CREATED_AT": "When the user was created.",
    },
)


@strawberry.input(description="The order of users; by name when not given.")
class UserOrder:
    field: UserOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC."
    )


@strawberry.input(description="A new user.")
class UserCreateInput:
    name: str = strawberry.field(description="Full name, 1–120 characters.")
    email: str = strawberry.field(
        description="A valid address, unique ignoring case (DUPLICATE otherwise)."
    )
    role: Role = strawberry.field(description="The role the user's tokens may carry.")


@strawberry.input(description="Changes to a user; only the fields given change.")
class UserUpdateInput:
    id: strawberry.ID = strawberry.field(description="The User's global id.")
    name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Full name, 1–120 characters."
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="A valid address, unique ignoring case."
    )
    role: Role | None = strawberry.field(
        default=strawberry.UNSET,
        description="The user's tokens of another role than the new one or READONLY stop working.",
    )
    active: bool | None = strawberry.field(
        default=strawberry.UNSET, description="true reactivates a deactivated user."
    )


@strawberry.input(description="The user to deactivate.")
class UserDeactivateInput:
    id: strawberry.ID = strawberry.field(description="The User's global id.")


@payload("user", User)
class UserCreatePayload: ...


@payload("user", User)
class UserUpdatePayload: ...


@payload("user", User)
class UserDeactivatePayload: ...
