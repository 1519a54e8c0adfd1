"""Users and the viewer (contract §13): `users`, `viewer`, userCreate/userUpdate/userDeactivate."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth import principal_of
from api.errors import MutationInput, perform
from api.inputs import provided
from api.relay import After, Before, Connection, First, Last, decode_id, order_fields, paginate
from api.users.loaders import UserByIdLoader
from api.users.types import (
    User,
    UserCreateInput,
    UserCreatePayload,
    UserDeactivateInput,
    UserDeactivatePayload,
    UserFilter,
    UserOrder,
    UserUpdateInput,
    UserUpdatePayload,
)
from api.users.work import MyWork
from domain.users import services


@strawberry.type
class Query:
    @strawberry.field(
        description="The user the request's token belongs to; null for a token issued for no one."
    )
    async def viewer(self, info: Info) -> User | None:
        principal = principal_of(info)
        if principal is None or principal.user_id is None:
            return None
        return User.from_optional(
            await info.context.loaders[UserByIdLoader].load(principal.user_id)
        )

    @strawberry.field(
        description="The viewer's work (§13): open activities (overdue first), open cases and "
        "deals closing within 30 days; null for a token issued for no one."
    )
    def my_work(self, info: Info) -> MyWork | None:
        principal = principal_of(info)
        if principal is None or principal.user_id is None:
            return None
        return MyWork(user_id=principal.user_id)

    @strawberry.field(
        description="The users (§13), by name unless `orderBy` says otherwise; every role."
    )
    async def users(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            UserFilter | None, strawberry.argument(description="Only the matching users.")
        ] = None,
        order_by: Annotated[
            UserOrder | None, strawberry.argument(description="The order of the users.")
        ] = None,
    ) -> Connection[User]:
        flt = filter or UserFilter()
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)
        return await paginate(
            services.list_users(active=flt.active, role=flt.role),
            User.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates a user (ADMIN); issue their tokens with apiTokenCreate(userId:)."
    )
    async def user_create(self, input: MutationInput[UserCreateInput]) -> UserCreatePayload:
        return await perform(
            UserCreatePayload,
            "user",
            lambda: services.create_user(provided(input)),
            User.from_model,
        )

    @strawberry.mutation(
        description="Changes a user (ADMIN); a role change stops their tokens of another role "
        "than the new one or READONLY."
    )
    async def user_update(self, input: MutationInput[UserUpdateInput]) -> UserUpdatePayload:
        return await perform(
            UserUpdatePayload,
            "user",
            lambda: services.update_user(decode_id(input.id, "User"), provided(input)),
            User.from_model,
        )

    @strawberry.mutation(
        description="Deactivates a user (ADMIN): their tokens get HTTP 401 from their next "
        "request on, and their websockets are closed within 5 s. userUpdate(active: true) "
        "reactivates."
    )
    async def user_deactivate(
        self, input: MutationInput[UserDeactivateInput]
    ) -> UserDeactivatePayload:
        return await perform(
            UserDeactivatePayload,
            "user",
            lambda: services.deactivate_user(decode_id(input.id, "User")),
            User.from_model,
        )
