"""API tokens in GraphQL (§2 Auth; ADMIN only): apiTokens, apiTokenCreate, apiTokenRevoke."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.errors import MutationInput, perform, user_errors
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    filter_id,
    order_fields,
    paginate,
)
from api.tokens.types import (
    ApiToken,
    ApiTokenCreateInput,
    ApiTokenCreatePayload,
    ApiTokenFilter,
    ApiTokenOrder,
    ApiTokenRevokeInput,
    ApiTokenRevokePayload,
)
from domain.auth import services
from domain.errors import DomainError
from domain.querying import filter_given


@strawberry.type
class Query:
    @strawberry.field(
        description="The API tokens (ADMIN), newest first unless `orderBy` says otherwise; "
        "never their secrets."
    )
    async def api_tokens(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ApiTokenFilter | None, strawberry.argument(description="Only the matching tokens.")
        ] = None,
        order_by: Annotated[
            ApiTokenOrder | None, strawberry.argument(description="The order of the tokens.")
        ] = None,
    ) -> Connection[ApiToken]:
        flt = filter or ApiTokenFilter()
        queryset = filter_given(
            services.list_tokens(),
            user_id=filter_id(flt.user_id, "User", "userId"),
            revoked_at__isnull=None if flt.revoked is None else not flt.revoked,
            role=flt.role,
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("-id",)
        return await paginate(
            queryset,
            ApiToken.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Issues a token (ADMIN); its secret is in the payload this once."
    )
    async def api_token_create(
        self, input: MutationInput[ApiTokenCreateInput]
    ) -> ApiTokenCreatePayload:
        try:
            user_id = None if input.user_id is None else decode_id(input.user_id, "User", "user_id")
            token, secret = await services.create_token(
                input.name, input.role, user_id=user_id, expires_in_days=input.expires_in_days
            )
        except DomainError as error:
            return ApiTokenCreatePayload(api_token=None, secret=None, errors=user_errors(error))
        return ApiTokenCreatePayload(api_token=ApiToken.from_model(token), secret=secret, errors=[])

    @strawberry.mutation(
        description="Revokes a token (ADMIN): from now on it gets HTTP 401, and its websockets "
        "close within 5 s. Revoking a revoked token changes nothing."
    )
    async def api_token_revoke(
        self, input: MutationInput[ApiTokenRevokeInput]
    ) -> ApiTokenRevokePayload:
        return await perform(
            ApiTokenRevokePayload,
            "api_token",
            lambda: services.revoke_token(decode_id(input.id, "ApiToken")),
            ApiToken.from_model,
        )
