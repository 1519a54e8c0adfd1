"""auditLog (§2, ADMIN): who changed what, when, newest first."""

from __future__ import annotations

import re
from typing import Annotated

import strawberry
from strawberry import relay

from api.audit.types import AuditEntry, AuditLogFilter, AuditLogOrder
from api.errors import user_input_error
from api.relay import After, Before, Connection, First, Last, order_fields, paginate
from domain.outbox.audit import AuditFilter, audit_log

_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def _global_id(value: str, field: str) -> tuple[str, int]:
    """Like `api.relay.filter_id`, for a filter field that takes an id of any type."""
    try:
        gid = relay.GlobalID.from_id(value)
        return gid.type_name, int(gid.node_id)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise user_input_error(
            f"`filter.{field}` takes a global id; {str(value)!r} is not one."
        ) from None


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
            raise user_input_error(
                f"`filter.actorId` takes the id of a User or an ApiToken; {flt.actor_id!r} is "
                "neither."
            )
    return AuditFilter(
        subject_type=subject_type,
        subject_id=subject_id,
        actor_token_id=token_id,
        actor_user_id=user_id,
        types=flt.types,
        occurred_from=flt.from_,
        occurred_to=flt.to,
    )


def audit_order(order_by: AuditLogOrder | None) -> tuple[str, ...]:
    """Newest first unless asked otherwise; ties in the order of recording, same direction."""
    if order_by is None:
        return ("-id",)
    (field,) = order_fields(order_by.field.value, order_by.direction)
    return (field, "-id" if field.startswith("-") else "id")


@strawberry.type
class Query:
    @strawberry.field(
        description="The audit trail (ADMIN, §2): every recorded change (outbox event, §8) "
        "with its actor, newest first unless `orderBy` says otherwise."
    )
    async def audit_log(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            AuditLogFilter | None, strawberry.argument(description="Only the matching changes.")
        ] = None,
        order_by: Annotated[
            AuditLogOrder | None, strawberry.argument(description="The order of the changes.")
        ] = None,
    ) -> Connection[AuditEntry]:
        return await paginate(
            audit_log(audit_filter(filter or AuditLogFilter())),
            AuditEntry.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=audit_order(order_by),
        )
