"""The sales team's events carry their object in the API's shape (§8)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.campaigns.services import create_campaign, update_campaign
from domain.service.services import assign_case, create_case
from domain.users.models import User
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
