"""Work orders: create, and complete with a backflush of components incl. scrap (§5.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from mfg_factories import make_bom, put_stock

from domain.clock import today
from domain.inventory.models import StockLevel, StockMove
from domain.manufacturing import services
from domain.manufacturing.models import WorkOrder
from tests.factories import gid, on_hand
from tests.factories import make_item as make_product

D = Decimal
WO1 = f"WO-{today().year}-000001"  # §5.1: WO-YYYY-NNNNNN

CREATE = """
mutation($input: WorkOrderCreateInput!) {
  workOrderCreate(input: $input) {
    workOrder { id number product { sku } quantity quantityCompleted startDate dueDate status }
    errors { field code message }
  }
}
"""
COMPLETE = """
mutation($input: WorkOrderCompleteInput!) {
  workOrderComplete(input: $input) {
    workOrder { number quantityCompleted status }
    errors { field code message }
  }
}
"""


async def lamp_factory() -> dict[str, Any]:
    """LAMP = 1 BASE + 0.3333 BULB at 2.5% scrap + 1 SHADE-KIT (phantom: 1 SHADE + 3 SCREW
    at 10% scrap)."""
    products = {
        "LAMP": await make_product("LAMP", "MAKE", lead_time_days=4),
        "BASE": await make_product("BASE"),
        "BULB": await make_product("BULB"),
        "SHADE-KIT": await make_product("SHADE-KIT", "MAKE"),
        "SHADE": await make_product("SHADE"),
        "SCREW": await make_product("SCREW"),
    }
    await make_bom(
        products["SHADE-KIT"], [(products["SHADE"], "1", "0"), (products["SCREW"], "3", "10")],
        phantom=True,
    )  # fmt: skip
    await make_bom(
        products["LAMP"],
        [
            (products["BASE"], "1", "0"),
            (products["BULB"], "0.3333", "2.5"),
            (products["SHADE-KIT"], "1", "0"),
        ],
    )
    for sku, quantity in {"BASE": "10", "BULB": "5", "SHADE": "3", "SCREW": "20"}.items():
        await put_stock(products[sku], quantity)
    return products


async def stock_by_sku(products: dict[str, Any]) -> dict[str, Decimal]:
    return {sku: await on_hand(product) for sku, product in products.items()}


async def create_lamp_order(gql: Any, lamp: Any, quantity: str) -> dict[str, Any]:
    result = await gql(
        CREATE,
        {"input": {"productId": gid("Product", lamp.id), "quantity": quantity,
                   "startDate": "2026-03-02", "dueDate": "2026-03-06"}},
    )  # fmt: skip
    assert result["data"]["workOrderCreate"]["errors"] == []
    return result["data"]["workOrderCreate"]["workOrder"]  # type: ignore[no-any-return]


async def test_work_order_is_created_released_and_numbered(gql: Any, database: str) -> None:
    products = await lamp_factory()
    order = await create_lamp_order(gql, products["LAMP"], "5")
    assert {k: v for k, v in order.items() if k != "id"} == {
        "number": WO1,
        "product": {"sku": "LAMP"},
        "quantity": "5",
        "quantityCompleted": "0",
        "startDate": "2026-03-02",
        "dueDate": "2026-03-06",
        "status": "RELEASED",
    }


async def test_completing_backflushes_components_with_scrap_through_the_phantom_kit(
    gql: Any, database: str
) -> None:
    products = await lamp_factory()
    order = await create_lamp_order(gql, products["LAMP"], "5")
    result = await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "3"}})
    assert result["data"]["workOrderComplete"] == {
        "workOrder": {"number": WO1, "quantityCompleted": "3", "status": "RELEASED"},
        "errors": [],
    }
    # BULB: 3 x 0.3333 x 1.025 = 1.0248975 -> 1.0249; SCREW: 3 x 1 x 3 x 1.1 = 9.9.
    assert await stock_by_sku(products) == {
        "LAMP": D("3"),
        "BASE": D("7"),
        "BULB": D("3.9751"),
        "SHADE-KIT": D("0"),
        "SHADE": D("0"),
        "SCREW": D("10.1"),
    }
    moves = (
        await StockMove.filter(reference=WO1)
        .order_by("id")
        .values_list("product__sku", "quantity", "source")
    )
    assert sorted((sku, D(q), source) for sku, q, source in moves) == [
        ("BASE", D("-3"), "WORK_ORDER"),
        ("BULB", D("-1.0249"), "WORK_ORDER"),
        ("LAMP", D("3"), "WORK_ORDER"),
        ("SCREW", D("-9.9"), "WORK_ORDER"),
        ("SHADE", D("-3"), "WORK_ORDER"),
    ]


async def test_short_component_refuses_the_completion_and_writes_nothing(
    gql: Any, database: str
) -> None:
    products = await lamp_factory()
    order = await create_lamp_order(gql, products["LAMP"], "5")
    await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "3"}})
    before = await stock_by_sku(products)
    moves_before = await StockMove.all().count()

    result = await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "2"}})

    (error,) = result["data"]["workOrderComplete"]["errors"]
    assert error["code"] == "INSUFFICIENT_STOCK"
    assert error["field"] == ["quantity"]
    assert "SHADE" in error["message"]
    assert await stock_by_sku(products) == before
    assert await StockMove.all().count() == moves_before
    row = await WorkOrder.get(number=WO1)
    assert (D(row.quantity_completed), row.status.value) == (D("3"), "RELEASED")


async def test_completing_the_rest_completes_the_order_and_no_more_can_be_completed(
    gql: Any, database: str
) -> None:
    products = await lamp_factory()
    await put_stock(products["SHADE"], "2")
    order = await create_lamp_order(gql, products["LAMP"], "5")
    await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "3"}})
    too_many = await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "2.0001"}})
    assert too_many["data"]["workOrderComplete"]["errors"][0]["code"] == "INVALID"

    result = await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "2"}})
    assert result["data"]["workOrderComplete"]["workOrder"] == {
        "number": WO1,
        "quantityCompleted": "5",
        "status": "COMPLETED",
    }
    assert await on_hand(products["LAMP"]) == D("5")
    again = await gql(COMPLETE, {"input": {"id": order["id"], "quantity": "1"}})
    assert again["data"]["workOrderComplete"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_work_order_input_errors(gql: Any, database: str) -> None:
    lamp = await make_product("LAMP", "MAKE")
    service = await make_product("INSTALL", "MAKE", kind="SERVICE")
    cases = [
        ({"productId": gid("Product", lamp.id), "quantity": "0"}, ["quantity"], "INVALID"),
        ({"productId": gid("Product", 999), "quantity": "1"}, ["productId"], "NOT_FOUND"),
        ({"productId": gid("Product", service.id), "quantity": "1"}, ["productId"], "INVALID"),
        (
            {"productId": gid("Product", lamp.id), "quantity": "1",
             "startDate": "2026-03-05", "dueDate": "2026-03-04"},
            ["dueDate"],
            "INVALID",
        ),
    ]  # fmt: skip
    for variables, field, code in cases:
        result = await gql(CREATE, {"input": variables})
        (error,) = result["data"]["workOrderCreate"]["errors"]
        assert (error["field"], error["code"]) == (field, code)
    assert await WorkOrder.all().count() == 0
    assert await StockLevel.all().count() == 0


async def test_work_orders_list_issues_the_same_statements_for_50_as_for_5(
    gql: Any, database: str, count_queries: Any
) -> None:
    lamp = await make_product("LAMP", "MAKE")
    # 51: a page of all of them would know its totalCount without the COUNT statement.
    for _ in range(51):
        await create_lamp_order(gql, lamp, "1")
    query = "query($n: Int!) { workOrders(first: $n) { totalCount edges { node { number product { sku } } } } }"  # noqa: E501
    counts = []
    for first in (5, 50):
        with count_queries() as counter:
            result = await gql(query, {"n": first})
        assert len(result["data"]["workOrders"]["edges"]) == first
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_work_order_numbers_carry_the_year_and_restart_with_each_year(
    database: str, monkeypatch: Any
) -> None:
    lamp = await make_product("LAMP", "MAKE")
    year = today().year

    first = await services.create_work_order(lamp.id, D("1"))
    second = await services.create_work_order(lamp.id, D("1"))
    monkeypatch.setattr(services, "today", lambda: date(year + 1, 1, 4))
    next_year = await services.create_work_order(lamp.id, D("1"))

    assert [first.number, second.number, next_year.number] == [
        f"WO-{year}-000001",
        f"WO-{year}-000002",
        f"WO-{year + 1}-000001",
    ]
