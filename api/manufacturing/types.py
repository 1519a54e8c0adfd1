"""GraphQL types of BOMs, work orders, MRP runs and planned orders (contract §5.1, §6)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError, payload
from api.jobs.loaders import JobRunByIdLoader
from api.manufacturing.enums import MrpRunStatus, PegSource, PlannedOrderKind, WorkOrderStatus
from api.manufacturing.inputs import PlannedOrderFilter, PlannedOrderOrder
from api.manufacturing.loaders import (
    BillOfMaterialsByIdLoader,
    BomLinesByBomIdLoader,
    MrpRunByIdLoader,
    PlannedOrderPagesByRunIdLoader,
)
from api.nested import Window, nested_connection
from api.relay import After, Before, Connection, First, Last, ModelNode, order_fields, to_node
from api.scalars import plain_decimal
from domain.manufacturing import models

if TYPE_CHECKING:
    from api.catalog.types import Product
    from api.jobs.types import JobRun
    from api.purchasing.types import PurchaseOrder

ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]
JobRunType = Annotated["JobRun", strawberry.lazy("api.jobs.types")]
PurchaseOrderType = Annotated["PurchaseOrder", strawberry.lazy("api.purchasing.types")]

# The default order of planned orders: by release date, then product.
PLANNED_ORDER_DEFAULT_ORDER = ("release_date", "product_id")


async def _product(info: strawberry.Info, product_id: int) -> Any:
    return to_node(await info.context.loaders[ProductByIdLoader].load(product_id))


def planned_order_order(order_by: PlannedOrderOrder | None) -> tuple[str, ...]:
    if order_by is None:
        return PLANNED_ORDER_DEFAULT_ORDER
    return order_fields(order_by.field.value, order_by.direction)


@strawberry.type(description="One component of a bill of materials (§5.1).")
class BomLine(ModelNode):
    model_class = models.BomLine

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="1, 2, … in the order the lines were given.")
    quantity_per: Decimal = strawberry.field(
        description="Units of the component (its `uom`) one unit of the parent consumes."
    )
    scrap_percent: Decimal = strawberry.field(
        description="Extra percent lost in production, 0 to below 100: consumption is "
        "quantity × quantityPer × (1 + scrapPercent/100)."
    )

    @strawberry.field(description="The product consumed.")
    async def component(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.component_id)

    @strawberry.field(description="The BOM the line belongs to (its parent product's).")
    async def bill_of_materials(self, info: strawberry.Info) -> BillOfMaterials:
        row = await info.context.loaders[BillOfMaterialsByIdLoader].load(self.record.bom_id)
        return BillOfMaterials.from_model(row)


@strawberry.type(description="What one unit of a product is made of (§5.1); set by bomSet.")
class BillOfMaterials(ModelNode):
    model_class = models.BillOfMaterials

    id: strawberry.relay.NodeID[int]
    phantom: bool = strawberry.field(
        description="A kit that is never planned or stocked: its needs pass to its lines (§6.5)."
    )
    created_at: datetime = strawberry.field(description="When the product first got a BOM.")
    updated_at: datetime = strawberry.field(description="When bomSet last replaced it.")

    @strawberry.field(description="The parent product made from the lines.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.product_id)

    @strawberry.field(description="The components, in the order given.")
    async def lines(self, info: strawberry.Info) -> list[BomLine]:
        rows = await info.context.loaders[BomLinesByBomIdLoader].load(self.record.id)
        return [BomLine.from_model(row) for row in rows]


@strawberry.type(
    description="An order to make a product (§5.1). Completing quantities backflushes the "
    "components per BOM (incl. scrap) and adds the finished goods; quantities in the "
    "product's `uom`."
)
class WorkOrder(ModelNode):
    model_class = models.WorkOrder

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(
        description="`WO-YYYY-NNNNNN`: gapless per year of creation, e.g. WO-2026-000001."
    )
    status: WorkOrderStatus = strawberry.field(description="RELEASED, COMPLETED or CANCELLED.")
    quantity: Decimal = strawberry.field(description="How many to make.")
    quantity_completed: Decimal = strawberry.field(description="How many are finished so far.")
    start_date: date = strawberry.field(
        description="When making starts: MRP counts the components' needs on this day."
    )
    due_date: date = strawberry.field(
        description="When it is due: MRP counts what is left as a receipt on this day."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    completed_at: datetime | None = strawberry.field(
        description="When its whole quantity was completed."
    )

    @strawberry.field(description="The product made.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.product_id)


@strawberry.type(description="One requirement a planned order covers (first in, first covered).")
class Peg:
    source: PegSource = strawberry.field(description="What kind of requirement.")
    quantity: Decimal = strawberry.field(
        description="How much of the requirement this planned order covers."
    )
    reference: str = strawberry.field(
        description="`SO-…/<line>` for a sales order line, the work order number, the "
        "covering parent's planned-order reference, or the product's SKU for safety stock."
    )


@strawberry.type(
    description="An order MRP proposes (§6): to buy or to make a quantity by a due date. "
    "plannedOrderFirm turns it into a purchase or work order."
)
class PlannedOrder(ModelNode):
    model_class = models.PlannedOrder

    id: strawberry.relay.NodeID[int]
    reference: str = strawberry.field(
        description="`PLN-<product id>-<n>`, what its components' pegs cite."
    )
    kind: PlannedOrderKind = strawberry.field(description="PURCHASE or MANUFACTURE.")
    quantity: Decimal = strawberry.field(
        description="The lot-sized quantity (§6.4), in the product's `uom`."
    )
    due_date: date = strawberry.field(description="When it must be in stock.")
    release_date: date = strawberry.field(
        description="When to order or start it: dueDate − the product's lead time."
    )
    late: bool = strawberry.field(description="Its release date is before the run's asOf.")
    firmed_at: datetime | None = strawberry.field(
        description="When it was firmed; null while it is only planned."
    )
    firmed_document: str | None = strawberry.field(
        description="Number of the purchase or work order it was firmed into."
    )

    @strawberry.field(description="The product to buy or make.")
    async def product(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.product_id)

    @strawberry.field(description="The requirements it covers, first in, first covered (§6.6).")
    def pegging(self) -> list[Peg]:
        return [
            Peg(
                source=PegSource(peg["source"]),
                quantity=plain_decimal(peg["quantity"]),
                reference=peg["reference"],
            )
            for peg in self.record.pegging
        ]

    @strawberry.field(description="The MRP run that planned it.")
    async def run(self, info: strawberry.Info) -> MrpRun:
        row = await info.context.loaders[MrpRunByIdLoader].load(self.record.run_id)
        return MrpRun.from_model(row)


@strawberry.type(description="One MRP run and the plan it produced (§6).")
class MrpRun(ModelNode):
    model_class = models.MrpRun

    id: strawberry.relay.NodeID[int]
    status: MrpRunStatus = strawberry.field(description="RUNNING, COMPLETED or FAILED.")
    as_of: date = strawberry.field(description="The first day planned.")
    horizon_days: int = strawberry.field(
        description="Calendar days planned after asOf (asOf + horizonDays inclusive)."
    )
    items_planned: int = strawberry.field(description="How many products were planned.")
    exceptions: list[str] = strawberry.field(
        description="What the planner could not plan, or why the run failed, in words."
    )
    created_at: datetime = strawberry.field(description="When the run started.")
    finished_at: datetime | None = strawberry.field(
        description="When it completed or failed; null while RUNNING."
    )

    @strawberry.field(
        description="This run's planned orders (firmed ones included), by default by release "
        "date, then product."
    )
    async def planned_orders(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PlannedOrderFilter | None, strawberry.argument(description="Only these orders.")
        ] = None,
        order_by: Annotated[
            PlannedOrderOrder | None,
            strawberry.argument(description="Default: by release date, then product."),
        ] = None,
    ) -> Connection[PlannedOrder]:
        return await nested_connection(
            info,
            PlannedOrderPagesByRunIdLoader,
            self.record.id,
            (filter or PlannedOrderFilter()).query(),
            to_node,
            Window(first, after, last, before, planned_order_order(order_by)),
        )

    @strawberry.field(
        description="The background job that ran it; null for a run started outside a job."
    )
    async def job_run(self, info: strawberry.Info) -> JobRunType | None:
        if self.record.job_run_id is None:
            return None
        row = await info.context.loaders[JobRunByIdLoader].load(self.record.job_run_id)
        return to_node(row) if row is not None else None


@payload(
    "bill_of_materials",
    BillOfMaterials,
    key_description="The product's new BOM; null when refused.",
)
class BomSetPayload:
    pass


@payload("work_order", WorkOrder)
class WorkOrderCreatePayload:
    pass


@payload("work_order", WorkOrder)
class WorkOrderCompletePayload:
    pass


@payload(
    "job_run",
    JobRunType,
    key_description="The MRP job, QUEUED (or the one already queued or running: one MRP run "
    "at a time); follow it, then read `JobRun.mrpRun`. Null when refused.",
)
class MrpRunStartPayload:
    job_run: JobRunType | None


@payload(
    "planned_order",
    PlannedOrder,
    description="The result of plannedOrderFirm: the firmed planned order and the purchase "
    "or work order it became, or the errors that refused it.",
)
class PlannedOrderFirmPayload:
    planned_order: PlannedOrder | None = strawberry.field(
        default=None, description="The planned order, firmed; null when refused."
    )
    purchase_order: PurchaseOrderType | None = strawberry.field(
        default=None, description="The purchase order a PURCHASE became."
    )
    work_order: WorkOrder | None = strawberry.field(
        default=None, description="The released work order a MANUFACTURE became."
    )
    errors: list[UserError]
