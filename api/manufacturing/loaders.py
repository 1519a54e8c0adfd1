"""Dataloaders of the manufacturing area."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, OneByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    MrpRun,
    PlannedOrder,
    WorkOrder,
)
from domain.manufacturing.services import PlannedOrderFilter as PlannedOrderQuery
from domain.manufacturing.services import list_planned_orders

BillOfMaterialsByIdLoader = by_id_loader(BillOfMaterials)
MrpRunByIdLoader = by_id_loader(MrpRun)
WorkOrderByIdLoader = by_id_loader(WorkOrder)
PlannedOrderByIdLoader = by_id_loader(PlannedOrder)


class BomByProductIdLoader(OneByKeyLoader):
    model = BillOfMaterials
    key = "product_id"


class MrpRunByJobRunIdLoader(OneByKeyLoader):
    model = MrpRun
    key = "job_run_id"


class BomLinesByBomIdLoader(ManyByKeyLoader):
    model = BomLine
    key = "bom_id"
    order_by = ("position", "id")


@dataclass(frozen=True)
class BomLineQuery:
    """Which BOM lines a where-used list shows: of this parent product, of phantom BOMs."""

    product_id: int | None = None
    phantom: bool | None = None


class BomLinePagesByComponentIdLoader(PagesByKeyLoader):
    """`Product.whereUsed`: the BOM lines consuming each product."""

    key = "component_id"

    def rows(self, flt: Any) -> QuerySet[Any]:
        queryset = BomLine.all()
        if flt.product_id is not None:
            queryset = queryset.filter(bom__product_id=flt.product_id)
        if flt.phantom is not None:
            queryset = queryset.filter(bom__phantom=flt.phantom)
        return queryset


class PlannedOrderPagesByRunIdLoader(PagesByKeyLoader):
    """`MrpRun.plannedOrders`: the filter is a `PlannedOrderQuery` without its run."""

    key = "run_id"

    def rows(self, flt: PlannedOrderQuery) -> QuerySet[Any]:
        return list_planned_orders(flt)
