"""Leads: capture (GraphQL and the HTTP hook), qualification and conversion."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest

from api.relay import decode_id, encode_id
from domain.accounts.models import Account, Contact
from domain.accounts.services import create_contact
from domain.errors import DomainError, ErrorCode
from domain.outbox.models import Event
from domain.pipeline.models import Lead, LeadStatus, Opportunity
from domain.pipeline.services import convert_lead, create_lead

GraphQL = Callable[..., Awaitable[dict[str, Any]]]

ADA = {
    "company_name": "Analytical Engines Ltd",
    "contact_name": "Ada Lovelace",
    "email": "Ada@Engines.example",
    "source": "webinar",
}

CONVERT = """
mutation Convert($input: LeadConvertInput!) {
  leadConvert(input: $input) {
    lead {
      status
      convertedAccount { name lifecycle }
      convertedContact { firstName lastName email }
      convertedOpportunity { name amount { amount currency } stage probability }
    }
    account { name }
    contact { email }
    opportunity { name }
    errors { field code message }
  }
}
"""


async def counts() -> tuple[int, int, int, int, int]:
    return (
        await Lead.all().count(),
        await Account.all().count(),
        await Contact.all().count(),
        await Opportunity.all().count(),
        await Event.all().count(),
    )


async def test_a_new_lead_is_new_and_records_lead_created(database: str) -> None:
    lead = await create_lead(ADA)

    assert (lead.status, lead.email) == (LeadStatus.NEW, "ada@engines.example")
    event = await Event.get(type="lead.created")
    assert event.payload["id"] == encode_id("Lead", lead.id)


async def test_converting_a_lead_creates_account_contact_and_opportunity(gql: GraphQL) -> None:
    lead = await create_lead(ADA)

    body = await gql(
        CONVERT,
        {
            "input": {
                "leadId": encode_id("Lead", lead.id),
                "opportunityName": "Difference engine",
                "amount": "12500.50",
            }
        },
        role="SALES",
    )

    assert body["data"]["leadConvert"] == {
        "lead": {
            "status": "CONVERTED",
            "convertedAccount": {"name": "Analytical Engines Ltd", "lifecycle": "PROSPECT"},
            "convertedContact": {
                "firstName": "Ada",
                "lastName": "Lovelace",
                "email": "ada@engines.example",
            },
            "convertedOpportunity": {
                "name": "Difference engine",
                "amount": {"amount": "12500.50", "currency": "USD"},
                "stage": "PROSPECTING",
                "probability": 10,
            },
        },
        "account": {"name": "Analytical Engines Ltd"},
        "contact": {"email": "ada@engines.example"},
        "opportunity": {"name": "Difference engine"},
        "errors": [],
    }
    assert await Event.all().order_by("id").values_list("type", flat=True) == [
        "lead.created",
        "account.created",
        "opportunity.created",
        "lead.converted",
    ]


async def test_a_lead_with_a_known_contact_email_links_to_that_account(database: str) -> None:
    account = await Account.create(name="Analytical Engines", currency="USD")
    contact = await create_contact(
        account.id, {"first_name": "Ada", "last_name": "King", "email": "ada@engines.example"}
    )
    lead = await create_lead(ADA)  # the same email, in other letter case

    converted = await convert_lead(lead.id, opportunity_name="Second engine")

    assert converted.converted_account_id == account.id
    assert converted.converted_contact_id == contact.id
    assert await Account.all().count() == 1
    assert await Contact.all().count() == 1
    opportunity = await Opportunity.get(id=converted.converted_opportunity_id)
    assert opportunity.account_id == account.id
    event = await Event.get(type="lead.converted")
    assert event.payload["convertedContactId"] == encode_id("Contact", contact.id)
    assert await Event.filter(type="account.created").count() == 0


async def test_converting_into_a_given_account_adds_the_contact_there(database: str) -> None:
    account = await Account.create(name="Holding plc", currency="USD")
    lead = await create_lead({**ADA, "contact_name": "Charles"})

    converted = await convert_lead(lead.id, account_id=account.id)

    contact = await Contact.get(id=converted.converted_contact_id)
    assert (contact.account_id, contact.first_name, contact.last_name) == (
        account.id,
        "Charles",
        "",
    )
    assert converted.converted_opportunity_id is None
    assert await Account.all().count() == 1


async def test_converting_twice_is_already_processed_and_changes_nothing(gql: GraphQL) -> None:
    lead = await create_lead(ADA)
    variables = {"input": {"leadId": encode_id("Lead", lead.id), "opportunityName": "Deal"}}
    await gql(CONVERT, variables)
    before = await counts()

    body = await gql(CONVERT, variables)

    assert body["data"]["leadConvert"] == {
        "lead": None,
        "account": None,
        "contact": None,
        "opportunity": None,
        "errors": [
            {
                "field": ["leadId"],
                "code": "ALREADY_PROCESSED",
                "message": "The lead is already converted.",
            }
        ],
    }
    assert await counts() == before


async def test_a_disqualified_lead_cannot_be_converted(database: str) -> None:
    lead = await create_lead(ADA)
    lead.status = LeadStatus.DISQUALIFIED
    await lead.save()

    with pytest.raises(DomainError) as refused:
        await convert_lead(lead.id)

    assert refused.value.code == ErrorCode.INVALID_TRANSITION


async def test_a_bad_amount_on_conversion_writes_nothing(database: str) -> None:
    lead = await create_lead(ADA)
    before = await counts()

    with pytest.raises(DomainError) as refused:
        await convert_lead(lead.id, opportunity_name="Deal", amount=Decimal("-5"))

    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("amount",))
    assert await counts() == before
    assert (await Lead.get(id=lead.id)).status == LeadStatus.NEW


LEAD_CREATE = """
mutation Create($input: LeadCreateInput!) {
  leadCreate(input: $input) { lead { id companyName status } errors { field code } }
}
"""
LEAD_UPDATE = """
mutation Update($input: LeadUpdateInput!) {
  leadUpdate(input: $input) { lead { status source } errors { field code } }
}
"""


async def test_lead_create_and_qualify_through_graphql(gql: GraphQL) -> None:
    created = await gql(
        LEAD_CREATE, {"input": {"companyName": "Initech", "contactName": "Bill Lumbergh"}}
    )
    lead = created["data"]["leadCreate"]["lead"]
    assert (lead["companyName"], lead["status"]) == ("Initech", "NEW")

    updated = await gql(
        LEAD_UPDATE, {"input": {"id": lead["id"], "status": "QUALIFIED", "source": "referral"}}
    )

    assert updated["data"]["leadUpdate"] == {
        "lead": {"status": "QUALIFIED", "source": "referral"},
        "errors": [],
    }


async def test_lead_create_without_company_is_refused_by_the_schema(gql: GraphQL) -> None:
    body = await gql(LEAD_CREATE, {"input": {"contactName": "Bill"}})

    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "companyName" in body["errors"][0]["message"]
    assert await Lead.all().count() == 0


async def test_a_blank_company_is_required(gql: GraphQL) -> None:
    body = await gql(LEAD_CREATE, {"input": {"companyName": "  ", "contactName": "Bill"}})

    assert body["data"]["leadCreate"] == {
        "lead": None,
        "errors": [{"field": ["companyName"], "code": "REQUIRED"}],
    }
    assert await Lead.all().count() == 0


async def test_a_lead_cannot_be_set_converted_by_update(gql: GraphQL) -> None:
    lead = await create_lead(ADA)

    body = await gql(
        LEAD_UPDATE, {"input": {"id": encode_id("Lead", lead.id), "status": "CONVERTED"}}
    )

    assert body["data"]["leadUpdate"]["errors"] == [
        {"field": ["status"], "code": "INVALID_TRANSITION"}
    ]


async def test_leads_are_listed_with_filters(gql: GraphQL) -> None:
    await create_lead(ADA)
    await create_lead({"company_name": "Initech", "contact_name": "Bill", "source": "web"})

    body = await gql(
        """{ leads(filter: {source: "web"}) { totalCount edges { node { companyName } } } }""",
        role="READONLY",
    )

    assert body["data"]["leads"] == {
        "totalCount": 1,
        "edges": [{"node": {"companyName": "Initech"}}],
    }


async def test_leads_search_and_order_by_company(gql: GraphQL) -> None:
    await create_lead(ADA)
    await create_lead({"company_name": "Initech", "contact_name": "Bill", "email": "b@i.example"})
    await create_lead({"company_name": "Hooli", "contact_name": "Gavin", "source": "web"})
    query = """query($filter: LeadFilter, $orderBy: LeadOrder) {
      leads(filter: $filter, orderBy: $orderBy) { edges { node { companyName } } } }"""

    async def companies(**variables: Any) -> list[str]:
        body = await gql(query, variables)
        return [e["node"]["companyName"] for e in body["data"]["leads"]["edges"]]

    # Newest first by default.
    assert await companies() == ["Hooli", "Initech", "Analytical Engines Ltd"]
    assert await companies(orderBy={"field": "COMPANY_NAME", "direction": "ASC"}) == [
        "Analytical Engines Ltd",
        "Hooli",
        "Initech",
    ]
    # The search matches company, contact name and email, in any letter case.
    assert await companies(filter={"search": "ADA"}) == ["Analytical Engines Ltd"]
    assert await companies(filter={"search": "i.example"}) == ["Initech"]
    assert await companies(filter={"status": "CONVERTED"}) == []


# --- POST /hooks/leads (§4.2) ----------------------------------------------------------------

HookPoster = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def post_lead(client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]) -> HookPoster:
    async def post(body: Any, role: str | None = "INTEGRATION", raw: bytes | None = None) -> Any:
        headers = {"Authorization": f"Bearer {await make_token(role)}"} if role else {}
        if raw is not None:
            return await client.post(
                "/hooks/leads", content=raw, headers={**headers, "content-type": "application/json"}
            )
        return await client.post("/hooks/leads", json=body, headers=headers)

    return post


async def test_the_hook_creates_a_lead_and_answers_201_with_its_id(post_lead: HookPoster) -> None:
    response = await post_lead(
        {
            "companyName": "Hooli",
            "contactName": "Gavin Belson",
            "email": "gavin@hooli.example",
            "phone": "+1 555 0100",
            "source": "website",
            "consent": True,  # extra form fields are ignored
        }
    )

    assert response.status_code == 201
    lead = await Lead.get(id=decode_id(response.json()["id"], "Lead"))
    assert (lead.company_name, lead.contact_name, lead.email, lead.phone, lead.source) == (
        "Hooli",
        "Gavin Belson",
        "gavin@hooli.example",
        "+1 555 0100",
        "website",
    )
    assert lead.status == LeadStatus.NEW
    assert await Event.filter(type="lead.created").count() == 1


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"contactName": "Gavin", "email": "g@hooli.example"}, "companyName", "REQUIRED"),
        ({"companyName": "Hooli", "email": "g@hooli.example"}, "contactName", "REQUIRED"),
        ({"companyName": "Hooli", "contactName": "Gavin"}, "email", "REQUIRED"),
        ({"companyName": "Hooli", "contactName": "Gavin", "email": "nope"}, "email", "INVALID"),
        (
            {"companyName": " ", "contactName": "Gavin", "email": "g@h.example"},
            "companyName",
            "REQUIRED",
        ),
        (
            {"companyName": 42, "contactName": "Gavin", "email": "g@h.example"},
            "companyName",
            "INVALID",
        ),
        ([1, 2, 3], "body", "INVALID"),
    ],
)
async def test_the_hook_refuses_a_bad_field_with_422_naming_it(
    post_lead: HookPoster, body: Any, field: str, code: str
) -> None:
    response = await post_lead(body)

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ([field], code)
    assert await Lead.all().count() == 0
    assert await Event.all().count() == 0


async def test_the_hook_refuses_malformed_json_with_422(post_lead: HookPoster) -> None:
    response = await post_lead(None, raw=b'{"companyName": "Hooli",')

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == ["body"]
    assert await Lead.all().count() == 0


async def test_the_hook_needs_a_token(post_lead: HookPoster) -> None:
    response = await post_lead({"companyName": "Hooli"}, role=None)

    assert response.status_code == 401
    assert await Lead.all().count() == 0


@pytest.mark.parametrize("role", ["SALES", "READONLY", "SERVICE"])
async def test_the_hook_is_forbidden_to_other_roles(post_lead: HookPoster, role: str) -> None:
    response = await post_lead(
        {"companyName": "Hooli", "contactName": "Gavin", "email": "g@hooli.example"}, role=role
    )

    assert response.status_code == 403
    assert await Lead.all().count() == 0
