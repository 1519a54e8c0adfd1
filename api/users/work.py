"""`myWork` (contract §13): the viewer's open activities, open cases and deals closing soon."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.relay import After, Before, Connection, First, Last, paginate, to_node
from domain import clock
from domain.users import work

if TYPE_CHECKING:
    from api.activities.types import Activity
    from api.pipeline.types import Opportunity
    from api.service.types import Case


@strawberry.type(
    description="What is the viewer's to do now (§13): their open activities (overdue "
    "first), their open cases and their open deals closing within 30 days."
)
class MyWork:
    user_id: strawberry.Private[int]

    @strawberry.field(
        description="Open activities assigned to the viewer, by dueAt: the overdue ones first, "
        "then those due next, undated ones last."
    )
    async def activities(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Activity, strawberry.lazy("api.activities.types")]]:
        return await paginate(
            work.open_activities_of(self.user_id),
            to_node,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("due_at",),
        )

    @strawberry.field(
        description="Cases assigned to the viewer that are not RESOLVED or CLOSED, the one due "
        "to be resolved soonest first."
    )
    async def cases(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Case, strawberry.lazy("api.service.types")]]:
        return await paginate(
            work.open_cases_of(self.user_id),
            to_node,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("resolution_due_at",),
        )

    @strawberry.field(
        description="The viewer's OPEN opportunities expected to close within 30 days of today "
        "(and those whose expected close date has passed), soonest first."
    )
    async def opportunities(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Opportunity, strawberry.lazy("api.pipeline.types")]]:
        return await paginate(
            work.deals_closing_of(self.user_id, clock.today()),
            to_node,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("expected_close_date",),
        )
