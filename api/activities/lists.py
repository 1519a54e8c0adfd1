"""The activity lists: their filter and order inputs, and the `Account.activities` and
`Opportunity.activities` connections, for other areas to call without this area's types."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from api.activities.enums import ActivityKind, ActivityOrderField
from api.activities.loaders import ActivitiesByAccountIdLoader, ActivitiesByOpportunityIdLoader
from api.nested import Window, nested_connection
from api.relay import Connection, filter_id, order_fields, to_node
from api.scalars import OrderDirection
from domain.activities import services


@strawberry.input(description="The order of an activity list.")
class ActivityOrder:
    field: ActivityOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC,
        description="ASC (the default) or DESC; ties are broken by id, ascending.",
    )


@strawberry.input(description="Narrows an activity list; the conditions given all apply.")
class ActivityFilter:
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only activities on this account (an Account id)."
    )
    opportunity_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only activities on this deal (an Opportunity id)."
    )
    case_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only activities on this case (a Case id)."
    )
    kind: ActivityKind | None = strawberry.field(default=None, description="Only this kind.")
    completed: bool | None = strawberry.field(
        default=None, description="true: only completed activities; false: only open ones."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the activities assigned to this user (a User id)."
    )
    overdue: bool | None = strawberry.field(
        default=None,
        description="true: only open activities whose dueAt has passed; false: all others.",
    )
    due_before: datetime | None = strawberry.field(
        default=None, description="Only activities due before this instant (undated ones never)."
    )


def activity_filter(flt: ActivityFilter | None) -> services.ActivityFilter:
    """The domain's filter for the input (ids checked by the filter-id rule, §2)."""
    flt = flt or ActivityFilter()
    return services.ActivityFilter(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        opportunity_id=filter_id(flt.opportunity_id, "Opportunity", "opportunityId"),
        case_id=filter_id(flt.case_id, "Case", "caseId"),
        kind=flt.kind,
        completed=flt.completed,
        assignee_id=filter_id(flt.assignee_id, "User", "assigneeId"),
        overdue=flt.overdue,
        due_before=flt.due_before,
    )


def activity_order(order_by: ActivityOrder | None) -> tuple[str, ...] | None:
    """The sort of an `orderBy`; None for the timeline (due time, else when logged)."""
    return None if order_by is None else order_fields(order_by.field.value, order_by.direction)


async def account_activities(
    info: Info,
    account_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: ActivityFilter | None = None,
    order_by: ActivityOrder | None = None,
) -> Connection[Any]:
    """`Account.activities`: one query for all accounts of the page (per distinct filter)."""
    return await nested_connection(
        info,
        ActivitiesByAccountIdLoader,
        account_id,
        activity_filter(filter),
        to_node,
        Window(first, after, last, before, activity_order(order_by)),
    )


async def opportunity_activities(
    info: Info,
    opportunity_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: ActivityFilter | None = None,
    order_by: ActivityOrder | None = None,
) -> Connection[Any]:
    """`Opportunity.activities`: one query for all deals of the page (per distinct filter)."""
    return await nested_connection(
        info,
        ActivitiesByOpportunityIdLoader,
        opportunity_id,
        activity_filter(filter),
        to_node,
        Window(first, after, last, before, activity_order(order_by)),
    )
