"""Authenticating a websocket: the bearer token from connection_init or the upgrade request."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import Headers

from api.auth import bearer_token
from domain.auth.models import ApiToken
from domain.auth.services import authenticate


def _from_params(params: dict[str, Any] | None) -> str | None:
    for key, value in (params or {}).items():
        if key.lower() == "authorization" and isinstance(value, str):
            return bearer_token(Headers({"authorization": value}))
    return None


async def websocket_principal(
    connection_params: dict[str, Any] | None, headers: Headers
) -> ApiToken | None:
    """The token in connection_init's payload `{"Authorization": "Bearer …"}` wins over the
    upgrade request's header (browsers cannot set headers on a websocket)."""
    raw = _from_params(connection_params) or bearer_token(headers)
    return await authenticate(raw) if raw else None
