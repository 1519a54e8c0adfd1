"""Account fields of the pipeline area: opportunities, activities, openPipeline (§3, §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.activities.loaders import ActivitiesByAccountIdLoader
from api.pipeline.enums import OpportunityStatus
from api.pipeline.loaders import OpenPipelineByAccountIdLoader, OpportunitiesByAccountIdLoader
from api.relay import Connection, connection_from_rows
from api.scalars import Money, money

if TYPE_CHECKING:
    from api.activities.types import Activity
    from api.pipeline.types import Opportunity


@strawberry.type
class AccountPipelineFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""

    @strawberry.field(description="The account's opportunities, oldest first.")
    async def opportunities(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        status: OpportunityStatus | None = None,  # type: ignore[valid-type]
    ) -> Connection[Annotated[Opportunity, strawberry.lazy("api.pipeline.types")]]:
        from api.pipeline.types import Opportunity

        rows = await info.context.loaders[OpportunitiesByAccountIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        if status is not None:
            rows = [row for row in rows if row.status == status]
        return connection_from_rows(
            rows, Opportunity.from_model, first=first, after=after, last=last, before=before
        )

    @strawberry.field(description="In time order: due time, else when logged.")
    async def activities(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[Activity, strawberry.lazy("api.activities.types")]]:
        from api.activities.types import Activity

        rows = await info.context.loaders[ActivitiesByAccountIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return connection_from_rows(
            rows, Activity.from_model, first=first, after=after, last=last, before=before
        )

    @strawberry.field(description="Σ amount of the account's OPEN opportunities.")
    async def open_pipeline(self, info: Info) -> Money:
        record = self.record  # type: ignore[attr-defined]
        total = await info.context.loaders[OpenPipelineByAccountIdLoader].load(record.id)
        return money(total, record.currency)  # type: ignore[return-value]
