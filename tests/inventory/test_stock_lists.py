"""The stock lists' filters and orders (§2 Lists): warehouses, stockLevels and stockMoves."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.inventory.models import Warehouse
from domain.inventory.services import adjust_stock, default_warehouse
from tests.factories import gid, make_product


async def codes(gql: Any, variables: dict[str, Any]) -> list[str]:
    result = await gql(
        """query($filter: WarehouseFilter, $order: WarehouseOrder) {
          warehouses(filter: $filter, orderBy: $order) { edges { node { code } } } }""",
        variables,
        role="READONLY",
    )
    return [edge["node"]["code"] for edge in result["data"]["warehouses"]["edges"]]


async def test_warehouses_are_searched_by_code_or_name_and_sorted(gql):
    await Warehouse.create(code="EAST", name="Depot Ostrava")
    await Warehouse.create(code="WEST", name="Depot Brno")

    assert await codes(gql, {}) == ["EAST", "MAIN", "WEST"]
    assert await codes(gql, {"filter": {"search": "depot"}}) == ["EAST", "WEST"]
    assert await codes(gql, {"filter": {"search": "mai"}}) == ["MAIN"]
    assert await codes(gql, {"order": {"field": "NAME", "direction": "ASC"}}) == [
        "WEST",
        "EAST",
        "MAIN",
    ]
    assert await codes(gql, {"order": {"field": "CODE", "direction": "DESC"}}) == [
        "WEST",
        "MAIN",
        "EAST",
    ]


async def test_stock_levels_sort_by_quantity_and_stock_moves_refuse_a_foreign_id(gql):
    main = await default_warehouse()
    for sku, quantity in (("BOLT", "7"), ("NUT", "30"), ("WASHER", "1.5")):
        product = await make_product(sku)
        await adjust_stock(
            product_id=product.id, warehouse_id=main.id, quantity=Decimal(quantity), reason="C"
        )
    query = """query($order: StockLevelOrder) { stockLevels(orderBy: $order) {
      edges { node { product { sku } onHand available } } } }"""

    default = await gql(query, {})
    by_stock = await gql(query, {"order": {"field": "ON_HAND", "direction": "DESC"}})
    foreign = await gql(
        "query($id: ID!) { stockMoves(filter: {productId: $id}) { totalCount } }",
        {"id": gid("Warehouse", main.id)},
    )

    def skus(result: dict[str, Any]) -> list[str]:
        return [e["node"]["product"]["sku"] for e in result["data"]["stockLevels"]["edges"]]

    assert skus(default) == ["BOLT", "NUT", "WASHER"]
    assert skus(by_stock) == ["NUT", "BOLT", "WASHER"]
    assert by_stock["data"]["stockLevels"]["edges"][2]["node"] == {
        "product": {"sku": "WASHER"},
        "onHand": "1.5",
        "available": "1.5",
    }
    assert foreign["data"] is None
    [error] = foreign["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("`filter.productId` takes the id of a Product")
