"""`GET /exports/<token>` (§14): an EXPORT run's file, for the bearer of the API token that
started it, for one hour; anyone else, or later, gets 404."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from domain.exports.services import export_file


def _not_found() -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": "No such export.", "extensions": {"code": "NOT_FOUND"}}]},
        status_code=404,
    )


async def serve_export(request: Request) -> Response:
    principal = request.scope.get("state", {}).get("principal")
    found = await export_file(
        request.path_params["token"], None if principal is None else principal.id
    )
    if found is None:
        return _not_found()
    path, media_type = found
    return FileResponse(path, media_type=media_type, filename=path.name)


ROUTES = [Route("/exports/{token}", serve_export, methods=["GET"])]
