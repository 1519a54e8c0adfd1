"""The sales team's events carry their object in the API's shape (§8)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.campaigns.services import create_campaign, update_campaign
from domain.outbox.models import Event
from domain.service.services import assign_case, create_case
from domain.users.models import User
from domain.users.services import create_user, deactivate_user, update_user
from tests.events.test_event_payload_shape import assert_api_shape


async def test_campaign_events_are_the_campaign_as_the_api_shows_it(gql: Any) -> None:
    campaign = await create_campaign(
        {"name": "Spring", "channel": "event", "budget": Decimal("10")}
    )
    created = await assert_api_shape(gql, "campaign.created")
    assert created["budget"] == {"amount": "10.00", "currency": "USD"}
    await update_campaign(campaign.id, {"budget": Decimal("12.5"), "channel": None})
    await assert_api_shape(
        gql,
        "campaign.updated",
        previousBudget={"amount": "10.00", "currency": "USD"},
        previousChannel="event",
    )


async def test_case_assigned_names_the_new_and_the_previous_assignee(gql: Any, alice: User) -> None:
    account = await Account.create(name="Acme", currency="USD")
    case = await create_case(account_id=account.id, subject="Broken")
    await assign_case(case.id, alice.id)
    data = await assert_api_shape(gql, "case.assigned", previousAssigneeId=None)
    assert data["assigneeId"] is not None


async def test_user_events_are_the_user_as_the_api_shows_it(gql: Any) -> None:
    user = await create_user({"name": "Ann Lee", "email": "Ann@Example.com", "role": "SALES"})
    created = await assert_api_shape(gql, "user.created")
    assert (created["email"], created["role"], created["active"]) == (
        "ann@example.com",
        "SALES",
        True,
    )
    await update_user(user.id, {"role": "SERVICE", "name": "Ann Lee"})  # the name unchanged
    await assert_api_shape(gql, "user.updated", previousRole="SALES")
    await deactivate_user(user.id)
    await assert_api_shape(gql, "user.deactivated", previousActive=True)
    await deactivate_user(user.id)  # already inactive: no change, no event
    await update_user(user.id, {"name": "Ann Lee"})
    types = (
        await Event.filter(type__startswith="user.").order_by("id").values_list("type", flat=True)
    )
    assert types == ["user.created", "user.updated", "user.deactivated"]
