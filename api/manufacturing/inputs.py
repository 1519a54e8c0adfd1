"""GraphQL inputs of BOMs, work orders and MRP (contract §5.1, §6): filters, orders, mutations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from api.manufacturing.enums import PlannedOrderKind, WorkOrderStatus
from api.manufacturing.loaders import BomLineQuery
from api.relay import filter_id
from api.scalars import OrderDirection, described_enum
from domain.manufacturing import services
from domain.manufacturing.mrp import DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS

ASC_DEFAULT = "ASC (default) or DESC."


@strawberry.input(description="Narrows a where-used list (`Product.whereUsed`).")
class BomLineFilter:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the line in this Product's BOM."
    )
    phantom: bool | None = strawberry.field(
        default=None, description="Only lines of phantom BOMs (true) or of real ones (false)."
    )

    def query(self) -> BomLineQuery:
        return BomLineQuery(
            product_id=filter_id(self.product_id, "Product", "productId"),
            phantom=self.phantom,
        )


class BomLineOrderField(Enum):
    BILL_OF_MATERIALS = "bom_id"
    QUANTITY_PER = "quantity_per"


described_enum(
    BomLineOrderField,
    name="BomLineOrderField",
    description="What a where-used list can be sorted by.",
    values={
        "BILL_OF_MATERIALS": "The BOM, in the order the BOMs were first set.",
        "QUANTITY_PER": "The quantity consumed per unit of the parent.",
    },
)


@strawberry.input(description="The order of a where-used list; ties are broken by id.")
class BomLineOrder:
    field: BomLineOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ASC_DEFAULT
    )


@strawberry.input(description="Narrows `workOrders`; every given condition must hold.")
class WorkOrderFilter:
    status: WorkOrderStatus | None = strawberry.field(default=None, description="Only this status.")
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the work orders making this Product."
    )

    def query(self) -> services.WorkOrderFilter:
        return services.WorkOrderFilter(
            status=self.status, product_id=filter_id(self.product_id, "Product", "productId")
        )


class WorkOrderOrderField(Enum):
    NUMBER = "number"
    START_DATE = "start_date"
    DUE_DATE = "due_date"


described_enum(
    WorkOrderOrderField,
    name="WorkOrderOrderField",
    description="What `workOrders` can be sorted by.",
    values={
        "NUMBER": "The number (WO-YYYY-NNNNNN).",
        "START_DATE": "The start date.",
        "DUE_DATE": "The due date.",
    },
)


@strawberry.input(description="The order of `workOrders`; ties are broken by id.")
class WorkOrderOrder:
    field: WorkOrderOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ASC_DEFAULT
    )


@strawberry.input(
    description="Narrows a list of planned orders (`plannedOrders`, `MrpRun.plannedOrders`); "
    "every given condition must hold."
)
class PlannedOrderFilter:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the planned orders of this Product."
    )
    kind: PlannedOrderKind | None = strawberry.field(
        default=None, description="Only PURCHASE or only MANUFACTURE."
    )
    late: bool | None = strawberry.field(
        default=None, description="Only late ones (true: released before the run's asOf)."
    )
    firmed: bool | None = strawberry.field(
        default=None, description="Only firmed ones (true) or only unfirmed ones (false)."
    )

    def query(self) -> services.PlannedOrderFilter:
        return services.PlannedOrderFilter(
            product_id=filter_id(self.product_id, "Product", "productId"),
            kind=self.kind,
            late=self.late,
            firmed=self.firmed,
        )


class PlannedOrderOrderField(Enum):
    RELEASE_DATE = "release_date"
    DUE_DATE = "due_date"
    QUANTITY = "quantity"


described_enum(
    PlannedOrderOrderField,
    name="PlannedOrderOrderField",
    description="What a list of planned orders can be sorted by.",
    values={
        "RELEASE_DATE": "The release date.",
        "DUE_DATE": "The due date.",
        "QUANTITY": "The planned quantity.",
    },
)


@strawberry.input(description="The order of a list of planned orders; ties are broken by id.")
class PlannedOrderOrder:
    field: PlannedOrderOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ASC_DEFAULT
    )


@strawberry.input(description="One component of a BOM.")
class BomLineInput:
    component_id: strawberry.ID = strawberry.field(
        description="The component Product; not the parent itself, and each at most once."
    )
    quantity_per: Decimal = strawberry.field(
        description="How many units (its `uom`) one unit of the parent consumes; > 0, at "
        "most 4 decimals."
    )
    scrap_percent: Decimal = strawberry.field(
        default=Decimal(0),
        description="Extra percent lost in production, 0 (default) to below 100: a work "
        "order consumes quantity × quantityPer × (1 + scrap/100).",
    )


@strawberry.input(description="A product's whole BOM: replaces what it had (§5.1).")
class BomSetInput:
    product_id: strawberry.ID = strawberry.field(description="The parent Product.")
    phantom: bool = strawberry.field(
        default=False,
        description="A kit that is never planned or stocked: its needs pass straight to its "
        "lines (§6.5). Default false.",
    )
    lines: list[BomLineInput] = strawberry.field(
        description="The components; an empty list leaves the product a BOM without lines."
    )


@strawberry.input(description="A new work order, released at once (§5.1).")
class WorkOrderCreateInput:
    product_id: strawberry.ID = strawberry.field(description="The STOCKED Product to make.")
    quantity: Decimal = strawberry.field(
        description="How many to make, in the product's `uom`; > 0."
    )
    start_date: date | None = strawberry.field(
        default=None, description="When making starts. Default: today."
    )
    due_date: date | None = strawberry.field(
        default=None,
        description="When it is due, not before startDate. Default: startDate + the "
        "product's lead time.",
    )


@strawberry.input(description="Finished goods reported on a released work order.")
class WorkOrderCompleteInput:
    id: strawberry.ID = strawberry.field(description="The WorkOrder.")
    quantity: Decimal = strawberry.field(
        description="How many more are finished; > 0 and at most what is left to complete."
    )
    lot_code: str | None = strawberry.field(
        default=None,
        description="The output lot, required for a lot-tracked product; a new code creates "
        "the Lot (§15). The components' lots it consumes are recorded for lotTrace.",
    )
    expires_at: date | None = strawberry.field(
        default=None, description="When a new output lot expires."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Where the components are taken and the output goes; default: MAIN.",
    )


@strawberry.input(description="An MRP run to plan (§6).")
class MrpRunStartInput:
    as_of: date | None = strawberry.field(
        default=None, description="The first day of the plan. Default: today."
    )
    horizon_days: int = strawberry.field(
        default=DEFAULT_HORIZON_DAYS,
        description=f"Calendar days planned after asOf, 0 to {MAX_HORIZON_DAYS} "
        f"(default {DEFAULT_HORIZON_DAYS}).",
    )


@strawberry.input(description="A planned order to turn into a real one (§6).")
class PlannedOrderFirmInput:
    id: strawberry.ID = strawberry.field(description="The PlannedOrder, not firmed yet.")
    supplier_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The supplier Account of the purchase order: required for a PURCHASE, "
        "ignored for a MANUFACTURE.",
    )
