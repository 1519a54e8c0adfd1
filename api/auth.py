"""Bearer-token authentication (HTTP 401) and role permissions (FORBIDDEN) of contract §2."""

from __future__ import annotations

import time
import weakref
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any, ClassVar

import orjson
from starlette.datastructures import Headers, QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.permission import BasePermission
from strawberry.types import Info
from tortoise.signals import post_save

from api.failures import retry_once_on_outage
from api.graphiql import graphiql_page, is_asset_request
from api.scalars import described_enum
from domain.actor import Actor, acting_as
from domain.auth.models import ApiToken, Role
from domain.auth.services import authenticate, hash_token, is_usable
from domain.clock import utcnow
from domain.users.models import User

PUBLIC_PATHS = frozenset({"/healthz", "/readyz"})

# The GraphQL enum of the domain's roles: GraphQL types annotate with `api.auth.Role`.
described_enum(
    Role,
    name="Role",
    description="What a token may do (§2 Auth; the full table is api/permissions.py and the "
    "README). A field a role may not use answers FORBIDDEN.",
    values={
        "ADMIN": "Everything, including users, API tokens, the audit log and webhooks.",
        "SALES": "Accounts, contacts, leads, opportunities, activities and sales orders until "
        "confirmed; reads receivables, not costs or margins.",
        "SERVICE": "Cases and their SLAs, contacts, activities on cases.",
        "FINANCE": "Invoices, payments, credit notes, the ledger, account terms and credit "
        "limits; reads costs and margins.",
        "OPERATIONS": "Products, stock, warehouses, purchasing, work orders, MRP and shipping; "
        "reads costs, margins and the ledger, not receivables.",
        "READONLY": "Reads what every role reads, and receivables; no costs, margins or "
        "ledger. Changes and starts nothing.",
        "INTEGRATION": "Other systems: webhooks and events, lead capture, accounts and contacts, "
        "orders from a web shop, product and stock sync, opening cases.",
    },
)


def bearer_token(headers: Headers) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


# The GraphQL-over-HTTP request parameters; any of them, however spelled, makes a request one
# that would run something, never the page.
GRAPHQL_PARAMETERS = frozenset({"query", "variables", "operationname", "extensions"})


def is_graphiql_page(scope: Scope, *, enabled: bool) -> bool:
    """A browser's GET of the GraphiQL page (§2): the one GraphQL answer given without a token,
    and it runs nothing. Decided on the request as the view would read it — the query string
    percent-decoded (`%71uery=` is `query=`), names compared without case (`QUERY=`), every
    repetition seen — and never while introspection is off (`enabled`)."""
    if not enabled or scope["type"] != "http" or scope["method"] != "GET":
        return False
    if scope["path"] != "/graphql":
        return False
    if "text/html" not in Headers(scope=scope).get("accept", "").lower():
        return False
    names = {name.strip().lower() for name in QueryParams(scope.get("query_string", b""))}
    return not names & GRAPHQL_PARAMETERS


# §2 lets a revoked token's websocket live up to 5 s; a cached verdict lives at most this long,
# so a revocation made by another process (`tandem tokens revoke`) takes effect within it.
TOKEN_CACHE_SECONDS = 2.0
TOKEN_CACHE_SIZE = 1024


class TokenCache:
    """Verified tokens by the hash of their secret, each kept `ttl` seconds (of `clock`), at
    most `size` of them: a request inside that window does not read its token again. Expiry
    is still checked on every hit; a token or user saved in this process (a revocation, a
    deactivation, a new role) empties every cache at once (`forget_all`). lastUsedAt is then
    written on the read after a miss, so at most once a TTL — and, as before, once a minute."""

    def __init__(
        self,
        ttl: float = TOKEN_CACHE_SECONDS,
        *,
        size: int = TOKEN_CACHE_SIZE,
        clock: Callable[[], float] = time.monotonic,
        verify: Callable[[str], Awaitable[ApiToken | None]] | None = None,
    ) -> None:
        self.ttl = ttl
        self.size = size
        self.clock = clock
        # None: the module's `authenticate`, looked up per call (tests replace it there).
        self._verify = verify
        self.entries: dict[str, tuple[float, ApiToken]] = {}
        _caches.add(self)

    async def verify(self, raw: str) -> ApiToken | None:
        return await (self._verify or authenticate)(raw)

    async def authenticate(self, raw: str) -> ApiToken | None:
        if self.ttl <= 0:
            return await self.verify(raw)
        key = hash_token(raw)
        entry = self.entries.get(key)
        now = self.clock()
        if entry is not None and entry[0] > now:
            cached = entry[1]
            if is_usable(cached, cached.user, utcnow()):
                return cached
        self.entries.pop(key, None)
        token = await self.verify(raw)
        if token is not None:
            if len(self.entries) >= self.size:
                del self.entries[next(iter(self.entries))]  # the oldest
            self.entries[key] = (now + self.ttl, token)
        return token

    def clear(self) -> None:
        self.entries.clear()


_caches: weakref.WeakSet[TokenCache] = weakref.WeakSet()


def forget_all() -> None:
    for token_cache in list(_caches):
        token_cache.clear()


@post_save(ApiToken)
async def _token_saved(sender: type[ApiToken], instance: ApiToken, *_: Any) -> None:
    forget_all()


@post_save(User)
async def _user_saved(sender: type[User], instance: User, *_: Any) -> None:
    forget_all()


class AuthMiddleware:
    """Resolves the bearer token to its ApiToken once per request, or answers 401; answers the
    GraphiQL page itself, so that nothing behind it ever runs for a request without a token.
    The token and its user are the request's actor (domain.actor) for the audit trail.
    Verified tokens are cached `token_cache_seconds` (TokenCache; 0 reads every time)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        graphiql: bool = True,
        token_cache_seconds: float = TOKEN_CACHE_SECONDS,
    ) -> None:
        self.app = app
        self.graphiql = graphiql
        self.tokens = TokenCache(min(token_cache_seconds, TOKEN_CACHE_SECONDS))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PUBLIC_PATHS or is_asset_request(scope):
            await self.app(scope, receive, send)
            return
        if is_graphiql_page(scope, enabled=self.graphiql):
            await graphiql_page()(scope, receive, send)
            return
        raw = bearer_token(Headers(scope=scope))
        # An outage that outlasts the retry escapes to JsonFailures: a JSON 503, not a 401.
        principal = (
            await retry_once_on_outage(lambda: self.tokens.authenticate(raw)) if raw else None
        )
        if principal is None:
            await _unauthorized(send)
            return
        scope.setdefault("state", {})["principal"] = principal
        with acting_as(actor_of(principal)):
            await self.app(scope, receive, send)


def actor_of(principal: ApiToken) -> Actor:
    return Actor(token_id=principal.id, user_id=principal.user_id)


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
