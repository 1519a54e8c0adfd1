"""Price lists through GraphQL (§9): the mutations and their refusals, `price(...)`,
`priceLists` and `PriceList.items` as connections, Account.priceList and accountUpdate."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.price_lists.models import PriceList
from domain.price_lists.services import create_price_list, set_price_list_items
from tests.factories import gid
from tests.price_lists.conftest import snapshot

D = Decimal
GraphQL = Callable[..., Awaitable[dict[str, Any]]]

LIST_FIELDS = "id name currency isDefault validFrom validTo"
CREATE = f"""
mutation($input: PriceListCreateInput!) {{
  priceListCreate(input: $input) {{ priceList {{ {LIST_FIELDS} }} errors {{ field code }} }}
}}
"""
UPDATE = f"""
mutation($input: PriceListUpdateInput!) {{
  priceListUpdate(input: $input) {{ priceList {{ {LIST_FIELDS} }} errors {{ field code }} }}
}}
"""
ITEMS_SET = """
mutation($input: PriceListItemsSetInput!) {
  priceListItemsSet(input: $input) {
    priceList {
      name
      items { totalCount edges { node {
        product { sku } minQuantity unitPrice { amount currency } discountPercent
      } } }
    }
    errors { field code message }
  }
}
"""
PRICE = """
query($accountId: ID!, $productId: ID!, $quantity: Decimal!, $date: Date) {
  price(accountId: $accountId, productId: $productId, quantity: $quantity, date: $date) {
    unitPrice { amount currency } discountPercent source priceList { name }
  }
}
"""
ACCOUNT_UPDATE = """
mutation($input: AccountUpdateInput!) {
  accountUpdate(input: $input) { account { name priceList { name } } errors { field code } }
}
"""


@pytest.mark.parametrize(
    ("quantity", "day", "expected"),
    [
        ("1", "2027-03-01", ("9.00", "0", "ACCOUNT_PRICE_LIST", "Acme contract")),
        ("10", "2027-03-01", ("8.50", "0", "ACCOUNT_PRICE_LIST", "Acme contract")),
        ("100", "2027-06-30", ("10.00", "20", "ACCOUNT_PRICE_LIST", "Acme contract")),
        ("10", "2027-07-01", ("9.50", "0", "DEFAULT_PRICE_LIST", "Standard")),
        ("4", "2026-12-31", ("10.00", "0", "LIST_PRICE", None)),
    ],
)
async def test_price_answers_the_price_and_its_source(
    gql: GraphQL, acme: Account, widget: Product, quantity: str, day: str, expected: tuple
) -> None:
    result = await gql(
        PRICE,
        {
            "accountId": gid("Account", acme.id),
            "productId": gid("Product", widget.id),
            "quantity": quantity,
            "date": day,
        },
        role="READONLY",
    )

    unit_price, discount, source, list_name = expected
    assert result["data"]["price"] == {
        "unitPrice": {"amount": unit_price, "currency": "USD"},
        "discountPercent": discount,
        "source": source,
        "priceList": None if list_name is None else {"name": list_name},
    }


async def test_price_of_a_quantity_of_zero_is_invalid_and_a_foreign_id_not_found(
    gql: GraphQL, acme: Account, widget: Product
) -> None:
    variables = {"accountId": gid("Account", acme.id), "productId": gid("Product", widget.id)}

    zero = await gql(PRICE, {**variables, "quantity": "0"})
    foreign = await gql(PRICE, {**variables, "productId": gid("Account", 1), "quantity": "1"})

    assert zero["data"] is None
    assert [e["extensions"]["code"] for e in zero["errors"]] == ["INVALID"]
    assert [e["extensions"]["code"] for e in foreign["errors"]] == ["NOT_FOUND"]


async def test_create_update_and_set_items(gql: GraphQL, widget: Product, gadget: Product) -> None:
    created = await gql(
        CREATE,
        {"input": {"name": "Distributors", "isDefault": True, "validFrom": "2027-01-01"}},
        role="SALES",
    )
    price_list = created["data"]["priceListCreate"]["priceList"]
    updated = await gql(
        UPDATE, {"input": {"id": price_list["id"], "validTo": "2027-12-31"}}, role="FINANCE"
    )
    items = await gql(
        ITEMS_SET,
        {
            "input": {
                "priceListId": price_list["id"],
                "items": [
                    {"productId": gid("Product", widget.id), "minQuantity": "0",
                     "unitPrice": "9.125"},
                    {"productId": gid("Product", gadget.id), "minQuantity": "12.50",
                     "discountPercent": "7.50"},
                ],
            }
        },
    )  # fmt: skip

    assert created["data"]["priceListCreate"] == {
        "priceList": {
            "id": price_list["id"],
            "name": "Distributors",
            "currency": "USD",
            "isDefault": True,
            "validFrom": "2027-01-01",
            "validTo": None,
        },
        "errors": [],
    }
    assert updated["data"]["priceListUpdate"]["priceList"]["validTo"] == "2027-12-31"
    assert items["data"]["priceListItemsSet"] == {
        "priceList": {
            "name": "Distributors",
            "items": {
                "totalCount": 2,
                "edges": [
                    {"node": {"product": {"sku": "WIDGET"}, "minQuantity": "0",
                              "unitPrice": {"amount": "9.125", "currency": "USD"},
                              "discountPercent": None}},
                    {"node": {"product": {"sku": "GADGET"}, "minQuantity": "12.5",
                              "unitPrice": None, "discountPercent": "7.5"}},
                ],
            },
        },
        "errors": [],
    }  # fmt: skip


async def test_refusals_name_their_fields_and_change_nothing(
    gql: GraphQL, contract: PriceList, default_list: PriceList, widget: Product
) -> None:
    before = await snapshot()

    duplicate = await gql(CREATE, {"input": {"name": "Second", "isDefault": True}})
    backwards = await gql(
        UPDATE, {"input": {"id": gid("PriceList", contract.id), "validTo": "2026-01-01"}}
    )
    items = await gql(
        ITEMS_SET,
        {
            "input": {
                "priceListId": gid("PriceList", contract.id),
                "items": [
                    {"productId": gid("Product", widget.id), "minQuantity": "1",
                     "unitPrice": "9", "discountPercent": "5"},
                    {"productId": gid("Product", widget.id), "minQuantity": "2"},
                ],
            }
        },
    )  # fmt: skip
    foreign = await gql(
        ITEMS_SET,
        {
            "input": {
                "priceListId": gid("PriceList", contract.id),
                "items": [{"productId": gid("Account", 1), "minQuantity": "1", "unitPrice": "1"}],
            }
        },
    )

    assert duplicate["data"]["priceListCreate"] == {
        "priceList": None,
        "errors": [{"field": ["isDefault"], "code": "DUPLICATE"}],
    }
    assert backwards["data"]["priceListUpdate"]["errors"] == [
        {"field": ["validTo"], "code": "INVALID"}
    ]
    assert items["data"]["priceListItemsSet"]["priceList"] is None
    assert items["data"]["priceListItemsSet"]["errors"] == [
        {
            "field": ["items", "0", "unitPrice"],
            "code": "INVALID",
            "message": "Give exactly one of unitPrice and discountPercent.",
        },
        {
            "field": ["items", "1", "unitPrice"],
            "code": "INVALID",
            "message": "Give exactly one of unitPrice and discountPercent.",
        },
    ]
    assert [e["field"] for e in foreign["data"]["priceListItemsSet"]["errors"]] == [
        ["items", "0", "productId"]
    ]
    assert await snapshot() == before


async def test_account_price_list_is_set_by_account_update_in_its_currency(
    gql: GraphQL, contract: PriceList
) -> None:
    account = await Account.create(name="Globex", currency="USD")
    euro = await create_price_list({"name": "Euro", "currency": "EUR"})

    refused = await gql(
        ACCOUNT_UPDATE,
        {"input": {"id": gid("Account", account.id), "priceListId": gid("PriceList", euro.id)}},
    )
    unchanged = await Account.get(id=account.id)
    assigned = await gql(
        ACCOUNT_UPDATE,
        {"input": {"id": gid("Account", account.id), "priceListId": gid("PriceList", contract.id)}},
        role="SALES",
    )
    removed = await gql(
        ACCOUNT_UPDATE, {"input": {"id": gid("Account", account.id), "priceListId": None}}
    )

    assert refused["data"]["accountUpdate"] == {
        "account": None,
        "errors": [{"field": ["priceListId"], "code": "INVALID"}],
    }
    assert unchanged.price_list_id is None
    assert assigned["data"]["accountUpdate"]["account"] == {
        "name": "Globex",
        "priceList": {"name": "Acme contract"},
    }
    assert removed["data"]["accountUpdate"]["account"]["priceList"] is None


async def test_readonly_and_operations_may_not_write_price_lists(gql: GraphQL) -> None:
    for role in ("READONLY", "OPERATIONS", "SERVICE"):
        result = await gql(CREATE, {"input": {"name": "Nope"}}, role=role)
        assert [e["extensions"]["code"] for e in result["errors"]] == ["FORBIDDEN"]
    assert await PriceList.all().count() == 0


PRICE_LISTS = """
query($first: Int, $after: String, $last: Int, $filter: PriceListFilter,
      $orderBy: PriceListOrder) {
  priceLists(first: $first, after: $after, last: $last, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { name } } pageInfo { hasNextPage }
  }
}
"""


@pytest.fixture
async def five_lists(database: str) -> None:
    await create_price_list({"name": "Echo"})
    await create_price_list({"name": "Alpha", "currency": "EUR", "is_default": True})
    await create_price_list({"name": "Delta", "is_default": True})
    await create_price_list(
        {"name": "Charlie", "valid_from": date(2027, 1, 1), "valid_to": date(2027, 3, 31)}
    )
    await create_price_list({"name": "Bravo", "valid_from": date(2027, 4, 1)})


def _names(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in result["data"]["priceLists"]["edges"]]


async def test_price_lists_filter_order_and_page(gql: GraphQL, five_lists: None) -> None:
    by_name = await gql(PRICE_LISTS, {"first": 2})
    rest = await gql(
        PRICE_LISTS,
        {"first": 10, "after": by_name["data"]["priceLists"]["edges"][-1]["cursor"]},
    )
    defaults = await gql(PRICE_LISTS, {"filter": {"isDefault": True}})
    euro = await gql(PRICE_LISTS, {"filter": {"currency": "eur"}})
    valid = await gql(PRICE_LISTS, {"filter": {"validOn": "2027-03-31"}})
    searched = await gql(PRICE_LISTS, {"filter": {"search": "HARL"}})
    by_start = await gql(
        PRICE_LISTS, {"orderBy": {"field": "VALID_FROM", "direction": "DESC"}, "first": 3}
    )
    both = await gql(PRICE_LISTS, {"first": 1, "last": 1})

    assert _names(by_name) == ["Alpha", "Bravo"]
    assert by_name["data"]["priceLists"]["totalCount"] == 5
    assert by_name["data"]["priceLists"]["pageInfo"]["hasNextPage"] is True
    assert _names(rest) == ["Charlie", "Delta", "Echo"]
    assert _names(defaults) == ["Alpha", "Delta"]
    assert _names(euro) == ["Alpha"]
    assert _names(valid) == ["Alpha", "Charlie", "Delta", "Echo"]
    assert _names(searched) == ["Charlie"]
    # Lists valid since always have no validFrom: first when descending.
    assert _names(by_start) == ["Echo", "Alpha", "Delta"]
    assert [e["extensions"]["code"] for e in both["errors"]] == ["BAD_USER_INPUT"]


ITEMS = """
query($id: ID!, $first: Int, $after: String, $filter: PriceListItemFilter,
      $orderBy: PriceListItemOrder) {
  priceList(id: $id) {
    items(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount edges { cursor node { product { sku } minQuantity } }
    }
  }
}
"""


def _items(result: dict[str, Any]) -> list[tuple[str, str]]:
    edges = result["data"]["priceList"]["items"]["edges"]
    return [(e["node"]["product"]["sku"], e["node"]["minQuantity"]) for e in edges]


async def test_items_filter_order_and_page(
    gql: GraphQL, contract: PriceList, widget: Product, gadget: Product
) -> None:
    await set_price_list_items(
        contract.id,
        [
            {"product_id": gadget.id, "min_quantity": D("1"), "unit_price": D("19")},
            {"product_id": widget.id, "min_quantity": D("50"), "unit_price": D("8")},
            {"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("9")},
            {"product_id": gadget.id, "min_quantity": D("0"), "unit_price": D("20")},
        ],
    )
    list_id = gid("PriceList", contract.id)

    first = await gql(ITEMS, {"id": list_id, "first": 3})
    after = await gql(
        ITEMS,
        {"id": list_id, "first": 3, "after": first["data"]["priceList"]["items"]["edges"][-1][
            "cursor"]},
    )  # fmt: skip
    gadgets = await gql(ITEMS, {"id": list_id, "filter": {"productId": gid("Product", gadget.id)}})
    by_break = await gql(
        ITEMS, {"id": list_id, "orderBy": {"field": "MIN_QUANTITY", "direction": "DESC"}}
    )
    foreign = await gql(ITEMS, {"id": list_id, "filter": {"productId": gid("Account", 1)}})

    assert _items(first) == [("WIDGET", "0"), ("WIDGET", "50"), ("GADGET", "0")]
    assert _items(after) == [("GADGET", "1")]
    assert first["data"]["priceList"]["items"]["totalCount"] == 4
    assert _items(gadgets) == [("GADGET", "0"), ("GADGET", "1")]
    assert _items(by_break) == [("WIDGET", "50"), ("GADGET", "1"), ("WIDGET", "0"), ("GADGET", "0")]
    assert [e["extensions"]["code"] for e in foreign["errors"]] == ["BAD_USER_INPUT"]


async def test_an_item_through_node_shows_its_price_in_the_list_currency(
    gql: GraphQL, widget: Product
) -> None:
    euro = await create_price_list({"name": "Euro", "currency": "EUR"})
    await set_price_list_items(
        euro.id, [{"product_id": widget.id, "min_quantity": D("0"), "unit_price": D("8.4")}]
    )
    item_id = gid("PriceListItem", (await euro.items.all())[0].id)

    result = await gql(
        "query($id: ID!) { node(id: $id) { ... on PriceListItem { unitPrice { amount currency } "
        "priceList { name } } } }",
        {"id": item_id},
    )

    assert result["data"]["node"] == {
        "unitPrice": {"amount": "8.40", "currency": "EUR"},
        "priceList": {"name": "Euro"},
    }


NESTED = """
query($first: Int) {
  priceLists(first: $first) {
    edges { node { name items(first: 5) { totalCount edges { node {
      minQuantity unitPrice { amount } product { sku }
    } } } } }
  }
}
"""


async def test_nested_items_cost_no_query_per_list(
    gql: GraphQL, count_queries: Any, widget: Product, gadget: Product
) -> None:
    for index in range(12):
        price_list = await create_price_list({"name": f"List {index:02d}"})
        await set_price_list_items(
            price_list.id,
            [
                {"product_id": widget.id, "min_quantity": D(index), "unit_price": D("9")},
                {"product_id": gadget.id, "min_quantity": D("0"), "unit_price": D("19")},
            ],
        )
    await gql("{ __typename }")  # the token is created on first use: keep it out of the count

    with count_queries() as two:
        small = await gql(NESTED, {"first": 2})
    with count_queries() as twelve:
        large = await gql(NESTED, {"first": 12})

    assert len(large["data"]["priceLists"]["edges"]) == 12
    assert large["data"]["priceLists"]["edges"][11]["node"]["items"]["edges"][0]["node"] == {
        "minQuantity": "11",
        "unitPrice": {"amount": "9.00"},
        "product": {"sku": "WIDGET"},
    }
    assert len(small["data"]["priceLists"]["edges"]) == 2
    assert twelve.count == two.count
