"""The Starlette application: GraphQL at /graphql, health, readiness and metrics."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from adapters.database import close_db, init_db, ping_db
from adapters.queue import JobQueue
from api import metrics, tracing
from api.areas import ROUTES
from api.auth import AuthMiddleware
from api.context import Context
from api.events.auth import TokenCheckingHandler, websocket_principal
from api.events.wake import WakeOutboxDispatcher
from api.failures import RETRY_AFTER_SECONDS, JsonFailures
from api.graphiql import assets_route
from api.http_conformance import GraphQLOverHTTP
from api.logs import request_id_var
from api.rate_limit import RateLimitMiddleware
from api.schema import TandemSchema, build_schema
from domain.settings import Settings, get_settings

log = logging.getLogger("tandem.http")
# Where get_context leaves the request's GraphQL context for process_result.
_CONTEXT = "graphql_context"


class TandemGraphQL(GraphQLOverHTTP):
    # The websocket re-checks its token every few seconds (§2); only graphql-transport-ws is
    # spoken, so no other protocol's handler can skip that.
    graphql_transport_ws_handler_class = TokenCheckingHandler

    def __init__(
        self, settings: Settings, schema: TandemSchema | None = None, **kwargs: Any
    ) -> None:
        # No IDE here: AuthMiddleware answers the GraphiQL page (api.auth.is_graphiql_page),
        # so the view only ever executes GraphQL, and only for a token.
        super().__init__(
            schema or build_schema(settings),
            graphql_ide=None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            **kwargs,
        )
        self.settings = settings

    def decode_json(self, data: str | bytes) -> object:
        # orjson.JSONDecodeError is a json.JSONDecodeError, which the websocket reader catches.
        return orjson.loads(data)

    def encode_json(self, data: object) -> str:
        # Text, not bytes: the websocket would otherwise send graphql-transport-ws messages as
        # binary frames. HTTP answers are encoded by api.http_conformance.json_response.
        return orjson.dumps(data).decode()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.scope.setdefault("state", {})
        context = Context(
            request=request,
            response=response,
            principal=state.get("principal"),
            settings=self.settings,
            queue=request.app.state.queue,
            request_id=state.get("request_id") or uuid.uuid4().hex,
        )
        state[_CONTEXT] = context
        return context

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        """Every response carries its cost (§2): one refused before the schema could cost it
        (an unknown operationName, a subscription over HTTP) cost nothing.

        A resolver that met a database or Redis outage makes the whole answer a JSON 503
        (api.failures.JsonFailures, which the outage is re-raised to), as the same outage
        before GraphQL would: a client retries it rather than taking a half answer as data."""
        context = request.scope.get("state", {}).get(_CONTEXT)
        if context is not None and context.outage is not None:
            raise context.outage
        response = await super().process_result(request, result)
        extensions = dict(response.get("extensions") or {})
        extensions.setdefault("cost", {"requested": 0, "limit": self.settings.max_query_cost})
        response["extensions"] = extensions
        return response

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Subscriptions need a bearer token too: in connection_init or the upgrade request."""
        context.principal = await websocket_principal(
            context.connection_params, context.request.headers
        )
        if context.principal is None:
            raise ConnectionRejectionError({"message": "A valid bearer token is required."})
        return UNSET


# An incoming id is echoed into logs and headers, so only a plain token is accepted.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane incoming X-Request-Id), logs and counts it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await metrics.track_websocket(self.app, scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            path = scope["path"] if scope["path"] in KNOWN_PATHS else "other"
            elapsed = time.perf_counter() - started
            metrics.HTTP_REQUEST_COUNT(scope["method"], path, str(status)).inc()
            metrics.HTTP_REQUEST_DURATION(scope["method"], path).observe(elapsed)
            request_id_var.reset(token)


KNOWN_PATHS = frozenset({"/graphql", "/healthz", "/readyz", "/metrics", "/hooks/leads"})


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


# A probe must answer even when a connect attempt hangs (a dropped network, a full backlog).
READY_CHECK_SECONDS = 5.0


async def readyz(request: Request) -> Response:
    checks: dict[str, str] = {}
    try:
        async with asyncio.timeout(READY_CHECK_SECONDS):
            await ping_db()
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"down: {type(exc).__name__}"
    queue: JobQueue | None = request.app.state.queue
    try:
        if queue is None:
            raise RuntimeError("not configured")
        async with asyncio.timeout(READY_CHECK_SECONDS):
            await queue.ping()
        checks["redis"] = "ok"
    except Exception as exc:
        checks["redis"] = f"down: {type(exc).__name__}"
    ready = all(v == "ok" for v in checks.values())
    if ready:
        return JSONResponse({"ready": True, **checks})
    log.warning("not ready: %s", ", ".join(f"{k} {v}" for k, v in checks.items()))
    headers = {"retry-after": str(RETRY_AFTER_SECONDS)}
    return JSONResponse({"ready": False, **checks}, status_code=503, headers=headers)


async def metrics_endpoint(request: Request) -> Response:
    body, content_type = await metrics.render(request.app.state.settings.queue_name)
    return Response(body, media_type=content_type)


def create_app(
    settings: Settings | None = None,
    *,
    manage_resources: bool = True,
    queue: JobQueue | None = None,
    schema: TandemSchema | None = None,
) -> Starlette:
    """`manage_resources=False` lets tests own the database and queue connections; `schema`
    (built by `build_schema` for these settings) lets them share one schema between apps."""
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_resources:
            await init_db(settings.database_url, global_fallback=True)
            if settings.redis_url:
                app.state.queue = await JobQueue.connect(settings.redis_url, settings.queue_name)
        try:
            yield
        finally:
            if manage_resources:
                if app.state.queue is not None:
                    await app.state.queue.close()
                await close_db()

    graphql = TandemGraphQL(settings, schema)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics_endpoint),
        assets_route(),
        *ROUTES,
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            *tracing.middleware(),
            Middleware(RequestIdMiddleware),
            Middleware(JsonFailures),
            Middleware(
                AuthMiddleware,
                graphiql=settings.introspection,
                token_cache_seconds=settings.token_cache_seconds,
            ),
            Middleware(RateLimitMiddleware),
            Middleware(WakeOutboxDispatcher),
        ],
        lifespan=lifespan,
    )
    app.state.queue = queue
    app.state.settings = settings
    return app
