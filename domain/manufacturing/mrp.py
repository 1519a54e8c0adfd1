"""The MRP run use case: load everything set-based, plan in memory, write planned orders (§6)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import orjson
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.catalog.models import Product, ProductKind
from domain.clock import utcnow
from domain.db import serialize_on
from domain.errors import DomainError, ErrorCode
from domain.event_data import mrp_run_event_data
from domain.events import record_event
from domain.inventory.models import StockLevel
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
# The planner hands planned orders to the COPY, and lets the event loop run, after every
# this many rows.
CHUNK_ROWS = 1000
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


# The columns already hold what the dataclasses' checks ask (4-decimal quantities of the
# column's digits, non-negative where the planner needs it: the services validated them on
# the way in, and open quantities are clamped or skipped below), so rows skip the checks.
_ITEM = planning.unchecked(planning.Item)
_BOM_LINE = planning.unchecked(planning.BomLine)
_ON_HAND = planning.unchecked(planning.OnHand)
_RECEIPT = planning.unchecked(planning.Receipt)
_DEMAND = planning.unchecked(planning.Demand)
_RELEASED = planning.unchecked(planning.ReleasedWorkOrder)


# On PostgreSQL the loader reads rows straight from the driver (asyncpg already returns
# Decimal, date and str, as tortoise would leave them); SQLite goes through the ORM, which
# turns its text columns into those types. Same columns, same order, either way.
_PRODUCTS_SQL = (
    "SELECT id, sku, kind, procurement, lead_time_days, safety_stock, min_order_quantity,"
    " order_multiple FROM products"
)
_BOM_LINES_SQL = (
    "SELECT b.product_id, l.component_id, l.quantity_per, l.scrap_percent FROM bom_lines l"
    " JOIN bills_of_materials b ON b.id = l.bom_id ORDER BY l.position, l.id"
)
_PHANTOMS_SQL = "SELECT product_id FROM bills_of_materials WHERE phantom"
_STOCK_SQL = "SELECT product_id, on_hand FROM stock_levels"
_PURCHASE_LINES_SQL = (
    "SELECT l.product_id, l.expected_date, l.quantity, l.quantity_received, o.number"
    " FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id"
    f" WHERE o.status = '{PurchaseOrderStatus.OPEN.value}' ORDER BY l.id"
)
_WORK_ORDERS_SQL = (
    "SELECT product_id, quantity, quantity_completed, start_date, due_date, number"
    f" FROM work_orders WHERE status = '{WorkOrderStatus.RELEASED.value}' ORDER BY id"
)
_SALES_LINES_SQL = (
    "SELECT l.order_id, l.product_id, l.quantity, l.quantity_shipped, o.number,"
    " o.requested_date FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id"
    f" WHERE o.status IN ('{OrderStatus.CONFIRMED.value}',"
    f" '{OrderStatus.PARTIALLY_SHIPPED.value}') ORDER BY l.order_id, l.position, l.id"
)


async def _rows(sql: str, orm: Any) -> Sequence[Sequence[Any]]:
    """The rows of `sql` on PostgreSQL, else of the ORM query `orm` (a values_list)."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        _, rows = await connection.execute_query(sql)
        return rows
    return await orm


async def load_inputs(as_of: date) -> MrpInputs:
    """Seven queries whatever the catalogue size, sent at once (on PostgreSQL each on a
    connection of its own, so the server answers them side by side): products, BOM lines,
    phantom BOMs, on-hand, open PO lines, released work orders, open sales order lines."""
    inputs = MrpInputs()
    (
        bom_rows,
        phantom_rows,
        products,
        stock_rows,
        po_rows,
        wo_rows,
        sales_rows,
    ) = await asyncio.gather(
        _rows(
            _BOM_LINES_SQL,
            BomLine.all()
            .order_by("position", "id")
            .values_list("bom__product_id", "component_id", "quantity_per", "scrap_percent"),
        ),
        _rows(_PHANTOMS_SQL, BillOfMaterials.filter(phantom=True).values_list("product_id")),
        _rows(
            _PRODUCTS_SQL,
            Product.all().values_list(
                "id",
                "sku",
                "kind",
                "procurement",
                "lead_time_days",
                "safety_stock",
                "min_order_quantity",
                "order_multiple",
            ),
        ),
        _rows(_STOCK_SQL, StockLevel.all().values_list("product_id", "on_hand")),
        # Fully received lines are skipped in Python: SQLite stores decimals as text, so a
        # quantity comparison in SQL would compare strings.
        _rows(
            _PURCHASE_LINES_SQL,
            PurchaseOrderLine.filter(order__status=PurchaseOrderStatus.OPEN)
            .order_by("id")
            .values_list(
                "product_id", "expected_date", "quantity", "quantity_received", "order__number"
            ),
        ),
        _rows(
            _WORK_ORDERS_SQL,
            WorkOrder.filter(status=WorkOrderStatus.RELEASED)
            .order_by("id")
            .values_list(
                "product_id", "quantity", "quantity_completed", "start_date", "due_date", "number"
            ),
        ),
        # Every line of the open orders is read (not only the open ones) so that a line's
        # reference, `<order number>/<line number>`, counts it among all of its order's lines.
        _rows(
            _SALES_LINES_SQL,
            SalesOrderLine.filter(
                order__status__in=[OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED]
            )
            .order_by("order_id", "position", "id")
            .values_list(
                "order_id",
                "product_id",
                "quantity",
                "quantity_shipped",
                "order__number",
                "order__requested_date",
            ),
        ),
    )
    phantoms = {row[0] for row in phantom_rows}
    stocked = ProductKind.STOCKED.value
    for product_id, sku, kind, procurement, lead_time, safety, minimum, multiple in products:
        if lead_time < 0:
            # The one input the column does not bound: refused as planning.Item does.
            raise ValueError(f"Item.lead_time_days must be >= 0, got {lead_time}")
        inputs.items.append(
            _ITEM(
                product_id,
                sku,
                _value(procurement),
                _value(kind) == stocked,
                lead_time,
                Decimal(safety),
                Decimal(minimum),
                Decimal(multiple),
                product_id in phantoms,
            )
        )
    inputs.bom_lines = [
        _BOM_LINE(parent_id, component_id, Decimal(per), Decimal(scrap))
        for parent_id, component_id, per, scrap in bom_rows
    ]
    # Summed here rather than by SQL SUM, which SQLite computes in floating point.
    on_hand: dict[int, Decimal] = defaultdict(Decimal)
    for product_id, quantity in stock_rows:
        on_hand[product_id] += Decimal(quantity)
    inputs.on_hand = [
        # Back to the 4 decimals of the column, whatever SQLite's text held.
        _ON_HAND(product_id, quantity.quantize(_FOUR_DECIMALS))
        for product_id, quantity in on_hand.items()
    ]
    for product_id, expected, quantity, received, number in po_rows:
        still_open = Decimal(quantity) - Decimal(received)
        if still_open > 0:
            inputs.receipts.append(
                _RECEIPT(product_id, expected, still_open, number, "PURCHASE_ORDER")
            )
    inputs.released_work_orders = [
        _RELEASED(
            product_id,
            max(Decimal(quantity) - Decimal(completed), Decimal(0)),
            start,
            due,
            number,
        )
        for product_id, quantity, completed, start, due, number in wo_rows
    ]
    inputs.demands = _sales_demands(sales_rows, as_of)
    return inputs


def _sales_demands(rows: Sequence[Sequence[Any]], as_of: date) -> list[planning.Demand]:
    line_numbers: dict[int, int] = defaultdict(int)
    demands = []
    for order_id, product_id, quantity, shipped, number, requested in rows:
        line_numbers[order_id] += 1
        open_quantity = Decimal(quantity) - Decimal(shipped)
        if open_quantity <= 0:
            continue
        demands.append(
            _DEMAND(
                product_id,
                # No requested date: the customer wants it now.
                requested or as_of,
                open_quantity,
                f"{number}/{line_numbers[order_id]}",
                "SALES_ORDER_LINE",
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


def _planned_order_rows(run_id: int, orders: Sequence[planning.OrderRow]) -> list[PlannedOrderRow]:
    return [
        (
            run_id,
            reference,
            product_id,
            kind,
            quantity,
            due,
            release,
            late,
            # The JSON text tortoise's JSONField writes for the same list.
            orjson.dumps(
                [
                    {"source": source, "quantity": str(peg), "reference": cited}
                    for (source, cited), peg in pegs.items()
                ]
            ).decode(),
        )
        for reference, product_id, kind, quantity, due, release, late, pegs in orders
    ]


async def _insert_planned_orders(
    connection: BaseDBAsyncClient, chunks: AsyncIterator[list[PlannedOrderRow]]
) -> None:
    """Set-based (ARCHITECTURE 7c), in the caller's transaction: one COPY on PostgreSQL fed
    as the planner goes, so the server checks and indexes the rows meanwhile; one
    executemany on SQLite; never an ORM object per planned order. The foreign keys and
    indexes of planned_orders still check and index every row."""
    if connection.capabilities.dialect == "postgres":

        async def records() -> AsyncIterator[PlannedOrderRow]:
            async for chunk in chunks:
                for row in chunk:
                    yield row

        async with connection.acquire_connection() as raw:
            await raw.copy_records_to_table("planned_orders", records=records(), columns=_COLUMNS)
    else:
        rows = [list(row) async for chunk in chunks for row in chunk]
        if rows:
            await connection.execute_many(_INSERT_ROW, rows)


class _PlanWriter:
    """Plans on the event loop, a chunk of rows at a time, while the loop writes: each
    chunk goes to `chunks` (the COPY) as soon as the planner has it, and progress is
    written in order by a task of its own, outside the plan's transaction.

    Planning in a thread was tried: the loop then waited for the GIL (up to the 5 ms
    switch interval) at every wake-up, for every chunk and every round trip of a progress
    write. On the loop, the planner yields after each chunk, which also lets the lease be
    renewed and other jobs of the worker run (a chunk is ~10 ms of planning)."""

    def __init__(self, planner: planning.Planner, run_id: int, progress: Progress | None) -> None:
        self.planner = planner
        self.run_id = run_id
        self.progress = progress
        self._chunks: asyncio.Queue[list[PlannedOrderRow] | None] = asyncio.Queue()
        self._steps: asyncio.Queue[tuple[int, int] | None] = asyncio.Queue()
        # Both tasks are made here, before the plan's transaction opens, so that what they
        # run (the progress writes above all) is not bound to its connection.
        self._writer = asyncio.create_task(self._write_progress())
        self._planning = asyncio.create_task(self._plan())

    async def _plan(self) -> None:
        total = self.planner.items_planned
        rows: list[PlannedOrderRow] = []
        last_step = 0
        try:
            for orders, done in self.planner.steps():
                if orders:
                    rows.extend(_planned_order_rows(self.run_id, orders))
                step = done * PROGRESS_STEPS // total
                if step != last_step:
                    last_step = step
                    self._steps.put_nowait((done, total))
                if len(rows) >= CHUNK_ROWS:
                    self._chunks.put_nowait(rows)
                    rows = []
                    await asyncio.sleep(0)
                    if self._writer.done():
                        return  # a checkpoint refused: finish() raises why
            if rows:
                self._chunks.put_nowait(rows)
        finally:
            self._chunks.put_nowait(None)
            self._steps.put_nowait(None)

    async def _write_progress(self) -> None:
        while (step := await self._steps.get()) is not None:
            if self.progress is not None:
                await self.progress(*step)

    async def chunks(self) -> AsyncIterator[list[PlannedOrderRow]]:
        while (chunk := await self._chunks.get()) is not None:
            yield chunk

    async def finish(self) -> None:
        """Waits for the planner and the last progress write (its checkpoint), raising what
        stopped either: the plan may commit only after both."""
        await self._planning
        await self._writer

    async def abandon(self) -> None:
        """Stops planning and waits for both tasks, whatever they raise: the caller is
        raising already."""
        self._planning.cancel()
        await asyncio.gather(self._planning, self._writer, return_exceptions=True)


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """The run makes a few hundred thousand acyclic objects (rows, decimals, tuples); the
    cyclic collector would walk the heap every few thousand of them, a third of the
    planner's time. Reference counting still frees everything; cycles wait for the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    with _without_cyclic_gc():
        return await _plan_and_write(run, as_of, horizon_days, progress, timings)


async def _plan_and_write(
    run: MrpRun,
    as_of: date,
    horizon_days: int,
    progress: Progress | None,
    timings: list[MrpTimings] | None,
) -> MrpRun:
    started = time.perf_counter()
    inputs = await load_inputs(as_of)
    loaded = time.perf_counter()
    try:
        # Reading the inputs and ordering the items is one step: off the loop it goes.
        planner = await asyncio.to_thread(
            planning.Planner,
            inputs.items,
            inputs.bom_lines,
            inputs.on_hand,
            inputs.receipts,
            inputs.demands,
            inputs.released_work_orders,
            as_of,
            horizon_days,
        )
    except planning.BomCycleError as error:
        names = [error.skus.get(p, str(p)) for p in error.products]
        message = f"The bills of materials contain a cycle: {' -> '.join([*names, names[0]])}."
        run.status = MrpRunStatus.FAILED
        run.exceptions = [message]
        run.finished_at = utcnow()
        await run.save(update_fields=["status", "exceptions", "finished_at"])
        raise DomainError(ErrorCode.BOM_CYCLE, message) from None
    writer = _PlanWriter(planner, run.id, progress)
    planned = written = started
    try:
        streamed = PlannedOrder._meta.db.capabilities.dialect == "postgres"
        if not streamed:
            # SQLite: a transaction holds the one connection, which the progress writes
            # need too; the plan is made first and written after.
            await writer.finish()
            planned = time.perf_counter()
        async with in_transaction() as connection:
            # Two runs forced at once replace in turn: the later one's delete sees the
            # earlier one's committed orders, so two plans never mix. Readers see the earlier
            # plan until this transaction commits, then this one alone. Planning goes on
            # while the lock is awaited; its rows wait in memory. (The progress writes take
            # a second pooled connection meanwhile: only job runs pass progress, and those
            # are single flight, so no pool fills up with runs waiting for this lock.)
            await serialize_on(connection, "mrp.plan")
            await PlannedOrder.filter(firmed_at__isnull=True).delete()
            await _insert_planned_orders(connection, writer.chunks())
            if streamed:
                await writer.finish()
                planned = time.perf_counter()
            run.status = MrpRunStatus.COMPLETED
            run.items_planned = planner.items_planned
            run.exceptions = list(planner.exceptions)
            run.finished_at = utcnow()
            await run.save(update_fields=["status", "items_planned", "exceptions", "finished_at"])
            # Only a RUNNING run gets here: a failed plan raised, a completed one returned.
            await record_event(
                "mrp_run.completed", mrp_run_event_data(run, {"status": MrpRunStatus.RUNNING})
            )
        written = time.perf_counter()
    except BaseException:
        await writer.abandon()
        raise
    if timings is not None:
        # Streamed, "plan" ends when the planner and the COPY both have (they overlap) and
        # "write" is what is left: the bookkeeping and the commit.
        timings.append(MrpTimings(loaded - started, planned - loaded, written - planned))
    return run
