"""Dataloaders of the purchasing area."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine

PurchaseOrderByIdLoader = by_id_loader(PurchaseOrder)


class PurchaseOrderLinesByOrderIdLoader(ManyByKeyLoader):
    model = PurchaseOrderLine
    key = "order_id"
    order_by = ("position", "id")
