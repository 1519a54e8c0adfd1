"""The 17 inputs that answered "Internal server error" (issue 12) are UserErrors naming the
field, and nothing is written; all invalid fields of an input are reported at once (§2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.security.bad_input_data import (
    ERRORS,
    World,
    mutation,
    refusals,
    row_counts,
    sign_in,
    world_for,
)

FOURTEEN_NINES = "99999999999999"  # the largest whole quantity and unit price


def order_line(world: World, **fields: str) -> dict[str, Any]:
    return {"productId": world.product, "quantity": "1", **fields}


Case = tuple[str, str, Callable[[World], dict[str, Any]], list[str], str]

CASES: list[Case] = [
    (
        "salesOrderCreate",
        "salesOrder { id }",
        lambda w: {"accountId": w.account, "lines": [order_line(w, quantity="1e400")]},
        ["lines", "0", "quantity"],
        "quantity has more than 14 digits before the decimal point.",
    ),
    (
        "salesOrderCreate",
        "salesOrder { id }",
        lambda w: {"accountId": w.account, "lines": [order_line(w, unitPrice="1E+30")]},
        ["lines", "0", "unitPrice"],
        "unitPrice has more than 14 digits before the decimal point.",
    ),
    (
        "paymentRecord",
        "payment { id }",
        lambda w: {"accountId": w.account, "amount": str(10**16)},
        ["amount"],
        "amount has more than 16 digits before the decimal point.",
    ),
    (
        "productCreate",
        "product { id }",
        lambda w: {"sku": "GEAR", "name": "Gear", "listPrice": str(10**30)},
        ["listPrice"],
        "listPrice has more than 16 digits before the decimal point.",
    ),
    (
        "salesOrderCreate",
        "salesOrder { id }",
        lambda w: {
            "accountId": w.account,
            "lines": [order_line(w, quantity=FOURTEEN_NINES, unitPrice=FOURTEEN_NINES)],
        },
        ["lines", "0"],
        "quantity × unitPrice would be 9999999999999800000000000001, more than the largest "
        "amount (9999999999999999.99).",
    ),
    (
        "accountCreate",
        "account { id }",
        lambda w: {"name": "Globex", "creditLimit": "NaN"},
        ["creditLimit"],
        "creditLimit must be a finite number.",
    ),
    (
        "productCreate",
        "product { id }",
        lambda w: {"sku": "GE\x00AR", "name": "Gear"},
        ["sku"],
        "sku must not contain control characters.",
    ),
    (
        "productCreate",
        "product { id }",
        lambda w: {"sku": "GEAR", "name": "Ge\x00ar"},
        ["name"],
        "name must not contain control characters.",
    ),
    (
        "accountCreate",
        "account { id }",
        lambda w: {"name": "Glo\x00bex"},
        ["name"],
        "name must not contain control characters.",
    ),
    (
        "paymentRecord",
        "payment { id }",
        lambda w: {"accountId": w.account, "amount": "10.00", "date": "0001-01-01"},
        ["date"],
        "date must be between 1900-01-01 and 2999-12-31.",
    ),
    (
        "creditNoteCreate",
        "creditNote { id }",
        lambda w: {
            "invoiceId": w.invoice,
            "lines": [{"invoiceLineId": w.invoice_line, "quantity": "1"}],
            "issueDate": "9999-12-31",
        },
        ["issueDate"],
        "issueDate must be between 1900-01-01 and 2999-12-31.",
    ),
    (
        "creditNoteCreate",
        "creditNote { id }",
        lambda w: {
            "invoiceId": w.invoice,
            "lines": [{"invoiceLineId": w.invoice_line, "quantity": "0.00001"}],
        },
        ["lines", "0", "quantity"],
        "quantity has more than 4 decimals.",
    ),
    (
        "stockAdjust",
        "stockMove { id } stockLevel { onHand }",
        lambda w: {
            "productId": w.product,
            "warehouseId": w.warehouse,
            "quantity": "1e400",
            "reason": "Count",
        },
        ["quantity"],
        "quantity has more than 14 digits before the decimal point.",
    ),
    (
        "purchaseOrderCreate",
        "purchaseOrder { id }",
        lambda w: {
            "supplierId": w.supplier,
            "lines": [{"productId": w.product, "quantity": "1", "unitCost": "1E+30"}],
        },
        ["lines", "0", "unitCost"],
        "unitCost has more than 14 digits before the decimal point.",
    ),
    (
        "opportunityCreate",
        "opportunity { id }",
        lambda w: {"accountId": w.account, "name": "Huge", "amount": str(10**16)},
        ["amount"],
        "amount has more than 16 digits before the decimal point.",
    ),
    (
        "workOrderCreate",
        "workOrder { id }",
        lambda w: {"productId": w.product, "quantity": str(10**30)},
        ["quantity"],
        "quantity has more than 14 digits before the decimal point.",
    ),
    (
        "opportunityCreate",
        "opportunity { id }",
        lambda w: {
            "accountId": w.account,
            "name": "Huge",
            "lines": [order_line(w, quantity=FOURTEEN_NINES, unitPrice=FOURTEEN_NINES)],
        },
        ["lines", "0"],
        "quantity × unitPrice would be 9999999999999800000000000001, more than the largest "
        "amount (9999999999999999.99).",
    ),
]


@pytest.mark.parametrize(
    ("name", "selection", "make_input", "field", "message"),
    CASES,
    ids=[f"{case[0]}-{'.'.join(case[3])}-{index + 1}" for index, case in enumerate(CASES)],
)
async def test_a_reproduced_bad_input_is_an_invalid_user_error_and_nothing_is_written(
    gql, database, name, selection, make_input, field, message
):
    await sign_in(gql)
    world = await world_for(make_input)
    before = await row_counts()

    result = await gql(mutation(name, f"{selection} {ERRORS}"), {"input": make_input(world)})

    assert refusals(result, name) == [{"field": field, "code": "INVALID", "message": message}]
    assert await row_counts() == before


def test_the_seventeen_reproduced_inputs_are_all_listed():
    assert len(CASES) == 17


CALENDAR = mutation("businessCalendarCreate", f"businessCalendar {{ id }} {ERRORS}")


async def test_a_calendar_with_a_bad_timezone_and_weekday_reports_both_fields(gql, database):
    await sign_in(gql)
    before = await row_counts()

    result = await gql(
        CALENDAR,
        {
            "input": {
                "name": "Mars office",
                "timezone": "Mars/Olympus_Mons",
                "hours": [{"weekday": 8, "start": "09:00", "end": "17:00"}],
            }
        },
    )

    assert refusals(result, "businessCalendarCreate") == [
        {
            "field": ["timezone"],
            "code": "INVALID",
            "message": "'Mars/Olympus_Mons' is not a known IANA time zone.",
        },
        {
            "field": ["hours", "0", "weekday"],
            "code": "INVALID",
            "message": "Weekday must be 1 (Monday) to 7 (Sunday), not 8.",
        },
    ]
    assert await row_counts() == before


async def test_every_invalid_field_of_a_sales_order_is_reported_at_once(gql, database):
    await sign_in(gql)
    world = await World().have("account", "product")
    before = await row_counts()

    result = await gql(
        mutation("salesOrderCreate", f"salesOrder {{ id }} {ERRORS}"),
        {
            "input": {
                "accountId": world.account,
                "requestedDate": "0001-01-01",
                "notes": "Rush\x00",
                "lines": [
                    order_line(world, quantity="NaN", discountPercent="101"),
                    order_line(world, unitPrice="1.123456", description="Blue\x07"),
                ],
            }
        },
    )

    assert refusals(result, "salesOrderCreate") == [
        {
            "field": ["lines", "0", "quantity"],
            "code": "INVALID",
            "message": "quantity must be a finite number.",
        },
        {
            "field": ["lines", "0", "discountPercent"],
            "code": "INVALID",
            "message": "discountPercent must be between 0 and 100.",
        },
        {
            "field": ["lines", "1", "unitPrice"],
            "code": "INVALID",
            "message": "unitPrice has more than 4 decimals.",
        },
        {
            "field": ["lines", "1", "description"],
            "code": "INVALID",
            "message": "description must not contain control characters.",
        },
        {
            "field": ["requestedDate"],
            "code": "INVALID",
            "message": "requestedDate must be between 1900-01-01 and 2999-12-31.",
        },
        {
            "field": ["notes"],
            "code": "INVALID",
            "message": "notes must not contain control characters.",
        },
    ]
    assert await row_counts() == before


async def test_an_account_reports_a_missing_name_and_a_bad_address_together(gql, database):
    result = await gql(
        mutation("accountCreate", f"account {{ id }} {ERRORS}"),
        {"input": {"name": " ", "billingAddress": {"postalCode": "1\x0000"}, "creditLimit": "-1"}},
    )

    assert refusals(result, "accountCreate") == [
        {"field": ["name"], "code": "REQUIRED", "message": "name is required."},
        {
            "field": ["billingAddress", "postalCode"],
            "code": "INVALID",
            "message": "postalCode must not contain control characters.",
        },
        {
            "field": ["creditLimit"],
            "code": "INVALID",
            "message": "creditLimit must not be negative.",
        },
    ]


async def test_an_order_total_beyond_the_amount_column_is_refused_on_the_lines(gql, database):
    world = await World().have("account", "product")
    line = order_line(world, quantity="9999999999", unitPrice="999999.99")

    result = await gql(
        mutation("salesOrderCreate", f"salesOrder {{ id }} {ERRORS}"),
        {"input": {"accountId": world.account, "lines": [line, line]}},
    )

    assert refusals(result, "salesOrderCreate") == [
        {
            "field": ["lines"],
            "code": "INVALID",
            "message": "The order total would be 19999999798000000.02, more than the largest "
            "amount (9999999999999999.99).",
        }
    ]
