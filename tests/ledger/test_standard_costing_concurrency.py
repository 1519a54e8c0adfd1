"""Races on PostgreSQL: stock moves of one product in two warehouses and a standard cost
change at the same time still leave 1300 = stock at standard cost (§5.3), and a receipt and
a bill of one purchase order line leave 2050 = received not billed (§10)."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

from domain.catalog.services import update_product
from domain.inventory.services import adjust_stock, create_warehouse, default_warehouse
from domain.payables.services import BillLineDraft, create_vendor_bill, post_vendor_bill
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)
from tests.factories import make_account, make_item
from tests.ledger.books import assert_books_balance, balances

D = Decimal


async def test_moves_in_two_warehouses_and_a_cost_change_racing_keep_inventory_exact(
    postgres_only: None,
) -> None:
    resistor = await make_item("RES-10K", standard_cost="0.0042")
    main = await default_warehouse()
    annex = await create_warehouse("ANNEX", "Annex")

    async def add(warehouse_id: int) -> None:
        for _ in range(5):
            await adjust_stock(
                product_id=resistor.id, warehouse_id=warehouse_id, quantity=D("1"), reason="Found"
            )

    await asyncio.gather(
        add(main.id),
        add(annex.id),
        update_product(resistor.id, {"standard_cost": D("0.0051")}),
    )

    await assert_books_balance()
    # Whenever the change landed, 10 resistors end at 0.0051: 0.051 -> 0.05.
    assert (await balances())["1300"] == D("0.05")


async def test_a_receipt_and_a_bill_of_one_po_line_racing_keep_2050_exact(
    postgres_only: None,
) -> None:
    resistor = await make_item("RES-22K", standard_cost="0.0042")
    supplier = await make_account("Parts Ltd", payment_terms_days=30)
    order = await create_purchase_order(
        supplier.id, [PurchaseLineDraft(resistor.id, D("20"), D("0.005"))]
    )
    line = await PurchaseOrderLine.get(order_id=order.id)
    await receive_purchase_order(order.id, [ReceiptLine(line.id, D("1"))])
    bill = await create_vendor_bill(
        supplier.id, "P-1", date(2026, 3, 2), [BillLineDraft(line.id, D("1"))]
    )

    await asyncio.gather(
        receive_purchase_order(order.id, [ReceiptLine(line.id, D("1"))]),
        post_vendor_bill(bill.id),
    )

    await assert_books_balance()
    # 2 received, 1 billed at 0.005: 0.01 left in 2050. Each side computing its change from
    # what it saw before the other committed would leave 0.01 - 0.01 + 0.00 = 0.00.
    assert (await balances())["2050"] == D("-0.01")
