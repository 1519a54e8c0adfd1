"""Unexpected errors are masked for clients and logged with the request id (contract §2)."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from api.errors import UserError
from domain.accounts import services
from domain.errors import DomainError, ErrorCode
from tests.factories import gid, make_account, make_product


async def test_an_unexpected_exception_is_masked_and_logged_with_the_request_id(
    client: httpx.AsyncClient,
    make_token: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("password=hunter2 leaked from the driver")

    monkeypatch.setattr(services, "list_accounts", explode)
    token = await make_token("ADMIN")

    with caplog.at_level(logging.ERROR, logger="tandem"):
        response = await client.post(
            "/graphql",
            json={"query": "{ accounts { totalCount } }"},
            headers={"Authorization": f"Bearer {token}"},
        )

    request_id = response.headers["x-request-id"]
    assert response.status_code == 200
    assert "hunter2" not in response.text
    assert response.json()["errors"] == [
        {
            "message": "Internal server error",
            "locations": [{"line": 1, "column": 3}],
            "path": ["accounts"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        }
    ]
    logged = [r for r in caplog.records if getattr(r, "request_id", None) == request_id]
    assert len(logged) == 1
    assert "hunter2" in logged[0].exc_text  # type: ignore[operator]


async def test_an_incoming_request_id_is_kept(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-Id": "trace-abc-123"})

    assert response.headers["x-request-id"] == "trace-abc-123"


async def test_a_syntax_error_is_reported_not_masked(gql: Any) -> None:
    result = await gql("{ accounts { ", expect_status=200)

    assert result["errors"][0]["message"].startswith("Syntax Error")


PRODUCT_CREATE = """
mutation ($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id } errors { field code message } }
}
"""

ORDER_CREATE = """
mutation ($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id } errors { field code message } }
}
"""


def product_input(**changes: Any) -> dict[str, Any]:
    return {
        "sku": "NAMED-1",
        "name": "Named",
        "kind": "STOCKED",
        "procurement": "BUY",
        "uom": "ea",
        "listPrice": "10.00",
        "standardCost": "4.00",
        "taxRate": "0",
        "leadTimeDays": 0,
        "safetyStock": "0",
        "minOrderQuantity": "0",
        "orderMultiple": "0",
        **changes,
    }


async def test_a_top_level_field_is_named_in_graphql_names_in_path_and_message(gql: Any) -> None:
    result = await gql(PRODUCT_CREATE, {"input": product_input(listPrice="1.234")})

    assert result["data"]["productCreate"] == {
        "product": None,
        "errors": [
            {
                "field": ["listPrice"],
                "code": "INVALID",
                "message": "listPrice has more than 2 decimals.",
            }
        ],
    }


async def test_every_invalid_field_is_named_in_graphql_names(gql: Any) -> None:
    flawed = product_input(standardCost="-1", leadTimeDays=-2, minOrderQuantity="1e30")

    result = await gql(PRODUCT_CREATE, {"input": flawed})

    assert [(e["field"], e["message"]) for e in result["data"]["productCreate"]["errors"]] == [
        (["standardCost"], "standardCost must not be negative."),
        (["leadTimeDays"], "leadTimeDays must be between 0 and 3650."),
        (
            ["minOrderQuantity"],
            "minOrderQuantity has more than 14 digits before the decimal point.",
        ),
    ]


async def test_a_nested_line_field_is_named_in_graphql_names_in_path_and_message(
    gql: Any,
) -> None:
    account = await make_account()
    product = await make_product()
    line = {"productId": gid("Product", product.id), "quantity": "1", "discountPercent": "0"}

    result = await gql(
        ORDER_CREATE,
        {
            "input": {
                "accountId": gid("Account", account.id),
                "invoicePolicy": "ON_DELIVERY",
                "lines": [line, {**line, "unitPrice": "1.23456", "discountPercent": "101"}],
            }
        },
    )

    assert result["data"]["salesOrderCreate"] == {
        "salesOrder": None,
        "errors": [
            {
                "field": ["lines", "1", "unitPrice"],
                "code": "INVALID",
                "message": "unitPrice has more than 4 decimals.",
            },
            {
                "field": ["lines", "1", "discountPercent"],
                "code": "INVALID",
                "message": "discountPercent must be between 0 and 100.",
            },
        ],
    }


@pytest.mark.parametrize(
    ("path", "message", "expected"),
    [
        ("first_name", "first_name is required.", ("firstName", "firstName is required.")),
        (
            ("lines", "0", "unit_price"),
            "unit_price must not be negative.",
            ("lines.0.unitPrice", "unitPrice must not be negative."),
        ),
        (
            "sales_order_ids",
            "Unknown field sales_order_ids.",
            ("salesOrderIds", "Unknown field salesOrderIds."),
        ),
        # A value that merely contains the segment is left as it was given.
        (
            "first_name",
            "'first_name@example.com' is not a name; first_names are.",
            ("firstName", "'first_name@example.com' is not a name; first_names are."),
        ),
    ],
)
def test_a_domain_message_names_the_field_as_the_path_does(
    path: str | tuple[str, ...], message: str, expected: tuple[str, str]
) -> None:
    error = UserError.from_domain(DomainError(ErrorCode.INVALID, message, path))

    assert (".".join(error.field or ()), error.message) == expected
