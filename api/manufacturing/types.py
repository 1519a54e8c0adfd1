"""GraphQL types of BOMs, work orders, MRP runs and planned orders (contract §5.1, §6)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.errors import UserError, payload_type
from api.loaders import by_id_loader
from api.manufacturing.loaders import (
    BomLinesByBomIdLoader,
    MrpRunByIdLoader,
    ProductByIdLoader,
)
from api.relay import Connection, ModelNode, decode_id, order_fields, paginate
from api.scalars import OrderDirection, plain_decimal
from domain.jobs.models import JobRun as JobRunRow
from domain.manufacturing import models
from domain.manufacturing.services import PlannedOrderFilter as PlannedOrderQuery
from domain.manufacturing.services import list_planned_orders

if TYPE_CHECKING:
    from api.catalog.types import Product
    from api.jobs.types import JobRun
    from api.purchasing.types import PurchaseOrder

ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]
JobRunType = Annotated["JobRun", strawberry.lazy("api.jobs.types")]
PurchaseOrderType = Annotated["PurchaseOrder", strawberry.lazy("api.purchasing.types")]

WorkOrderStatus = strawberry.enum(models.WorkOrderStatus, name="WorkOrderStatus")
MrpRunStatus = strawberry.enum(models.MrpRunStatus, name="MrpRunStatus")
PlannedOrderKind = strawberry.enum(models.PlannedOrderKind, name="PlannedOrderKind")


@strawberry.enum
class PegSource(Enum):
    SALES_ORDER_LINE = "SALES_ORDER_LINE"
    PLANNED_ORDER = "PLANNED_ORDER"
    WORK_ORDER = "WORK_ORDER"
    SAFETY_STOCK = "SAFETY_STOCK"


async def _product(info: strawberry.Info, product_id: int) -> Product:
    from api.catalog.types import Product

    row = await info.context.loaders[ProductByIdLoader].load(product_id)
    return Product.from_model(row)


@strawberry.type
class BomLine(ModelNode):
    model_class = models.BomLine

    id: strawberry.relay.NodeID[int]

    @strawberry.field
    def quantity_per(self) -> Decimal:
        return plain_decimal(self.record.quantity_per)

    @strawberry.field(description="Percent, 0 to below 100.")
    def scrap_percent(self) -> Decimal:
        return plain_decimal(self.record.scrap_percent)

    @strawberry.field
    async def component(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.component_id)


@strawberry.type(description="What one unit of a product is made of.")
class BillOfMaterials(ModelNode):
    model_class = models.BillOfMaterials

    id: strawberry.relay.NodeID[int]
    phantom: bool = strawberry.field(
        description="A kit that is never planned or stocked: its needs pass to its lines."
    )
    updated_at: datetime

    @strawberry.field
    async def product(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.product_id)

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[BomLine]:
        rows = await info.context.loaders[BomLinesByBomIdLoader].load(self.record.id)
        return [BomLine.from_model(row) for row in rows]


@strawberry.type
class WorkOrder(ModelNode):
    model_class = models.WorkOrder

    id: strawberry.relay.NodeID[int]
    number: str
    start_date: date
    due_date: date
    status: WorkOrderStatus  # type: ignore[valid-type]
    created_at: datetime
    completed_at: datetime | None

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    def quantity_completed(self) -> Decimal:
        return plain_decimal(self.record.quantity_completed)

    @strawberry.field
    async def product(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.product_id)


@strawberry.type(description="One requirement a planned order covers (first in, first covered).")
class Peg:
    source: PegSource
    quantity: Decimal
    reference: str = strawberry.field(
        description="`SO-…/<line>` for a sales order line, the work order number, the "
        "covering parent's planned-order reference, or the product's SKU for safety stock."
    )


@strawberry.type
class PlannedOrder(ModelNode):
    model_class = models.PlannedOrder

    id: strawberry.relay.NodeID[int]
    reference: str = strawberry.field(
        description="`PLN-<product id>-<n>`, what its components' pegs cite."
    )
    kind: PlannedOrderKind  # type: ignore[valid-type]
    due_date: date
    release_date: date
    late: bool = strawberry.field(description="Its release date is before the run's asOf.")
    firmed_at: datetime | None
    firmed_document: str | None = strawberry.field(
        description="Number of the purchase or work order it was firmed into."
    )

    @strawberry.field
    async def product(self, info: strawberry.Info) -> ProductType:
        return await _product(info, self.record.product_id)

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    def pegging(self) -> list[Peg]:
        return [
            Peg(
                source=PegSource(peg["source"]),
                quantity=plain_decimal(peg["quantity"]),
                reference=peg["reference"],
            )
            for peg in self.record.pegging
        ]

    @strawberry.field
    async def run(self, info: strawberry.Info) -> MrpRun:
        row = await info.context.loaders[MrpRunByIdLoader].load(self.record.run_id)
        return MrpRun.from_model(row)


@strawberry.input
class PlannedOrderFilter:
    product_id: strawberry.ID | None = None
    kind: PlannedOrderKind | None = None  # type: ignore[valid-type]
    late: bool | None = None
    firmed: bool | None = None


@strawberry.enum
class PlannedOrderOrderField(Enum):
    RELEASE_DATE = "release_date"
    DUE_DATE = "due_date"
    QUANTITY = "quantity"


@strawberry.input
class PlannedOrderOrder:
    field: PlannedOrderOrderField
    direction: OrderDirection = OrderDirection.ASC


def planned_order_query(flt: PlannedOrderFilter | None, run_id: int | None) -> PlannedOrderQuery:
    flt = flt or PlannedOrderFilter()
    return PlannedOrderQuery(
        run_id=run_id,
        product_id=decode_id(flt.product_id, "Product", "product_id") if flt.product_id else None,
        kind=models.PlannedOrderKind(flt.kind.value) if flt.kind else None,
        late=flt.late,
        firmed=flt.firmed,
    )


async def planned_order_page(
    run_id: int | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    filter: PlannedOrderFilter | None,
    order_by: PlannedOrderOrder | None,
) -> Connection[PlannedOrder]:
    order = (
        order_fields(order_by.field.value, order_by.direction)
        if order_by
        else ("release_date", "product_id")
    )
    return await paginate(
        list_planned_orders(planned_order_query(filter, run_id)),
        PlannedOrder.from_model,
        first=first,
        after=after,
        last=last,
        before=before,
        order_by=order,
    )


@strawberry.type(description="One MRP run and the plan it produced (§6).")
class MrpRun(ModelNode):
    model_class = models.MrpRun

    id: strawberry.relay.NodeID[int]
    status: MrpRunStatus  # type: ignore[valid-type]
    as_of: date
    horizon_days: int
    items_planned: int
    exceptions: list[str]
    created_at: datetime
    finished_at: datetime | None

    @strawberry.field(description="This run's planned orders (firmed ones included).")
    async def planned_orders(
        self,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: PlannedOrderFilter | None = None,
        order_by: PlannedOrderOrder | None = None,
    ) -> Connection[PlannedOrder]:
        return await planned_order_page(
            self.record.id, first, after, last, before, filter, order_by
        )

    @strawberry.field
    async def job_run(self, info: strawberry.Info) -> JobRunType | None:
        from api.jobs.types import JobRun

        if self.record.job_run_id is None:
            return None
        row = await info.context.loaders[by_id_loader(JobRunRow)].load(self.record.job_run_id)
        return JobRun.from_optional(row)


@strawberry.enum
class WorkOrderOrderField(Enum):
    NUMBER = "number"
    START_DATE = "start_date"
    DUE_DATE = "due_date"


@strawberry.input
class WorkOrderOrder:
    field: WorkOrderOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class WorkOrderFilter:
    status: WorkOrderStatus | None = None  # type: ignore[valid-type]
    product_id: strawberry.ID | None = None


@strawberry.input
class BomLineInput:
    component_id: strawberry.ID
    quantity_per: Decimal
    scrap_percent: Decimal = Decimal(0)


@strawberry.input
class BomSetInput:
    product_id: strawberry.ID
    phantom: bool = False
    lines: list[BomLineInput]


@strawberry.input
class WorkOrderCreateInput:
    product_id: strawberry.ID
    quantity: Decimal
    start_date: date | None = strawberry.field(default=None, description="Default: today.")
    due_date: date | None = strawberry.field(
        default=None, description="Default: startDate + the product's lead time."
    )


@strawberry.input
class WorkOrderCompleteInput:
    id: strawberry.ID
    quantity: Decimal


@strawberry.input
class MrpRunStartInput:
    as_of: date | None = strawberry.field(default=None, description="Default: today.")
    horizon_days: int = 90


@strawberry.input
class PlannedOrderFirmInput:
    id: strawberry.ID
    supplier_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The supplier Account of the purchase order; required for PURCHASE.",
    )


BomSetPayload = payload_type("BomSetPayload", "bill_of_materials", BillOfMaterials)
WorkOrderCreatePayload = payload_type("WorkOrderCreatePayload", "work_order", WorkOrder)
WorkOrderCompletePayload = payload_type("WorkOrderCompletePayload", "work_order", WorkOrder)


@strawberry.type(description="The firmed planned order and the document it became.")
class PlannedOrderFirmPayload:
    planned_order: PlannedOrder | None = None
    purchase_order: PurchaseOrderType | None = None
    work_order: WorkOrder | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)
