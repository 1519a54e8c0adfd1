"""The MRP run use case: load everything set-based, plan in memory, write planned orders (§6)."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import orjson
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.catalog.models import Product, ProductKind
from domain.clock import utcnow
from domain.db import serialize_on
from domain.errors import DomainError, ErrorCode
from domain.event_data import mrp_run_event_data
from domain.events import record_event
from domain.inventory.services import on_hand_by_product
from domain.manufacturing import planning
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    MrpRun,
    MrpRunStatus,
    PlannedOrder,
    WorkOrder,
    WorkOrderStatus,
)
from domain.orders.models import OrderStatus, SalesOrderLine
from domain.purchasing.models import PurchaseOrderLine, PurchaseOrderStatus

DEFAULT_HORIZON_DAYS = 90
MAX_HORIZON_DAYS = 3660
# Progress is written at most this many times per run, so a run's statement count does
# not grow with the number of items.
PROGRESS_STEPS = 10
_FOUR_DECIMALS = Decimal("0.0001")

Progress = Callable[[int, int], Coroutine[Any, Any, None]]


@dataclass
class MrpInputs:
    """Everything the planner reads, loaded in a fixed number of queries."""

    items: list[planning.Item] = field(default_factory=list)
    bom_lines: list[planning.BomLine] = field(default_factory=list)
    on_hand: list[planning.OnHand] = field(default_factory=list)
    receipts: list[planning.Receipt] = field(default_factory=list)
    demands: list[planning.Demand] = field(default_factory=list)
    released_work_orders: list[planning.ReleasedWorkOrder] = field(default_factory=list)


@dataclass(frozen=True)
class MrpTimings:
    load_seconds: float
    plan_seconds: float
    write_seconds: float


def check_horizon(horizon_days: int | None) -> int:
    """The horizon to use (§6 default 90 days); refuses nonsense before a job is queued."""
    horizon = DEFAULT_HORIZON_DAYS if horizon_days is None else horizon_days
    if not 0 <= horizon <= MAX_HORIZON_DAYS:
        raise DomainError(
            ErrorCode.INVALID,
            f"horizonDays must be between 0 and {MAX_HORIZON_DAYS}.",
            "horizon_days",
        )
    return horizon


async def load_inputs(as_of: date) -> MrpInputs:
    """Seven queries whatever the catalogue size: products, BOM lines, phantom BOMs, on-hand,
    open PO lines, released work orders, open sales order lines."""
    inputs = MrpInputs()
    bom_rows = await BomLine.all().values(
        "bom__product_id", "component_id", "quantity_per", "scrap_percent"
    )
    phantoms = set(await BillOfMaterials.filter(phantom=True).values_list("product_id", flat=True))
    products = await Product.all().values(
        "id",
        "sku",
        "kind",
        "procurement",
        "lead_time_days",
        "safety_stock",
        "min_order_quantity",
        "order_multiple",
    )
    for row in products:
        inputs.items.append(
            planning.Item(
                product_id=row["id"],
                sku=row["sku"],
                procurement=_value(row["procurement"]),
                stocked=_value(row["kind"]) == ProductKind.STOCKED.value,
                lead_time_days=row["lead_time_days"],
                safety_stock=Decimal(row["safety_stock"]),
                min_order_quantity=Decimal(row["min_order_quantity"]),
                order_multiple=Decimal(row["order_multiple"]),
                phantom=row["id"] in phantoms,
            )
        )
    inputs.bom_lines = [
        planning.BomLine(
            row["bom__product_id"],
            row["component_id"],
            Decimal(row["quantity_per"]),
            Decimal(row["scrap_percent"]),
        )
        for row in bom_rows
    ]
    inputs.on_hand = [
        # SQLite sums its text decimals as floats: back to the 4 decimals they were.
        planning.OnHand(product_id, Decimal(quantity).quantize(_FOUR_DECIMALS))
        for product_id, quantity in (await on_hand_by_product()).items()
    ]
    # Fully received lines are skipped in Python: SQLite stores decimals as text, so a
    # quantity comparison in SQL would compare strings.
    po_rows = (
        await PurchaseOrderLine.filter(order__status=PurchaseOrderStatus.OPEN)
        .order_by("id")
        .values("product_id", "expected_date", "quantity", "quantity_received", "order__number")
    )
    for row in po_rows:
        still_open = Decimal(row["quantity"]) - Decimal(row["quantity_received"])
        if still_open > 0:
            inputs.receipts.append(
                planning.Receipt(
                    row["product_id"], row["expected_date"], still_open, row["order__number"]
                )
            )
    wo_rows = (
        await WorkOrder.filter(status=WorkOrderStatus.RELEASED)
        .order_by("id")
        .values("product_id", "quantity", "quantity_completed", "start_date", "due_date", "number")
    )
    inputs.released_work_orders = [
        planning.ReleasedWorkOrder(
            row["product_id"],
            max(Decimal(row["quantity"]) - Decimal(row["quantity_completed"]), Decimal(0)),
            row["start_date"],
            row["due_date"],
            row["number"],
        )
        for row in wo_rows
    ]
    inputs.demands = await _sales_demands(as_of)
    return inputs


async def _sales_demands(as_of: date) -> list[planning.Demand]:
    # Every line of the open orders is read (not only the open ones) so that a line's
    # reference, `<order number>/<line number>`, counts it among all of its order's lines.
    rows = (
        await SalesOrderLine.filter(
            order__status__in=[OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED]
        )
        .order_by("order_id", "position", "id")
        .values(
            "order_id",
            "product_id",
            "quantity",
            "quantity_shipped",
            "order__number",
            "order__requested_date",
        )
    )
    line_numbers: dict[int, int] = defaultdict(int)
    demands = []
    for row in rows:
        line_numbers[row["order_id"]] += 1
        open_quantity = Decimal(row["quantity"]) - Decimal(row["quantity_shipped"])
        if open_quantity <= 0:
            continue
        demands.append(
            planning.Demand(
                row["product_id"],
                # No requested date: the customer wants it now.
                row["order__requested_date"] or as_of,
                open_quantity,
                f"{row['order__number']}/{line_numbers[row['order_id']]}",
            )
        )
    return demands


def _value(value: Any) -> Any:
    return getattr(value, "value", value)


# run, reference, product, kind, quantity, due date, release date, late, pegging (JSON text)
PlannedOrderRow = tuple[int, str, int, str, Decimal, date, date, bool, str]
_COLUMNS = (
    "run_id",
    "reference",
    "product_id",
    "kind",
    "quantity",
    "due_date",
    "release_date",
    "late",
    "pegging",
)
_INSERT_ROW = (
    f"INSERT INTO planned_orders ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
)


def _planned_order_rows(
    run_id: int, orders: Sequence[planning.PlannedOrder]
) -> list[PlannedOrderRow]:
    return [
        (
            run_id,
            order.reference,
            order.product_id,
            order.kind,
            order.quantity,
            order.due_date,
            order.release_date,
            order.late,
            # The JSON text tortoise's JSONField writes for the same list.
            orjson.dumps(
                [
                    {
                        "source": peg.source,
                        "quantity": str(peg.quantity),
                        "reference": peg.reference,
                    }
                    for peg in order.pegging
                ]
            ).decode(),
        )
        for order in orders
    ]


async def _insert_planned_orders(
    connection: BaseDBAsyncClient, rows: list[PlannedOrderRow]
) -> None:
    """Set-based (ARCHITECTURE 7c), in the caller's transaction: COPY on PostgreSQL, one
    executemany on SQLite; never an ORM object per planned order. The foreign keys and
    indexes of planned_orders still check and index every row."""
    if not rows:
        return
    if connection.capabilities.dialect == "postgres":
        async with connection.acquire_connection() as raw:
            await raw.copy_records_to_table("planned_orders", records=rows, columns=_COLUMNS)
    else:
        await connection.execute_many(_INSERT_ROW, [list(row) for row in rows])


async def _plan_in_thread(
    inputs: MrpInputs, as_of: date, horizon_days: int, progress: Progress | None
) -> planning.Plan:
    """Plans off the event loop (the worker keeps its heartbeat) while progress is written
    from the loop, the planner's thread waiting for each write so none race."""
    loop = asyncio.get_running_loop()
    last_step = 0

    def report(done: int, total: int) -> None:
        nonlocal last_step
        step = done * PROGRESS_STEPS // total
        if progress is None or step == last_step:
            return
        last_step = step
        asyncio.run_coroutine_threadsafe(progress(done, total), loop).result()

    return await asyncio.to_thread(
        planning.plan,
        inputs.items,
        inputs.bom_lines,
        inputs.on_hand,
        inputs.receipts,
        inputs.demands,
        inputs.released_work_orders,
        as_of,
        horizon_days,
        report,
    )


async def run_mrp(
    as_of: date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    *,
    job_run_id: int | None = None,
    progress: Progress | None = None,
    timings: list[MrpTimings] | None = None,
) -> MrpRun:
    """One MRP run (§6). It replaces every unfirmed planned order of earlier runs in the
    transaction that writes its own, and records `mrp_run.completed`. A BOM cycle marks the
    run FAILED and raises BOM_CYCLE naming the products on it (the job fails, no retry)."""
    horizon_days = check_horizon(horizon_days)
    run = None
    if job_run_id is not None:
        # arq may deliver a job twice: the second delivery reuses the run.
        run = await MrpRun.get_or_none(job_run_id=job_run_id)
        if run is not None and run.status == MrpRunStatus.COMPLETED:
            # Its plan committed before the attempt was recorded: nothing left to do.
            return run
    if run is None:
        run = await MrpRun.create(job_run_id=job_run_id, as_of=as_of, horizon_days=horizon_days)
    started = time.perf_counter()
    inputs = await load_inputs(as_of)
    loaded = time.perf_counter()
    try:
        result = await _plan_in_thread(inputs, as_of, horizon_days, progress)
    except planning.BomCycleError as error:
        names = [error.skus.get(p, str(p)) for p in error.products]
        message = f"The bills of materials contain a cycle: {' -> '.join([*names, names[0]])}."
        run.status = MrpRunStatus.FAILED
        run.exceptions = [message]
        run.finished_at = utcnow()
        await run.save(update_fields=["status", "exceptions", "finished_at"])
        raise DomainError(ErrorCode.BOM_CYCLE, message) from None
    planned = time.perf_counter()
    rows = _planned_order_rows(run.id, result.planned_orders)
    async with in_transaction() as connection:
        # Two runs forced at once replace in turn: the later one's delete sees the earlier
        # one's committed orders, so two plans never mix.
        await serialize_on(connection, "mrp.plan")
        await PlannedOrder.filter(firmed_at__isnull=True).delete()
        await _insert_planned_orders(connection, rows)
        run.status = MrpRunStatus.COMPLETED
        run.items_planned = result.items_planned
        run.exceptions = list(result.exceptions)
        run.finished_at = utcnow()
        await run.save(update_fields=["status", "items_planned", "exceptions", "finished_at"])
        # Only a RUNNING run gets here: a failed plan raised, a completed one returned.
        await record_event(
            "mrp_run.completed", mrp_run_event_data(run, {"status": MrpRunStatus.RUNNING})
        )
    written = time.perf_counter()
    if timings is not None:
        timings.append(MrpTimings(loaded - started, planned - loaded, written - planned))
    return run
