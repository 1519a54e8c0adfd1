"""GraphQL types of activities: calls, emails, meetings, tasks and notes (contract §4.1)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.errors import payload_type
from api.pipeline.loaders import OpportunityByIdLoader
from api.relay import ModelNode
from api.service.loaders import CaseByIdLoader
from domain.activities import models

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.pipeline.types import Opportunity
    from api.service.types import Case

ActivityKind = strawberry.enum(models.ActivityKind, name="ActivityKind")


@strawberry.type
class Activity(ModelNode):
    """Something done or to do with a customer, on its account, a deal or a case."""

    model_class = models.Activity

    id: strawberry.relay.NodeID[int]
    kind: ActivityKind  # type: ignore[valid-type]
    subject: str
    body: str | None
    due_at: datetime | None
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        from api.accounts.types import Account

        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return Account.from_model(row)

    @strawberry.field
    async def opportunity(
        self, info: Info
    ) -> Annotated[Opportunity, strawberry.lazy("api.pipeline.types")] | None:
        from api.pipeline.types import Opportunity

        if self.record.opportunity_id is None:
            return None
        row = await info.context.loaders[OpportunityByIdLoader].load(self.record.opportunity_id)
        return Opportunity.from_optional(row)

    @strawberry.field
    async def case(
        self, info: Info
    ) -> Annotated[Case, strawberry.lazy("api.service.types")] | None:
        from api.service.types import Case

        if self.record.case_id is None:
            return None
        row = await info.context.loaders[CaseByIdLoader].load(self.record.case_id)
        return Case.from_optional(row)


@strawberry.input
class ActivityCreateInput:
    kind: ActivityKind  # type: ignore[valid-type]
    subject: str | None = strawberry.field(
        default=None, description="Required (REQUIRED UserError when missing)."
    )
    body: str | None = None
    due_at: datetime | None = None
    completed_at: datetime | None = None
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Derived from the opportunity or case when omitted."
    )
    opportunity_id: strawberry.ID | None = None
    case_id: strawberry.ID | None = None


@strawberry.input
class ActivityCompleteInput:
    id: strawberry.ID
    completed_at: datetime | None = strawberry.field(default=None, description="Defaults to now.")


@strawberry.input
class ActivityFilter:
    account_id: strawberry.ID | None = None
    opportunity_id: strawberry.ID | None = None
    case_id: strawberry.ID | None = None
    kind: ActivityKind | None = None  # type: ignore[valid-type]
    completed: bool | None = None


ActivityCreatePayload = payload_type("ActivityCreatePayload", "activity", Activity)
ActivityCompletePayload = payload_type("ActivityCompletePayload", "activity", Activity)
