"""Factories of the billing tests: customers, products, and orders confirmed and shipped
through the orders area's own use cases."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account
from domain.catalog.models import Product, ProductKind
from domain.catalog.services import create_product
from domain.inventory.services import adjust_stock, default_warehouse
from domain.orders.models import InvoicePolicy, SalesOrder, SalesOrderLine
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)

D = Decimal


class Billing:
    """Builds the data a billing test starts from, in as few words as the test needs."""

    def __init__(self) -> None:
        self._products = 0

    async def customer(
        self, name: str = "Acme", *, terms: int = 30, credit_limit: str | None = None
    ) -> Account:
        fields: dict[str, Any] = {"name": name, "payment_terms_days": terms}
        if credit_limit is not None:
            fields["credit_limit"] = D(credit_limit)
        return await create_account(fields)

    async def product(
        self,
        price: str,
        tax_rate: str = "0",
        *,
        stocked: bool = False,
        cost: str = "0",
        on_hand: str | None = None,
    ) -> Product:
        self._products += 1
        product = await create_product(
            {
                "sku": f"SKU-{self._products:03d}",
                "name": f"Product {self._products}",
                "kind": ProductKind.STOCKED if stocked else ProductKind.SERVICE,
                "list_price": D(price),
                "standard_cost": D(cost),
                "tax_rate": D(tax_rate),
            }
        )
        if on_hand is not None:
            warehouse = await default_warehouse()
            await adjust_stock(
                product_id=product.id,
                warehouse_id=warehouse.id,
                quantity=D(on_hand),
                reason="Opening stock",
            )
        return product

    async def order(
        self,
        account: Account,
        lines: Sequence[tuple[Any, ...]],
        *,
        policy: InvoicePolicy = InvoicePolicy.ON_DELIVERY,
        confirm: bool = True,
    ) -> SalesOrder:
        """Lines are (product, quantity[, discount percent[, unit price]]): the product's list
        price and tax rate unless given."""
        drafts = [
            OrderLineDraft(
                product_id=line[0].id,
                quantity=D(line[1]),
                discount_percent=D(line[2]) if len(line) > 2 else D(0),
                unit_price=D(line[3]) if len(line) > 3 else None,
            )
            for line in lines
        ]
        order = await create_sales_order(account.id, drafts, invoice_policy=policy)
        if confirm:
            order = await confirm_sales_order(order.id)
        return order

    async def lines(self, order: SalesOrder) -> list[SalesOrderLine]:
        return list(await SalesOrderLine.filter(order_id=order.id).order_by("position", "id"))

    async def ship(self, order: SalesOrder, quantities: Sequence[str | None] | None = None) -> None:
        """Ships the given quantity per line (None: skip the line); everything by default."""
        lines = await self.lines(order)
        wanted = quantities or [None] * len(lines)
        drafts = [
            ShipLineDraft(line_id=line.id, quantity=D(qty) if qty else line.quantity)
            for line, qty in zip(lines, wanted, strict=True)
            if quantities is None or qty is not None
        ]
        warehouse = await default_warehouse()
        await ship_sales_order(order.id, warehouse.id, drafts)

    async def shipped_order(
        self, account: Account, product: Product, quantity: str = "1"
    ) -> SalesOrder:
        order = await self.order(account, [(product, quantity)])
        await self.ship(order)
        return order


@pytest.fixture
def billing(database: str) -> Billing:
    return Billing()
