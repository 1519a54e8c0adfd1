"""Authenticating a websocket: the bearer token from connection_init or the upgrade request,
checked again every few seconds while the connection lives (§2 Auth)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from starlette.datastructures import Headers
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from api.auth import actor_of, bearer_token
from api.context import Context
from domain.actor import acting_as
from domain.auth.models import ApiToken
from domain.auth.services import authenticate

log = logging.getLogger("tandem.ws")

# §2: at least every 5 s, so that a revoked or expired token's socket is closed within 5 s.
RECHECK_SECONDS = 2.5
# graphql-transport-ws: the client is not (or no longer) authorised.
UNAUTHORIZED = 4401


def _from_params(params: dict[str, Any] | None) -> str | None:
    for key, value in (params or {}).items():
        if key.lower() == "authorization" and isinstance(value, str):
            return bearer_token(Headers({"authorization": value}))
    return None


def websocket_token(connection_params: dict[str, Any] | None, headers: Headers) -> str | None:
    """The token in connection_init's payload `{"Authorization": "Bearer …"}` wins over the
    upgrade request's header (browsers cannot set headers on a websocket)."""
    return _from_params(connection_params) or bearer_token(headers)


async def websocket_principal(
    connection_params: dict[str, Any] | None, headers: Headers
) -> ApiToken | None:
    raw = websocket_token(connection_params, headers)
    return await authenticate(raw) if raw else None


class TokenCheckingHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws whose token is checked again every RECHECK_SECONDS once the
    connection is acknowledged: revoked, expired, or its user deactivated → closed with 4401.
    Operations run as the token's actor (domain.actor)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.token_watch: asyncio.Task[None] | None = None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        if self.connection_acknowledged and self.token_watch is None:
            self.token_watch = asyncio.create_task(self.watch_token())

    async def watch_token(self) -> None:
        context = self.context
        raw = websocket_token(context.connection_params, context.request.headers)
        while True:
            await asyncio.sleep(RECHECK_SECONDS)
            try:
                principal = await authenticate(raw) if raw else None
            except Exception as exc:  # the database away: the next check decides
                log.warning("could not check a websocket's token: %s: %s", type(exc).__name__, exc)
                continue
            if principal is None:
                with contextlib.suppress(Exception):
                    await self.websocket.close(code=UNAUTHORIZED, reason="Unauthorized")
                return
            context.principal = principal

    async def shutdown(self) -> None:
        if self.token_watch is not None:
            self.token_watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.token_watch
        await super().shutdown()

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        principal = self.context.principal
        with acting_as(actor_of(principal) if principal is not None else None):
            await super().run_operation(operation)
