"""Lead capture over plain HTTP: `POST /hooks/leads` for web forms and integrations (§4.2)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.errors import camel
from api.permissions import LEAD_HOOK_ROLES
from api.relay import encode_id
from domain.errors import DomainError, ErrorCode, refusals
from domain.pipeline.services import create_lead
from domain.validation import Checks

# The camelCase body keys and the domain fields they fill.
BODY_FIELDS = {
    "companyName": "company_name",
    "contactName": "contact_name",
    "email": "email",
    "phone": "phone",
    "source": "source",
    # §13: the campaign's name or id; one that names no campaign → 422 INVALID.
    "campaign": "campaign",
}
REQUIRED = ("companyName", "contactName", "email")


def _error(status: int, code: str, message: str, field: list[str] | None) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"field": field, "code": code, "message": message}]}, status_code=status
    )


def _refused(error: DomainError) -> JSONResponse:
    """Every refusal of the body at once (§2), each naming its camelCase field."""
    return JSONResponse(
        {
            "errors": [
                {
                    "field": [camel(part) for part in refusal.field] if refusal.field else ["body"],
                    "code": refusal.code.value,
                    "message": refusal.message,
                }
                for refusal in refusals(error)
            ]
        },
        status_code=422,
    )


def _fields(body: Any) -> dict[str, Any]:
    """The lead fields of a JSON body, or a DomainError naming every bad field."""
    if not isinstance(body, dict):
        raise DomainError(ErrorCode.INVALID, "The body must be a JSON object.")
    checks = Checks()
    for key in REQUIRED:
        if body.get(key) is None:
            checks.add(DomainError(ErrorCode.REQUIRED, f"{key} is required.", key))
    fields: dict[str, Any] = {}
    # Other keys are ignored: web forms often post extras (consent boxes, tracking tags).
    for key, name in BODY_FIELDS.items():
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            checks.add(DomainError(ErrorCode.INVALID, f"{key} must be a string.", key))
        fields[name] = value
    checks.raise_if_any()
    return fields


async def capture_lead(request: Request) -> JSONResponse:
    principal = request.scope.get("state", {}).get("principal")
    if principal is None:
        return _error(401, "UNAUTHENTICATED", "A valid bearer token is required.", None)
    if principal.role not in LEAD_HOOK_ROLES:
        return _error(403, "FORBIDDEN", "Lead capture needs an INTEGRATION token.", None)
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        return _error(422, ErrorCode.INVALID.value, "The body is not valid JSON.", ["body"])
    try:
        lead = await create_lead(_fields(body), email_required=True)
    except DomainError as error:
        return _refused(error)
    return JSONResponse({"id": encode_id("Lead", lead.id)}, status_code=201)


ROUTES = [Route("/hooks/leads", capture_lead, methods=["POST"])]
