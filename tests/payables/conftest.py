"""A supplier with a received purchase order, the starting point of every payables test."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)
from tests.factories import make_item


@dataclass
class Received:
    supplier: Account
    bolt: Product
    order: PurchaseOrder
    line: PurchaseOrderLine


async def received_order(
    quantity: str = "10", unit_cost: str = "40.00", received: str = "10", name: str = "Bolt & Nut"
) -> Received:
    """A PO of BOLT (standard cost 30.00) at `unit_cost`, `received` of it received."""
    supplier = await Account.create(name=name, currency="USD", payment_terms_days=30)
    bolt = await Product.get_or_none(sku="BOLT") or await make_item("BOLT", standard_cost="30")
    order = await create_purchase_order(
        supplier.id, [PurchaseLineDraft(bolt.id, Decimal(quantity), Decimal(unit_cost))]
    )
    line = await PurchaseOrderLine.get(order_id=order.id)
    if Decimal(received):
        await receive_purchase_order(order.id, [ReceiptLine(line.id, Decimal(received))])
    await line.refresh_from_db()
    return Received(supplier, bolt, order, line)


@pytest.fixture
async def received(database: str) -> Received:
    return await received_order()
