"""Dataloaders of the manufacturing area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.catalog.models import Product
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    MrpRun,
    PlannedOrder,
    WorkOrder,
)

ProductByIdLoader = by_id_loader(Product)
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
