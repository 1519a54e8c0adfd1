"""Calendars, SLA policies and the account's policy through GraphQL: shapes, refusals, roles."""

from __future__ import annotations

from typing import Any

import pytest
from service_factories import office_calendar, row_counts, standard_policy

from api.relay import encode_id
from domain.accounts.models import Account
from domain.service.models import SlaPolicy

pytestmark = pytest.mark.usefixtures("database")

CREATE_CALENDAR = """
mutation ($input: BusinessCalendarCreateInput!) {
  businessCalendarCreate(input: $input) {
    businessCalendar { id name timezone hours { weekday start end } holidays }
    errors { field code message }
  }
}"""

CREATE_POLICY = """
mutation ($input: SlaPolicyCreateInput!) {
  slaPolicyCreate(input: $input) {
    slaPolicy {
      id name atRiskPercent isDefault
      calendar { name }
      targets { priority firstResponseMinutes resolutionMinutes }
    }
    errors { field code message }
  }
}"""

WEEKDAYS_9_TO_5 = [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(1, 6)]


def calendar_input(**overrides: Any) -> dict[str, Any]:
    return {"name": "Berlin office", "timezone": "Europe/Berlin", "hours": WEEKDAYS_9_TO_5} | (
        overrides
    )


async def test_a_calendar_with_a_split_day_and_holidays_reads_back_in_order(gql) -> None:
    hours = [
        {"weekday": 1, "start": "13:00", "end": "17:30"},
        {"weekday": 1, "start": "08:30", "end": "12:00"},
        {"weekday": 6, "start": "20:00", "end": "24:00"},
    ]
    body = await gql(
        CREATE_CALENDAR,
        {"input": calendar_input(hours=hours, holidays=["2026-12-25", "2026-01-01"])},
    )

    result = body["data"]["businessCalendarCreate"]
    assert result["errors"] == []
    assert result["businessCalendar"]["timezone"] == "Europe/Berlin"
    assert result["businessCalendar"]["hours"] == [
        {"weekday": 1, "start": "08:30", "end": "12:00"},
        {"weekday": 1, "start": "13:00", "end": "17:30"},
        {"weekday": 6, "start": "20:00", "end": "24:00"},
    ]
    assert result["businessCalendar"]["holidays"] == ["2026-01-01", "2026-12-25"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, ["timezone"], "INVALID"),
        (
            {"hours": [*WEEKDAYS_9_TO_5, {"weekday": 6, "start": "17:00", "end": "09:00"}]},
            ["hours", "5", "end"],
            "INVALID",
        ),
        (
            {"hours": [{"weekday": 8, "start": "09:00", "end": "17:00"}]},
            ["hours", "0", "weekday"],
            "INVALID",
        ),
        (
            {"hours": [{"weekday": 1, "start": "9am", "end": "17:00"}]},
            ["hours", "0", "start"],
            "INVALID",
        ),
        ({"hours": []}, ["hours"], "INVALID"),
        ({"name": "  "}, ["name"], "REQUIRED"),
    ],
)
async def test_a_bad_calendar_is_refused_with_the_offending_field_and_nothing_is_written(
    gql, overrides: dict[str, Any], field: list[str], code: str
) -> None:
    before = await row_counts()

    body = await gql(CREATE_CALENDAR, {"input": calendar_input(**overrides)})

    result = body["data"]["businessCalendarCreate"]
    assert result["businessCalendar"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert await row_counts() == before


async def test_a_second_calendar_with_the_same_name_is_a_duplicate(gql) -> None:
    await gql(CREATE_CALENDAR, {"input": calendar_input()})

    body = await gql(CREATE_CALENDAR, {"input": calendar_input()})

    assert body["data"]["businessCalendarCreate"]["errors"][0]["code"] == "DUPLICATE"


def policy_input(calendar_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Gold",
        "calendarId": calendar_id,
        "targets": [
            {"priority": "URGENT", "firstResponseMinutes": 15, "resolutionMinutes": 60},
            {"priority": "NORMAL", "firstResponseMinutes": 60, "resolutionMinutes": 480},
        ],
    } | overrides


async def test_a_policy_lists_its_targets_on_the_priority_ladder_and_defaults_to_80_percent(
    gql,
) -> None:
    calendar = await office_calendar()

    body = await gql(
        CREATE_POLICY, {"input": policy_input(encode_id("BusinessCalendar", calendar.id))}
    )

    result = body["data"]["slaPolicyCreate"]
    assert result["errors"] == []
    assert result["slaPolicy"] | {"id": None} == {
        "id": None,
        "name": "Gold",
        "atRiskPercent": 80,
        "isDefault": False,
        "calendar": {"name": "Office"},
        "targets": [
            {"priority": "NORMAL", "firstResponseMinutes": 60, "resolutionMinutes": 480},
            {"priority": "URGENT", "firstResponseMinutes": 15, "resolutionMinutes": 60},
        ],
    }


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (
            {
                "targets": [
                    {"priority": "HIGH", "firstResponseMinutes": -5, "resolutionMinutes": 60}
                ]
            },
            ["targets", "0", "firstResponseMinutes"],
            "INVALID",
        ),
        (
            {
                "targets": [
                    {"priority": "HIGH", "firstResponseMinutes": 5, "resolutionMinutes": -60}
                ]
            },
            ["targets", "0", "resolutionMinutes"],
            "INVALID",
        ),
        (
            {
                "targets": [
                    {"priority": "HIGH", "firstResponseMinutes": 5, "resolutionMinutes": 60},
                    {"priority": "HIGH", "firstResponseMinutes": 10, "resolutionMinutes": 90},
                ]
            },
            ["targets", "1", "priority"],
            "DUPLICATE",
        ),
        ({"targets": []}, ["targets"], "REQUIRED"),
        ({"atRiskPercent": 101}, ["atRiskPercent"], "INVALID"),
        ({"calendarId": encode_id("BusinessCalendar", 999)}, ["calendarId"], "NOT_FOUND"),
    ],
)
async def test_a_bad_policy_is_refused_and_nothing_is_written(
    gql, overrides: dict[str, Any], field: list[str], code: str
) -> None:
    calendar = await office_calendar()
    before = await row_counts()

    body = await gql(
        CREATE_POLICY,
        {"input": policy_input(encode_id("BusinessCalendar", calendar.id), **overrides)},
    )

    result = body["data"]["slaPolicyCreate"]
    assert result["slaPolicy"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert await row_counts() == before


async def test_a_new_default_policy_takes_over_from_the_old_one(gql) -> None:
    old = await standard_policy("Standard", is_default=True)
    calendar_id = encode_id("BusinessCalendar", old.calendar_id)

    body = await gql(CREATE_POLICY, {"input": policy_input(calendar_id, isDefault=True)})

    assert body["data"]["slaPolicyCreate"]["slaPolicy"]["isDefault"] is True
    defaults = await SlaPolicy.filter(is_default=True).values_list("name", flat=True)
    assert defaults == ["Gold"]


ACCOUNT_CREATE = """
mutation ($input: AccountCreateInput!) {
  accountCreate(input: $input) { account { id slaPolicy { name } } errors { field code } }
}"""

ACCOUNT_UPDATE = """
mutation ($input: AccountUpdateInput!) {
  accountUpdate(input: $input) { account { slaPolicy { name } } errors { field code } }
}"""


async def test_an_account_takes_an_sla_policy_and_can_drop_it(gql) -> None:
    gold = await standard_policy("Gold", is_default=False)

    created = await gql(
        ACCOUNT_CREATE,
        {"input": {"name": "Acme", "slaPolicyId": encode_id("SlaPolicy", gold.id)}},
    )
    account = created["data"]["accountCreate"]["account"]
    assert account["slaPolicy"] == {"name": "Gold"}

    dropped = await gql(ACCOUNT_UPDATE, {"input": {"id": account["id"], "slaPolicyId": None}})
    assert dropped["data"]["accountUpdate"]["account"]["slaPolicy"] is None


async def test_an_unknown_sla_policy_on_an_account_is_not_found_and_nothing_is_written(
    gql,
) -> None:
    body = await gql(
        ACCOUNT_CREATE, {"input": {"name": "Acme", "slaPolicyId": encode_id("SlaPolicy", 42)}}
    )

    assert body["data"]["accountCreate"]["errors"] == [
        {"field": ["slaPolicyId"], "code": "NOT_FOUND"}
    ]
    assert await Account.all().count() == 0


LISTS = """{
  businessCalendars(first: 10) { totalCount edges { node { name } } }
  slaPolicies(first: 10) { totalCount edges { node { name isDefault } } }
}"""


async def test_every_role_reads_calendars_and_policies(gql) -> None:
    await standard_policy("Standard")

    body = await gql(LISTS, role="READONLY")

    assert body["data"]["businessCalendars"]["edges"] == [{"node": {"name": "Standard hours"}}]
    assert body["data"]["slaPolicies"]["edges"] == [
        {"node": {"name": "Standard", "isDefault": True}}
    ]


@pytest.mark.parametrize("role", ["SERVICE", "SALES", "INTEGRATION"])
async def test_only_admins_configure_calendars(gql, role: str) -> None:
    body = await gql(CREATE_CALENDAR, {"input": calendar_input()}, role=role)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await row_counts())["calendars"] == 0


async def test_calendars_and_policies_take_filter_and_order(gql) -> None:
    standard = await standard_policy("Standard")
    await standard_policy("Premium", is_default=True)
    query = """query ($calendars: BusinessCalendarFilter, $policies: SlaPolicyFilter,
                      $calendarOrder: BusinessCalendarOrder, $policyOrder: SlaPolicyOrder) {
      businessCalendars(filter: $calendars, orderBy: $calendarOrder) { edges { node { name } } }
      slaPolicies(filter: $policies, orderBy: $policyOrder) { edges { node { name } } }
    }"""

    async def names(**variables: Any) -> tuple[list[str], list[str]]:
        data = (await gql(query, variables))["data"]
        return (
            [e["node"]["name"] for e in data["businessCalendars"]["edges"]],
            [e["node"]["name"] for e in data["slaPolicies"]["edges"]],
        )

    assert await names() == (["Premium hours", "Standard hours"], ["Premium", "Standard"])
    assert await names(
        calendarOrder={"field": "NAME", "direction": "DESC"},
        policyOrder={"field": "CREATED_AT", "direction": "ASC"},
    ) == (["Standard hours", "Premium hours"], ["Standard", "Premium"])
    assert await names(calendars={"search": "PREM"}, policies={"isDefault": False}) == (
        ["Premium hours"],
        ["Standard"],
    )
    by_calendar = {"calendarId": encode_id("BusinessCalendar", standard.calendar_id)}
    assert (await names(policies=by_calendar))[1] == ["Standard"]
