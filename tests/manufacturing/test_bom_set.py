"""bomSet: replacing a BOM, its validation, and refusing cycles with nothing written (§5.1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mfg_factories import make_bom

from domain.manufacturing.models import BillOfMaterials, BomLine
from tests.factories import gid
from tests.factories import make_item as make_product

D = Decimal

BOM_SET = """
mutation($input: BomSetInput!) {
  bomSet(input: $input) {
    billOfMaterials { phantom product { sku }
      lines { component { sku } quantityPer scrapPercent } }
    errors { field code message }
  }
}
"""


def line(component: Any, per: str, scrap: str = "0") -> dict[str, str]:
    return {"componentId": gid("Product", component.id), "quantityPer": per, "scrapPercent": scrap}


async def bom_rows() -> list[tuple[int, int, Decimal, Decimal]]:
    rows = (
        await BomLine.all()
        .order_by("id")
        .values_list("bom__product_id", "component_id", "quantity_per", "scrap_percent")
    )
    return [(p, c, D(q), D(s)) for p, c, q, s in rows]


async def test_bom_set_creates_then_replaces_the_bom(gql: Any, database: str) -> None:
    bike = await make_product("BIKE", "MAKE")
    frame = await make_product("FRAME", "MAKE")
    bolt = await make_product("BOLT")
    paint = await make_product("PAINT")
    first = await gql(
        BOM_SET,
        {"input": {"productId": gid("Product", bike.id), "lines": [
            line(frame, "1"), line(bolt, "4", "2.5")]}},
    )  # fmt: skip
    assert first["data"]["bomSet"] == {
        "billOfMaterials": {
            "phantom": False,
            "product": {"sku": "BIKE"},
            "lines": [
                {"component": {"sku": "FRAME"}, "quantityPer": "1", "scrapPercent": "0"},
                {"component": {"sku": "BOLT"}, "quantityPer": "4", "scrapPercent": "2.5"},
            ],
        },
        "errors": [],
    }
    second = await gql(
        BOM_SET,
        {"input": {"productId": gid("Product", bike.id), "phantom": True,
                   "lines": [line(paint, "0.25")]}},
    )  # fmt: skip
    assert second["data"]["bomSet"]["billOfMaterials"]["phantom"] is True
    assert await bom_rows() == [(bike.id, paint.id, D("0.25"), D("0"))]
    assert await BillOfMaterials.all().count() == 1
    product = await gql(
        "query($id: ID!) { node(id: $id) { ... on Product { bom { phantom lines {"
        " component { sku } quantityPer } } } } }",
        {"id": gid("Product", bike.id)},
    )
    assert product["data"]["node"]["bom"] == {
        "phantom": True,
        "lines": [{"component": {"sku": "PAINT"}, "quantityPer": "0.25"}],
    }


async def test_bom_that_would_close_a_cycle_is_refused_naming_its_products(
    gql: Any, database: str
) -> None:
    # BIKE -> FRAME -> TUBE exists; giving TUBE a BIKE line closes BIKE -> FRAME -> TUBE.
    bike = await make_product("BIKE", "MAKE")
    frame = await make_product("FRAME", "MAKE")
    tube = await make_product("TUBE", "MAKE")
    steel = await make_product("STEEL")
    await make_bom(bike, [(frame, "1", "0")])
    await make_bom(frame, [(tube, "2", "0")])
    before = await bom_rows()
    result = await gql(
        BOM_SET,
        {"input": {"productId": gid("Product", tube.id),
                   "lines": [line(steel, "3"), line(bike, "1")]}},
    )  # fmt: skip
    assert result["data"]["bomSet"] == {
        "billOfMaterials": None,
        "errors": [
            {
                "field": ["lines"],
                "code": "BOM_CYCLE",
                "message": "This BOM would make a cycle: TUBE -> BIKE -> FRAME -> TUBE.",
            }
        ],
    }
    assert await bom_rows() == before
    assert not await BillOfMaterials.filter(product_id=tube.id).exists()


async def test_bom_input_errors_are_refused_with_their_field_and_nothing_written(
    gql: Any, database: str
) -> None:
    kit = await make_product("KIT", "MAKE")
    bolt = await make_product("BOLT")
    cases = [
        ([line(bolt, "0")], ["lines", "0", "quantityPer"], "INVALID"),
        ([line(bolt, "-1")], ["lines", "0", "quantityPer"], "INVALID"),
        ([line(bolt, "1", "100")], ["lines", "0", "scrapPercent"], "INVALID"),
        ([line(bolt, "1", "-0.5")], ["lines", "0", "scrapPercent"], "INVALID"),
        ([line(bolt, "0.00001")], ["lines", "0", "quantityPer"], "INVALID"),
        ([line(bolt, "1"), line(kit, "1")], ["lines", "1", "componentId"], "BOM_CYCLE"),
        ([line(bolt, "1"), line(bolt, "2")], ["lines", "1", "componentId"], "DUPLICATE"),
        (
            [{"componentId": gid("Product", 999), "quantityPer": "1"}],
            ["lines", "0", "componentId"],
            "NOT_FOUND",
        ),
        (
            [{"componentId": gid("Account", bolt.id), "quantityPer": "1"}],
            ["lines", "0", "componentId"],
            "NOT_FOUND",
        ),
    ]
    for lines, field, code in cases:
        result = await gql(
            BOM_SET, {"input": {"productId": gid("Product", kit.id), "lines": lines}}
        )
        (error,) = result["data"]["bomSet"]["errors"]
        assert (error["field"], error["code"]) == (field, code), lines
    assert await bom_rows() == []
    assert await BillOfMaterials.all().count() == 0


async def test_only_admin_and_operations_may_set_a_bom(gql: Any, database: str) -> None:
    kit = await make_product("KIT", "MAKE")
    bolt = await make_product("BOLT")
    variables = {"input": {"productId": gid("Product", kit.id), "lines": [line(bolt, "1")]}}
    for role in ("SALES", "FINANCE", "READONLY", "SERVICE"):
        result = await gql(BOM_SET, variables, role=role)
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    result = await gql(BOM_SET, variables, role="OPERATIONS")
    assert result["data"]["bomSet"]["errors"] == []
