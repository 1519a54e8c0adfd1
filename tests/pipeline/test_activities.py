"""Activities: logged on an account, a deal or a case, listed in time order, completed once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from api.relay import encode_id
from domain.accounts.models import Account
from domain.activities.models import Activity
from domain.activities.services import complete_activity, create_activity
from domain.errors import DomainError, ErrorCode
from domain.service.models import Case

GraphQL = Callable[..., Awaitable[dict[str, Any]]]

CREATE = """
mutation Create($input: ActivityCreateInput!) {
  activityCreate(input: $input) {
    activity { id kind subject dueAt completedAt account { name } opportunity { name } }
    errors { field code message }
  }
}
"""


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
async def account(database: str) -> Account:
    return await Account.create(name="Stark Industries", currency="USD")


async def test_an_activity_on_a_deal_takes_the_deal_account(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, "Arc reactor", amount="10.00")

    body = await gql(
        CREATE,
        {
            "input": {
                "kind": "MEETING",
                "subject": "Kick-off",
                "dueAt": "2026-03-02T09:00:00+00:00",
                "opportunityId": encode_id("Opportunity", deal.id),
            }
        },
        role="SALES",
    )

    activity = body["data"]["activityCreate"]["activity"]
    del activity["id"]
    assert activity == {
        "kind": "MEETING",
        "subject": "Kick-off",
        "dueAt": "2026-03-02T09:00:00+00:00",
        "completedAt": None,
        "account": {"name": "Stark Industries"},
        "opportunity": {"name": "Arc reactor"},
    }


async def test_an_activity_on_a_case_takes_the_case_account(gql: GraphQL, account: Account) -> None:
    case = await Case.create(number="CASE-1", subject="Broken", account=account, opened_at=at(1))

    body = await gql(
        """mutation($input: ActivityCreateInput!) { activityCreate(input: $input) {
             activity { account { name } case { subject } } errors { code } } }""",
        {"input": {"kind": "CALL", "subject": "Called back", "caseId": encode_id("Case", case.id)}},
        role="SERVICE",
    )

    assert body["data"]["activityCreate"] == {
        "activity": {"account": {"name": "Stark Industries"}, "case": {"subject": "Broken"}},
        "errors": [],
    }


async def test_an_activity_needs_an_anchor(gql: GraphQL) -> None:
    body = await gql(CREATE, {"input": {"kind": "NOTE", "subject": "Floating"}})

    assert body["data"]["activityCreate"]["errors"] == [
        {
            "field": ["accountId"],
            "code": "REQUIRED",
            "message": "An activity needs an account, an opportunity or a case.",
        }
    ]
    assert await Activity.all().count() == 0


async def test_anchors_of_different_accounts_are_refused(
    account: Account, make_account: Any, make_opportunity: Any
) -> None:
    other = await make_account("Other")
    deal = await make_opportunity(other, amount="1.00")

    with pytest.raises(DomainError) as refused:
        await create_activity(
            {
                "kind": "TASK",
                "subject": "Mixed",
                "account_id": account.id,
                "opportunity_id": deal.id,
            }
        )

    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("opportunity_id",))
    assert await Activity.all().count() == 0


async def test_completing_twice_is_already_processed(account: Account) -> None:
    activity = await create_activity(
        {"kind": "TASK", "subject": "Send quote", "account_id": account.id}
    )

    done = await complete_activity(activity.id, at(5, 14))
    with pytest.raises(DomainError) as refused:
        await complete_activity(activity.id)

    assert done.completed_at == at(5, 14)
    assert refused.value.code == ErrorCode.ALREADY_PROCESSED
    assert (await Activity.get(id=activity.id)).completed_at == at(5, 14)


async def test_complete_through_graphql(gql: GraphQL, account: Account) -> None:
    activity = await create_activity(
        {"kind": "TASK", "subject": "Send quote", "account_id": account.id}
    )

    body = await gql(
        """mutation($input: ActivityCompleteInput!) { activityComplete(input: $input) {
             activity { completedAt } errors { code } } }""",
        {
            "input": {
                "id": encode_id("Activity", activity.id),
                "completedAt": "2026-03-05T14:00:00Z",
            }
        },
    )

    assert body["data"]["activityComplete"] == {
        "activity": {"completedAt": "2026-03-05T14:00:00+00:00"},
        "errors": [],
    }


async def test_account_and_deal_activities_are_in_time_order(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, "Suits", amount="1.00")
    # Logged now, with no due time: it sorts by when it was logged, after the March dates.
    await create_activity({"kind": "NOTE", "subject": "Note", "account_id": account.id})
    await create_activity(
        {"kind": "CALL", "subject": "Third", "opportunity_id": deal.id, "due_at": at(20)}
    )
    await create_activity(
        {"kind": "EMAIL", "subject": "First", "account_id": account.id, "due_at": at(2)}
    )
    await create_activity(
        {"kind": "MEETING", "subject": "Second", "opportunity_id": deal.id, "due_at": at(10)}
    )

    body = await gql(
        """query($id: ID!) { account(id: $id) {
             activities { totalCount edges { node { subject } } }
             opportunities { edges { node { activities { edges { node { subject } } } } } }
        } }""",
        {"id": encode_id("Account", account.id)},
    )

    account_view = body["data"]["account"]
    assert [e["node"]["subject"] for e in account_view["activities"]["edges"]] == [
        "First",
        "Second",
        "Third",
        "Note",
    ]
    deal_activities = account_view["opportunities"]["edges"][0]["node"]["activities"]["edges"]
    assert [e["node"]["subject"] for e in deal_activities] == ["Second", "Third"]


async def test_activities_are_listed_with_filters(
    gql: GraphQL, account: Account, make_opportunity: Any
) -> None:
    deal = await make_opportunity(account, amount="1.00")
    await create_activity({"kind": "CALL", "subject": "Call", "opportunity_id": deal.id})
    done = await create_activity({"kind": "TASK", "subject": "Task", "account_id": account.id})
    await complete_activity(done.id, at(1))

    body = await gql(
        "query($flt: ActivityFilter) { activities(filter: $flt) { edges { node { subject } } } }",
        {"flt": {"accountId": encode_id("Account", account.id), "completed": False}},
        role="READONLY",
    )

    assert body["data"]["activities"]["edges"] == [{"node": {"subject": "Call"}}]


async def test_activities_are_ordered_by_the_order_asked_and_default_to_newest_logged(
    gql: GraphQL, account: Account
) -> None:
    for subject, due in (("Later", at(20)), ("Undated", None), ("Sooner", at(2))):
        await create_activity(
            {"kind": "TASK", "subject": subject, "account_id": account.id, "due_at": due}
        )

    body = await gql(
        """{ byDue: activities(orderBy: {field: DUE_AT}) { edges { node { subject } } }
             byDueDesc: activities(orderBy: {field: DUE_AT, direction: DESC}) {
               edges { node { subject } } }
             newest: activities { edges { node { subject } } } }"""
    )

    def subjects(key: str) -> list[str]:
        return [edge["node"]["subject"] for edge in body["data"][key]["edges"]]

    assert subjects("byDue") == ["Sooner", "Later", "Undated"]
    assert subjects("byDueDesc") == ["Undated", "Later", "Sooner"]
    assert subjects("newest") == ["Sooner", "Undated", "Later"]


async def test_a_filter_id_of_another_type_is_refused_not_read_as_no_rows(
    gql: GraphQL, account: Account
) -> None:
    await create_activity({"kind": "NOTE", "subject": "Note", "account_id": account.id})

    body = await gql(
        "query($id: ID!) { activities(filter: {caseId: $id}) { totalCount } }",
        {"id": encode_id("Account", account.id)},
    )

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["message"] == (
        f"`filter.caseId` takes the id of a Case; '{encode_id('Account', account.id)}' is not one."
    )
