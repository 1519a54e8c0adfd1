"""Cases through GraphQL: due times, pauses, priority changes, SLA status, refusals, lists."""

from __future__ import annotations

from typing import Any

import pytest
from service_factories import (
    Clock,
    a_case,
    an_account,
    event_types,
    iso,
    monday,
    row_counts,
    standard_policy,
    tuesday,
    utc,
)

from api.relay import encode_id
from domain.accounts.models import Contact
from domain.outbox.models import Event
from domain.service.models import Case
from domain.service.sla_rules import CaseStatus, Priority

pytestmark = pytest.mark.usefixtures("database")

CASE_FIELDS = """
  id number subject status priority openedAt firstRespondedAt resolvedAt
  firstResponseDueAt resolutionDueAt slaStatus escalationLevel pausedBusinessMinutes
  account { name } slaPolicy { name }
"""

CREATE = f"""
mutation ($input: CaseCreateInput!) {{
  caseCreate(input: $input) {{ case {{ {CASE_FIELDS} }} errors {{ field code message }} }}
}}"""

RESPOND = f"""
mutation ($input: CaseRecordResponseInput!) {{
  caseRecordResponse(input: $input) {{ case {{ {CASE_FIELDS} }} errors {{ field code }} }}
}}"""

SET_STATUS = f"""
mutation ($input: CaseSetStatusInput!) {{
  caseSetStatus(input: $input) {{ case {{ {CASE_FIELDS} }} errors {{ field code message }} }}
}}"""

SET_PRIORITY = f"""
mutation ($input: CaseSetPriorityInput!) {{
  caseSetPriority(input: $input) {{ case {{ {CASE_FIELDS} }} errors {{ field code }} }}
}}"""

READ = f"query ($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"


async def open_case(gql, account_id: int, **fields: Any) -> dict[str, Any]:
    body = await gql(
        CREATE,
        {"input": {"subject": "VPN down", "accountId": encode_id("Account", account_id)} | fields},
    )
    result = body["data"]["caseCreate"]
    assert result["errors"] == [], result["errors"]
    return result["case"]  # type: ignore[no-any-return]


async def change(gql, mutation: str, **fields: Any) -> dict[str, Any]:
    name = mutation.split("(input")[0].split("{")[-1].strip()
    body = await gql(mutation, {"input": fields})
    result = body["data"][name]
    assert result["errors"] == [], result["errors"]
    return result["case"]  # type: ignore[no-any-return]


async def read(gql, case_id: str) -> dict[str, Any]:
    return (await gql(READ, {"id": case_id}))["data"]["case"]  # type: ignore[no-any-return]


async def test_a_new_case_is_numbered_and_due_in_business_minutes_of_the_default_policy(
    gql, clock: Clock
) -> None:
    await standard_policy()
    account = await an_account()

    case = await open_case(gql, account.id)

    assert case | {"id": None} == {
        "id": None,
        "number": "CASE-2026-000001",
        "subject": "VPN down",
        "status": "NEW",
        "priority": "NORMAL",
        "openedAt": iso(monday(9)),
        "firstRespondedAt": None,
        "resolvedAt": None,
        "firstResponseDueAt": iso(monday(10)),
        "resolutionDueAt": iso(monday(13)),
        "slaStatus": "ON_TRACK",
        "escalationLevel": 0,
        "pausedBusinessMinutes": 0,
        "account": {"name": "Acme"},
        "slaPolicy": {"name": "Standard"},
    }
    assert await event_types() == ["case.created"]


async def test_a_case_opened_friday_afternoon_is_due_monday_late_morning(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    clock.set(utc(2026, 1, 16, 12))

    case = await open_case(gql, account.id, openedAt=iso(utc(2026, 1, 9, 15)), priority="LOW")

    # LOW: first response 240 business minutes, resolution 960 (two working days).
    assert case["openedAt"] == iso(utc(2026, 1, 9, 15))
    assert case["firstResponseDueAt"] == iso(monday(11))
    assert case["resolutionDueAt"] == iso(tuesday(15))
    assert case["slaStatus"] == "BREACHED"


async def test_a_case_opened_on_saturday_starts_its_clocks_monday_at_nine(
    gql, clock: Clock
) -> None:
    await standard_policy()
    account = await an_account()
    clock.set(utc(2026, 1, 10, 11))

    case = await open_case(gql, account.id)

    assert case["firstResponseDueAt"] == iso(monday(10))
    assert case["resolutionDueAt"] == iso(monday(13))


async def test_the_accounts_own_policy_wins_over_the_default(gql, clock: Clock) -> None:
    await standard_policy("Standard", is_default=True)
    gold = await standard_policy("Gold", is_default=False)
    account = await an_account(sla_policy_id=gold.id)

    case = await open_case(gql, account.id)

    assert case["slaPolicy"] == {"name": "Gold"}


async def test_without_any_policy_a_case_has_no_sla(gql, clock: Clock) -> None:
    account = await an_account()

    case = await open_case(gql, account.id)

    assert case["slaStatus"] == "NONE"
    assert case["firstResponseDueAt"] is None
    assert case["slaPolicy"] is None


async def test_waiting_on_the_customer_moves_the_resolution_due_time_by_the_business_minutes_waited(
    gql, clock: Clock
) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)  # Monday 09:00: response due 10:00, resolution 13:00
    clock.set(monday(9, 30))
    await change(gql, RESPOND, id=case["id"])

    clock.set(monday(12))
    waiting = await change(gql, SET_STATUS, id=case["id"], status="WAITING_ON_CUSTOMER")
    assert waiting["slaStatus"] == "PAUSED"
    assert waiting["resolutionDueAt"] == iso(monday(13))

    clock.set(monday(16))
    assert (await read(gql, case["id"]))["slaStatus"] == "PAUSED"

    # Waited Monday 12:00–17:00 and Tuesday 09:00–10:00: 360 business minutes.
    clock.set(tuesday(10))
    resumed = await change(gql, SET_STATUS, id=case["id"], status="OPEN")
    assert resumed["pausedBusinessMinutes"] == 360
    assert resumed["resolutionDueAt"] == iso(tuesday(11))  # Monday 13:00 + 360 business minutes
    assert resumed["firstResponseDueAt"] == iso(monday(10))
    assert resumed["slaStatus"] == "ON_TRACK"

    clock.set(tuesday(10, 12))  # 48 minutes (20% of 240) left
    assert (await read(gql, case["id"]))["slaStatus"] == "AT_RISK"


async def test_a_second_pause_adds_to_the_first(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)
    clock.set(monday(9, 5))
    await change(gql, RESPOND, id=case["id"])
    for start, end in ((monday(9, 10), monday(9, 40)), (monday(10), monday(10, 15))):
        clock.set(end)
        await change(gql, SET_STATUS, id=case["id"], status="WAITING_ON_CUSTOMER", at=iso(start))
        resumed = await change(gql, SET_STATUS, id=case["id"], status="OPEN")

    assert resumed["pausedBusinessMinutes"] == 45
    assert resumed["resolutionDueAt"] == iso(monday(13, 45))


async def test_a_priority_change_recomputes_both_due_times_from_opening(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id, openedAt=iso(monday(9)))
    clock.set(monday(9, 5))

    urgent = await change(gql, SET_PRIORITY, id=case["id"], priority="URGENT")
    assert (urgent["firstResponseDueAt"], urgent["resolutionDueAt"]) == (
        iso(monday(9, 15)),
        iso(monday(10)),
    )

    low = await change(gql, SET_PRIORITY, id=case["id"], priority="LOW")
    assert (low["firstResponseDueAt"], low["resolutionDueAt"]) == (
        iso(monday(13)),
        iso(tuesday(17)),
    )
    assert low["priority"] == "LOW"


async def test_a_priority_change_keeps_the_time_already_waited(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)
    clock.set(monday(10))
    await change(gql, SET_STATUS, id=case["id"], status="WAITING_ON_CUSTOMER", at=iso(monday(9)))
    await change(gql, SET_STATUS, id=case["id"], status="OPEN")

    high = await change(gql, SET_PRIORITY, id=case["id"], priority="HIGH")

    assert high["resolutionDueAt"] == iso(monday(12))  # 120 + 60 waited


async def test_a_response_after_the_breach_leaves_the_case_breached(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)

    clock.set(monday(10, 30))
    assert (await read(gql, case["id"]))["slaStatus"] == "BREACHED"

    answered = await change(gql, RESPOND, id=case["id"])
    assert answered["firstRespondedAt"] == iso(monday(10, 30))
    assert answered["status"] == "OPEN"
    assert answered["slaStatus"] == "BREACHED"

    clock.set(monday(11))
    resolved = await change(gql, SET_STATUS, id=case["id"], status="RESOLVED")
    assert resolved["slaStatus"] == "BREACHED"


async def test_a_case_resolved_in_time_has_met_its_sla_and_announces_it(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)
    clock.set(monday(11))
    await change(gql, RESPOND, id=case["id"], at=iso(monday(9, 20)))

    resolved = await change(gql, SET_STATUS, id=case["id"], status="RESOLVED")

    assert resolved["resolvedAt"] == iso(monday(11))
    assert resolved["slaStatus"] == "MET"
    assert await event_types() == ["case.created", "case.resolved"]
    event = await Event.filter(type="case.resolved").get()
    assert event.payload["number"] == "CASE-2026-000001"
    assert event.payload["resolvedAt"] == iso(monday(11))


async def test_a_second_response_keeps_the_first(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)
    clock.set(monday(11))
    await change(gql, RESPOND, id=case["id"], at=iso(monday(9, 20)))

    again = await change(gql, RESPOND, id=case["id"])

    assert again["firstRespondedAt"] == iso(monday(9, 20))


async def test_a_closed_case_cannot_be_reopened_and_nothing_changes(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)
    clock.set(monday(11))
    await change(gql, SET_STATUS, id=case["id"], status="CLOSED")
    before = await row_counts()
    row_before = await Case.get(number="CASE-2026-000001")

    body = await gql(SET_STATUS, {"input": {"id": case["id"], "status": "OPEN"}})

    result = body["data"]["caseSetStatus"]
    assert result["case"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        (["status"], "INVALID_TRANSITION")
    ]
    assert await row_counts() == before
    row_after = await Case.get(number="CASE-2026-000001")
    assert (row_after.status, row_after.resolved_at, row_after.updated_at) == (
        CaseStatus.CLOSED,
        row_before.resolved_at,
        row_before.updated_at,
    )


async def test_closing_straight_from_waiting_counts_the_last_pause(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)
    clock.set(monday(16))
    await change(gql, RESPOND, id=case["id"], at=iso(monday(9, 10)))
    await change(gql, SET_STATUS, id=case["id"], status="WAITING_ON_CUSTOMER", at=iso(monday(10)))

    closed = await change(gql, SET_STATUS, id=case["id"], status="CLOSED")

    assert closed["resolutionDueAt"] == iso(tuesday(11))  # 13:00 + 360 minutes waited
    assert closed["slaStatus"] == "MET"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"openedAt": iso(monday(9, 1))}, ["openedAt"], "INVALID"),  # in the future
        ({"openedAt": "2026-01-12T08:00:00"}, ["openedAt"], "INVALID"),  # no offset
        ({"subject": " "}, ["subject"], "REQUIRED"),
        ({"accountId": encode_id("Account", 999)}, ["accountId"], "NOT_FOUND"),
        ({"accountId": encode_id("Contact", 1)}, ["accountId"], "NOT_FOUND"),
    ],
)
async def test_a_bad_case_is_refused_and_nothing_is_written(
    gql, clock: Clock, fields: dict[str, Any], field: list[str], code: str
) -> None:
    await standard_policy()
    account = await an_account()
    before = await row_counts()

    body = await gql(
        CREATE,
        {"input": {"subject": "VPN down", "accountId": encode_id("Account", account.id)} | fields},
    )

    result = body["data"]["caseCreate"]
    assert result["case"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert await row_counts() == before


async def test_a_contact_of_another_account_is_refused(gql, clock: Clock) -> None:
    account = await an_account("Acme")
    other = await an_account("Globex")
    stranger = await Contact.create(account=other, first_name="Hank", last_name="Scorpio")

    body = await gql(
        CREATE,
        {
            "input": {
                "subject": "VPN down",
                "accountId": encode_id("Account", account.id),
                "contactId": encode_id("Contact", stranger.id),
            }
        },
    )

    assert body["data"]["caseCreate"]["errors"][0]["field"] == ["contactId"]
    assert await Case.all().count() == 0


async def test_a_response_or_status_change_before_the_opening_is_refused(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    case = await open_case(gql, account.id)

    early_response = await gql(RESPOND, {"input": {"id": case["id"], "at": iso(monday(8))}})
    early_status = await gql(
        SET_STATUS, {"input": {"id": case["id"], "status": "OPEN", "at": iso(monday(8))}}
    )

    assert early_response["data"]["caseRecordResponse"]["errors"] == [
        {"field": ["at"], "code": "INVALID"}
    ]
    assert early_status["data"]["caseSetStatus"]["errors"][0]["field"] == ["at"]
    assert (await read(gql, case["id"]))["status"] == "NEW"


async def test_service_agents_work_cases_integrations_only_open_them(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()

    case = await open_case(gql, account.id)  # as ADMIN
    opened = await gql(
        CREATE,
        {"input": {"subject": "Form", "accountId": encode_id("Account", account.id)}},
        role="INTEGRATION",
    )
    refused = await gql(
        SET_STATUS, {"input": {"id": case["id"], "status": "OPEN"}}, role="INTEGRATION"
    )
    by_sales = await gql(
        SET_PRIORITY, {"input": {"id": case["id"], "priority": "HIGH"}}, role="SALES"
    )
    by_service = await gql(
        SET_PRIORITY, {"input": {"id": case["id"], "priority": "HIGH"}}, role="SERVICE"
    )

    assert opened["data"]["caseCreate"]["errors"] == []
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert by_sales["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert by_service["data"]["caseSetPriority"]["case"]["priority"] == "HIGH"


LIST = """
query ($filter: CaseFilter, $first: Int) {
  cases(first: $first, filter: $filter, orderBy: {field: NUMBER, direction: ASC}) {
    totalCount
    edges { node { number slaStatus } }
  }
}"""


async def filtered(gql, **flt: Any) -> list[str]:
    body = await gql(LIST, {"filter": flt, "first": 100})
    return [edge["node"]["number"] for edge in body["data"]["cases"]["edges"]]


async def test_cases_filter_by_account_status_priority_and_escalation_level(
    gql, clock: Clock
) -> None:
    await standard_policy()
    acme, globex = await an_account("Acme"), await an_account("Globex")
    await a_case(acme, monday(9))
    await a_case(acme, monday(9), Priority.HIGH)
    await a_case(globex, monday(9), Priority.HIGH)
    await Case.filter(number="CASE-2026-000003").update(status=CaseStatus.OPEN, escalation_level=1)

    assert await filtered(gql, accountId=encode_id("Account", acme.id)) == [
        "CASE-2026-000001",
        "CASE-2026-000002",
    ]
    assert await filtered(gql, priority="HIGH") == ["CASE-2026-000002", "CASE-2026-000003"]
    assert await filtered(gql, status="OPEN") == ["CASE-2026-000003"]
    assert await filtered(gql, escalationLevel=1) == ["CASE-2026-000003"]
    wrong_type = await gql(LIST, {"filter": {"accountId": encode_id("Contact", acme.id)}})
    assert wrong_type["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_sla_status_filter_agrees_with_the_computed_status(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()
    clock.set(monday(10, 30))
    # At Monday 10:30 these are: breached (no answer), at risk, on track, paused, met, none.
    for opened, priority in (
        (monday(9), Priority.NORMAL),
        (monday(9, 40), Priority.NORMAL),
        (monday(10, 20), Priority.NORMAL),
        (monday(9), Priority.NORMAL),
        (monday(9), Priority.HIGH),
    ):
        await a_case(account, opened, priority)
    await change(gql, RESPOND, id=encode_id("Case", 4), at=iso(monday(9, 5)))
    await change(gql, SET_STATUS, id=encode_id("Case", 4), status="WAITING_ON_CUSTOMER")
    await change(gql, SET_STATUS, id=encode_id("Case", 5), status="RESOLVED", at=iso(monday(9, 25)))
    no_sla = await an_account("No SLA")
    await Case.create(number="CASE-2026-000006", subject="x", account=no_sla, opened_at=monday(9))

    body = await gql(LIST, {"first": 100})
    computed = {e["node"]["number"]: e["node"]["slaStatus"] for e in body["data"]["cases"]["edges"]}
    assert computed == {
        "CASE-2026-000001": "BREACHED",
        "CASE-2026-000002": "AT_RISK",
        "CASE-2026-000003": "ON_TRACK",
        "CASE-2026-000004": "PAUSED",
        "CASE-2026-000005": "MET",
        "CASE-2026-000006": "NONE",
    }
    for status in ("BREACHED", "ON_TRACK", "AT_RISK", "PAUSED", "MET", "NONE"):
        expected = [number for number, value in computed.items() if value == status]
        assert await filtered(gql, slaStatus=status) == expected, status


async def test_account_cases_and_a_case_list_cost_the_same_queries_for_5_or_50_cases(
    gql, clock: Clock, count_queries
) -> None:
    await standard_policy()
    for index in range(50):
        account = await an_account(f"Account {index}")
        await a_case(account, monday(9), Priority.HIGH if index % 2 else Priority.NORMAL)
    query = """
    query ($first: Int) {
      cases(first: $first) {
        edges { node {
          number slaStatus escalations { level }
          account { name cases { edges { node { number } } } slaPolicy { name } }
          slaPolicy { name targets { priority } calendar { name } }
        } }
      }
    }"""
    await gql("{ __typename }")  # the token is created on first use

    with count_queries() as five:
        small = await gql(query, {"first": 5})
    with count_queries() as fifty:
        large = await gql(query, {"first": 50})

    assert len(small["data"]["cases"]["edges"]) == 5
    assert len(large["data"]["cases"]["edges"]) == 50
    assert fifty.count == five.count


async def test_case_numbers_carry_the_year_of_opening_and_count_per_year(gql, clock: Clock) -> None:
    await standard_policy()
    account = await an_account()

    this_year = await open_case(gql, account.id)
    imported = await open_case(gql, account.id, openedAt=iso(utc(2025, 12, 31, 23, 30)))
    next_one = await open_case(gql, account.id)

    assert [this_year["number"], imported["number"], next_one["number"]] == [
        "CASE-2026-000001",
        "CASE-2025-000001",
        "CASE-2026-000002",
    ]


ACCOUNT_CASES = """
query ($id: ID!, $filter: CaseFilter, $orderBy: CaseOrder, $first: Int) {
  account(id: $id) {
    cases(filter: $filter, orderBy: $orderBy, first: $first) {
      totalCount pageInfo { hasNextPage } edges { node { number priority } }
    }
  }
}"""


async def test_account_cases_are_a_connection_with_filter_and_order(gql, clock: Clock) -> None:
    await standard_policy()
    acme, globex = await an_account("Acme"), await an_account("Globex")
    await a_case(acme, monday(8), Priority.HIGH)
    await a_case(acme, monday(9))
    await a_case(acme, monday(7), Priority.HIGH)
    await a_case(globex, monday(9), Priority.HIGH)

    async def cases(**variables: Any) -> dict[str, Any]:
        body = await gql(ACCOUNT_CASES, {"id": encode_id("Account", acme.id), **variables})
        assert "errors" not in body, body
        return body["data"]["account"]["cases"]  # type: ignore[no-any-return]

    newest_first = await cases(first=2)
    assert [e["node"]["number"] for e in newest_first["edges"]] == [
        "CASE-2026-000002",
        "CASE-2026-000001",
    ]
    assert (newest_first["totalCount"], newest_first["pageInfo"]["hasNextPage"]) == (3, True)
    high = await cases(filter={"priority": "HIGH"}, orderBy={"field": "OPENED_AT"})
    assert [e["node"]["number"] for e in high["edges"]] == [
        "CASE-2026-000003",
        "CASE-2026-000001",
    ]
    other = await cases(filter={"accountId": encode_id("Account", globex.id)})
    assert other["totalCount"] == 0
