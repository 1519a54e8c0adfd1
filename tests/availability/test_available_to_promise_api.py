"""availableToPromise and OpportunityLine.availability over GraphQL (§9)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import pytest
from atp_factories import day, purchase, sales_order, stock, warehouse

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.pipeline.services import create_opportunity
from tests.factories import gid, make_account_row, make_item

D = Decimal
Counter = Callable[[], AbstractContextManager[Any]]

ATP = """
query($productId: ID!, $quantity: Decimal!, $date: Date, $warehouseId: ID) {
  availableToPromise(
    productId: $productId, quantity: $quantity, date: $date, warehouseId: $warehouseId
  ) { status availableQuantity promiseDate }
}
"""


async def gadget() -> Product:
    """GADGET, bought in 10 days: 10 on hand in MAIN and 5 in EAST, 12 ordered for day 4,
    20 arriving on day 6. P: 15, day 4: 3, day 6: 23; ATP 3 until day 6, then 23."""
    product = await make_item("GADGET", lead_time_days=10)
    await stock(product, await warehouse("MAIN"), "10.0000")
    await stock(product, await warehouse("EAST"), "5")
    party = await make_account_row()
    await sales_order(party, "SO-1", [(product, "12")], requested=4)
    await purchase(party, "PO-1", [(product, "20", 6)])
    return product


async def test_available_to_promise_answers_status_quantity_and_date(gql: Any) -> None:
    product = await gadget()

    on_time = await gql(ATP, {"productId": gid("Product", product.id), "quantity": "3"})
    late = await gql(
        ATP,
        {"productId": gid("Product", product.id), "quantity": "4.5", "date": day(2).isoformat()},
        role="READONLY",
    )

    assert on_time["data"]["availableToPromise"] == {
        "status": "AVAILABLE",
        "availableQuantity": "3",
        "promiseDate": day(0).isoformat(),
    }
    assert late["data"]["availableToPromise"] == {
        "status": "LATE",
        "availableQuantity": "3",
        "promiseDate": day(6).isoformat(),
    }


async def test_a_warehouse_narrows_the_stock_counted(gql: Any) -> None:
    product = await gadget()
    east = await warehouse("EAST")

    result = await gql(
        ATP,
        {
            "productId": gid("Product", product.id),
            "quantity": "10",
            "date": day(8).isoformat(),
            "warehouseId": gid("Warehouse", east.id),
        },
        role="SALES",
    )

    # EAST's 5: P is -7 from day 4, 13 from day 6; 10 on day 8 is available.
    assert result["data"]["availableToPromise"] == {
        "status": "AVAILABLE",
        "availableQuantity": "13",
        "promiseDate": day(8).isoformat(),
    }


async def test_a_service_is_not_stocked(gql: Any) -> None:
    service = await make_item("SETUP", kind="SERVICE")

    result = await gql(
        ATP,
        {"productId": gid("Product", service.id), "quantity": "2", "date": day(-3).isoformat()},
    )

    assert result["data"]["availableToPromise"] == {
        "status": "NOT_STOCKED",
        "availableQuantity": "2",
        "promiseDate": day(0).isoformat(),
    }


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"quantity": "0"}, "quantity must be greater than zero."),
        ({"quantity": "-1"}, "quantity must be greater than zero."),
        ({"quantity": "1", "date": "3000-01-01"}, "date must be between"),
        ({"quantity": "1", "productId": "UHJvZHVjdDo5OTk5OTk="}, "Product 999999 does not exist."),
        ({"quantity": "1", "productId": "bm9wZQ=="}, "is not the id of a Product."),
        ({"quantity": "1", "warehouseId": "V2FyZWhvdXNlOjk5OTk5OQ=="}, "Warehouse 999999"),
    ],
)
async def test_bad_arguments_are_bad_user_input(
    gql: Any, variables: dict[str, str], message: str
) -> None:
    product = await gadget()

    result = await gql(ATP, {"productId": gid("Product", product.id), **variables})

    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]
    assert error["path"] == ["availableToPromise"]


OPPORTUNITY_LINES = """
query($first: Int!) {
  opportunities(first: $first) {
    edges { node { name lines {
      quantity product { sku }
      availability { status availableQuantity promiseDate }
    } } }
  }
}
"""


async def deals(account: Account, products: list[Product], count: int) -> None:
    for n in range(count):
        await create_opportunity(
            {
                "account_id": account.id,
                "name": f"Deal {n:02d}",
                "expected_close_date": day(n % 4 * 3 - 1),
                "lines": [
                    {"product_id": product.id, "quantity": D(n % 3 + 1), "unit_price": D(5)}
                    for product in products
                ],
            }
        )


async def test_opportunity_lines_are_promised_on_the_expected_close_date(
    gql: Any, make_account: Callable[..., Awaitable[Account]]
) -> None:
    product = await gadget()
    await deals(await make_account(), [product], 4)

    result = await gql(OPPORTUNITY_LINES, {"first": 4})

    answers = [
        (edge["node"]["name"], edge["node"]["lines"][0]["availability"])
        for edge in result["data"]["opportunities"]["edges"]
    ]
    assert answers == [
        # Closing yesterday: wanted today; 1 of the 3 promisable.
        (
            "Deal 00",
            {"status": "AVAILABLE", "availableQuantity": "3", "promiseDate": day(0).isoformat()},
        ),
        # 2 on day 2: the 3 promisable before PO-1.
        (
            "Deal 01",
            {"status": "AVAILABLE", "availableQuantity": "3", "promiseDate": day(2).isoformat()},
        ),
        # 3 on day 5: still 3.
        (
            "Deal 02",
            {"status": "AVAILABLE", "availableQuantity": "3", "promiseDate": day(5).isoformat()},
        ),
        # 1 on day 8: 23 after PO-1.
        (
            "Deal 03",
            {"status": "AVAILABLE", "availableQuantity": "23", "promiseDate": day(8).isoformat()},
        ),
    ]


async def test_a_page_of_a_hundred_opportunity_lines_costs_as_many_statements_as_five(
    gql: Any, make_account: Callable[..., Awaitable[Account]], count_queries: Counter
) -> None:
    products = [await gadget(), *[await make_item(f"PART-{n}", lead_time_days=n) for n in range(4)]]
    await deals(await make_account(), products, 20)
    await gql("{ __typename }")  # the token is created and cached outside the counted part

    with count_queries() as five:
        small = await gql(OPPORTUNITY_LINES, {"first": 1})
    with count_queries() as hundred:
        large = await gql(OPPORTUNITY_LINES, {"first": 20})

    lines = [line for e in large["data"]["opportunities"]["edges"] for line in e["node"]["lines"]]
    assert len(lines) == 100
    assert sum(len(e["node"]["lines"]) for e in small["data"]["opportunities"]["edges"]) == 5
    assert hundred.count == five.count, hundred.statements
    # token, page, lines, products, and the availability batch's six statements
    assert hundred.count <= 10, hundred.statements
