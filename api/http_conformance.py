"""GraphQL over HTTP as the spec says it: media types, status codes and request validation."""

from __future__ import annotations

import functools
from typing import Any

import orjson
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from api.context import Context
from api.extensions import mask_errors

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# Until the spec's watershed, a client that accepts anything gets the legacy application/json.
_MEDIA_RANGES = {
    GRAPHQL_RESPONSE_JSON: GRAPHQL_RESPONSE_JSON,
    JSON: JSON,
    "application/*": JSON,
    "*/*": JSON,
}
_CONTENT_TYPES = {
    GRAPHQL_RESPONSE_JSON: f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8",
    JSON: f"{JSON}; charset=utf-8",
}
# HTTP only carries queries and mutations; subscriptions use the WebSocket on the same path.
_OPERATIONS_BY_METHOD = {
    "GET": frozenset({OperationType.QUERY}),
    "POST": frozenset({OperationType.QUERY, OperationType.MUTATION}),
}


@functools.lru_cache(maxsize=256)
def negotiate(accept: str | None) -> str | None:
    """The response media type for an `Accept` header, or None when we serve nothing it
    accepts. Highest q wins; on equal q the range listed first wins; no header means JSON."""
    if not accept or not accept.strip():
        return JSON
    best: tuple[float, str] | None = None
    for part in accept.split(","):
        media_range, *params = (piece.strip() for piece in part.split(";"))
        media_type = _MEDIA_RANGES.get(media_range.lower())
        if media_type is None:
            continue
        quality, charset = 1.0, "utf-8"
        for param in params:
            name, _, value = param.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"').lower()
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
            elif name == "charset":
                charset = value
        if quality <= 0 or charset not in {"utf-8", "utf8"}:
            continue
        if best is None or quality > best[0]:
            best = (quality, media_type)
    return best[1] if best else None


# Clients send one Content-Type or two; email.message parses each anew otherwise.
@functools.lru_cache(maxsize=256)
def is_json_utf8(content_type: str) -> bool:
    media_type, options = parse_content_type(content_type)
    return media_type == JSON and options.get("charset", "utf-8").lower() in {"utf-8", "utf8"}


def is_request_error(result: ExecutionResult) -> bool:
    """Parsing, validation or variable coercion failed: nothing ran, so no `data` at all.

    Field errors always carry a path; these never do."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


def error_body(message: str, code: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


_CONTENT_TYPE_HEADERS = {
    media_type: (b"content-type", value.encode()) for media_type, value in _CONTENT_TYPES.items()
}


class JsonAnswer(Response):
    """A JSON answer with its headers given as bytes: starlette's Response would take them as
    a dict and encode each again, on every request."""

    def __init__(
        self, body: bytes, status_code: int, raw_headers: list[tuple[bytes, bytes]]
    ) -> None:
        self.body = body
        self.status_code = status_code
        self.background = None
        self.raw_headers = [(b"content-length", str(len(body)).encode()), *raw_headers]


def json_response(
    body: Any, status_code: int, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    raw_headers.append(_CONTENT_TYPE_HEADERS[media_type])
    return JsonAnswer(orjson.dumps(body), status_code, raw_headers)


# Room for importRunStart's file (§14: up to 20 MB of text, which JSON escaping may double),
# far below a memory problem.
MAX_BODY_BYTES = 45_000_000


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed MAX_BODY_BYTES.

    Read off `receive` itself: a request's body is one message (or a few), which
    starlette's stream would hand over through an async generator."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"The request body exceeds {MAX_BODY_BYTES} bytes.")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(413, f"The request body exceeds {MAX_BODY_BYTES} bytes.")
        if not message.get("more_body", False):
            # Joined once: an upload of many chunks is not copied again with each one.
            return chunk if len(chunks) == 1 else b"".join(chunks)


_HTTP_ERROR_CODES = {
    400: "BAD_REQUEST",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


def http_error(
    status_code: int, message: str, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    code = _HTTP_ERROR_CODES.get(status_code, "BAD_REQUEST")
    return json_response(error_body(message, code), status_code, media_type, headers)


class GraphQLOverHTTP(GraphQL[Context, None]):
    """strawberry's ASGI view, answering plain HTTP requests per the GraphQL-over-HTTP spec.

    application/graphql-response+json: 400 for a malformed request and for parse, validation
    and variable errors (and then no `data`), 200 once execution started.
    application/json (legacy): 200 for any GraphQL response, 400 for a malformed request only.
    Mutations over GET: 405; an Accept it cannot satisfy: 406; a body over 2 MB: 413; a POST
    that is not JSON: 415. Batches (a JSON array body) are refused: one operation per request
    keeps the depth, alias and token limits meaningful.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        response = await self.handle_http(Request(scope, receive))
        await response(scope, receive, send)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return self.decode_json(data)
        except (ValueError, RecursionError) as exc:  # also invalid UTF-8 and absurd nesting
            raise HTTPException(400, "Unable to parse request body as JSON.") from exc

    async def handle_http(self, request: Request) -> Response:
        adapter = self.request_adapter_class(request)
        if request.method not in _OPERATIONS_BY_METHOD:
            return http_error(
                405, "GraphQL is served over GET and POST.", JSON, {"allow": "GET, POST"}
            )
        if self.graphql_ide and self.should_render_graphql_ide(adapter):
            return await self.render_graphql_ide(request)
        media_type = negotiate(request.headers.get("accept"))
        if media_type is None:
            return http_error(
                406,
                f"This endpoint answers {GRAPHQL_RESPONSE_JSON} or {JSON}.",
                JSON,
                {"accept": f"{GRAPHQL_RESPONSE_JSON}, {JSON}"},
            )
        try:
            request_data = await self.request_data(request, adapter)
        except HTTPException as exc:
            return http_error(exc.status_code, exc.reason, media_type)
        return await self._execute(request, request_data, media_type)

    async def request_data(self, request: Request, adapter: Any) -> GraphQLRequestData:
        """The GraphQL-over-HTTP request parameters, or an HTTPException saying what is wrong."""
        if adapter.method == "GET":
            params: Any = self.parse_query_params(adapter.query_params)
        else:
            if not is_json_utf8(adapter.content_type or ""):
                raise HTTPException(415, f"POST a {JSON} body (UTF-8).")
            params = self.parse_json(await read_body(request))
        if isinstance(params, list):
            raise HTTPException(400, "Batched operations are not accepted: send one per request.")
        if not isinstance(params, dict):
            raise HTTPException(400, "The request body must be a JSON object.")
        query = params.get("query")
        if not isinstance(query, str) or not query.strip():
            raise HTTPException(400, "The `query` parameter must be a non-empty string.")
        operation_name = params.get("operationName")
        if not isinstance(operation_name, str | None):
            raise HTTPException(400, "The `operationName` parameter must be a string or null.")
        for name in ("variables", "extensions"):
            if not isinstance(params.get(name), dict | None):
                raise HTTPException(400, f"The `{name}` parameter must be an object or null.")
        return GraphQLRequestData(
            query=query,
            variables=params.get("variables"),
            operation_name=operation_name,
            extensions=params.get("extensions"),
        )

    async def _execute(
        self, request: Request, data: GraphQLRequestData, media_type: str
    ) -> Response:
        sub_response = await self.get_sub_response(request)
        context = await self.get_context(request, response=sub_response)
        try:
            result = await self.schema.execute(
                data.query,
                variable_values=data.variables,
                context_value=context,
                root_value=None,  # the API's resolvers take no root value
                operation_name=data.operation_name,
                allowed_operation_types=_OPERATIONS_BY_METHOD[request.method],
                operation_extensions=data.extensions,
            )
        except InvalidOperationTypeError as exc:
            if exc.operation_type is OperationType.MUTATION:
                return http_error(
                    405, "Mutations are only accepted over POST.", media_type, {"allow": "POST"}
                )
            result = ExecutionResult(
                data=None,
                errors=[GraphQLError("Subscriptions are served over WebSocket on this path.")],
            )
        except CannotGetOperationTypeError as exc:
            result = ExecutionResult(data=None, errors=[GraphQLError(exc.as_http_error_reason())])
        if result.errors:
            # The extension masks errors; an exception escaping the extensions skips it.
            result.errors = mask_errors(result.errors, getattr(context, "request_id", None))
        body: dict[str, Any] = dict(await self.process_result(request, result))
        status_code = 200
        if media_type == GRAPHQL_RESPONSE_JSON and is_request_error(result):
            status_code = 400
            body.pop("data", None)
        response = json_response(body, sub_response.status_code or status_code, media_type)
        extra = [
            h for h in sub_response.raw_headers if h[0] not in (b"content-type", b"content-length")
        ]
        response.raw_headers.extend(extra)  # what a resolver set on the sub-response
        return response

    async def get_sub_response(self, request: Request | Any) -> Response:
        """What a resolver may set its answer's status and headers on (strawberry's), made
        without a Response's header encoding: it starts with none."""
        sub_response = Response.__new__(Response)
        sub_response.status_code = None  # type: ignore[assignment]
        sub_response.raw_headers = []
        return sub_response
