"""The unified Account: create, update, archive, bad input, and its events (contract §3, §8)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.accounts import services
from domain.accounts.models import Account, Contact, Lifecycle
from domain.outbox.models import Event

CREATE = """
mutation($input: AccountCreateInput!) {
  accountCreate(input: $input) {
    account { id name lifecycle email currency paymentTermsDays creditLimit { amount currency }
              billingAddress { city country } }
    errors { field code message }
  }
}
"""
UPDATE = """
mutation($input: AccountUpdateInput!) {
  accountUpdate(input: $input) { account { name email tier } errors { field code } }
}
"""
ARCHIVE = """
mutation($id: ID!) {
  accountArchive(input: {id: $id}) { account { lifecycle archivedAt } errors { field code } }
}
"""


async def written() -> tuple[int, int, int]:
    return await Account.all().count(), await Contact.all().count(), await Event.all().count()


async def test_create_returns_the_account_and_records_account_created(gql: Any) -> None:
    result = await gql(
        CREATE,
        {
            "input": {
                "name": "  Acme Corp ",
                "email": "AP@Acme.example",
                "creditLimit": "5000.50",
                "paymentTermsDays": 45,
                "billingAddress": {"line1": "1 Main St", "city": "Springfield", "country": "US"},
            }
        },
    )

    payload = result["data"]["accountCreate"]
    assert payload["errors"] == []
    assert payload["account"] == {
        "id": payload["account"]["id"],
        "name": "Acme Corp",
        "lifecycle": "PROSPECT",
        "email": "ap@acme.example",
        "currency": "USD",
        "paymentTermsDays": 45,
        "creditLimit": {"amount": "5000.50", "currency": "USD"},
        "billingAddress": {"city": "Springfield", "country": "US"},
    }
    events = await Event.all()
    assert [event.type for event in events] == ["account.created"]
    assert events[0].payload["name"] == "Acme Corp"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": "   "}, {"field": ["name"], "code": "REQUIRED"}),
        ({"name": "Acme", "email": "not-an-email"}, {"field": ["email"], "code": "INVALID"}),
        ({"name": "Acme", "creditLimit": "-1"}, {"field": ["creditLimit"], "code": "INVALID"}),
        ({"name": "Acme", "creditLimit": "1.005"}, {"field": ["creditLimit"], "code": "INVALID"}),
        (
            {"name": "Acme", "paymentTermsDays": -3},
            {"field": ["paymentTermsDays"], "code": "INVALID"},
        ),
        ({"name": "Acme", "website": "ftp://x"}, {"field": ["website"], "code": "INVALID"}),
    ],
)
async def test_bad_input_is_a_user_error_and_nothing_is_written(
    gql: Any, fields: dict[str, Any], error: dict[str, Any]
) -> None:
    result = await gql(CREATE, {"input": fields})

    payload = result["data"]["accountCreate"]
    assert payload["account"] is None
    assert [{"field": e["field"], "code": e["code"]} for e in payload["errors"]] == [error]
    assert await written() == (0, 0, 0)


async def test_a_create_without_name_does_not_validate_against_the_schema(gql: Any) -> None:
    result = await gql(CREATE, {"input": {"email": "ap@acme.example"}})

    assert result["data"] is None
    assert "name" in result["errors"][0]["message"]
    assert await written() == (0, 0, 0)


async def test_update_changes_only_the_given_fields(gql: Any) -> None:
    await services.create_account({"name": "Acme", "email": "a@acme.example"})
    account_id = (await gql("{ accounts { edges { node { id } } } }"))["data"]["accounts"]["edges"][
        0
    ]["node"]["id"]

    result = await gql(UPDATE, {"input": {"id": account_id, "tier": "GOLD"}})

    assert result["data"]["accountUpdate"] == {
        "account": {"name": "Acme", "email": "a@acme.example", "tier": "GOLD"},
        "errors": [],
    }
    updated = await Event.filter(type="account.updated").get()
    assert updated.payload == {
        "id": account_id,
        "name": "Acme",
        "tier": "GOLD",
        "previousTier": None,
    }


async def test_an_update_of_an_unknown_account_is_not_found_and_writes_nothing(gql: Any) -> None:
    unknown = "QWNjb3VudDo5OTk5"  # Account:9999

    result = await gql(UPDATE, {"input": {"id": unknown, "name": "Ghost"}})

    assert result["data"]["accountUpdate"]["errors"] == [{"field": ["id"], "code": "NOT_FOUND"}]
    assert await written() == (0, 0, 0)


async def test_an_id_of_another_type_is_refused(gql: Any) -> None:
    contact_like = "Q29udGFjdDox"  # Contact:1

    result = await gql(UPDATE, {"input": {"id": contact_like, "name": "Ghost"}})

    assert result["data"]["accountUpdate"]["errors"][0]["code"] in {"INVALID", "NOT_FOUND"}


async def test_archive_marks_the_account_former_and_hides_it(gql: Any) -> None:
    await services.create_account({"name": "Acme"})
    account_id = (await gql("{ accounts { edges { node { id } } } }"))["data"]["accounts"]["edges"][
        0
    ]["node"]["id"]

    result = await gql(ARCHIVE, {"id": account_id})

    assert result["data"]["accountArchive"]["account"]["lifecycle"] == "FORMER"
    listed = await gql(
        "{ accounts { totalCount } all: accounts(filter: {includeArchived: true}) { totalCount } }"
    )
    assert listed["data"] == {"accounts": {"totalCount": 0}, "all": {"totalCount": 1}}
    again = await gql(ARCHIVE, {"id": account_id})
    assert again["data"]["accountArchive"]["errors"][0]["code"] == "ALREADY_PROCESSED"


async def test_a_failure_after_the_event_rolls_back_the_change_and_the_event(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def record_then_fail(event_type: str, payload: Any) -> Event:
        await original(event_type, payload)
        raise RuntimeError("the disk is full")

    original = services.record_event
    monkeypatch.setattr(services, "record_event", record_then_fail)

    with pytest.raises(RuntimeError):
        await services.create_account({"name": "Doomed"})

    assert await written() == (0, 0, 0)


async def test_contacts_are_created_under_their_account(gql: Any) -> None:
    await services.create_account({"name": "Acme"})
    account_id = (await gql("{ accounts { edges { node { id } } } }"))["data"]["accounts"]["edges"][
        0
    ]["node"]["id"]

    result = await gql(
        """mutation($input: ContactCreateInput!) { contactCreate(input: $input) {
             contact { firstName email account { name lifecycle } } errors { field code } } }""",
        {"input": {"accountId": account_id, "firstName": "Ada", "lastName": "L", "email": "x@"}},
    )
    assert result["data"]["contactCreate"]["errors"] == [{"field": ["email"], "code": "INVALID"}]

    result = await gql(
        """mutation($input: ContactCreateInput!) { contactCreate(input: $input) {
             contact { firstName email account { name lifecycle } } errors { field code } } }""",
        {
            "input": {
                "accountId": account_id,
                "firstName": "Ada",
                "lastName": "L",
                "email": "ada@acme.example",
            }
        },
    )
    assert result["data"]["contactCreate"] == {
        "contact": {
            "firstName": "Ada",
            "email": "ada@acme.example",
            "account": {"name": "Acme", "lifecycle": Lifecycle.PROSPECT.value},
        },
        "errors": [],
    }


async def test_an_account_deals_in_an_iso_currency_of_the_table(gql: Any) -> None:
    euro = await gql(CREATE, {"input": {"name": "Acme GmbH", "currency": "eur"}})
    dollar = await gql(CREATE, {"input": {"name": "Acme Inc"}})
    made_up = await gql(CREATE, {"input": {"name": "Acme Ltd", "currency": "XYZ"}})

    assert euro["data"]["accountCreate"]["account"]["currency"] == "EUR"
    assert dollar["data"]["accountCreate"]["account"]["currency"] == "USD"
    assert made_up["data"]["accountCreate"] == {
        "account": None,
        "errors": [
            {
                "field": ["currency"],
                "code": "INVALID",
                "message": "'XYZ' is not an ISO 4217 currency code.",
            }
        ],
    }
    assert await Account.filter(name="Acme Ltd").count() == 0
    assert await Event.filter(type="account.created").count() == 2
