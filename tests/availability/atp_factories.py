"""Rows for the availability tests: stock per warehouse, purchase and work orders, sales orders
and BOMs, written straight to their tables (statuses the use cases would take steps to reach)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.clock import today
from domain.inventory.models import StockLevel, Warehouse
from domain.manufacturing.models import WorkOrder, WorkOrderStatus
from domain.manufacturing.services import BomLineDraft, set_bom
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus

D = Decimal


def day(offset: int) -> date:
    return today() + timedelta(days=offset)


async def warehouse(code: str) -> Warehouse:
    found, _ = await Warehouse.get_or_create(code=code, defaults={"name": f"Warehouse {code}"})
    return found


async def stock(product: Product, where: Warehouse, quantity: str) -> None:
    await StockLevel.create(product_id=product.id, warehouse_id=where.id, on_hand=D(quantity))


async def purchase(
    supplier: Account,
    number: str,
    lines: Sequence[tuple[Product, str, int] | tuple[Product, str, int, str]],
    *,
    status: PurchaseOrderStatus = PurchaseOrderStatus.OPEN,
) -> None:
    """Lines are (product, quantity, day offset) or (…, quantity received)."""
    order = await PurchaseOrder.create(
        number=number, supplier_id=supplier.id, currency="USD", status=status
    )
    for position, (product, quantity, offset, *received) in enumerate(lines, start=1):
        await PurchaseOrderLine.create(
            order_id=order.id,
            position=position,
            product_id=product.id,
            quantity=D(quantity),
            quantity_received=D(received[0]) if received else D(0),
            unit_cost=D(1),
            expected_date=day(offset),
        )


async def work_order(
    number: str,
    product: Product,
    quantity: str,
    start: int,
    due: int,
    *,
    completed: str = "0",
    status: WorkOrderStatus = WorkOrderStatus.RELEASED,
) -> None:
    await WorkOrder.create(
        number=number,
        product_id=product.id,
        quantity=D(quantity),
        quantity_completed=D(completed),
        start_date=day(start),
        due_date=day(due),
        status=status,
    )


async def sales_order(
    customer: Account,
    number: str,
    lines: Sequence[tuple[Product, str] | tuple[Product, str, str]],
    *,
    requested: int | None,
    status: OrderStatus = OrderStatus.CONFIRMED,
) -> None:
    """Lines are (product, quantity) or (product, quantity, quantity shipped)."""
    order = await SalesOrder.create(
        number=number,
        account_id=customer.id,
        status=status,
        requested_date=None if requested is None else day(requested),
        currency="USD",
    )
    for position, (product, quantity, *shipped) in enumerate(lines, start=1):
        await SalesOrderLine.create(
            order_id=order.id,
            position=position,
            product_id=product.id,
            quantity=D(quantity),
            quantity_shipped=D(shipped[0]) if shipped else D(0),
            unit_price=D(10),
        )


async def bom(
    parent: Product, lines: Sequence[tuple[Product, str, str]], *, phantom: bool = False
) -> None:
    await set_bom(
        parent.id,
        [BomLineDraft(component.id, D(per), D(scrap)) for component, per, scrap in lines],
        phantom=phantom,
    )
