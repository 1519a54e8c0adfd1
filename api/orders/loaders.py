"""Dataloaders of sales orders and shipments."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.orders.models import SalesOrder, SalesOrderLine, Shipment, ShipmentLine

SalesOrderByIdLoader = by_id_loader(SalesOrder)
SalesOrderLineByIdLoader = by_id_loader(SalesOrderLine)
ShipmentByIdLoader = by_id_loader(Shipment)


class SalesOrderLinesByOrderIdLoader(ManyByKeyLoader):
    model = SalesOrderLine
    key = "order_id"
    order_by = ("position", "id")


class ShipmentsByOrderIdLoader(ManyByKeyLoader):
    model = Shipment
    key = "order_id"


class ShipmentLinesByShipmentIdLoader(ManyByKeyLoader):
    model = ShipmentLine
    key = "shipment_id"


class SalesOrdersByAccountIdLoader(ManyByKeyLoader):
    model = SalesOrder
    key = "account_id"
