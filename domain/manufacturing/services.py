"""Manufacturing use cases: set a BOM, create and complete work orders, firm planned orders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.catalog.models import Product, ProductKind
from domain.clock import today, utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import planned_order_event_data
from domain.events import record_event
from domain.inventory.services import (
    LotChoice,
    check_lot_input,
    default_warehouse,
    get_warehouse,
    lock_levels,
    move_stock,
    stock_value_changes,
)
from domain.ledger.postings import work_order_completion_postings
from domain.ledger.services import post_journal_entry
from domain.manufacturing.bom import Component, backflush, cycle_through
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    PlannedOrder,
    PlannedOrderKind,
    WorkOrder,
    WorkOrderStatus,
)
from domain.manufacturing.planning import BomCycleError
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.purchasing.models import PurchaseOrder
from domain.purchasing.services import PurchaseLineDraft, create_purchase_order
from domain.querying import filter_given
from domain.validation import (
    HUNDRED,
    Checks,
    computed_amount,
    optional_date,
    valid_percent,
    valid_quantity,
)

# Serialises bomSet on PostgreSQL: two concurrent edits could otherwise each pass the cycle
# check and together close a cycle (SQLite serialises writers by itself).
_BOM_LOCK_KEY = 5_150_001


@dataclass(frozen=True)
class BomLineDraft:
    component_id: int
    quantity_per: Decimal
    scrap_percent: Decimal = ZERO


def _check_bom_lines(product_id: int, lines: Sequence[BomLineDraft]) -> None:
    checks = Checks()
    seen: set[int] = set()
    for index, line in enumerate(lines):
        at = ("lines", str(index))
        checks(valid_quantity, line.quantity_per, (*at, "quantity_per"), positive=True)
        checks(valid_percent, line.scrap_percent, (*at, "scrap_percent"), below=HUNDRED)
        if line.component_id == product_id:
            checks.add(
                DomainError(
                    ErrorCode.BOM_CYCLE,
                    "A product cannot be a component of itself.",
                    (*at, "component_id"),
                )
            )
        elif line.component_id in seen:
            checks.add(
                DomainError(
                    ErrorCode.DUPLICATE,
                    "The component is listed twice; give one line with the total quantity.",
                    (*at, "component_id"),
                )
            )
        seen.add(line.component_id)
    checks.raise_if_any()


async def _lock_boms(connection: Any) -> None:
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_BOM_LOCK_KEY])


async def set_bom(
    product_id: int, lines: Sequence[BomLineDraft], *, phantom: bool = False
) -> BillOfMaterials:
    """`bomSet`: replaces the product's BOM in one transaction; a cycle → BOM_CYCLE."""
    _check_bom_lines(product_id, lines)
    async with in_transaction() as connection:
        await _lock_boms(connection)
        product = await Product.get_or_none(id=product_id)
        if product is None:
            raise not_found("Product", product_id, "product_id")
        component_ids = [line.component_id for line in lines]
        found = set(await Product.filter(id__in=component_ids).values_list("id", flat=True))
        for index, component_id in enumerate(component_ids):
            if component_id not in found:
                raise not_found("Product", component_id, ("lines", str(index), "component_id"))
        children: dict[int, list[int]] = defaultdict(list)
        edges = await BomLine.exclude(bom__product_id=product_id).values_list(
            "bom__product_id", "component_id"
        )
        for parent_id, component_id in edges:
            children[parent_id].append(component_id)
        cycle = cycle_through(product_id, component_ids, children)
        if cycle is not None:
            skus = dict(await Product.filter(id__in=cycle).values_list("id", "sku"))
            names = [skus[p] for p in cycle]
            raise DomainError(
                ErrorCode.BOM_CYCLE,
                f"This BOM would make a cycle: {' -> '.join([*names, names[0]])}.",
                "lines",
            )
        bom = await BillOfMaterials.get_or_none(product_id=product_id)
        if bom is None:
            bom = await BillOfMaterials.create(product_id=product_id, phantom=phantom)
        else:
            bom.phantom = phantom
            await bom.save(update_fields=["phantom", "updated_at"])
            await BomLine.filter(bom_id=bom.id).delete()
        await BomLine.bulk_create(
            [
                BomLine(
                    bom_id=bom.id,
                    position=index + 1,
                    component_id=line.component_id,
                    quantity_per=Decimal(line.quantity_per),
                    scrap_percent=Decimal(line.scrap_percent),
                )
                for index, line in enumerate(lines)
            ]
        )
    return bom


async def get_work_order(work_order_id: int, *, field: str = "id") -> WorkOrder:
    order = await WorkOrder.get_or_none(id=work_order_id)
    if order is None:
        raise not_found("WorkOrder", work_order_id, field)
    return order


async def create_work_order(
    product_id: int,
    quantity: Decimal,
    *,
    start_date: date | None = None,
    due_date: date | None = None,
) -> WorkOrder:
    """A RELEASED work order `WO-YYYY-NNNNNN`; by default it starts today and is due after the
    product's lead time."""
    checks = Checks()
    quantity = checks(valid_quantity, quantity, "quantity", positive=True)
    checks(optional_date, start_date, "start_date")
    checks(optional_date, due_date, "due_date")
    checks.raise_if_any()
    async with in_transaction():
        product = await Product.get_or_none(id=product_id)
        if product is None:
            raise not_found("Product", product_id, "product_id")
        return await _release_work_order(product, quantity, start_date, due_date)


async def _release_work_order(
    product: Product, quantity: Decimal, start_date: date | None, due_date: date | None
) -> WorkOrder:
    if product.kind != ProductKind.STOCKED:
        raise DomainError(
            ErrorCode.INVALID, f"{product.sku} is not a STOCKED product.", "product_id"
        )
    start = start_date or today()
    due = due_date or start + timedelta(days=product.lead_time_days)
    if due < start:
        raise DomainError(ErrorCode.INVALID, "dueDate must not be before startDate.", "due_date")
    return await WorkOrder.create(
        number=await next_number("WO", today().year),
        product_id=product.id,
        quantity=quantity,
        quantity_completed=ZERO,
        start_date=start,
        due_date=due,
    )


async def _consumption(product_id: int, quantity: Decimal) -> dict[int, Decimal]:
    lines = await BomLine.filter(bom__product_id=product_id).values(
        "component_id", "quantity_per", "scrap_percent"
    )
    phantom_rows = await BomLine.filter(bom__phantom=True).values(
        "bom__product_id", "component_id", "quantity_per", "scrap_percent"
    )
    phantoms: dict[int, list[Component]] = defaultdict(list)
    for row in phantom_rows:
        phantoms[row["bom__product_id"]].append(_component(row))
    # A phantom with no lines still passes through (to nothing), never consumed itself.
    for row in await BillOfMaterials.filter(phantom=True).values("product_id"):
        phantoms.setdefault(row["product_id"], [])
    return backflush(quantity, [_component(row) for row in lines], phantoms)


def _component(row: dict[str, Any]) -> Component:
    return Component(
        row["component_id"], Decimal(row["quantity_per"]), Decimal(row["scrap_percent"])
    )


async def complete_work_order(
    work_order_id: int,
    quantity: Decimal,
    *,
    lot_code: str | None = None,
    expires_at: date | None = None,
    warehouse_id: int | None = None,
) -> WorkOrder:
    """`workOrderComplete`: backflushes components per BOM incl. scrap from the warehouse
    (default MAIN) and adds the finished goods there, into the output lot `lot_code` for a
    lot-tracked product (components: first expiry first out, §15); a short component →
    INSUFFICIENT_STOCK and nothing is written.
    Posts Dr 1300 the finished goods at standard / Cr 1300 the components consumed at theirs
    / the difference to 5300 (§5.3). The order is COMPLETED once its whole quantity is done."""
    checks = Checks()
    quantity = checks(valid_quantity, quantity, "quantity", positive=True)
    check_lot_input(checks, lot_code, expires_at)
    checks.raise_if_any()
    async with in_transaction():
        found = await WorkOrder.filter(id=work_order_id).select_for_update()
        if not found:
            raise not_found("WorkOrder", work_order_id)
        order = found[0]
        if order.status != WorkOrderStatus.RELEASED:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"{order.number} is {order.status.value}; only RELEASED orders are completed.",
                "id",
            )
        remaining = Decimal(order.quantity) - Decimal(order.quantity_completed)
        if quantity > remaining:
            raise DomainError(
                ErrorCode.INVALID,
                f"Only {remaining.normalize():f} of {order.number} remain to be completed.",
                "quantity",
            )
        try:
            consumed = await _consumption(order.product_id, quantity)
        except BomCycleError as error:
            raise DomainError(ErrorCode.BOM_CYCLE, str(error), "id") from None
        warehouse = (
            await default_warehouse()
            if warehouse_id is None
            else await get_warehouse(warehouse_id, field="warehouse_id")
        )
        await lock_levels(
            (product_id, warehouse.id) for product_id in [*consumed, order.product_id]
        )
        values = await stock_value_changes(
            {**{c: -need for c, need in consumed.items()}, order.product_id: quantity}
        )
        finished_value = computed_amount(
            values[order.product_id], "quantity", "The finished goods at standard cost"
        )
        consumed_value = computed_amount(
            -sum((values[c] for c in consumed), ZERO),
            "quantity",
            "The components consumed at standard cost",
        )
        for component_id, need in sorted(consumed.items()):
            try:
                await move_stock(
                    product_id=component_id,
                    warehouse_id=warehouse.id,
                    quantity=-need,
                    reason=f"Backflush for {order.number}",
                    source="WORK_ORDER",
                    reference=order.number,
                )
            except DomainError as error:
                if error.code != ErrorCode.INSUFFICIENT_STOCK:
                    raise
                sku = await Product.filter(id=component_id).values_list("sku", flat=True)
                raise DomainError(
                    ErrorCode.INSUFFICIENT_STOCK,
                    f"Completing {quantity.normalize():f} needs {need.normalize():f} of "
                    f"{sku[0]}: {error.message}",
                    "quantity",
                ) from None
        await move_stock(
            product_id=order.product_id,
            warehouse_id=warehouse.id,
            quantity=quantity,
            reason=f"Output of {order.number}",
            source="WORK_ORDER",
            reference=order.number,
            lot=LotChoice(lot_code=lot_code, expires_at=expires_at),
        )
        if finished_value or consumed_value:
            await post_journal_entry(
                entry_date=today(),
                memo=f"Completion of {quantity.normalize():f} on {order.number}",
                source="WORK_ORDER",
                reference=order.number,
                postings=work_order_completion_postings(
                    finished_value=finished_value, consumed_value=consumed_value
                ),
            )
        order.quantity_completed = Decimal(order.quantity_completed) + quantity
        fields = ["quantity_completed", "updated_at"]
        if order.quantity_completed >= Decimal(order.quantity):
            order.status = WorkOrderStatus.COMPLETED
            order.completed_at = utcnow()
            fields += ["status", "completed_at"]
        await order.save(update_fields=fields)
    return order


@dataclass(frozen=True)
class WorkOrderFilter:
    status: WorkOrderStatus | None = None
    product_id: int | None = None


def list_work_orders(flt: WorkOrderFilter | None = None) -> QuerySet[WorkOrder]:
    flt = flt or WorkOrderFilter()
    queryset = WorkOrder.all()
    queryset = filter_given(
        queryset,
        status=flt.status,
        product_id=flt.product_id,
    )
    return queryset


async def firm_planned_order(
    planned_order_id: int, *, supplier_id: int | None = None
) -> tuple[PlannedOrder, PurchaseOrder | WorkOrder]:
    """`plannedOrderFirm`: a PURCHASE becomes an OPEN purchase order from `supplier_id`
    (required: products carry no supplier) at standard cost, expected on the due date; a
    MANUFACTURE becomes a RELEASED work order from its release date to its due date.
    Firming twice → ALREADY_PROCESSED. Firmed orders survive later MRP runs."""
    async with in_transaction():
        found = await PlannedOrder.filter(id=planned_order_id).select_for_update()
        if not found:
            raise not_found("PlannedOrder", planned_order_id)
        planned = found[0]
        if planned.firmed_at is not None:
            raise DomainError(
                ErrorCode.ALREADY_PROCESSED,
                f"The planned order was already firmed as {planned.firmed_document}.",
                "id",
            )
        quantity = Decimal(planned.quantity)
        if planned.kind == PlannedOrderKind.PURCHASE:
            if supplier_id is None:
                raise DomainError(
                    ErrorCode.REQUIRED, "A supplier is required to firm a purchase.", "supplier_id"
                )
            document: PurchaseOrder | WorkOrder = await create_purchase_order(
                supplier_id,
                [PurchaseLineDraft(planned.product_id, quantity, None, planned.due_date)],
            )
        else:
            product = await Product.get(id=planned.product_id)
            document = await _release_work_order(
                product, quantity, planned.release_date, planned.due_date
            )
        planned.firmed_at = utcnow()
        planned.firmed_document = document.number
        await planned.save(update_fields=["firmed_at", "firmed_document"])
        await record_event("planned_order.firmed", planned_order_event_data(planned))
    return planned, document


@dataclass(frozen=True)
class PlannedOrderFilter:
    run_id: int | None = None
    product_id: int | None = None
    kind: PlannedOrderKind | None = None
    late: bool | None = None
    firmed: bool | None = None


def list_planned_orders(flt: PlannedOrderFilter | None = None) -> QuerySet[PlannedOrder]:
    flt = flt or PlannedOrderFilter()
    queryset = PlannedOrder.all()
    queryset = filter_given(
        queryset,
        run_id=flt.run_id,
        product_id=flt.product_id,
        kind=flt.kind,
        late=flt.late,
    )
    if flt.firmed is not None:
        queryset = queryset.filter(firmed_at__isnull=not flt.firmed)
    return queryset
