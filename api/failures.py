"""JSON answers for requests that fail outside GraphQL's error handling (auth, routes,
middleware): 503 during a database or Redis outage, a masked 500 for anything else."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import orjson
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.outage import is_outage, replace_pooled_connections
from api.extensions import MASKED_MESSAGE, UNAVAILABLE_MESSAGE
from api.logs import request_id_var

log = logging.getLogger("tandem.http")
T = TypeVar("T")
# Long enough for the pool to reconnect, short enough for a client's first retry to land.
RETRY_AFTER_SECONDS = 1


async def retry_once_on_outage(call: Callable[[], Awaitable[T]]) -> T:
    """Runs a read-only `call`, once more on fresh connections when it failed on a dead one
    (PostgreSQL killed the pool's connections). A second failure is a real outage and
    propagates."""
    try:
        return await call()
    except Exception as error:
        if not is_outage(error):
            raise
        log.info("retrying on fresh connections after %s: %s", type(error).__name__, error)
        await replace_pooled_connections()
        return await call()


def failure_body(message: str, code: str, request_id: str | None) -> bytes:
    extensions = {"code": code, "requestId": request_id}
    return orjson.dumps({"errors": [{"message": message, "extensions": extensions}]})


async def send_json_error(send: Send, status: int, body: bytes) -> None:
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
    ]
    if status == 503:
        headers.append((b"retry-after", str(RETRY_AFTER_SECONDS).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class JsonFailures:
    """ASGI middleware: an exception escaping the app before its response started becomes
    503 SERVICE_UNAVAILABLE (an outage, see `adapters.outage`) or 500 INTERNAL_SERVER_ERROR,
    as JSON with the request id, logged once under that id; never a traceback to the client.
    Sits inside RequestIdMiddleware, which adds the X-Request-Id header and counts the status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except ClientDisconnect:
            return  # nobody is left to answer
        except Exception as error:
            request_id = scope.get("state", {}).get("request_id") or request_id_var.get()
            outage = is_outage(error)
            log.log(
                logging.WARNING if outage else logging.ERROR,
                "%s %s failed: %s",
                scope["method"],
                scope["path"],
                "service unavailable" if outage else "unexpected error",
                exc_info=error,
                extra={"request_id": request_id},
            )
            if started:
                return  # too late for another status; the server closes the connection
            if outage:
                body = failure_body(UNAVAILABLE_MESSAGE, "SERVICE_UNAVAILABLE", request_id)
                await send_json_error(send, 503, body)
            else:
                body = failure_body(MASKED_MESSAGE, "INTERNAL_SERVER_ERROR", request_id)
                await send_json_error(send, 500, body)
