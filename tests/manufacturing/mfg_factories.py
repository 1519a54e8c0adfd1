"""Factories for the manufacturing tests: stock, BOMs and sales orders (tests/factories.py has
the products and accounts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.inventory.services import default_warehouse, move_stock
from domain.manufacturing.services import BomLineDraft, set_bom
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine
from tests.factories import make_account_row

D = Decimal


async def put_stock(product: Product, quantity: str) -> None:
    warehouse = await default_warehouse()
    async with in_transaction():
        await move_stock(
            product_id=product.id,
            warehouse_id=warehouse.id,
            quantity=D(quantity),
            reason="Opening stock",
            source="ADJUSTMENT",
        )


async def make_bom(
    parent: Product, lines: Sequence[tuple[Product, str, str]], *, phantom: bool = False
) -> None:
    await set_bom(
        parent.id,
        [BomLineDraft(component.id, D(per), D(scrap)) for component, per, scrap in lines],
        phantom=phantom,
    )


async def make_sales_order(
    number: str,
    lines: Sequence[tuple[Product, str] | tuple[Product, str, str]],
    *,
    requested_date: date | None,
    status: OrderStatus = OrderStatus.CONFIRMED,
    account: Account | None = None,
) -> SalesOrder:
    """Lines are (product, quantity) or (product, quantity, quantity shipped)."""
    account = account or await make_account_row("Customer " + number)
    order = await SalesOrder.create(
        number=number,
        account_id=account.id,
        status=status,
        requested_date=requested_date,
        currency="USD",
    )
    for position, (product, quantity, *shipped) in enumerate(lines, start=1):
        await SalesOrderLine.create(
            order_id=order.id,
            position=position,
            product_id=product.id,
            quantity=D(quantity),
            unit_price=D("10"),
            quantity_shipped=D(shipped[0]) if shipped else D(0),
        )
    return order
