"""Availability of products and of pages of lines (§9): load the netting inputs the questions
need in a fixed number of statements, then ask the pure `AvailabilityBook`."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise import connections

from domain.availability.atp import HORIZON_DAYS, Availability, AvailabilityBook
from domain.catalog.models import Procurement, ProductKind
from domain.clock import today as clock_today
from domain.errors import not_found
from domain.inventory.models import Warehouse
from domain.manufacturing import planning
from domain.manufacturing.models import WorkOrder, WorkOrderStatus
from domain.orders.models import OrderStatus
from domain.purchasing.models import PurchaseOrderStatus
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
    sql = _Sql()
    work_orders = await _released_work_orders()
    lines = await _reached_bom_lines(sql, asked)
    reached = _full_closure(asked, lines)
    items = await _items(
        sql, reached | {p for line in lines for p in (line.parent_id, line.component_id)}
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
    stock = await _stock(sql, reached)
    receipts = await _purchase_receipts(sql, reached)
    demands = await _sales_demands(sql, reached, today)
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


class _Sql:
    """Raw statements on either dialect: `$n` parameters, and a list of ids as one parameter
    (an array on PostgreSQL, JSON on SQLite), so a large closure costs no SQL building."""

    def __init__(self) -> None:
        self.connection = connections.get("default")
        self.postgres = self.connection.capabilities.dialect == "postgres"

    def in_ids(self, parameter: int) -> str:
        if self.postgres:
            return f"= ANY(${parameter}::int[])"
        return f"IN (SELECT value FROM json_each(${parameter}))"

    def ids(self, values: Iterable[int]) -> Any:
        ordered = sorted(values)
        return ordered if self.postgres else json.dumps(ordered)

    async def rows(self, sql: str, parameters: Sequence[Any]) -> list[dict[str, Any]]:
        if not self.postgres:
            sql = re.sub(r"\$(\d+)", r"?\1", sql)
        return await self.connection.execute_query_dict(sql, list(parameters))


def _decimal(value: Any) -> Decimal:
    # SQLite hands decimals back as the text they are stored as, dates likewise.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


async def _reached_bom_lines(sql: _Sql, asked: Iterable[int]) -> list[planning.BomLine]:
    rows = await sql.rows(
        _REACHED_BOM_LINES.format(asked=sql.in_ids(1)),
        [sql.ids(asked), WorkOrderStatus.RELEASED.value],
    )
    return [
        planning.BomLine(
            row["parent_id"],
            row["component_id"],
            _decimal(row["quantity_per"]),
            _decimal(row["scrap_percent"]),
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


async def _items(sql: _Sql, product_ids: set[int]) -> dict[int, planning.Item]:
    rows = await sql.rows(
        "SELECT product.id, product.sku, product.kind, product.procurement, "
        "product.lead_time_days, bom.phantom FROM products product "
        "LEFT JOIN bills_of_materials bom ON bom.product_id = product.id "
        f"WHERE product.id {sql.in_ids(1)}",
        [sql.ids(product_ids)],
    )
    return {
        row["id"]: planning.Item(
            product_id=row["id"],
            sku=row["sku"],
            procurement="MAKE" if row["procurement"] == Procurement.MAKE.value else "BUY",
            stocked=row["kind"] == ProductKind.STOCKED.value,
            lead_time_days=row["lead_time_days"],
            phantom=bool(row["phantom"]),
        )
        for row in rows
    }


async def _stock(sql: _Sql, product_ids: set[int]) -> dict[tuple[int, int], Decimal]:
    rows = await sql.rows(
        "SELECT product_id, warehouse_id, on_hand FROM stock_levels "
        f"WHERE product_id {sql.in_ids(1)}",
        [sql.ids(product_ids)],
    )
    return {(row["product_id"], row["warehouse_id"]): _decimal(row["on_hand"]) for row in rows}


async def _purchase_receipts(sql: _Sql, product_ids: set[int]) -> list[planning.Receipt]:
    rows = await sql.rows(
        "SELECT line.product_id, line.expected_date, line.quantity, line.quantity_received, "
        "purchase.number FROM purchase_order_lines line "
        "JOIN purchase_orders purchase ON purchase.id = line.order_id "
        f"WHERE purchase.status = $2 AND line.product_id {sql.in_ids(1)} ORDER BY line.id",
        [sql.ids(product_ids), PurchaseOrderStatus.OPEN.value],
    )
    receipts = []
    for row in rows:
        # Compared in Python: SQLite would compare the text the decimals are stored as.
        still_open = _decimal(row["quantity"]) - _decimal(row["quantity_received"])
        if still_open > 0:
            receipts.append(
                planning.Receipt(
                    row["product_id"], _date(row["expected_date"]), still_open, row["number"]
                )
            )
    return receipts


async def _sales_demands(sql: _Sql, product_ids: set[int], today: date) -> list[planning.Demand]:
    rows = await sql.rows(
        "SELECT line.product_id, line.quantity, line.quantity_shipped, sale.number, "
        "sale.requested_date FROM sales_order_lines line "
        "JOIN sales_orders sale ON sale.id = line.order_id "
        f"WHERE sale.status IN ($2, $3) AND line.product_id {sql.in_ids(1)} ORDER BY line.id",
        [
            sql.ids(product_ids),
            OrderStatus.CONFIRMED.value,
            OrderStatus.PARTIALLY_SHIPPED.value,
        ],
    )
    demands = []
    for row in rows:
        open_quantity = _decimal(row["quantity"]) - _decimal(row["quantity_shipped"])
        if open_quantity > 0:
            demands.append(
                planning.Demand(
                    row["product_id"],
                    # No requested date: the customer wants it now.
                    today if row["requested_date"] is None else _date(row["requested_date"]),
                    open_quantity,
                    row["number"],
                )
            )
    return demands
