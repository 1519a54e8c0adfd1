"""Building list queries from optional filters: a lookup whose value is None is not applied."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet


def filter_given(queryset: QuerySet[Any], **lookups: Any) -> QuerySet[Any]:
    """`filter_given(Invoice.all(), account_id=None, status=s)` filters on status only."""
    given = {lookup: value for lookup, value in lookups.items() if value is not None}
    return queryset.filter(**given) if given else queryset
