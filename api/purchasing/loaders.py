"""Dataloaders of the purchasing area."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.inventory.services import list_stock_moves
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine

PurchaseOrderByIdLoader = by_id_loader(PurchaseOrder)
PurchaseOrderLineByIdLoader = by_id_loader(PurchaseOrderLine)

# The source of the stock moves purchaseOrderReceive books, under the order's number.
RECEIPT_SOURCE = "PO_RECEIPT"


class PurchaseOrderLinesByOrderIdLoader(ManyByKeyLoader):
    model = PurchaseOrderLine
    key = "order_id"
    order_by = ("position", "id")


class ReceiptPagesByOrderNumberLoader(PagesByKeyLoader):
    """`PurchaseOrder.receipts`: the filter is an inventory `StockMoveFilter`."""

    key = "reference"

    def rows(self, flt: Any) -> QuerySet[Any]:
        return list_stock_moves(flt).filter(source=RECEIPT_SOURCE)
