"""Dataloaders of stock counts."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.stock_counts.models import StockCount, StockCountLine

StockCountByIdLoader = by_id_loader(StockCount)


class StockCountLinesByCountIdLoader(ManyByKeyLoader):
    model = StockCountLine
    key = "count_id"
    order_by = ("product_id", "id")
