"""Factories for the manufacturing tests: products, stock, BOMs, accounts, sales orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from api.relay import encode_id
from domain.accounts.models import Account
from domain.catalog.models import Procurement, Product, ProductKind
from domain.inventory.services import default_warehouse, move_stock
from domain.manufacturing.services import BomLineDraft, set_bom
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine

D = Decimal


async def make_product(
    sku: str,
    procurement: str = "BUY",
    *,
    kind: str = "STOCKED",
    lead_time_days: int = 0,
    safety_stock: str = "0",
    min_order_quantity: str = "0",
    order_multiple: str = "0",
    standard_cost: str = "0",
) -> Product:
    return await Product.create(
        sku=sku,
        name=sku.title(),
        kind=ProductKind(kind),
        procurement=Procurement(procurement),
        lead_time_days=lead_time_days,
        safety_stock=D(safety_stock),
        min_order_quantity=D(min_order_quantity),
        order_multiple=D(order_multiple),
        standard_cost=D(standard_cost),
    )


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


async def on_hand(product: Product) -> Decimal:
    from domain.inventory.models import StockLevel

    levels = await StockLevel.filter(product_id=product.id)
    return sum((D(level.on_hand) for level in levels), D(0))


async def make_bom(
    parent: Product, lines: Sequence[tuple[Product, str, str]], *, phantom: bool = False
) -> None:
    await set_bom(
        parent.id,
        [BomLineDraft(component.id, D(per), D(scrap)) for component, per, scrap in lines],
        phantom=phantom,
    )


async def make_account(name: str = "Acme Supplies") -> Account:
    return await Account.create(name=name, currency="USD")


async def make_sales_order(
    number: str,
    lines: Sequence[tuple[Product, str] | tuple[Product, str, str]],
    *,
    requested_date: date | None,
    status: OrderStatus = OrderStatus.CONFIRMED,
    account: Account | None = None,
) -> SalesOrder:
    """Lines are (product, quantity) or (product, quantity, quantity shipped)."""
    account = account or await make_account("Customer " + number)
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


def gid(type_name: str, pk: int) -> str:
    return encode_id(type_name, pk)
