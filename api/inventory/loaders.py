"""Dataloaders of warehouses and stock."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.inventory.models import StockLevel, Warehouse

WarehouseByIdLoader = by_id_loader(Warehouse)


class StockLevelsByProductIdLoader(ManyByKeyLoader):
    model = StockLevel
    key = "product_id"
    order_by = ("warehouse_id", "id")
