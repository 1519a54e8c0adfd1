"""Owners and assignees are users (§13): inputs, defaults, refusals, filters and myWork."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain import clock
from domain.accounts.models import Account
from domain.activities.models import Activity
from domain.activities.services import create_activity
from domain.auth.models import Role
from domain.errors import DomainError, ErrorCode
from domain.outbox.models import Event
from domain.pipeline.models import Lead, Opportunity, OpportunityStatus
from domain.pipeline.services import create_opportunity
from domain.service.models import Case
from domain.service.services import assign_case, create_case
from domain.service.sla_rules import CaseStatus
from domain.users.models import User
from tests.factories import gid
from tests.sales_team.conftest import GraphQL, a_user

ACCOUNT_CREATE = """
mutation ($input: AccountCreateInput!) {
  accountCreate(input: $input) {
    account { id owner { id email } }
    errors { field code message }
  }
}"""

OPPORTUNITY_CREATE = """
mutation ($input: OpportunityCreateInput!) {
  opportunityCreate(input: $input) {
    opportunity { id owner { email } }
    errors { field code message }
  }
}"""

LEAD_CREATE = """
mutation ($input: LeadCreateInput!) {
  leadCreate(input: $input) { lead { id owner { email } } errors { field code message } }
}"""

ACTIVITY_CREATE = """
mutation ($input: ActivityCreateInput!) {
  activityCreate(input: $input) {
    activity { id assignee { email } }
    errors { field code message }
  }
}"""

CASE_CREATE = """
mutation ($input: CaseCreateInput!) {
  caseCreate(input: $input) { case { id assignee { email } } errors { field code message } }
}"""


async def test_a_record_created_without_an_owner_belongs_to_the_tokens_user(
    gql_as: Any, alice: User
) -> None:
    account = (await gql_as(alice, ACCOUNT_CREATE, {"input": {"name": "Acme"}}))["data"]
    assert account["accountCreate"]["errors"] == []
    assert account["accountCreate"]["account"]["owner"]["email"] == "alice@example.com"
    account_id = account["accountCreate"]["account"]["id"]

    deal = await gql_as(
        alice, OPPORTUNITY_CREATE, {"input": {"accountId": account_id, "name": "D"}}
    )
    assert deal["data"]["opportunityCreate"]["opportunity"]["owner"] == {
        "email": "alice@example.com"
    }
    lead = await gql_as(alice, LEAD_CREATE, {"input": {"companyName": "L", "contactName": "Li"}})
    assert lead["data"]["leadCreate"]["lead"]["owner"] == {"email": "alice@example.com"}
    activity = await gql_as(
        alice,
        ACTIVITY_CREATE,
        {"input": {"kind": "CALL", "subject": "Call", "accountId": account_id}},
    )
    assert activity["data"]["activityCreate"]["activity"]["assignee"] == {
        "email": "alice@example.com"
    }


async def test_a_token_without_a_user_leaves_the_owner_empty(gql_as: Any) -> None:
    body = await gql_as(None, ACCOUNT_CREATE, {"input": {"name": "Acme"}})
    assert body["data"]["accountCreate"]["account"]["owner"] is None


async def test_an_explicit_owner_or_null_wins_over_the_default(
    gql_as: Any, alice: User, bob: User
) -> None:
    given = await gql_as(
        alice, ACCOUNT_CREATE, {"input": {"name": "A", "ownerId": gid("User", bob.id)}}
    )
    assert given["data"]["accountCreate"]["account"]["owner"]["email"] == "bob@example.com"
    nobody = await gql_as(alice, ACCOUNT_CREATE, {"input": {"name": "B", "ownerId": None}})
    assert nobody["data"]["accountCreate"]["account"]["owner"] is None


async def test_an_owner_who_is_not_an_active_user_is_invalid_and_nothing_is_stored(
    gql_as: Any, alice: User
) -> None:
    gone = await a_user("gone", active=False)
    body = await gql_as(
        alice, ACCOUNT_CREATE, {"input": {"name": "A", "ownerId": gid("User", gone.id)}}
    )
    assert body["data"]["accountCreate"] == {
        "account": None,
        "errors": [
            {"field": ["ownerId"], "code": "INVALID", "message": "ownerId must be an active user."}
        ],
    }
    missing = await gql_as(
        alice,
        LEAD_CREATE,
        {"input": {"companyName": "L", "contactName": "Li", "ownerId": gid("User", 999)}},
    )
    assert missing["data"]["leadCreate"]["errors"][0]["code"] == "INVALID"
    assert await Account.all().count() == 0
    assert await Lead.all().count() == 0


async def test_account_update_changes_the_owner_and_records_it(
    gql: GraphQL, alice: User, bob: User
) -> None:
    account = await Account.create(name="Acme", currency="USD", owner_id=alice.id)
    body = await gql(
        """mutation ($input: AccountUpdateInput!) {
          accountUpdate(input: $input) { account { owner { email } } errors { code } }
        }""",
        {"input": {"id": gid("Account", account.id), "ownerId": gid("User", bob.id)}},
    )
    assert body["data"]["accountUpdate"] == {
        "account": {"owner": {"email": "bob@example.com"}},
        "errors": [],
    }
    event = await Event.get(type="account.updated")
    assert event.payload["ownerId"] == gid("User", bob.id)
    assert event.payload["previousOwnerId"] == gid("User", alice.id)


async def test_filters_take_owner_and_assignee_ids(gql: GraphQL, alice: User, bob: User) -> None:
    a = await Account.create(name="A", currency="USD", owner_id=alice.id)
    await Account.create(name="B", currency="USD", owner_id=bob.id)
    await Account.create(name="C", currency="USD")
    await Opportunity.create(name="Da", account=a, currency="USD", owner_id=alice.id)
    await Opportunity.create(name="Db", account=a, currency="USD", owner_id=bob.id)
    await Lead.create(company_name="La", contact_name="x", owner_id=alice.id)
    await Lead.create(company_name="Lb", contact_name="x", owner_id=bob.id)
    await Activity.create(kind="TASK", subject="Ta", account=a, assignee_id=alice.id)
    await Activity.create(kind="TASK", subject="Tb", account=a, assignee_id=bob.id)
    alice_id = gid("User", alice.id)

    body = await gql(
        """query ($u: ID!) {
          accounts(filter: {ownerId: $u}) { edges { node { name } } }
          opportunities(filter: {ownerId: $u}) { edges { node { name } } }
          leads(filter: {ownerId: $u}) { edges { node { companyName } } }
          activities(filter: {assigneeId: $u}) { edges { node { subject } } }
        }""",
        {"u": alice_id},
    )
    data = body["data"]
    assert [e["node"]["name"] for e in data["accounts"]["edges"]] == ["A"]
    assert [e["node"]["name"] for e in data["opportunities"]["edges"]] == ["Da"]
    assert [e["node"]["companyName"] for e in data["leads"]["edges"]] == ["La"]
    assert [e["node"]["subject"] for e in data["activities"]["edges"]] == ["Ta"]

    bad = await gql('{ accounts(filter: {ownerId: "nope"}) { totalCount } }')
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_cases_take_an_assignee_and_can_be_reassigned(
    gql_as: Any, alice: User, bob: User
) -> None:
    service = await a_user("sam", Role.SERVICE)
    account = await Account.create(name="Acme", currency="USD")
    created = await gql_as(
        service,
        CASE_CREATE,
        {"input": {"subject": "Broken", "accountId": gid("Account", account.id)}},
    )
    case = created["data"]["caseCreate"]["case"]
    assert case["assignee"] == {"email": "sam@example.com"}  # the token's user

    moved = await gql_as(
        service,
        """mutation ($input: CaseAssignInput!) {
          caseAssign(input: $input) { case { assignee { email } } errors { field code } }
        }""",
        {"input": {"id": case["id"], "assigneeId": gid("User", bob.id)}},
    )
    assert moved["data"]["caseAssign"] == {
        "case": {"assignee": {"email": "bob@example.com"}},
        "errors": [],
    }
    event = await Event.get(type="case.assigned")
    assert event.payload["assigneeId"] == gid("User", bob.id)
    assert event.payload["previousAssigneeId"] == gid("User", service.id)
    filtered = await gql_as(
        service,
        "query ($u: ID!) { cases(filter: {assigneeId: $u}) { totalCount } }",
        {"u": gid("User", bob.id)},
    )
    assert filtered["data"]["cases"]["totalCount"] == 1


ACTIVITIES = """
query ($f: ActivityFilter) { activities(filter: $f, orderBy: {field: DUE_AT, direction: ASC}) {
  edges { node { subject } } } }"""


async def test_activity_follow_up_filters(gql: GraphQL, alice: User, monkeypatch: Any) -> None:
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "utcnow", lambda: now)
    account = await Account.create(name="Acme", currency="USD")

    async def activity(subject: str, due: datetime | None, done: bool = False) -> None:
        await Activity.create(
            kind="TASK",
            subject=subject,
            account=account,
            due_at=due,
            completed_at=now if done else None,
            assignee_id=alice.id,
        )

    await activity("late", now - timedelta(hours=1))
    await activity("late but done", now - timedelta(hours=2), done=True)
    await activity("soon", now + timedelta(hours=3))
    await activity("later", now + timedelta(days=3))
    await activity("undated", None)

    async def subjects(flt: dict[str, Any]) -> list[str]:
        body = await gql(ACTIVITIES, {"f": flt})
        return [e["node"]["subject"] for e in body["data"]["activities"]["edges"]]

    assert await subjects({"overdue": True}) == ["late"]
    # Not overdue: done, not yet due, or undated (nulls sort last).
    assert await subjects({"overdue": False}) == ["late but done", "soon", "later", "undated"]
    assert await subjects({"dueBefore": "2026-03-11T00:00:00+00:00", "completed": False}) == [
        "late",
        "soon",
    ]
    assert await subjects({"assigneeId": gid("User", alice.id), "completed": True}) == [
        "late but done"
    ]


MY_WORK = """
{ myWork {
    activities { edges { node { subject } } }
    cases { edges { node { subject } } }
    opportunities { edges { node { name } } }
} }"""


async def test_my_work_lists_the_viewers_open_work(
    gql_as: Any, alice: User, bob: User, monkeypatch: Any
) -> None:
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "utcnow", lambda: now)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 10))
    account = await Account.create(name="Acme", currency="USD")
    for subject, due, user in [
        ("next week", now + timedelta(days=7), alice),
        ("overdue", now - timedelta(days=2), alice),
        ("tomorrow", now + timedelta(days=1), alice),
        ("bob's", now - timedelta(days=9), bob),
    ]:
        await Activity.create(
            kind="TASK", subject=subject, account=account, due_at=due, assignee_id=user.id
        )
    await Activity.create(
        kind="TASK",
        subject="done",
        account=account,
        due_at=now,
        completed_at=now,
        assignee_id=alice.id,
    )
    for subject, status in [("open case", CaseStatus.OPEN), ("closed case", CaseStatus.CLOSED)]:
        await Case.create(
            number=f"CASE-{subject}",
            subject=subject,
            account=account,
            status=status,
            opened_at=now,
            assignee_id=alice.id,
        )
    for name, close, status in [
        ("in 30 days", date(2026, 4, 9), OpportunityStatus.OPEN),  # 2026-03-10 + 30 days
        ("in 31 days", date(2026, 4, 10), OpportunityStatus.OPEN),
        ("past due", date(2026, 3, 1), OpportunityStatus.OPEN),
        ("won", date(2026, 3, 20), OpportunityStatus.WON),
    ]:
        await Opportunity.create(
            name=name,
            account=account,
            currency="USD",
            expected_close_date=close,
            status=status,
            owner_id=alice.id,
        )

    body = await gql_as(alice, MY_WORK)
    work = body["data"]["myWork"]
    assert [e["node"]["subject"] for e in work["activities"]["edges"]] == [
        "overdue",
        "tomorrow",
        "next week",
    ]
    assert [e["node"]["subject"] for e in work["cases"]["edges"]] == ["open case"]
    assert [e["node"]["name"] for e in work["opportunities"]["edges"]] == [
        "past due",
        "in 30 days",
    ]
    nobody = await gql_as(None, MY_WORK)
    assert nobody["data"]["myWork"] is None


async def test_every_owner_and_assignee_must_be_an_active_user(alice: User) -> None:
    gone = await a_user("gone", active=False)
    account = await Account.create(name="Acme", currency="USD", owner_id=alice.id)
    case = await create_case(account_id=account.id, subject="Broken", assignee_id=alice.id)
    refusals = {
        "opportunity owner_id": create_opportunity(
            {"account_id": account.id, "name": "Deal", "owner_id": gone.id}
        ),
        "activity assignee_id": create_activity(
            {"kind": "CALL", "subject": "Call", "account_id": account.id, "assignee_id": gone.id}
        ),
        "case assignee_id": create_case(
            account_id=account.id, subject="Again", assignee_id=gone.id
        ),
        "caseAssign assignee_id": assign_case(case.id, gone.id),
    }
    for what, attempt in refusals.items():
        with pytest.raises(DomainError) as refused:
            await attempt
        field = what.split()[1]
        assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, (field,)), what
    assert await Opportunity.all().count() == 0
    assert await Activity.all().count() == 0
    assert await Case.all().count() == 1
    assert (await Case.get(id=case.id)).assignee_id == alice.id
