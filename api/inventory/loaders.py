"""Dataloaders of warehouses and stock."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.inventory import services
from domain.inventory.models import StockLevel, Warehouse
from domain.lots.models import Lot

WarehouseByIdLoader = by_id_loader(Warehouse)
# The same class as api.lots.loaders' (by_id_loader makes one per model).
LotByIdLoader = by_id_loader(Lot)


class StockLevelsByProductIdLoader(ManyByKeyLoader):
    """Every level of each product, for its on-hand and available totals."""

    model = StockLevel
    key = "product_id"
    order_by = ("warehouse_id", "id")


class StockLevelPagesByProductIdLoader(PagesByKeyLoader):
    """`Product.stockLevels(filter:, orderBy:)`: the filter is a `services.StockLevelFilter`."""

    key = "product_id"

    def rows(self, flt: Any) -> QuerySet[Any]:
        return services.list_stock_levels(flt)
