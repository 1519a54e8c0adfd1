"""The MRP job end to end: GraphQL → Redis → a real arq worker → planned orders (§6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from mfg_factories import make_sales_order

from domain.clock import today
from domain.inventory.services import default_warehouse
from domain.jobs.models import JobRun
from domain.manufacturing.models import BillOfMaterials, BomLine, MrpRun
from domain.orders.models import OrderStatus
from domain.outbox.models import Event
from tests.factories import gid

D = Decimal
WO1 = f"WO-{today().year}-000001"  # §5.1: WO-YYYY-NNNNNN

PRODUCT_CREATE = """
mutation($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id } errors { field code message } }
}
"""
STOCK_ADJUST = """
mutation($input: StockAdjustInput!) { stockAdjust(input: $input) { errors { code message } } }
"""
BOM_SET = """
mutation($input: BomSetInput!) { bomSet(input: $input) { errors { field code message } } }
"""
PO_CREATE = """
mutation($input: PurchaseOrderCreateInput!) {
  purchaseOrderCreate(input: $input) { purchaseOrder { number } errors { code message } }
}
"""
WO_CREATE = """
mutation($input: WorkOrderCreateInput!) {
  workOrderCreate(input: $input) { workOrder { number } errors { code message } }
}
"""
MRP_START = """
mutation($input: MrpRunStartInput!) {
  mrpRunStart(input: $input) { jobRun { id kind status } errors { field code message } }
}
"""
JOB_RUN = """
query($id: ID!) {
  jobRun(id: $id) {
    status progress error
    mrpRun {
      status asOf horizonDays itemsPlanned exceptions
      plannedOrders(first: 100) {
        totalCount
        edges { node {
          product { sku } kind quantity dueDate releaseDate late
          pegging { source quantity reference }
        } }
      }
    }
  }
}
"""


async def create_product(gql: Any, sku: str, procurement: str = "BUY", **planning: Any) -> str:
    result = await gql(
        PRODUCT_CREATE,
        {"input": {"sku": sku, "name": sku.title(), "procurement": procurement, **planning}},
    )
    assert result["data"]["productCreate"]["errors"] == [], result
    return result["data"]["productCreate"]["product"]["id"]  # type: ignore[no-any-return]


async def adjust_stock(gql: Any, product_id: str, quantity: str) -> None:
    warehouse = await default_warehouse()
    result = await gql(
        STOCK_ADJUST,
        {"input": {"productId": product_id, "warehouseId": gid("Warehouse", warehouse.id),
                   "quantity": quantity, "reason": "Opening stock"}},
    )  # fmt: skip
    assert result["data"]["stockAdjust"]["errors"] == [], result


async def set_bom(
    gql: Any, product_id: str, lines: list[tuple[str, str, str]], phantom: bool = False
) -> None:
    result = await gql(
        BOM_SET,
        {"input": {"productId": product_id, "phantom": phantom, "lines": [
            {"componentId": c, "quantityPer": per, "scrapPercent": scrap}
            for c, per, scrap in lines]}},
    )  # fmt: skip
    assert result["data"]["bomSet"]["errors"] == [], result


async def start_mrp(gql: Any, as_of: str, horizon_days: int) -> str:
    result = await gql(MRP_START, {"input": {"asOf": as_of, "horizonDays": horizon_days}})
    payload = result["data"]["mrpRunStart"]
    assert payload["errors"] == [], result
    assert payload["jobRun"]["kind"] == "MRP"
    return payload["jobRun"]["id"]  # type: ignore[no-any-return]


async def finished_job_run(gql: Any, run_worker: Any, job_run_id: str) -> dict[str, Any]:
    """Runs the worker in burst mode, then polls the JobRun until it has finished."""
    await run_worker()
    for _ in range(20):
        job = (await gql(JOB_RUN, {"id": job_run_id}))["data"]["jobRun"]
        if job["status"] in ("SUCCEEDED", "FAILED"):
            return job  # type: ignore[no-any-return]
        await run_worker()
    raise AssertionError(f"job run still {job['status']}")


async def bike_company(gql: Any) -> dict[str, str]:
    """BIKE = FRAME + WHEELKIT (phantom: 2 WHEEL + 2 BOLT) + 4 BOLT;
    FRAME = 6 BOLT + 0.5 PAINT at 10% scrap. BOLT sits on levels 1 and 2."""
    ids = {
        "BIKE": await create_product(gql, "BIKE", "MAKE", leadTimeDays=2),
        "FRAME": await create_product(gql, "FRAME", "MAKE", leadTimeDays=1),
        "WHEELKIT": await create_product(gql, "WHEELKIT", "MAKE"),
        "WHEEL": await create_product(
            gql, "WHEEL", leadTimeDays=3, minOrderQuantity="10", orderMultiple="5"
        ),
        "BOLT": await create_product(gql, "BOLT", leadTimeDays=1, safetyStock="10"),
        "PAINT": await create_product(gql, "PAINT", leadTimeDays=5),
    }
    await set_bom(
        gql,
        ids["BIKE"],
        [(ids["FRAME"], "1", "0"), (ids["WHEELKIT"], "1", "0"), (ids["BOLT"], "4", "0")],
    )
    await set_bom(gql, ids["FRAME"], [(ids["BOLT"], "6", "0"), (ids["PAINT"], "0.5", "10")])
    await set_bom(gql, ids["WHEELKIT"], [(ids["WHEEL"], "2", "0"), (ids["BOLT"], "2", "0")],
                  phantom=True)  # fmt: skip
    for sku, quantity in {"BIKE": "2", "WHEEL": "4", "BOLT": "30", "PAINT": "1"}.items():
        await adjust_stock(gql, ids[sku], quantity)
    return ids


async def test_mrp_run_plans_every_item_exactly(gql: Any, database: str, run_worker: Any) -> None:
    ids = await bike_company(gql)
    supplier = (await make_account_via_orm()).id
    po = await gql(PO_CREATE, {"input": {"supplierId": gid("Account", supplier), "lines": [
        {"productId": ids["BOLT"], "quantity": "20", "unitCost": "0.10",
         "expectedDate": "2026-03-04"}]}})  # fmt: skip
    assert po["data"]["purchaseOrderCreate"]["errors"] == []
    wo = await gql(
        WO_CREATE,
        {
            "input": {
                "productId": ids["FRAME"],
                "quantity": "2",
                "startDate": "2026-03-03",
                "dueDate": "2026-03-05",
            }
        },
    )
    assert wo["data"]["workOrderCreate"]["workOrder"] == {"number": WO1}
    bike = await product_row(ids["BIKE"])
    await make_sales_order("SO-A", [(bike, "5")], requested_date=date(2026, 3, 10))
    await make_sales_order(
        "SO-B", [(bike, "4", "1")], requested_date=date(2026, 2, 20),
        status=OrderStatus.PARTIALLY_SHIPPED,
    )  # fmt: skip
    # Not demand: a draft, a shipped order, and one wanted after the horizon.
    await make_sales_order("SO-C", [(bike, "100")], requested_date=None, status=OrderStatus.DRAFT)
    await make_sales_order(
        "SO-D", [(bike, "7", "7")], requested_date=date(2026, 3, 5), status=OrderStatus.SHIPPED
    )
    await make_sales_order("SO-E", [(bike, "50")], requested_date=date(2026, 6, 1))

    job_run_id = await start_mrp(gql, "2026-03-02", 30)
    job = await finished_job_run(gql, run_worker, job_run_id)

    assert (job["status"], job["progress"], job["error"]) == ("SUCCEEDED", 1.0, None)
    run = job["mrpRun"]
    assert (run["status"], run["asOf"], run["horizonDays"], run["itemsPlanned"]) == (
        "COMPLETED", "2026-03-02", 30, 5,
    )  # fmt: skip
    orders = [edge["node"] for edge in run["plannedOrders"]["edges"]]
    assert run["plannedOrders"]["totalCount"] == len(orders) == 9
    # Hand-netted (as of 2026-03-02, day buckets):
    # BIKE: 2 on hand; SO-B's open 3 (requested 02-20 -> as of) leaves -1 -> 1, released
    #   02-28 (late); SO-A's 5 on 03-10 -> 5 released 03-08.
    # FRAME: 1 for BIKE-1 on 03-02 (late); WO1 brings 2 on 03-05, BIKE-2 needs 5 on
    #   03-08 -> 3. WHEELKIT is a phantom: 2 WHEEL + 2 BOLT per BIKE pass through.
    # BOLT (SS 10): 30 - (4 + 6 + 2) = 18; WO1 takes 12 on 03-03 -> 6 -> 4;
    #   +20 (PO) on 03-04 -> 30; FRAME-2 takes 18 on 03-07 -> 12; BIKE-2 takes 20 + 10 on
    #   03-08 -> -18 -> 28.
    # WHEEL: 4 - 2 = 2; 2 - 10 = -8 -> min 10, multiple 5 -> 10.
    # PAINT: 1 - 0.55 = 0.45; WO 2 x 0.5 x 1.1 = 1.1 -> -0.65 -> 0.65 (released 02-26, late);
    #   FRAME-2 3 x 0.55 = 1.65 on 03-07 -> 1.65.
    assert sorted(
        (o["product"]["sku"], o["kind"], D(o["quantity"]), o["dueDate"], o["releaseDate"],
         o["late"])
        for o in orders
    ) == [
        ("BIKE", "MANUFACTURE", D("1"), "2026-03-02", "2026-02-28", True),
        ("BIKE", "MANUFACTURE", D("5"), "2026-03-10", "2026-03-08", False),
        ("BOLT", "PURCHASE", D("4"), "2026-03-03", "2026-03-02", False),
        ("BOLT", "PURCHASE", D("28"), "2026-03-08", "2026-03-07", False),
        ("FRAME", "MANUFACTURE", D("1"), "2026-03-02", "2026-03-01", True),
        ("FRAME", "MANUFACTURE", D("3"), "2026-03-08", "2026-03-07", False),
        ("PAINT", "PURCHASE", D("0.65"), "2026-03-03", "2026-02-26", True),
        ("PAINT", "PURCHASE", D("1.65"), "2026-03-07", "2026-03-02", False),
        ("WHEEL", "PURCHASE", D("10"), "2026-03-08", "2026-03-05", False),
    ]  # fmt: skip
    bike_pk = ids_pk(ids["BIKE"])
    frame_pk = ids_pk(ids["FRAME"])
    pegs = {
        (o["product"]["sku"], o["dueDate"]): [
            (p["source"], D(p["quantity"]), p["reference"]) for p in o["pegging"]
        ]
        for o in orders
    }
    assert pegs[("BIKE", "2026-03-02")] == [("SALES_ORDER_LINE", D("1"), "SO-B/1")]
    assert pegs[("BIKE", "2026-03-10")] == [("SALES_ORDER_LINE", D("5"), "SO-A/1")]
    assert pegs[("BOLT", "2026-03-03")] == [("WORK_ORDER", D("4"), WO1)]
    assert pegs[("BOLT", "2026-03-08")] == [("PLANNED_ORDER", D("28"), f"PLN-{bike_pk}-2")]
    assert pegs[("PAINT", "2026-03-07")] == [("PLANNED_ORDER", D("1.65"), f"PLN-{frame_pk}-2")]
    assert len(run["exceptions"]) == 3
    assert all("is late" in message for message in run["exceptions"])
    events = await Event.filter(type="mrp_run.completed").values_list("payload", flat=True)
    assert [(e["itemsPlanned"], len(e["exceptions"])) for e in events] == [(5, 3)]


async def test_bom_cycle_inserted_in_the_database_fails_the_run_once(
    gql: Any, database: str, run_worker: Any
) -> None:
    ids = await bike_company(gql)
    frame_bom = await BillOfMaterials.get(product_id=ids_pk(ids["FRAME"]))
    # bomSet would refuse this; a direct insert (an import, a bad migration) does not.
    await BomLine.create(bom_id=frame_bom.id, component_id=ids_pk(ids["BIKE"]), quantity_per=1)

    job_run_id = await start_mrp(gql, "2026-03-02", 30)
    job = await finished_job_run(gql, run_worker, job_run_id)

    assert job["status"] == "FAILED"
    assert job["error"] == (
        "BOM_CYCLE: The bills of materials contain a cycle: BIKE -> FRAME -> BIKE."
    )
    assert job["mrpRun"]["status"] == "FAILED"
    assert job["mrpRun"]["plannedOrders"]["totalCount"] == 0
    await run_worker()
    row = await JobRun.get(id=ids_pk(job_run_id))
    assert (row.status.value, row.attempts) == ("FAILED", 1)
    assert not await Event.filter(type="mrp_run.completed").exists()


async def test_mrp_run_start_refuses_a_bad_horizon_and_other_roles(gql: Any, database: str) -> None:
    result = await gql(MRP_START, {"input": {"asOf": "2026-03-02", "horizonDays": -1}})
    assert result["data"]["mrpRunStart"] == {
        "jobRun": None,
        "errors": [
            {"field": ["horizonDays"], "code": "INVALID",
             "message": "horizonDays must be between 0 and 3660."}
        ],
    }  # fmt: skip
    forbidden = await gql(MRP_START, {"input": {"asOf": "2026-03-02"}}, role="SALES")
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await JobRun.all().count() == 0
    assert await MrpRun.all().count() == 0


def ids_pk(global_id: str) -> int:
    from strawberry import relay

    from api.relay import decode_id

    return decode_id(global_id, relay.GlobalID.from_id(global_id).type_name)


async def product_row(global_id: str) -> Any:
    from domain.catalog.models import Product

    return await Product.get(id=ids_pk(global_id))


async def make_account_via_orm() -> Any:
    from tests.factories import make_account_row as make_account

    return await make_account("Bolt Supplier")
