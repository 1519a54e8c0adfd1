"""The audit trail (§2): the outbox read as who changed what, when — newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.outbox.models import Event
from domain.querying import filter_given
from domain.webhooks.event_types import WILDCARD, clean_patterns


@dataclass(frozen=True)
class AuditFilter:
    """`subject_type` is an event type's prefix (`sales_order`); times are inclusive."""

    subject_type: str | None = None
    subject_id: int | None = None
    actor_token_id: int | None = None
    actor_user_id: int | None = None
    types: list[str] | None = field(default=None)
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None


def _type_filter(patterns: list[str]) -> Q | None:
    if WILDCARD in patterns:
        return None
    return reduce(
        or_,
        (Q(type__startswith=p[:-1]) if p.endswith(".*") else Q(type=p) for p in patterns),
    )


def audit_log(flt: AuditFilter) -> QuerySet[Event]:
    """The events matching every given part of the filter (`types`: exact types and
    wildcards, as webhooks take them; an unknown one is INVALID)."""
    queryset = filter_given(
        Event.all(),
        subject_type=flt.subject_type,
        subject_id=flt.subject_id,
        actor_token_id=flt.actor_token_id,
        actor_user_id=flt.actor_user_id,
        occurred_at__gte=flt.occurred_from,
        occurred_at__lte=flt.occurred_to,
    )
    if flt.types is not None:
        by_type = _type_filter(clean_patterns(flt.types, "types"))
        if by_type is not None:
            queryset = queryset.filter(by_type)
    return queryset
