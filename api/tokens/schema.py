"""API tokens in GraphQL (§2 Auth; ADMIN only): apiTokens, apiTokenCreate, apiTokenRevoke."""

from __future__ import annotations

import strawberry

from api.errors import perform, user_errors
from api.relay import Connection, decode_id, paginate
from api.tokens.types import (
    ApiToken,
    ApiTokenCreateInput,
    ApiTokenCreatePayload,
    ApiTokenFilter,
    ApiTokenRevokeInput,
    ApiTokenRevokePayload,
)
from domain.auth import services
from domain.errors import DomainError
from domain.querying import filter_given


@strawberry.type
class Query:
    @strawberry.field(description="The API tokens, newest first; never their secrets.")
    async def api_tokens(
        self,
        filter: ApiTokenFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ApiToken]:
        flt = filter or ApiTokenFilter()
        user_id = None if flt.user_id is None else decode_id(flt.user_id, "User", "user_id")
        queryset = filter_given(
            services.list_tokens(),
            user_id=user_id,
            revoked_at__isnull=None if flt.revoked is None else not flt.revoked,
        )
        return await paginate(
            queryset,
            ApiToken.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-id",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="A new token; its secret is in the payload this once.")
    async def api_token_create(self, input: ApiTokenCreateInput) -> ApiTokenCreatePayload:
        try:
            user_id = None if input.user_id is None else decode_id(input.user_id, "User", "user_id")
            token, secret = await services.create_token(
                input.name, input.role, user_id=user_id, expires_in_days=input.expires_in_days
            )
        except DomainError as error:
            return ApiTokenCreatePayload(api_token=None, secret=None, errors=user_errors(error))
        return ApiTokenCreatePayload(api_token=ApiToken.from_model(token), secret=secret, errors=[])

    @strawberry.mutation(
        description="From now on the token gets HTTP 401; its websockets close within 5 s."
    )
    async def api_token_revoke(self, input: ApiTokenRevokeInput) -> ApiTokenRevokePayload:
        return await perform(
            ApiTokenRevokePayload,
            "api_token",
            lambda: services.revoke_token(decode_id(input.id, "ApiToken")),
            ApiToken.from_model,
        )
