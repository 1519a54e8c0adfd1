"""Availability of products and of pages of lines (§9): load the netting inputs the questions
need in a fixed number of statements, then ask the pure `AvailabilityBook`."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise import connections

from domain.availability.atp import HORIZON_DAYS, Availability, AvailabilityBook
from domain.catalog.models import Procurement, Product, ProductKind
from domain.clock import today as clock_today
from domain.errors import not_found
from domain.inventory.models import StockLevel, Warehouse
from domain.manufacturing import planning
from domain.manufacturing.models import WorkOrder, WorkOrderStatus
from domain.orders.models import OrderStatus, SalesOrderLine
from domain.purchasing.models import PurchaseOrderLine, PurchaseOrderStatus
from domain.validation import Checks, optional_date, valid_quantity


@dataclass(frozen=True, slots=True)
class AvailabilityQuery:
    """One question: `quantity` of a product wanted on `on` (None: today), counting the
    stock of one warehouse (None: all of them)."""

    product_id: int
    quantity: Decimal
    on: date | None = None
    warehouse_id: int | None = None


async def availability_of(
    product_id: int,
    quantity: Decimal,
    on: date | None = None,
    warehouse_id: int | None = None,
) -> Availability:
    """`availableToPromise` (§9). A quantity ≤ 0 → INVALID; an unknown product or warehouse
    → NOT_FOUND. Reserves nothing."""
    [answer] = await availability_of_lines(
        [AvailabilityQuery(product_id, quantity, on, warehouse_id)]
    )
    return answer


async def availability_of_lines(
    queries: Sequence[AvailabilityQuery], *, today: date | None = None
) -> list[Availability]:
    """The answers to many questions (a page of quote or opportunity lines), in order, in at
    most seven SQL statements however many there are: released work orders, the BOM lines
    the questions reach (one recursive query), products, stock, purchase receipts, sales
    demand, and the warehouses when some are named. Inputs as in §9 and MRP (§6)."""
    if not queries:
        return []
    _check(queries)
    today = today or clock_today()
    asked = {query.product_id for query in queries}
    work_orders = await _released_work_orders()
    lines = await _reached_bom_lines(asked)
    reached = _full_closure(asked, lines)
    items = await _items(
        reached | {p for line in lines for p in (line.parent_id, line.component_id)}
    )
    missing = sorted(asked - set(items))
    if missing:
        raise not_found("Product", missing[0], "product_id")
    warehouses = {query.warehouse_id for query in queries} - {None}
    if warehouses:
        known = set(await Warehouse.filter(id__in=warehouses).values_list("id", flat=True))
        unknown = sorted(w for w in warehouses if w is not None and w not in known)
        if unknown:
            raise not_found("Warehouse", unknown[0], "warehouse_id")
    stock = await _stock(reached)
    receipts = await _purchase_receipts(reached)
    demands = await _sales_demands(reached, today)
    books: dict[int | None, AvailabilityBook] = {}
    answers = []
    for query in queries:
        book = books.get(query.warehouse_id)
        if book is None:
            on_hand = [
                planning.OnHand(product_id, quantity)
                for (product_id, warehouse_id), quantity in stock.items()
                if query.warehouse_id in (None, warehouse_id)
            ]
            book = AvailabilityBook(
                items.values(), lines, on_hand, receipts, demands, work_orders, today, HORIZON_DAYS
            )
            books[query.warehouse_id] = book
        answers.append(book.promise(query.product_id, query.quantity, query.on))
    return answers


def _check(queries: Sequence[AvailabilityQuery]) -> None:
    checks = Checks()
    for query in queries:
        checks(valid_quantity, query.quantity, "quantity", positive=True)
        checks(optional_date, query.on, "date")
    checks.raise_if_any()


async def _released_work_orders() -> list[planning.ReleasedWorkOrder]:
    # Every released order: a component's need comes from the orders of its parents.
    rows = (
        await WorkOrder.filter(status=WorkOrderStatus.RELEASED)
        .order_by("id")
        .values("product_id", "quantity", "quantity_completed", "start_date", "due_date", "number")
    )
    return [
        planning.ReleasedWorkOrder(
            row["product_id"],
            max(Decimal(row["quantity"]) - Decimal(row["quantity_completed"]), Decimal(0)),
            row["start_date"],
            row["due_date"],
            row["number"],
        )
        for row in rows
    ]


# The BOM lines of every product the questions reach through any BOM (capable-to-promise
# walks them), and of every product with a released work order together with the phantoms
# under it (its component needs pass through them). UNION keeps a cycle from looping.
_REACHED_BOM_LINES = """
WITH RECURSIVE reach(product_id, every_component) AS (
    SELECT id, 1 FROM products WHERE id {asked}
    UNION
    SELECT product_id, 0 FROM work_orders WHERE status = $2
    UNION
    SELECT line.component_id, reach.every_component
    FROM reach
    JOIN bills_of_materials bom ON bom.product_id = reach.product_id
    JOIN bom_lines line ON line.bom_id = bom.id
    WHERE reach.every_component = 1 OR EXISTS (
        SELECT 1 FROM bills_of_materials kit
        WHERE kit.product_id = line.component_id AND kit.phantom
    )
)
SELECT bom.product_id AS parent_id, line.component_id, line.quantity_per, line.scrap_percent
FROM bom_lines line
JOIN bills_of_materials bom ON bom.id = line.bom_id
WHERE bom.product_id IN (SELECT product_id FROM reach)
ORDER BY bom.product_id, line.position, line.id
"""


async def _reached_bom_lines(asked: Iterable[int]) -> list[planning.BomLine]:
    connection = connections.get("default")
    ids = sorted(asked)
    if connection.capabilities.dialect == "postgres":
        sql = _REACHED_BOM_LINES.format(asked="= ANY($1::int[])")
        parameters: list[Any] = [ids, WorkOrderStatus.RELEASED.value]
    else:
        sql = _REACHED_BOM_LINES.format(asked="IN (SELECT value FROM json_each(?1))")
        sql = sql.replace("$2", "?2")
        parameters = [json.dumps(ids), WorkOrderStatus.RELEASED.value]
    rows = await connection.execute_query_dict(sql, parameters)
    # SQLite hands decimals back as the text they are stored as.
    return [
        planning.BomLine(
            row["parent_id"],
            row["component_id"],
            Decimal(str(row["quantity_per"])),
            Decimal(str(row["scrap_percent"])),
        )
        for row in rows
    ]


def _full_closure(asked: set[int], lines: Sequence[planning.BomLine]) -> set[int]:
    """The asked products and everything in their BOMs, at any depth: the products whose
    projection a question may read."""
    components: dict[int, list[int]] = defaultdict(list)
    for line in lines:
        components[line.parent_id].append(line.component_id)
    reached = set(asked)
    pending = list(asked)
    while pending:
        for component_id in components.get(pending.pop(), ()):
            if component_id not in reached:
                reached.add(component_id)
                pending.append(component_id)
    return reached


async def _items(product_ids: set[int]) -> dict[int, planning.Item]:
    rows = await Product.filter(id__in=sorted(product_ids)).values(
        "id", "sku", "kind", "procurement", "lead_time_days", "bill_of_materials__phantom"
    )
    return {
        row["id"]: planning.Item(
            product_id=row["id"],
            sku=row["sku"],
            procurement="MAKE" if Procurement(row["procurement"]) == Procurement.MAKE else "BUY",
            stocked=ProductKind(row["kind"]) == ProductKind.STOCKED,
            lead_time_days=row["lead_time_days"],
            phantom=bool(row["bill_of_materials__phantom"]),
        )
        for row in rows
    }


async def _stock(product_ids: set[int]) -> dict[tuple[int, int], Decimal]:
    rows = await StockLevel.filter(product_id__in=sorted(product_ids)).values_list(
        "product_id", "warehouse_id", "on_hand"
    )
    return {
        (product_id, warehouse_id): Decimal(on_hand) for product_id, warehouse_id, on_hand in rows
    }


async def _purchase_receipts(product_ids: set[int]) -> list[planning.Receipt]:
    rows = (
        await PurchaseOrderLine.filter(
            order__status=PurchaseOrderStatus.OPEN, product_id__in=sorted(product_ids)
        )
        .order_by("id")
        .values("product_id", "expected_date", "quantity", "quantity_received", "order__number")
    )
    receipts = []
    for row in rows:
        # Compared in Python: SQLite would compare the text the decimals are stored as.
        still_open = Decimal(row["quantity"]) - Decimal(row["quantity_received"])
        if still_open > 0:
            receipts.append(
                planning.Receipt(
                    row["product_id"], row["expected_date"], still_open, row["order__number"]
                )
            )
    return receipts


async def _sales_demands(product_ids: set[int], today: date) -> list[planning.Demand]:
    rows = (
        await SalesOrderLine.filter(
            order__status__in=[OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED],
            product_id__in=sorted(product_ids),
        )
        .order_by("id")
        .values(
            "product_id", "quantity", "quantity_shipped", "order__number", "order__requested_date"
        )
    )
    demands = []
    for row in rows:
        open_quantity = Decimal(row["quantity"]) - Decimal(row["quantity_shipped"])
        if open_quantity > 0:
            demands.append(
                planning.Demand(
                    row["product_id"],
                    # No requested date: the customer wants it now.
                    row["order__requested_date"] or today,
                    open_quantity,
                    row["order__number"],
                )
            )
    return demands
