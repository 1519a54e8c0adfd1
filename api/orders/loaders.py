"""Dataloaders of sales orders, their lines and shipments: one query per relation and depth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.orders import services
from domain.orders.models import SalesOrder, SalesOrderLine, Shipment, ShipmentLine
from domain.querying import filter_given

SalesOrderByIdLoader = by_id_loader(SalesOrder)
SalesOrderLineByIdLoader = by_id_loader(SalesOrderLine)
ShipmentByIdLoader = by_id_loader(Shipment)


class SalesOrderLinesByOrderIdLoader(ManyByKeyLoader):
    model = SalesOrderLine
    key = "order_id"
    order_by = ("position", "id")


class ShipmentLinesByShipmentIdLoader(ManyByKeyLoader):
    model = ShipmentLine
    key = "shipment_id"


class SalesOrdersByAccountIdLoader(PagesByKeyLoader):
    """Keys: (account id, `services.SalesOrderFilter`)."""

    key = "account_id"

    def rows(self, flt: services.SalesOrderFilter) -> QuerySet[Any]:
        return services.list_sales_orders(flt)


@dataclass(frozen=True)
class ShipmentCriteria:
    """What `SalesOrder.shipments(filter:)` narrows by; dates inclusive."""

    warehouse_id: int | None = None
    shipped_from: date | None = None
    shipped_to: date | None = None


class ShipmentsByOrderIdLoader(PagesByKeyLoader):
    """Keys: (order id, `ShipmentCriteria`)."""

    key = "order_id"

    def rows(self, flt: ShipmentCriteria) -> QuerySet[Any]:
        return filter_given(
            Shipment.all(),
            warehouse_id=flt.warehouse_id,
            shipped_on__gte=flt.shipped_from,
            shipped_on__lte=flt.shipped_to,
        )
