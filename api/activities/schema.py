"""Queries and mutations of activities (contract §4.1)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.activities.lists import ActivityFilter, ActivityOrder, activity_filter, activity_order
from api.activities.types import (
    Activity,
    ActivityCompleteInput,
    ActivityCompletePayload,
    ActivityCreateInput,
    ActivityCreatePayload,
    ReminderScanRunStartInput,
    ReminderScanRunStartPayload,
)
from api.errors import perform
from api.jobs.start import start_job
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
    to_node,
)
from domain.activities import services
from domain.jobs.kinds import ReminderScanParams
from domain.jobs.models import JobKind
from domain.validation import optional_moment

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
    if data.assignee_id is not strawberry.UNSET:
        fields["assignee_id"] = (
            None if data.assignee_id is None else decode_id(data.assignee_id, "User", "assignee_id")
        )
    return fields


@strawberry.type
class Query:
    @strawberry.field(description="An activity by its id; null when there is none.")
    async def activity(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="An Activity id.")],
    ) -> Activity | None:
        return await node_by_global_id(Activity, info, id)

    @strawberry.field(
        description="Every activity, most recently logged first unless `orderBy` says "
        "otherwise. Readable by every role."
    )
    async def activities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ActivityFilter | None, strawberry.argument(description="Which activities to list.")
        ] = None,
        order_by: Annotated[
            ActivityOrder | None,
            strawberry.argument(description="The sort; default: most recently logged first."),
        ] = None,
    ) -> Connection[Activity]:
        return await paginate(
            services.list_activities(activity_filter(filter)),
            Activity.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=activity_order(order_by) or ("-created_at",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Logs an activity (ADMIN, SALES, SERVICE).")
    async def activity_create(
        self,
        input: Annotated[ActivityCreateInput, strawberry.argument(description="The activity.")],
    ) -> ActivityCreatePayload:
        return await perform(
            ActivityCreatePayload,
            "activity",
            lambda: services.create_activity(_activity_fields(input)),
            Activity.from_model,
        )

    @strawberry.mutation(
        description="Fires, in a worker, the reminders owed at asOf (default: now), each once "
        "(§13): activity.due_soon, activity.overdue, opportunity.stale; the cron job runs the "
        "same every TANDEM_REMINDER_SCAN_SECONDS."
    )
    async def reminder_scan_run_start(
        self,
        info: Info,
        input: Annotated[
            ReminderScanRunStartInput, strawberry.argument(description="When to scan at.")
        ],
    ) -> ReminderScanRunStartPayload:
        async def start() -> object:
            as_of = optional_moment(input.as_of, "as_of")
            return await start_job(info, JobKind.REMINDER_SCAN, ReminderScanParams(as_of))

        return await perform(ReminderScanRunStartPayload, "job_run", start, to_node)

    @strawberry.mutation(description="Completes an open activity (ADMIN, SALES, SERVICE).")
    async def activity_complete(
        self,
        input: Annotated[
            ActivityCompleteInput, strawberry.argument(description="Which activity, and when.")
        ],
    ) -> ActivityCompletePayload:
        return await perform(
            ActivityCompletePayload,
            "activity",
            lambda: services.complete_activity(decode_id(input.id, "Activity"), input.completed_at),
            Activity.from_model,
        )
