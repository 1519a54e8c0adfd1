"""Queries and mutations of BOMs, work orders and MRP (contract §5.1, §6)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import MutationInput, perform, user_errors
from api.jobs.start import start_job
from api.manufacturing.inputs import (
    BomSetInput,
    MrpRunStartInput,
    PlannedOrderFilter,
    PlannedOrderFirmInput,
    PlannedOrderOrder,
    WorkOrderCompleteInput,
    WorkOrderCreateInput,
    WorkOrderFilter,
    WorkOrderOrder,
)
from api.manufacturing.types import (
    BillOfMaterials,
    BomSetPayload,
    MrpRun,
    MrpRunStartPayload,
    PlannedOrder,
    PlannedOrderFirmPayload,
    WorkOrder,
    WorkOrderCompletePayload,
    WorkOrderCreatePayload,
    planned_order_order,
)
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    order_fields,
    paginate,
    to_node,
)
from domain.clock import today
from domain.errors import DomainError
from domain.jobs.kinds import MrpParams
from domain.jobs.models import JobKind
from domain.manufacturing import models, services
from domain.manufacturing.mrp import check_horizon
from domain.validation import Checks, optional_date


@strawberry.type
class Query:
    @strawberry.field(description="One work order by its id; null when there is none.")
    async def work_order(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A WorkOrder id.")],
    ) -> WorkOrder | None:
        return await node_by_global_id(WorkOrder, info, id)

    @strawberry.field(description="The work orders, by default newest first.")
    async def work_orders(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            WorkOrderFilter | None, strawberry.argument(description="Only these work orders.")
        ] = None,
        order_by: Annotated[
            WorkOrderOrder | None, strawberry.argument(description="Default: newest first.")
        ] = None,
    ) -> Connection[WorkOrder]:
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("-id",)
        return await paginate(
            services.list_work_orders((filter or WorkOrderFilter()).query()),
            WorkOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field(description="One MRP run by its id; null when there is none.")
    async def mrp_run(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="An MrpRun id.")],
    ) -> MrpRun | None:
        return await node_by_global_id(MrpRun, info, id)

    @strawberry.field(description="One planned order by its id; null when there is none.")
    async def planned_order(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A PlannedOrder id.")],
    ) -> PlannedOrder | None:
        return await node_by_global_id(PlannedOrder, info, id)

    @strawberry.field(
        description="Planned orders of every run still on record: the latest run's, plus "
        "firmed ones of earlier runs; by default by release date, then product.",
    )
    async def planned_orders(
        self,
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
        return await paginate(
            services.list_planned_orders((filter or PlannedOrderFilter()).query()),
            PlannedOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=planned_order_order(order_by),
        )


def _firm_payload(planned: models.PlannedOrder, document: Any) -> PlannedOrderFirmPayload:
    made = isinstance(document, models.WorkOrder)
    return PlannedOrderFirmPayload(
        planned_order=PlannedOrder.from_model(planned),
        purchase_order=None if made else to_node(document),
        work_order=WorkOrder.from_model(document) if made else None,
        errors=[],
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Replaces the product's BOM; a cycle is refused with BOM_CYCLE naming "
        "the products on it (§5.1).",
    )
    async def bom_set(self, input: MutationInput[BomSetInput]) -> BomSetPayload:
        async def set_bom() -> models.BillOfMaterials:
            lines = [
                services.BomLineDraft(
                    component_id=decode_id(
                        line.component_id, "Product", ("lines", str(i), "component_id")
                    ),
                    quantity_per=line.quantity_per,
                    scrap_percent=line.scrap_percent,
                )
                for i, line in enumerate(input.lines)
            ]
            return await services.set_bom(
                decode_id(input.product_id, "Product", "product_id"),
                lines,
                phantom=input.phantom,
            )

        return await perform(
            BomSetPayload, "bill_of_materials", set_bom, BillOfMaterials.from_model
        )

    @strawberry.mutation(description="Creates a RELEASED work order numbered WO-YYYY-NNNNNN.")
    async def work_order_create(
        self,
        input: MutationInput[WorkOrderCreateInput],
    ) -> WorkOrderCreatePayload:
        return await perform(
            WorkOrderCreatePayload,
            "work_order",
            lambda: services.create_work_order(
                decode_id(input.product_id, "Product", "product_id"),
                input.quantity,
                start_date=input.start_date,
                due_date=input.due_date,
            ),
            WorkOrder.from_model,
        )

    @strawberry.mutation(
        description="Completes a quantity: backflushes the components per BOM (incl. scrap) "
        "from MAIN and adds the finished goods; a short component is INSUFFICIENT_STOCK.",
    )
    async def work_order_complete(
        self,
        input: MutationInput[WorkOrderCompleteInput],
    ) -> WorkOrderCompletePayload:
        return await perform(
            WorkOrderCompletePayload,
            "work_order",
            lambda: services.complete_work_order(
                decode_id(input.id, "WorkOrder"),
                input.quantity,
                lot_code=input.lot_code,
                expires_at=input.expires_at,
                warehouse_id=None
                if input.warehouse_id is None
                else decode_id(input.warehouse_id, "Warehouse", "warehouse_id"),
            ),
            WorkOrder.from_model,
        )

    @strawberry.mutation(
        description="Plans in a worker (§6); follow the JobRun, then read JobRun.mrpRun. At "
        "most one MRP run is queued or running: starting another returns that one.",
    )
    async def mrp_run_start(
        self,
        info: Info,
        input: MutationInput[MrpRunStartInput],
    ) -> MrpRunStartPayload:
        async def start() -> object:
            checks = Checks()
            as_of = checks(optional_date, input.as_of, "as_of")
            horizon = checks(check_horizon, input.horizon_days)
            checks.raise_if_any()
            params = MrpParams(as_of or today(), horizon)
            return await start_job(info, JobKind.MRP, params)

        return await perform(MrpRunStartPayload, "job_run", start, to_node)

    @strawberry.mutation(
        description="Turns a planned order into an OPEN purchase order (PURCHASE, needs "
        "supplierId) or a RELEASED work order (MANUFACTURE); firming twice is "
        "ALREADY_PROCESSED.",
    )
    async def planned_order_firm(
        self,
        input: MutationInput[PlannedOrderFirmInput],
    ) -> PlannedOrderFirmPayload:
        try:
            supplier_id = (
                decode_id(input.supplier_id, "Account", "supplier_id")
                if input.supplier_id
                else None
            )
            planned_id = decode_id(input.id, "PlannedOrder")
            planned, document = await retry_when_locked(
                lambda: services.firm_planned_order(planned_id, supplier_id=supplier_id)
            )
        except DomainError as error:
            return PlannedOrderFirmPayload(errors=user_errors(error))
        return _firm_payload(planned, document)
