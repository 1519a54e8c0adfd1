"""Factories for the purchasing tests: products, suppliers and stock reads."""

from __future__ import annotations

from decimal import Decimal

from api.relay import encode_id
from domain.accounts.models import Account
from domain.catalog.models import Procurement, Product, ProductKind
from domain.inventory.models import StockLevel


async def make_product(
    sku: str, *, standard_cost: str = "0", lead_time_days: int = 0, kind: str = "STOCKED"
) -> Product:
    return await Product.create(
        sku=sku,
        name=sku.title(),
        kind=ProductKind(kind),
        procurement=Procurement.BUY,
        standard_cost=Decimal(standard_cost),
        lead_time_days=lead_time_days,
    )


async def make_supplier(name: str = "Acme Supplies") -> Account:
    return await Account.create(name=name, currency="USD")


async def on_hand(product: Product) -> Decimal:
    levels = await StockLevel.filter(product_id=product.id)
    return sum((Decimal(level.on_hand) for level in levels), Decimal(0))


def gid(type_name: str, pk: int) -> str:
    return encode_id(type_name, pk)
