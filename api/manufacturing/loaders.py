"""Dataloaders of the manufacturing area."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
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


class _OneByKeyLoader(DataLoader[int, Any]):
    """Loads the one row of `model` whose unique `key` is in the batch; None when missing."""

    model: type[Model]
    key: str

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[Any]:
        rows = await self.model.filter(**{f"{self.key}__in": list(set(keys))})
        by_key = {getattr(row, self.key): row for row in rows}
        return [by_key.get(key) for key in keys]


class BomByProductIdLoader(_OneByKeyLoader):
    model = BillOfMaterials
    key = "product_id"


class MrpRunByJobRunIdLoader(_OneByKeyLoader):
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

    model = BomLine
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

    model = PlannedOrder
    key = "run_id"

    def rows(self, flt: PlannedOrderQuery) -> QuerySet[Any]:
        return list_planned_orders(flt)
