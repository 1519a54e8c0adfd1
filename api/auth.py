"""Bearer-token authentication (HTTP 401) and role permissions (FORBIDDEN) of contract §2."""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

import orjson
from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.permission import BasePermission
from strawberry.types import Info

from api.failures import retry_once_on_outage
from api.graphiql import is_asset_request
from domain.auth.models import ApiToken, Role
from domain.auth.services import authenticate

PUBLIC_PATHS = frozenset({"/healthz", "/readyz"})


def bearer_token(headers: Headers) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _is_graphiql_page(scope: Scope, headers: Headers) -> bool:
    # The IDE page itself holds no data; GraphiQL then sends the token with every query.
    return (
        scope["method"] == "GET"
        and scope["path"] == "/graphql"
        and "text/html" in headers.get("accept", "")
        # Read as the view reads it (percent-decoded: `%71uery=` is `query=`), so a request
        # the view would execute never passes as the page.
        and "query" not in QueryParams(scope.get("query_string", b""))
    )


class AuthMiddleware:
    """Resolves the bearer token to its ApiToken once per request, or answers 401."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PUBLIC_PATHS or is_asset_request(scope):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        raw = bearer_token(headers)
        # An outage that outlasts the retry escapes to JsonFailures: a JSON 503, not a 401.
        principal = await retry_once_on_outage(lambda: authenticate(raw)) if raw else None
        if principal is None and not _is_graphiql_page(scope, headers):
            await _unauthorized(send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


async def _unauthorized(send: Send) -> None:
    body = orjson.dumps(
        {
            "errors": [
                {
                    "message": "A valid bearer token is required.",
                    "extensions": {"code": "UNAUTHENTICATED"},
                }
            ]
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"www-authenticate", b'Bearer realm="tandem"'),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def principal_of(info: Info) -> ApiToken | None:
    return info.context.principal


class RolePermission(BasePermission):
    roles: ClassVar[frozenset[Role]] = frozenset()
    message = "Your role may not use this field."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = principal_of(info)
        return principal is not None and principal.role in self.roles


@cache
def allow(*roles: Role) -> type[BasePermission]:
    """A permission class admitting exactly these roles (cached, so one class per set)."""
    names = "".join(r.value.title() for r in sorted(roles, key=lambda r: r.value))
    return type(f"Allow{names}", (RolePermission,), {"roles": frozenset(roles)})


def has_role(info: Info, *roles: Role) -> bool:
    principal = principal_of(info)
    return principal is not None and principal.role in roles
