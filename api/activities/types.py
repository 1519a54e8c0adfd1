"""GraphQL types of activities: calls, emails, meetings, tasks and notes (contract §4.1)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.activities.enums import ActivityKind
from api.errors import payload
from api.pipeline.loaders import OpportunityByIdLoader
from api.relay import ModelNode, to_node, to_optional_node
from api.service.loaders import CaseByIdLoader
from api.users.loaders import UserByIdLoader
from domain.activities import models

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.jobs.types import JobRun
    from api.pipeline.types import Opportunity
    from api.service.types import Case
    from api.users.types import User


@strawberry.type(
    description="Something done or to do with a customer: a call, email, meeting, task or "
    "note, on an account and optionally one of its deals or cases (§4.1). Readable by every "
    "role; ADMIN, SALES and SERVICE log and complete them."
)
class Activity(ModelNode):
    model_class = models.Activity

    id: strawberry.relay.NodeID[int]
    kind: ActivityKind = strawberry.field(description="Call, email, meeting, task or note.")
    subject: str = strawberry.field(description="A one-line summary.")
    body: str | None = strawberry.field(description="Free text; null when none was given.")
    due_at: datetime | None = strawberry.field(
        description="When it is due (UTC); null for something already done or undated."
    )
    completed_at: datetime | None = strawberry.field(
        description="When it was completed (UTC); null while open."
    )

    @strawberry.field(
        description="The account it is on: always set, taken from the deal or case when the "
        "activity was logged on one."
    )
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(description="The deal it is about; null when it is on the account only.")
    async def opportunity(
        self, info: Info
    ) -> Annotated[Opportunity, strawberry.lazy("api.pipeline.types")] | None:
        if self.record.opportunity_id is None:
            return None
        row = await info.context.loaders[OpportunityByIdLoader].load(self.record.opportunity_id)
        return to_optional_node(row)

    @strawberry.field(description="The case it is about; null when it is not on a case.")
    async def case(
        self, info: Info
    ) -> Annotated[Case, strawberry.lazy("api.service.types")] | None:
        if self.record.case_id is None:
            return None
        row = await info.context.loaders[CaseByIdLoader].load(self.record.case_id)
        return to_optional_node(row)

    @strawberry.field(
        description="Who is to do it (§13); logged without assigneeId, the token's user. The "
        "reminder scan tells them when it falls due (activity.due_soon, activity.overdue)."
    )
    async def assignee(
        self, info: Info
    ) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.record.assignee_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.record.assignee_id)
        return to_optional_node(row)

    created_at: datetime = strawberry.field(description="When it was logged (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")


@strawberry.input(
    description="A new activity. It needs an anchor: an account, a deal or a case (the "
    "account is taken from the deal or case when omitted; all given must agree)."
)
class ActivityCreateInput:
    kind: ActivityKind = strawberry.field(description="Call, email, meeting, task or note.")
    subject: str = strawberry.field(
        description="A one-line summary; a blank one is a REQUIRED UserError."
    )
    body: str | None = strawberry.field(default=None, description="Free text.")
    due_at: datetime | None = strawberry.field(
        default=None, description="When it is due (ISO 8601 with offset)."
    )
    completed_at: datetime | None = strawberry.field(
        default=None, description="Set to log something already done."
    )
    account_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The account (an Account id); derived from the deal or case when omitted.",
    )
    opportunity_id: strawberry.ID | None = strawberry.field(
        default=None, description="The deal it is about (an Opportunity id)."
    )
    case_id: strawberry.ID | None = strawberry.field(
        default=None, description="The case it is about (a Case id)."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who is to do it: an active User (INVALID otherwise); omitted: the token's "
        "user (none for a token issued for no one); null: no one.",
    )


@strawberry.input(
    description="Marks an open activity completed (once: again is ALREADY_PROCESSED)."
)
class ActivityCompleteInput:
    id: strawberry.ID = strawberry.field(description="The activity (an Activity id).")
    completed_at: datetime | None = strawberry.field(
        default=None, description="When it was completed; defaults to now."
    )


@payload("activity", Activity, key_description="The logged activity; null when refused.")
class ActivityCreatePayload: ...


@payload("activity", Activity, key_description="The completed activity; null when refused.")
class ActivityCompletePayload: ...


@strawberry.input(description="Starting the reminder scan by hand (reminderScanRunStart, §13).")
class ReminderScanRunStartInput:
    as_of: datetime | None = strawberry.field(
        default=None, description="The instant to scan at; defaults to now."
    )


@payload(
    "job_run",
    Annotated["JobRun", strawberry.lazy("api.jobs.types")],
    key_description="The QUEUED run (kind REMINDER_SCAN); follow it with jobRun(id:).",
)
class ReminderScanRunStartPayload: ...
