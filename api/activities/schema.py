"""Queries and mutations of activities (contract §4.1)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from api.activities.types import (
    Activity,
    ActivityCompleteInput,
    ActivityCompletePayload,
    ActivityCreateInput,
    ActivityCreatePayload,
    ActivityFilter,
)
from api.errors import perform
from api.relay import Connection, decode_id, node_by_global_id, paginate
from domain.activities import services
from domain.errors import DomainError

ANCHORS = (("account_id", "Account"), ("opportunity_id", "Opportunity"), ("case_id", "Case"))


def _activity_fields(data: ActivityCreateInput) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": data.kind,
        "subject": data.subject,
        "body": data.body,
        "due_at": data.due_at,
        "completed_at": data.completed_at,
    }
    for name, type_name in ANCHORS:
        value = getattr(data, name)
        if value is not None:
            fields[name] = decode_id(value, type_name, name)
    return fields


@strawberry.type
class Query:
    @strawberry.field
    async def activity(self, info: Info, id: strawberry.ID) -> Activity | None:
        return await node_by_global_id(Activity, info, id)

    @strawberry.field(description="Most recently logged first.")
    async def activities(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: ActivityFilter | None = None,
    ) -> Connection[Activity]:
        flt = filter or ActivityFilter()
        ids: dict[str, int | None] = {}
        for name, type_name in ANCHORS:
            value = getattr(flt, name)
            try:
                ids[name] = None if value is None else decode_id(value, type_name, name)
            except DomainError:
                ids[name] = -1  # an id of another type matches nothing
        queryset = services.list_activities(
            services.ActivityFilter(**ids, kind=flt.kind, completed=flt.completed)
        )
        return await paginate(
            queryset,
            Activity.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-created_at",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def activity_create(self, input: ActivityCreateInput) -> ActivityCreatePayload:
        return await perform(
            ActivityCreatePayload,
            "activity",
            lambda: services.create_activity(_activity_fields(input)),
            Activity.from_model,
        )

    @strawberry.mutation
    async def activity_complete(self, input: ActivityCompleteInput) -> ActivityCompletePayload:
        return await perform(
            ActivityCompletePayload,
            "activity",
            lambda: services.complete_activity(decode_id(input.id, "Activity"), input.completed_at),
            Activity.from_model,
        )
