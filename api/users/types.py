"""GraphQL types of users (contract §13) and the Role enum."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from api.errors import payload_type
from api.relay import ModelNode
from api.scalars import OrderDirection
from domain.auth.models import Role as RoleValue
from domain.users import models

Role = strawberry.enum(RoleValue, name="Role", description="What a token may do (§2).")


@strawberry.type(description="A person of the company; API tokens may be issued for them.")
class User(ModelNode):
    model_class = models.User

    id: strawberry.relay.NodeID[int]
    name: str
    email: str = strawberry.field(description="Unique, stored lower-case.")
    role: Role  # type: ignore[valid-type]
    active: bool = strawberry.field(
        description="False once deactivated: the user's tokens then get HTTP 401."
    )
    created_at: datetime
    updated_at: datetime


@strawberry.input(description="Narrows users; every given field must match.")
class UserFilter:
    active: bool | None = None
    role: Role | None = None  # type: ignore[valid-type]


@strawberry.enum
class UserOrderField(Enum):
    NAME = "name"
    EMAIL = "email"
    CREATED_AT = "created_at"


@strawberry.input
class UserOrder:
    field: UserOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class UserCreateInput:
    name: str
    email: str
    role: Role  # type: ignore[valid-type]


@strawberry.input
class UserUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    role: Role | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET,
        description="The user's tokens of another role than the new one or READONLY stop working.",
    )
    active: bool | None = strawberry.field(
        default=strawberry.UNSET, description="true reactivates a deactivated user."
    )


@strawberry.input
class UserDeactivateInput:
    id: strawberry.ID


UserCreatePayload = payload_type("UserCreatePayload", "user", User)
UserUpdatePayload = payload_type("UserUpdatePayload", "user", User)
UserDeactivatePayload = payload_type("UserDeactivatePayload", "user", User)
