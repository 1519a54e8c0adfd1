"""Queries and mutations of BOMs, work orders and MRP (contract §5.1, §6)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import payload_type, perform, user_errors
from api.jobs.start import start_job
from api.jobs.types import JobRun
from api.manufacturing.types import (
    BillOfMaterials,
    BomSetInput,
    BomSetPayload,
    MrpRun,
    MrpRunStartInput,
    PlannedOrder,
    PlannedOrderFilter,
    PlannedOrderFirmInput,
    PlannedOrderFirmPayload,
    PlannedOrderOrder,
    WorkOrder,
    WorkOrderCompleteInput,
    WorkOrderCompletePayload,
    WorkOrderCreateInput,
    WorkOrderCreatePayload,
    WorkOrderFilter,
    WorkOrderOrder,
    planned_order_page,
)
from api.purchasing.types import PurchaseOrder
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.clock import today
from domain.errors import DomainError
from domain.jobs.kinds import MrpParams
from domain.jobs.models import JobKind
from domain.manufacturing import models, services
from domain.manufacturing.mrp import check_horizon
from domain.purchasing.models import PurchaseOrder as PurchaseOrderRow
from domain.validation import Checks, optional_date

MrpRunStartPayload = payload_type("MrpRunStartPayload", "job_run", JobRun)


@strawberry.type
class Query:
    @strawberry.field
    async def work_order(self, info: Info, id: strawberry.ID) -> WorkOrder | None:
        return await node_by_global_id(WorkOrder, info, id)

    @strawberry.field
    async def work_orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: WorkOrderFilter | None = None,
        order_by: WorkOrderOrder | None = None,
    ) -> Connection[WorkOrder]:
        flt = filter or WorkOrderFilter()
        queryset = services.list_work_orders(
            services.WorkOrderFilter(
                status=models.WorkOrderStatus(flt.status.value) if flt.status else None,
                product_id=decode_id(flt.product_id, "Product", "product_id")
                if flt.product_id
                else None,
            )
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("-id",)
        return await paginate(
            queryset,
            WorkOrder.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def mrp_run(self, info: Info, id: strawberry.ID) -> MrpRun | None:
        return await node_by_global_id(MrpRun, info, id)

    @strawberry.field
    async def planned_order(self, info: Info, id: strawberry.ID) -> PlannedOrder | None:
        return await node_by_global_id(PlannedOrder, info, id)

    @strawberry.field(
        description="Planned orders of every run still on record: the latest run's, plus "
        "firmed ones of earlier runs.",
    )
    async def planned_orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: PlannedOrderFilter | None = None,
        order_by: PlannedOrderOrder | None = None,
    ) -> Connection[PlannedOrder]:
        return await planned_order_page(None, first, after, last, before, filter, order_by)


def _firm_payload(planned: models.PlannedOrder, document: Any) -> PlannedOrderFirmPayload:
    return PlannedOrderFirmPayload(
        planned_order=PlannedOrder.from_model(planned),
        purchase_order=PurchaseOrder.from_model(document)
        if isinstance(document, PurchaseOrderRow)
        else None,
        work_order=WorkOrder.from_model(document)
        if isinstance(document, models.WorkOrder)
        else None,
        errors=[],
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Replaces the product's BOM; a cycle is refused with BOM_CYCLE.",
    )
    async def bom_set(self, input: BomSetInput) -> BomSetPayload:
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

    @strawberry.mutation
    async def work_order_create(self, input: WorkOrderCreateInput) -> WorkOrderCreatePayload:
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
        description="Backflushes the components (incl. scrap) and adds the finished goods.",
    )
    async def work_order_complete(self, input: WorkOrderCompleteInput) -> WorkOrderCompletePayload:
        return await perform(
            WorkOrderCompletePayload,
            "work_order",
            lambda: services.complete_work_order(decode_id(input.id, "WorkOrder"), input.quantity),
            WorkOrder.from_model,
        )

    @strawberry.mutation(
        description="Plans in a worker; follow the JobRun, then read JobRun.mrpRun.",
    )
    async def mrp_run_start(self, info: Info, input: MrpRunStartInput) -> MrpRunStartPayload:
        async def start() -> object:
            checks = Checks()
            as_of = checks(optional_date, input.as_of, "as_of")
            horizon = checks(check_horizon, input.horizon_days)
            checks.raise_if_any()
            params = MrpParams(as_of or today(), horizon)
            return await start_job(info, JobKind.MRP, params)

        return await perform(MrpRunStartPayload, "job_run", start, JobRun.from_model)

    @strawberry.mutation(
        description="Turns a planned order into a purchase order (PURCHASE, needs supplierId) "
        "or a RELEASED work order (MANUFACTURE).",
    )
    async def planned_order_firm(self, input: PlannedOrderFirmInput) -> PlannedOrderFirmPayload:
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
