"""Standard costing through the use cases (§5.3): each kind of stock move posts its rule, and
1300 equals the stock at standard cost after every one of them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.catalog.models import Product
from domain.catalog.services import update_product
from domain.inventory.services import OPENING_REASON, adjust_stock, default_warehouse
from domain.ledger.models import JournalLine
from domain.manufacturing.services import (
    BomLineDraft,
    complete_work_order,
    create_work_order,
    set_bom,
)
from domain.orders.models import SalesOrderLine
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)
from tests.factories import make_account, make_account_row, make_item
from tests.ledger.books import assert_books_balance, balances, inventory_at_standard

pytestmark = pytest.mark.usefixtures("database")

D = Decimal
Z = D("0")


async def last_entry(source: str) -> list[tuple[str, Decimal, Decimal]]:
    lines = await JournalLine.filter(entry__source=source).order_by("-entry_id", "id")
    entry_id = lines[0].entry_id
    rows = (
        await JournalLine.filter(entry_id=entry_id)
        .order_by("id")
        .values_list("ledger_account__code", "debit", "credit")
    )
    return [(code, D(debit), D(credit)) for code, debit, credit in rows]


async def adjust(product: Product, quantity: str, reason: str) -> None:
    main = await default_warehouse()
    await adjust_stock(
        product_id=product.id, warehouse_id=main.id, quantity=D(quantity), reason=reason
    )


async def test_every_stock_move_posts_its_rule_and_keeps_inventory_at_standard() -> None:
    cell = await make_item("CELL", standard_cost="2.50")
    case = await make_item("CASE", standard_cost="10.00")
    battery = await make_item("BATTERY", "MAKE", standard_cost="40.00")
    await set_bom(
        battery.id,
        [BomLineDraft(cell.id, D("12")), BomLineDraft(case.id, D("1"), D("5"))],
    )

    await adjust(cell, "100", OPENING_REASON)  # 100 x 2.50, equity not cost of goods sold
    assert await last_entry("STOCK_ADJUSTMENT") == [
        ("1300", D("250.00"), Z),
        ("3900", Z, D("250.00")),
    ]
    await assert_books_balance()

    supplier = await make_account_row()
    order = await create_purchase_order(supplier.id, [PurchaseLineDraft(case.id, D("10"), D("11"))])
    line = (await order.lines.all())[0]
    await receive_purchase_order(order.id, [ReceiptLine(line.id, D("10"))])
    # 10 x 10.00 at standard, 10 x 11.00 owed until billed, 10.00 paid over standard.
    assert await last_entry("PO_RECEIPT") == [
        ("1300", D("100.00"), Z),
        ("2050", Z, D("110.00")),
        ("5200", D("10.00"), Z),
    ]
    await assert_books_balance()

    work_order = await create_work_order(battery.id, D("5"))
    await complete_work_order(work_order.id, D("5"))
    # 5 x 40.00 made from 60 cells (150.00) and 5 x 1.05 = 5.25 cases (52.50).
    assert await last_entry("WORK_ORDER") == [
        ("1300", D("200.00"), Z),
        ("1300", Z, D("202.50")),
        ("5300", D("2.50"), Z),
    ]
    await assert_books_balance()

    await adjust(case, "-1", "Damaged")
    assert await last_entry("STOCK_ADJUSTMENT") == [
        ("1300", Z, D("10.00")),
        ("5100", D("10.00"), Z),
    ]
    await assert_books_balance()

    customer = await make_account("Rider Co")
    sale = await create_sales_order(customer.id, [OrderLineDraft(battery.id, D("2"), D("99"))])
    await confirm_sales_order(sale.id)
    sale_line = await SalesOrderLine.get(order_id=sale.id)
    await ship_sales_order(
        sale.id, (await default_warehouse()).id, [ShipLineDraft(sale_line.id, D("2"))]
    )
    assert await last_entry("SHIPMENT") == [("5000", D("80.00"), Z), ("1300", Z, D("80.00"))]
    await assert_books_balance()

    await update_product(cell.id, {"standard_cost": D("2.75")})  # 40 cells left, +0.25 each
    assert await last_entry("REVALUATION") == [("1300", D("10.00"), Z), ("5400", Z, D("10.00"))]
    await assert_books_balance()

    # 40 x 2.75 + 3.75 x 10.00 + 3 x 40.00
    assert await inventory_at_standard() == D("267.50")
    books = await balances()
    assert books["1300"] == D("267.50")
    assert books["5300"] == D("2.50")


async def test_a_po_priced_above_standard_books_the_difference_as_price_variance() -> None:
    # The example: bought at 40 a product whose standard cost is 30.
    product = await make_item("MOTOR", standard_cost="30")
    supplier = await make_account_row()
    order = await create_purchase_order(
        supplier.id, [PurchaseLineDraft(product.id, D("3"), D("40"))]
    )
    line = (await order.lines.all())[0]
    await receive_purchase_order(order.id, [ReceiptLine(line.id, D("3"))])
    assert await last_entry("PO_RECEIPT") == [
        ("1300", D("90.00"), Z),
        ("2050", Z, D("120.00")),
        ("5200", D("30.00"), Z),
    ]
    await assert_books_balance()


async def test_fractional_costs_keep_inventory_exact_move_by_move() -> None:
    resistor = await make_item("RES-10K", standard_cost="0.0042")
    for _ in range(3):
        await adjust(resistor, "1", "Found")
        await assert_books_balance()
    assert (await balances())["1300"] == D("0.01")  # 3 x 0.0042 = 0.0126
    await update_product(resistor.id, {"standard_cost": D("0.0051")})  # 0.0153 -> 0.02
    await assert_books_balance()
    await adjust(resistor, "-3", "Lost")
    await assert_books_balance()
    assert (await balances())["1300"] == Z


async def test_a_standard_cost_change_without_stock_posts_nothing() -> None:
    product = await make_item("IDLE", standard_cost="5")
    await update_product(product.id, {"standard_cost": D("6")})
    assert not await JournalLine.filter(entry__source="REVALUATION").exists()
