"""Firming planned orders into POs and work orders, reruns, filters and the run's SQL count."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from mfg_factories import make_bom, make_sales_order

from domain.accounts.models import Account
from domain.catalog.models import Procurement, Product
from domain.clock import today
from domain.inventory.models import StockLevel
from domain.inventory.services import default_warehouse
from domain.jobs.models import JobKind
from domain.jobs.services import queue_job_run, report_progress
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    PlannedOrder,
    WorkOrder,
)
from domain.manufacturing.mrp import run_mrp
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from domain.outbox.models import Event
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from tests.factories import gid
from tests.factories import make_account_row as make_account
from tests.factories import make_item as make_product

D = Decimal
PO1 = f"PO-{today().year}-000001"  # §5.1: PO-YYYY-NNNNNN
WO1 = f"WO-{today().year}-000001"  # §5.1: WO-YYYY-NNNNNN
AS_OF = date(2026, 3, 2)

FIRM = """
mutation($input: PlannedOrderFirmInput!) {
  plannedOrderFirm(input: $input) {
    plannedOrder { reference firmedDocument }
    purchaseOrder { number status supplier { name }
      lines { product { sku } quantity unitCost { amount } expectedDate } }
    workOrder { number status product { sku } quantity startDate dueDate }
    errors { field code message }
  }
}
"""
PLANNED = """
query($filter: PlannedOrderFilter) {
  plannedOrders(first: 100, filter: $filter) {
    totalCount edges { node { product { sku } kind quantity firmedDocument } }
  }
}
"""


async def frame_company() -> dict[str, Any]:
    """FRAME (MAKE, 1 day) = 2 BOLT (BUY, 2 days); PAINT (BUY) sold on its own."""
    products = {
        "FRAME": await make_product("FRAME", "MAKE", lead_time_days=1),
        "BOLT": await make_product("BOLT", lead_time_days=2, standard_cost="0.25"),
        "PAINT": await make_product("PAINT", lead_time_days=1),
    }
    await make_bom(products["FRAME"], [(products["BOLT"], "2", "0")])
    await make_sales_order(
        "SO-1", [(products["FRAME"], "5"), (products["PAINT"], "3")],
        requested_date=date(2026, 3, 10),
    )  # fmt: skip
    return products


async def planned_id(sku: str, *, firmed: bool = False) -> str:
    row = await PlannedOrder.get(product__sku=sku, firmed_at__isnull=not firmed)
    return gid("PlannedOrder", row.id)


async def test_firming_turns_planned_orders_into_a_po_and_a_released_work_order(
    gql: Any, database: str
) -> None:
    await frame_company()
    supplier = await make_account("Bolt Supplier")
    await run_mrp(AS_OF, 30)
    bolt_id, frame_id = await planned_id("BOLT"), await planned_id("FRAME")

    no_supplier = await gql(FIRM, {"input": {"id": bolt_id}})
    assert no_supplier["data"]["plannedOrderFirm"]["errors"] == [
        {"field": ["supplierId"], "code": "REQUIRED",
         "message": "A supplier is required to firm a purchase."}
    ]  # fmt: skip
    assert await PurchaseOrder.all().count() == 0
    assert not await Event.filter(type="planned_order.firmed").exists()

    purchase = await gql(
        FIRM, {"input": {"id": bolt_id, "supplierId": gid("Account", supplier.id)}}
    )
    # FRAME 5 due 03-10 is released 03-09 and needs 10 BOLT then: due 03-09.
    assert purchase["data"]["plannedOrderFirm"] == {
        "plannedOrder": {"reference": f"PLN-{(await bolt()).id}-1",
                         "firmedDocument": PO1},
        "purchaseOrder": {
            "number": PO1, "status": "OPEN", "supplier": {"name": "Bolt Supplier"},
            "lines": [{"product": {"sku": "BOLT"}, "quantity": "10",
                       "unitCost": {"amount": "0.25"}, "expectedDate": "2026-03-09"}],
        },
        "workOrder": None,
        "errors": [],
    }  # fmt: skip
    made = await gql(FIRM, {"input": {"id": frame_id}})
    assert made["data"]["plannedOrderFirm"]["workOrder"] == {
        "number": WO1, "status": "RELEASED", "product": {"sku": "FRAME"},
        "quantity": "5", "startDate": "2026-03-09", "dueDate": "2026-03-10",
    }  # fmt: skip
    again = await gql(FIRM, {"input": {"id": frame_id}})
    assert again["data"]["plannedOrderFirm"]["errors"][0]["code"] == "ALREADY_PROCESSED"
    assert await WorkOrder.all().count() == 1
    events = (
        await Event.filter(type="planned_order.firmed")
        .order_by("id")
        .values_list("payload", flat=True)
    )
    assert [(e["kind"], e["quantity"], e["firmedDocument"]) for e in events] == [
        ("PURCHASE", "10", PO1),
        ("MANUFACTURE", "5", WO1),
    ]


async def bolt() -> Product:
    return await Product.get(sku="BOLT")


async def test_a_new_run_replaces_unfirmed_planned_orders_and_keeps_firmed_ones(
    gql: Any, database: str
) -> None:
    await frame_company()
    supplier = await make_account("Bolt Supplier")
    first = await run_mrp(AS_OF, 30)
    await gql(FIRM, {"input": {"id": await planned_id("BOLT"),
                               "supplierId": gid("Account", supplier.id)}})  # fmt: skip
    await gql(FIRM, {"input": {"id": await planned_id("FRAME")}})

    second = await run_mrp(AS_OF, 30)

    rows = (
        await PlannedOrder.all()
        .order_by("id")
        .values_list("run_id", "product__sku", "quantity", "firmed_document")
    )
    # The PO and the work order now supply FRAME and BOLT: only PAINT is planned again.
    assert [(run, sku, D(q), doc) for run, sku, q, doc in rows] == [
        (first.id, "FRAME", D("5"), WO1),
        (first.id, "BOLT", D("10"), PO1),
        (second.id, "PAINT", D("3"), None),
    ]
    everything = await gql(PLANNED, {})
    assert everything["data"]["plannedOrders"]["totalCount"] == 3
    unfirmed = await gql(PLANNED, {"filter": {"firmed": False}})
    assert [e["node"]["product"]["sku"] for e in unfirmed["data"]["plannedOrders"]["edges"]] == [
        "PAINT"
    ]
    made = await gql(PLANNED, {"filter": {"kind": "MANUFACTURE"}})
    assert [e["node"]["firmedDocument"] for e in made["data"]["plannedOrders"]["edges"]] == [WO1]
    paint = await Product.get(sku="PAINT")
    by_product = await gql(PLANNED, {"filter": {"productId": gid("Product", paint.id)}})
    assert by_product["data"]["plannedOrders"]["totalCount"] == 1
    late = await gql(PLANNED, {"filter": {"late": True}})
    assert late["data"]["plannedOrders"]["totalCount"] == 0


async def add_catalogue(start: int, groups: int) -> None:
    """`groups` families of 5 items: TOP (MAKE) = 2 SUB + 1 C1; SUB (MAKE) = 3 C2 at 5% scrap
    + 1 C3; every family has a sales line, stock, a PO line and a released work order."""
    skus = [
        (f"{kind}-{n}", Procurement.MAKE if kind in ("TOP", "SUB") else Procurement.BUY)
        for n in range(start, start + groups)
        for kind in ("TOP", "SUB", "C1", "C2", "C3")
    ]
    await Product.bulk_create(
        [Product(sku=sku, name=sku, procurement=proc, lead_time_days=1) for sku, proc in skus]
    )
    ids = dict(await Product.filter(sku__in=[s for s, _ in skus]).values_list("sku", "id"))
    family = range(start, start + groups)
    await BillOfMaterials.bulk_create(
        [BillOfMaterials(product_id=ids[f"{kind}-{n}"]) for n in family for kind in ("TOP", "SUB")]
    )
    boms = dict(
        await BillOfMaterials.filter(product_id__in=list(ids.values())).values_list(
            "product__sku", "id"
        )
    )
    await BomLine.bulk_create(
        [
            BomLine(
                bom_id=boms[parent],
                component_id=ids[child],
                quantity_per=D(per),
                scrap_percent=D(scrap),
            )
            for n in family
            for parent, child, per, scrap in [
                (f"TOP-{n}", f"SUB-{n}", "2", "0"),
                (f"TOP-{n}", f"C1-{n}", "1", "0"),
                (f"SUB-{n}", f"C2-{n}", "3", "5"),
                (f"SUB-{n}", f"C3-{n}", "1", "0"),
            ]
        ]
    )
    warehouse = await default_warehouse()
    await StockLevel.bulk_create(
        [StockLevel(product_id=ids[f"C1-{n}"], warehouse_id=warehouse.id, on_hand=D("3"))
         for n in family]
    )  # fmt: skip
    account = await Account.first() or await make_account("Customer")
    await SalesOrder.bulk_create(
        [SalesOrder(number=f"SO-{n}", account_id=account.id, status=OrderStatus.CONFIRMED,
                    requested_date=AS_OF + timedelta(days=5 + n % 20), currency="USD")
         for n in family]
    )  # fmt: skip
    orders = dict(
        await SalesOrder.filter(number__in=[f"SO-{n}" for n in family]).values_list("number", "id")
    )
    await SalesOrderLine.bulk_create(
        [SalesOrderLine(order_id=orders[f"SO-{n}"], position=1, product_id=ids[f"TOP-{n}"],
                        quantity=D(1 + n % 7), unit_price=D("10")) for n in family]
    )  # fmt: skip
    purchase = await PurchaseOrder.create(
        number=f"PO-B{start}", supplier_id=account.id, currency="USD"
    )
    await PurchaseOrderLine.bulk_create(
        [PurchaseOrderLine(order_id=purchase.id, product_id=ids[f"C2-{n}"], quantity=D("4"),
                           unit_cost=D("1"), expected_date=AS_OF + timedelta(days=3))
         for n in family]
    )  # fmt: skip
    await WorkOrder.bulk_create(
        [WorkOrder(number=f"WO-B{n}", product_id=ids[f"SUB-{n}"], quantity=D("1"),
                   start_date=AS_OF, due_date=AS_OF + timedelta(days=2)) for n in family]
    )  # fmt: skip


async def test_a_runs_sql_statement_count_does_not_grow_with_the_number_of_items(
    database: str, count_queries: Any
) -> None:
    counts = []
    for start, groups in ((0, 10), (10, 90)):  # 50 items, then 500
        await add_catalogue(start, groups)
        job_run, _ = await queue_job_run(JobKind.MRP, {})

        async def progress(done: int, total: int, job_run: Any = job_run) -> None:
            await report_progress(job_run, done, total)

        with count_queries() as counter:
            run = await run_mrp(AS_OF, 30, job_run_id=job_run.id, progress=progress)
        assert run.items_planned == (start + groups) * 5
        counts.append(counter.count)
    assert await PlannedOrder.filter(run_id=run.id).count() > 500
    assert counts[0] == counts[1]


async def test_planned_orders_list_issues_the_same_statements_for_50_as_for_5(
    gql: Any, database: str, count_queries: Any
) -> None:
    await add_catalogue(0, 20)
    await run_mrp(AS_OF, 30)
    await gql("{ __typename }")  # creates the token outside the count
    query = """query($n: Int!) { plannedOrders(first: $n, filter: {kind: PURCHASE}) {
      totalCount edges { node { product { sku bom { phantom } } quantity
      pegging { source reference } run { status asOf } } } } }"""
    counts = []
    for first in (5, 50):
        with count_queries() as counter:
            result = await gql(query, {"n": first})
        assert len(result["data"]["plannedOrders"]["edges"]) == first
        counts.append(counter.count)
    assert counts[0] == counts[1]


RUN_ORDERS = """
plannedOrders(filter: $filter, orderBy: $order) {
  totalCount edges { cursor node { product { sku } kind quantity } }
}"""


async def test_a_runs_planned_orders_page_alike_for_one_run_and_for_several(
    gql: Any, database: str
) -> None:
    await frame_company()
    supplier = await make_account("Bolt Supplier")
    first = await run_mrp(AS_OF, 30)
    await gql(FIRM, {"input": {"id": await planned_id("BOLT"),
                               "supplierId": gid("Account", supplier.id)}})  # fmt: skip
    await gql(FIRM, {"input": {"id": await planned_id("FRAME")}})
    second = await run_mrp(AS_OF, 30)
    runs = [gid("MrpRun", first.id), gid("MrpRun", second.id)]
    variables: dict[str, Any] = {"filter": None, "order": None}

    both = await gql(
        "query($ids: [ID!]!, $filter: PlannedOrderFilter, $order: PlannedOrderOrder) {"
        f" nodes(ids: $ids) {{ ... on MrpRun {{ {RUN_ORDERS} }} }} }}",
        {**variables, "ids": runs},
    )
    alone = [
        await gql(
            "query($id: ID!, $filter: PlannedOrderFilter, $order: PlannedOrderOrder) {"
            f" mrpRun(id: $id) {{ {RUN_ORDERS} }} }}",
            {**variables, "id": run, **extra},
        )
        for run, extra in (
            (runs[0], {}),
            (runs[1], {}),
            (runs[0], {"order": {"field": "QUANTITY", "direction": "ASC"}}),
            (runs[0], {"filter": {"kind": "PURCHASE"}}),
        )
    ]

    def skus(orders: dict[str, Any]) -> list[str]:
        return [edge["node"]["product"]["sku"] for edge in orders["plannedOrders"]["edges"]]

    listed = [node["plannedOrders"] for node in both["data"]["nodes"]]
    assert [orders["totalCount"] for orders in listed] == [2, 1]
    # By release date: BOLT (due when FRAME starts, 03-09, minus 2 days), then FRAME.
    assert [skus(node) for node in both["data"]["nodes"]] == [["BOLT", "FRAME"], ["PAINT"]]
    assert [a["data"]["mrpRun"]["plannedOrders"] for a in alone[:2]] == listed
    assert skus(alone[2]["data"]["mrpRun"]) == ["FRAME", "BOLT"]
    assert skus(alone[3]["data"]["mrpRun"]) == ["BOLT"]
