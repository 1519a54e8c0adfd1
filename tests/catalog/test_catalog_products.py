"""Products through GraphQL: create, update, validation, list filters, standardCost access."""

from __future__ import annotations

import pytest

from api.relay import encode_id
from domain.catalog.models import Product

PRODUCT_FIELDS = """
    sku name kind procurement uom listPrice { amount currency } taxRate leadTimeDays
    safetyStock minOrderQuantity orderMultiple onHand available
    stockLevels { totalCount edges { node { onHand } } }
"""

CREATE = f"""
mutation($input: ProductCreateInput!) {{
  productCreate(input: $input) {{
    product {{ {PRODUCT_FIELDS} standardCost {{ amount currency }} }}
    errors {{ field code message }}
  }}
}}"""

UPDATE = f"""
mutation($input: ProductUpdateInput!) {{
  productUpdate(input: $input) {{
    product {{ {PRODUCT_FIELDS} standardCost {{ amount }} }}
    errors {{ field code message }}
  }}
}}"""

READ_COST = """
query($id: ID!) { product(id: $id) { sku standardCost { amount } } }
"""


async def test_product_create_stores_every_field(gql):
    result = await gql(
        CREATE,
        {
            "input": {
                "sku": "BOLT-M8",
                "name": "Bolt M8",
                "kind": "STOCKED",
                "procurement": "MAKE",
                "uom": "PCS",
                "listPrice": "1.50",
                "standardCost": "0.4125",
                "taxRate": "8.25",
                "leadTimeDays": 7,
                "safetyStock": "100",
                "minOrderQuantity": "500",
                "orderMultiple": "250",
            }
        },
        role="OPERATIONS",
    )

    payload = result["data"]["productCreate"]
    assert payload["errors"] == []
    assert payload["product"] == {
        "sku": "BOLT-M8",
        "name": "Bolt M8",
        "kind": "STOCKED",
        "procurement": "MAKE",
        "uom": "PCS",
        "listPrice": {"amount": "1.50", "currency": "USD"},
        "standardCost": {"amount": "0.4125", "currency": "USD"},
        "taxRate": "8.25",
        "leadTimeDays": 7,
        "safetyStock": "100",
        "minOrderQuantity": "500",
        "orderMultiple": "250",
        "onHand": "0",
        "available": "0",
        "stockLevels": {"totalCount": 0, "edges": []},
    }


async def test_product_update_changes_only_the_given_fields(gql, make_product):
    product = await make_product("WIDGET", list_price="10.00", standard_cost="4.00")

    result = await gql(
        UPDATE,
        {
            "input": {
                "id": encode_id("Product", product.id),
                "listPrice": "12.00",
                "name": "Widget+",
            }
        },
    )

    updated = result["data"]["productUpdate"]["product"]
    assert (updated["name"], updated["listPrice"]["amount"]) == ("Widget+", "12.00")
    assert (updated["sku"], updated["standardCost"]) == ("WIDGET", {"amount": "4.00"})


async def test_a_duplicate_sku_is_refused_whatever_its_case(gql, make_product):
    await make_product("WIDGET")

    result = await gql(CREATE, {"input": {"sku": "widget", "name": "Another widget"}})

    payload = result["data"]["productCreate"]
    assert payload["product"] is None
    assert payload["errors"] == [
        {"field": ["sku"], "code": "DUPLICATE", "message": "A product with SKU widget exists."}
    ]
    assert await Product.all().count() == 1


async def test_update_to_an_existing_sku_is_a_duplicate(gql, make_product):
    await make_product("WIDGET")
    gadget = await make_product("GADGET")

    result = await gql(UPDATE, {"input": {"id": encode_id("Product", gadget.id), "sku": "WIDGET"}})

    assert result["data"]["productUpdate"]["errors"][0]["code"] == "DUPLICATE"
    assert (await Product.get(id=gadget.id)).sku == "GADGET"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("listPrice", "-1.00", "listPrice must not be negative."),
        ("standardCost", "-0.01", "standardCost must not be negative."),
        ("taxRate", "101", "taxRate must be between 0 and 100."),
        ("listPrice", "1.005", "listPrice has more than 2 decimals."),
        ("safetyStock", "-5", "safetyStock must not be negative."),
    ],
)
async def test_bad_numbers_are_invalid_and_nothing_is_stored(gql, field, value, message):
    result = await gql(CREATE, {"input": {"sku": "X-1", "name": "X", field: value}})

    [error] = result["data"]["productCreate"]["errors"]
    assert (error["code"], error["message"]) == ("INVALID", message)
    assert await Product.all().count() == 0


async def test_a_blank_name_is_required(gql):
    result = await gql(CREATE, {"input": {"sku": "X-1", "name": "  "}})

    assert result["data"]["productCreate"]["errors"] == [
        {"field": ["name"], "code": "REQUIRED", "message": "name is required."}
    ]


@pytest.mark.parametrize("role", ["SALES", "SERVICE", "READONLY", "INTEGRATION"])
async def test_standard_cost_is_forbidden_for_roles_outside_finance_and_operations(
    gql, make_product, role
):
    product = await make_product("WIDGET", standard_cost="4.00")

    result = await gql(READ_COST, {"id": encode_id("Product", product.id)}, role=role)

    assert result["data"]["product"] == {"sku": "WIDGET", "standardCost": None}
    [error] = result["errors"]
    assert error["path"] == ["product", "standardCost"]
    assert error["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize("role", ["ADMIN", "FINANCE", "OPERATIONS"])
async def test_standard_cost_is_readable_by_admin_finance_and_operations(gql, make_product, role):
    product = await make_product("WIDGET", standard_cost="4.00")

    result = await gql(READ_COST, {"id": encode_id("Product", product.id)}, role=role)

    assert result["data"] == {"product": {"sku": "WIDGET", "standardCost": {"amount": "4.00"}}}
    assert "errors" not in result


async def test_sales_may_not_create_products(gql):
    result = await gql(CREATE, {"input": {"sku": "X-1", "name": "X"}}, role="SALES")

    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Product.all().count() == 0


async def test_products_filter_by_search_kind_and_procurement(gql, make_product):
    await make_product("BOLT-M8", name="Hex bolt", procurement="BUY")
    await make_product("FRAME-1", name="Steel frame", procurement="MAKE")
    await make_product("INSTALL", name="Installation", kind="SERVICE")
    query = """
    query($filter: ProductFilter) {
      products(filter: $filter) { totalCount edges { node { sku } } }
    }"""

    async def skus(flt: dict) -> list[str]:
        result = await gql(query, {"filter": flt}, role="READONLY")
        return [edge["node"]["sku"] for edge in result["data"]["products"]["edges"]]

    assert await skus({}) == ["BOLT-M8", "FRAME-1", "INSTALL"]
    assert await skus({"search": "bolt"}) == ["BOLT-M8"]
    assert await skus({"search": "frame-"}) == ["FRAME-1"]
    assert await skus({"kind": "SERVICE"}) == ["INSTALL"]
    assert await skus({"kind": "STOCKED", "procurement": "MAKE"}) == ["FRAME-1"]
