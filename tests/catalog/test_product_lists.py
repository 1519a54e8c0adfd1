"""The lists on a product (§2 Lists): stockLevels and whereUsed as connections with filter,
orderBy and cursors, the same page for one product as for many, and no query per product."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.inventory.models import Warehouse
from domain.inventory.services import adjust_stock, default_warehouse
from domain.manufacturing.services import BomLineDraft, set_bom
from tests.factories import gid, make_item, make_product

LEVELS = """
query($id: ID!, $first: Int, $after: String, $filter: StockLevelFilter, $order: StockLevelOrder) {
  product(id: $id) {
    stockLevels(first: $first, after: $after, filter: $filter, orderBy: $order) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { warehouse { code } onHand } }
    }
  }
}"""

WHERE_USED = """
query($id: ID!, $filter: BomLineFilter, $order: BomLineOrder) {
  product(id: $id) {
    whereUsed(filter: $filter, orderBy: $order) {
      totalCount edges { node { billOfMaterials { product { sku } phantom } quantityPer } }
    }
  }
}"""


async def stock_in_three_warehouses() -> Any:
    widget = await make_product("WIDGET")
    main = await default_warehouse()
    east = await Warehouse.create(code="EAST", name="East depot")
    west = await Warehouse.create(code="WEST", name="West depot")
    for warehouse, quantity in ((main, "5"), (east, "2"), (west, "9")):
        await adjust_stock(
            product_id=widget.id,
            warehouse_id=warehouse.id,
            quantity=Decimal(quantity),
            reason="Count",
        )
    return widget, east


def levels(result: dict[str, Any]) -> list[tuple[str, str]]:
    edges = result["data"]["product"]["stockLevels"]["edges"]
    return [(e["node"]["warehouse"]["code"], e["node"]["onHand"]) for e in edges]


async def test_stock_levels_are_paged_in_the_order_asked_and_filtered_by_warehouse(gql):
    widget, east = await stock_in_three_warehouses()
    variables = {"id": gid("Product", widget.id)}
    by_stock = {**variables, "order": {"field": "ON_HAND", "direction": "DESC"}}

    default = await gql(LEVELS, variables, role="READONLY")
    first = await gql(LEVELS, {**by_stock, "first": 2})
    cursor = first["data"]["product"]["stockLevels"]["pageInfo"]["endCursor"]
    rest = await gql(LEVELS, {**by_stock, "first": 2, "after": cursor})
    in_east = await gql(LEVELS, {**variables, "filter": {"warehouseId": gid("Warehouse", east.id)}})

    assert levels(default) == [("MAIN", "5"), ("EAST", "2"), ("WEST", "9")]
    assert levels(first) == [("WEST", "9"), ("MAIN", "5")]
    assert first["data"]["product"]["stockLevels"]["totalCount"] == 3
    assert first["data"]["product"]["stockLevels"]["pageInfo"]["hasNextPage"] is True
    assert levels(rest) == [("EAST", "2")]
    assert rest["data"]["product"]["stockLevels"]["pageInfo"]["hasNextPage"] is False
    assert levels(in_east) == [("EAST", "2")]


async def test_a_filter_id_of_another_type_and_first_with_last_are_refused(gql):
    widget, east = await stock_in_three_warehouses()
    variables = {"id": gid("Product", widget.id)}

    wrong = await gql(LEVELS, {**variables, "filter": {"warehouseId": gid("Product", east.id)}})
    both = await gql(
        "query($id: ID!) { product(id: $id) { stockLevels(first: 1, last: 1) { totalCount } } }",
        variables,
    )

    assert wrong["data"]["product"] is None
    [error] = wrong["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("`filter.warehouseId` takes the id of a Warehouse")
    assert [e["extensions"]["code"] for e in both["errors"]] == ["BAD_USER_INPUT"]


async def test_the_products_list_reads_the_levels_of_all_its_products_in_one_query(
    gql, count_queries
):
    main = await default_warehouse()
    for n in range(30):
        product = await make_product(f"P-{n:02d}")
        await adjust_stock(
            product_id=product.id, warehouse_id=main.id, quantity=Decimal(n + 1), reason="Count"
        )
    query = """query($n: Int!) { products(first: $n) { edges { node { sku onHand
      stockLevels(first: 1, orderBy: {field: ON_HAND, direction: DESC}) {
        totalCount edges { cursor node { onHand warehouse { code } } } }
      whereUsed { totalCount } } } } }"""
    await gql("{ __typename }")

    with count_queries() as five:
        small = await gql(query, {"n": 5})
    with count_queries() as thirty:
        large = await gql(query, {"n": 30})
    alone = await gql(
        """query($id: ID!) { product(id: $id) {
          stockLevels(first: 1, orderBy: {field: ON_HAND, direction: DESC}) {
            edges { cursor } } } }""",
        {"id": gid("Product", product.id)},
    )

    nodes = [edge["node"] for edge in large["data"]["products"]["edges"]]
    assert len(small["data"]["products"]["edges"]) == 5
    assert [node["stockLevels"]["edges"][0]["node"]["onHand"] for node in nodes] == [
        str(n + 1) for n in range(30)
    ]
    assert {node["whereUsed"]["totalCount"] for node in nodes} == {0}
    assert thirty.count == five.count
    # The last product's page, asked alone (its page cut by the database), has the cursor
    # the list gave it (cut from all products' rows).
    alone_levels = alone["data"]["product"]["stockLevels"]
    assert alone_levels["edges"][0]["cursor"] == nodes[-1]["stockLevels"]["edges"][0]["cursor"]


async def test_where_used_lists_the_bom_lines_consuming_a_component(gql):
    bolt = await make_item("BOLT")
    parents = {sku: await make_item(sku, "MAKE") for sku in ("BIKE", "FRAME", "KIT")}
    for sku, per, phantom in (("BIKE", "4", False), ("FRAME", "6", False), ("KIT", "2", True)):
        await set_bom(parents[sku].id, [BomLineDraft(bolt.id, Decimal(per))], phantom=phantom)
    variables = {"id": gid("Product", bolt.id)}

    async def used_in(**extra: Any) -> list[tuple[str, str]]:
        result = await gql(WHERE_USED, {**variables, **extra}, role="SALES")
        edges = result["data"]["product"]["whereUsed"]["edges"]
        return [
            (e["node"]["billOfMaterials"]["product"]["sku"], e["node"]["quantityPer"])
            for e in edges
        ]

    assert await used_in() == [("BIKE", "4"), ("FRAME", "6"), ("KIT", "2")]
    assert await used_in(filter={"phantom": True}) == [("KIT", "2")]
    assert await used_in(filter={"productId": gid("Product", parents["FRAME"].id)}) == [
        ("FRAME", "6")
    ]
    assert await used_in(order={"field": "QUANTITY_PER", "direction": "DESC"}) == [
        ("FRAME", "6"),
        ("BIKE", "4"),
        ("KIT", "2"),
    ]


async def test_a_product_cannot_be_created_without_its_sku_and_name(gql):
    result = await gql(
        'mutation { productCreate(input: {name: "Nameless"}) { product { sku } } }',
        expect_status=200,
    )

    [error] = result["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "sku" in error["message"]
