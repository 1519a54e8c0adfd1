"""auditLog (§2, ADMIN): who changed what, when, newest first."""

from __future__ import annotations

import re

import strawberry
from strawberry import relay

from api.audit.types import AuditEntry, AuditLogFilter
from api.errors import user_input_error
from api.relay import Connection, paginate
from domain.outbox.audit import AuditFilter, audit_log

_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def _global_id(value: str, argument: str) -> tuple[str, int]:
    try:
        gid = relay.GlobalID.from_id(value)
        return gid.type_name, int(gid.node_id)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise user_input_error(f"`{argument}` {value!r} is not a global id.") from None


def audit_filter(flt: AuditLogFilter) -> AuditFilter:
    subject_type = subject_id = token_id = user_id = None
    if flt.object_id is not None:
        type_name, subject_id = _global_id(flt.object_id, "objectId")
        subject_type = _WORD_START.sub("_", type_name).lower()  # SalesOrder → sales_order
    if flt.actor_id is not None:
        type_name, actor = _global_id(flt.actor_id, "actorId")
        if type_name == "User":
            user_id = actor
        elif type_name == "ApiToken":
            token_id = actor
        else:
            raise user_input_error("`actorId` is the id of a User or an ApiToken.")
    return AuditFilter(
        subject_type=subject_type,
        subject_id=subject_id,
        actor_token_id=token_id,
        actor_user_id=user_id,
        types=flt.types,
        occurred_from=flt.from_,
        occurred_to=flt.to,
    )


@strawberry.type
class Query:
    @strawberry.field(
        description="The recorded changes (outbox events) with their actor, newest first."
    )
    async def audit_log(
        self,
        filter: AuditLogFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AuditEntry]:
        return await paginate(
            audit_log(audit_filter(filter or AuditLogFilter())),
            AuditEntry.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-id",),
        )
