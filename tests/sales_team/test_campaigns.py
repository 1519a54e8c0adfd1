"""Campaigns (§13): create and update, stats with their return, and lead → deal attribution."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx

from domain.accounts.models import Account
from domain.campaigns.models import Campaign
from domain.campaigns.stats import CampaignCounts, compute_stats
from domain.outbox.models import Event
from domain.pipeline.models import Lead, LeadStatus, Opportunity, OpportunityStatus
from tests.factories import gid
from tests.sales_team.conftest import GraphQL

D = Decimal

CREATE = """
mutation ($input: CampaignCreateInput!) {
  campaignCreate(input: $input) {
    campaign { id name channel startDate endDate budget { amount currency } }
    errors { field code message }
  }
}"""

UPDATE = """
mutation ($input: CampaignUpdateInput!) {
  campaignUpdate(input: $input) { campaign { name budget { amount } } errors { field code } }
}"""


async def test_create_and_update_a_campaign_record_their_events(gql: GraphQL) -> None:
    body = await gql(
        CREATE,
        {
            "input": {
                "name": "Spring launch",
                "channel": "webinar",
                "startDate": "2026-03-01",
                "endDate": "2026-03-31",
                "budget": "1000",
            }
        },
        role="SALES",
    )
    created = body["data"]["campaignCreate"]
    assert created["errors"] == []
    campaign = created["campaign"]
    assert {k: v for k, v in campaign.items() if k != "id"} == {
        "name": "Spring launch",
        "channel": "webinar",
        "startDate": "2026-03-01",
        "endDate": "2026-03-31",
        "budget": {"amount": "1000.00", "currency": "USD"},
    }
    updated = await gql(UPDATE, {"input": {"id": campaign["id"], "budget": "1200.50"}})
    assert updated["data"]["campaignUpdate"] == {
        "campaign": {"name": "Spring launch", "budget": {"amount": "1200.50"}},
        "errors": [],
    }
    events = await Event.all().order_by("id")
    assert [e.type for e in events] == ["campaign.created", "campaign.updated"]
    assert events[0].payload["budget"] == {"amount": "1000.00", "currency": "USD"}
    assert events[1].payload["budget"] == {"amount": "1200.50", "currency": "USD"}
    assert events[1].payload["previousBudget"] == {"amount": "1000.00", "currency": "USD"}

    unchanged = await gql(UPDATE, {"input": {"id": campaign["id"], "budget": "1200.50"}})
    assert unchanged["data"]["campaignUpdate"]["errors"] == []
    assert await Event.all().count() == 2  # nothing changed, nothing recorded


async def test_bad_campaigns_are_refused(gql: GraphQL) -> None:
    await Campaign.create(name="Spring launch", currency="USD")
    duplicate = await gql(CREATE, {"input": {"name": "Spring launch"}})
    assert duplicate["data"]["campaignCreate"]["errors"] == [
        {
            "field": ["name"],
            "code": "DUPLICATE",
            "message": "A campaign named 'Spring launch' exists.",
        }
    ]
    backwards = await gql(
        CREATE, {"input": {"name": "B", "startDate": "2026-03-02", "endDate": "2026-03-01"}}
    )
    assert backwards["data"]["campaignCreate"]["errors"][0]["code"] == "INVALID"
    readonly = await gql(CREATE, {"input": {"name": "C"}}, role="READONLY")
    assert readonly["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Campaign.all().count() == 1


def test_stats_are_computed_from_the_counts() -> None:
    counts = CampaignCounts(
        leads=7,
        converted_leads=2,
        opportunities=3,
        won_opportunities=1,
        pipeline_amount=D("900.00"),
        won_amount=D("450.00"),
    )
    stats = compute_stats(D("300.00"), counts)
    assert stats.cost_per_lead == D("42.86")  # 300 / 7 = 42.857… → 42.86
    assert stats.return_on_spend == D("1.5000")  # 450 / 300
    assert compute_stats(None, counts).return_on_spend is None
    assert compute_stats(None, counts).cost_per_lead is None
    assert compute_stats(D("0"), counts).return_on_spend is None  # a zero budget: no ratio
    assert compute_stats(D("300.00"), CampaignCounts()).cost_per_lead is None  # no leads


STATS = """
query ($search: String) { campaigns(filter: {search: $search}) { edges { node { name
  stats { leads convertedLeads opportunities wonOpportunities pipelineAmount { amount }
          wonAmount { amount } costPerLead { amount } returnOnSpend }
} } } }"""


async def _stats_world() -> None:
    account = await Account.create(name="Acme", currency="USD")
    spring = await Campaign.create(name="Spring", currency="USD", budget=D("1000.00"))
    webinar = await Campaign.create(name="Webinar", currency="USD", budget=D("300.00"))
    organic = await Campaign.create(name="Organic", currency="USD")
    for n in range(4):
        await Lead.create(
            company_name=f"S{n}",
            contact_name="x",
            campaign=spring,
            status=LeadStatus.CONVERTED if n < 2 else LeadStatus.NEW,
        )
    for n in range(7):
        await Lead.create(company_name=f"W{n}", contact_name="x", campaign=webinar)
    await Lead.create(company_name="O", contact_name="x", campaign=organic)
    await Lead.create(company_name="None", contact_name="x")  # no campaign: counted nowhere
    for amount, status in [
        ("1500.00", OpportunityStatus.WON),
        ("700.00", OpportunityStatus.WON),
        ("300.00", OpportunityStatus.OPEN),
        ("900.00", OpportunityStatus.LOST),
    ]:
        await Opportunity.create(
            name=amount, account=account, currency="USD", amount=D(amount), status=status,
            campaign=spring,
        )  # fmt: skip
    await Opportunity.create(
        name="other", account=account, currency="USD", amount=D("5000.00"),
        status=OpportunityStatus.WON,
    )  # fmt: skip


async def test_campaign_stats_by_hand(gql: GraphQL, count_queries: Any) -> None:
    await _stats_world()
    body = await gql(STATS)
    stats = {e["node"]["name"]: e["node"]["stats"] for e in body["data"]["campaigns"]["edges"]}
    assert stats == {
        # Spring: 4 leads (2 converted); deals won 1500 + 700 = 2200, open 300, lost 900.
        # pipeline = 1500 + 700 + 300 = 2500 (not the lost one); cost per lead 1000 / 4 = 250;
        # return on spend 2200 / 1000 = 2.2.
        "Spring": {
            "leads": 4,
            "convertedLeads": 2,
            "opportunities": 4,
            "wonOpportunities": 2,
            "pipelineAmount": {"amount": "2500.00"},
            "wonAmount": {"amount": "2200.00"},
            "costPerLead": {"amount": "250.00"},
            "returnOnSpend": "2.2000",
        },
        # Webinar: 7 leads, no deals: 300 / 7 = 42.857 → 42.86; 0 / 300 = 0.
        "Webinar": {
            "leads": 7,
            "convertedLeads": 0,
            "opportunities": 0,
            "wonOpportunities": 0,
            "pipelineAmount": {"amount": "0.00"},
            "wonAmount": {"amount": "0.00"},
            "costPerLead": {"amount": "42.86"},
            "returnOnSpend": "0.0000",
        },
        # Organic: no budget, so neither figure.
        "Organic": {
            "leads": 1,
            "convertedLeads": 0,
            "opportunities": 0,
            "wonOpportunities": 0,
            "pipelineAmount": {"amount": "0.00"},
            "wonAmount": {"amount": "0.00"},
            "costPerLead": None,
            "returnOnSpend": None,
        },
    }


async def test_the_stats_of_a_page_cost_the_same_statements_as_those_of_one(
    gql: GraphQL, count_queries: Any
) -> None:
    await _stats_world()
    await gql("{ __typename }")  # the token exists before counting
    with count_queries() as one:
        await gql(STATS, {"search": "Spring"})
    with count_queries() as three:
        await gql(STATS)
    # The page, its count… and two GROUP BY statements for the stats, however many campaigns.
    assert three.count == one.count
    grouped = [s for s in three.statements if "GROUP BY" in s.upper()]
    assert len(grouped) == 2


CONVERT = """
mutation ($input: LeadConvertInput!) {
  leadConvert(input: $input) { opportunity { campaign { name } } errors { code } }
}"""


async def test_a_converted_lead_passes_its_campaign_to_its_deal(gql: GraphQL) -> None:
    spring = await Campaign.create(name="Spring", currency="USD")
    created = await gql(
        """mutation ($input: LeadCreateInput!) {
          leadCreate(input: $input) { lead { id campaign { name } } errors { field code } }
        }""",
        {
            "input": {
                "companyName": "Initech",
                "contactName": "Bill",
                "campaignId": gid("Campaign", spring.id),
            }
        },
    )
    lead = created["data"]["leadCreate"]["lead"]
    assert lead["campaign"] == {"name": "Spring"}

    body = await gql(CONVERT, {"input": {"leadId": lead["id"], "opportunityName": "Initech deal"}})
    assert body["data"]["leadConvert"] == {
        "opportunity": {"campaign": {"name": "Spring"}},
        "errors": [],
    }
    converted = await Event.get(type="opportunity.created")
    assert converted.payload["campaignId"] == gid("Campaign", spring.id)

    unknown = await gql(
        """mutation ($input: LeadCreateInput!) {
          leadCreate(input: $input) { lead { id } errors { field code } }
        }""",
        {"input": {"companyName": "X", "contactName": "Y", "campaignId": gid("Campaign", 999)}},
    )
    assert unknown["data"]["leadCreate"]["errors"] == [
        {"field": ["campaignId"], "code": "NOT_FOUND"}
    ]


async def test_the_lead_hook_takes_the_campaign_by_name_or_id(
    client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]
) -> None:
    spring = await Campaign.create(name="Spring", currency="USD")
    headers = {"Authorization": f"Bearer {await make_token('INTEGRATION')}"}
    base = {"companyName": "Hooli", "contactName": "Gavin", "email": "g@hooli.example"}

    by_name = await client.post(
        "/hooks/leads", json={**base, "campaign": "Spring"}, headers=headers
    )
    by_id = await client.post(
        "/hooks/leads", json={**base, "campaign": gid("Campaign", spring.id)}, headers=headers
    )
    assert (by_name.status_code, by_id.status_code) == (201, 201)
    assert await Lead.filter(campaign_id=spring.id).count() == 2

    unknown = await client.post("/hooks/leads", json={**base, "campaign": "Nope"}, headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {
            "field": ["campaign"],
            "code": "INVALID",
            "message": "campaign 'Nope' names no campaign (a name or an id).",
        }
    ]
    assert await Lead.all().count() == 2
