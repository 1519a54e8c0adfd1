"""Lines given without a unitPrice take the §9 price of their account on the day they are
created, frozen on the line (opportunity and sales-order lines); a given price wins."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account, update_account
from domain.catalog.models import Product
from domain.clock import today
from domain.orders.models import SalesOrderLine
from domain.orders.services import OrderLineDraft, create_sales_order, update_sales_order
from domain.pipeline.handover import win_opportunity
from domain.pipeline.models import OpportunityLine
from domain.pipeline.services import create_opportunity, update_opportunity
from domain.price_lists.models import PriceList
from domain.price_lists.services import create_price_list, set_price_list_items
from tests.factories import gid, make_product

D = Decimal
GraphQL = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def current(widget: Product) -> PriceList:
    """The account's list, valid today: widgets 9.00, 8.50 from 10, listPrice less 20 % from
    100; no gadgets."""
    price_list = await create_price_list({"name": "Current contract"})
    return await set_price_list_items(
        price_list.id,
        [
            {"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("9.00")},
            {"product_id": widget.id, "min_quantity": D("10"), "unit_price": D("8.50")},
            {"product_id": widget.id, "min_quantity": D("100"), "discount_percent": D("20")},
        ],
    )


@pytest.fixture
async def customer(current: PriceList, default_list: PriceList) -> Account:
    account = await create_account({"name": "Initech"})
    return await update_account(account.id, {"price_list_id": current.id})


def line_figures(lines: list[Any]) -> list[tuple[Decimal, Decimal, Decimal, Decimal]]:
    return [
        (line.quantity, line.unit_price, line.discount_percent, line.net_amount) for line in lines
    ]


async def test_opportunity_lines_without_a_price_take_the_account_price_of_today(
    customer: Account, widget: Product, gadget: Product
) -> None:
    opportunity = await create_opportunity(
        {
            "account_id": customer.id,
            "name": "Fleet",
            "lines": [
                {"product_id": widget.id, "quantity": D("10")},
                {"product_id": gadget.id, "quantity": D("2")},
                {"product_id": widget.id, "quantity": D("3"), "unit_price": D("7")},
                {"product_id": widget.id, "quantity": D("100"), "discount_percent": D("10")},
                {"product_id": widget.id, "quantity": D("100")},
            ],
        }
    )

    lines = await OpportunityLine.filter(opportunity_id=opportunity.id).order_by("position")
    assert line_figures(lines) == [
        (D("10"), D("8.5"), D("0"), D("85.00")),  # account list, break 10
        (D("2"), D("20"), D("5"), D("38.00")),  # default list: listPrice less 5 %
        (D("3"), D("7"), D("0"), D("21.00")),  # the given price wins
        (D("100"), D("10"), D("10"), D("900.00")),  # the given discount wins over 20 %
        (D("100"), D("10"), D("20"), D("800.00")),  # the discount item of break 100
    ]
    assert opportunity.amount == D("1844.00")


async def test_prices_freeze_on_the_line_and_the_won_order_keeps_them(
    customer: Account, widget: Product, current: PriceList
) -> None:
    opportunity = await create_opportunity(
        {
            "account_id": customer.id,
            "name": "Fleet",
            "lines": [{"product_id": widget.id, "quantity": D("10")}],
        }
    )
    await set_price_list_items(
        current.id, [{"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("5")}]
    )

    won = await win_opportunity(opportunity.id)

    opportunity_lines = await OpportunityLine.filter(opportunity_id=opportunity.id)
    order_lines = await SalesOrderLine.filter(order_id=won.sales_order_id)
    assert line_figures(opportunity_lines) == [(D("10"), D("8.5"), D("0"), D("85.00"))]
    assert line_figures(order_lines) == [(D("10"), D("8.5"), D("0"), D("85.00"))]


async def test_new_lines_of_an_update_take_the_price_of_the_day_of_the_update(
    customer: Account, widget: Product, current: PriceList
) -> None:
    opportunity = await create_opportunity(
        {
            "account_id": customer.id,
            "name": "Fleet",
            "lines": [{"product_id": widget.id, "quantity": D("1")}],
        }
    )
    await set_price_list_items(
        current.id, [{"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("7.25")}]
    )

    updated = await update_opportunity(
        opportunity.id, {"lines": [{"product_id": widget.id, "quantity": D("4")}]}
    )

    lines = await OpportunityLine.filter(opportunity_id=opportunity.id)
    assert line_figures(lines) == [(D("4"), D("7.25"), D("0"), D("29.00"))]
    assert updated.amount == D("29.00")


async def test_a_list_that_ended_yesterday_no_longer_prices_lines(
    customer: Account, widget: Product, current: PriceList, default_list: PriceList
) -> None:
    current.valid_to = today() - timedelta(days=1)
    await current.save(update_fields=["valid_to"])
    default_list.valid_from = today() + timedelta(days=1)
    await default_list.save(update_fields=["valid_from"])

    opportunity = await create_opportunity(
        {
            "account_id": customer.id,
            "name": "Fleet",
            "lines": [{"product_id": widget.id, "quantity": D("10")}],
        }
    )

    lines = await OpportunityLine.filter(opportunity_id=opportunity.id)
    assert line_figures(lines) == [(D("10"), D("10"), D("0"), D("100.00"))]


async def test_sales_order_lines_without_a_price_take_the_account_price(
    customer: Account, widget: Product, gadget: Product
) -> None:
    gadget.tax_rate = D("10")
    await gadget.save(update_fields=["tax_rate"])

    order = await create_sales_order(
        customer.id,
        [
            OrderLineDraft(widget.id, D("12")),
            OrderLineDraft(gadget.id, D("1")),
            OrderLineDraft(gadget.id, D("1"), unit_price=D("18"), discount_percent=D("50")),
        ],
    )

    lines = await SalesOrderLine.filter(order_id=order.id).order_by("position")
    assert line_figures(lines) == [
        (D("12"), D("8.5"), D("0"), D("102.00")),
        (D("1"), D("20"), D("5"), D("19.00")),
        (D("1"), D("18"), D("50"), D("9.00")),
    ]
    # Tax: 10 % of 19.00 and of 9.00.
    assert (order.subtotal, order.tax_total, order.total) == (D("130.00"), D("2.80"), D("132.80"))


async def test_sales_order_update_reprices_its_new_lines(
    customer: Account, widget: Product, current: PriceList
) -> None:
    order = await create_sales_order(customer.id, [OrderLineDraft(widget.id, D("1"))])
    await set_price_list_items(
        current.id, [{"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("6")}]
    )

    await update_sales_order(order.id, {}, [OrderLineDraft(widget.id, D("2"))])

    lines = await SalesOrderLine.filter(order_id=order.id)
    assert line_figures(lines) == [(D("2"), D("6"), D("0"), D("12.00"))]


async def test_pricing_many_lines_costs_no_query_per_line(
    customer: Account, count_queries: Any
) -> None:
    products = [await make_product(f"PART-{index:02d}", "3.00") for index in range(30)]
    await create_sales_order(customer.id, [])  # the year's first number costs an insert

    with count_queries() as three:
        await create_sales_order(customer.id, [OrderLineDraft(p.id, D("1")) for p in products[:3]])
    with count_queries() as thirty:
        order = await create_sales_order(
            customer.id, [OrderLineDraft(p.id, D("1")) for p in products]
        )

    assert order.total == D("90.00")
    assert thirty.count == three.count


OPPORTUNITY_CREATE = """
mutation($input: OpportunityCreateInput!) {
  opportunityCreate(input: $input) {
    opportunity { amount { amount } lines { unitPrice { amount } discountPercent } }
    errors { field code }
  }
}
"""
ORDER_CREATE = """
mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) {
    salesOrder { total { amount } lines { unitPrice { amount } discountPercent } }
    errors { field code }
  }
}
"""


async def test_graphql_lines_without_unit_price_are_priced(
    gql: GraphQL, customer: Account, widget: Product, gadget: Product
) -> None:
    lines = [
        {"productId": gid("Product", widget.id), "quantity": "100"},
        {"productId": gid("Product", gadget.id), "quantity": "1"},
    ]

    deal = await gql(
        OPPORTUNITY_CREATE,
        {"input": {"accountId": gid("Account", customer.id), "name": "Fleet", "lines": lines}},
        role="SALES",
    )
    order = await gql(
        ORDER_CREATE, {"input": {"accountId": gid("Account", customer.id), "lines": lines}}
    )

    priced = [
        {"unitPrice": {"amount": "10.00"}, "discountPercent": "20"},
        {"unitPrice": {"amount": "20.00"}, "discountPercent": "5"},
    ]
    assert deal["data"]["opportunityCreate"] == {
        "opportunity": {"amount": {"amount": "819.00"}, "lines": priced},
        "errors": [],
    }
    assert order["data"]["salesOrderCreate"] == {
        "salesOrder": {"total": {"amount": "819.00"}, "lines": priced},
        "errors": [],
    }
