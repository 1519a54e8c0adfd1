"""Demo stock: an opening count, purchase orders (most received) and work orders."""

from __future__ import annotations

from decimal import Decimal

from domain.demo.context import DemoContext, day
from domain.inventory.services import OPENING_REASON, adjust_stock, default_warehouse
from domain.manufacturing.services import complete_work_order, create_work_order
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)

OPENING_COUNT = {
    "C-CELL-21700": 3000, "C-BMS-48V": 40, "C-CASE-BAT": 40, "C-MOTOR-250": 30,
    "C-MOTOR-750": 20, "C-CTRL-48V": 60, "C-DISPLAY": 60, "C-TUBE-ALU": 45, "C-TUBE-STEEL": 15,
    "C-RIM-27": 100, "C-RIM-20": 60, "C-SPOKES": 200, "C-HUB-REAR": 30, "C-TIRE-27": 100,
    "C-TIRE-20": 60, "C-BRAKE-HYD": 60, "C-CHAIN": 80, "C-SADDLE": 60, "C-HANDLEBAR": 60,
    "C-GRIPS": 80, "A-HELMET": 40, "A-LOCK": 40, "A-PANNIER": 20, "FG-CITY": 40,
    "FG-CITY-PLUS": 30, "FG-TREK": 25, "FG-FOLD": 25, "FG-CARGO": 3, "FG-TRIKE": 6,
}  # fmt: skip
CORRECTIONS = (
    ("C-TIRE-27", -3, "Damaged in storage"),
    ("A-HELMET", -1, "Kept as a showroom sample"),
    ("C-CHAIN", 5, "Cycle count correction"),
)
# (supplier, [(sku, quantity, received)], expected in days from the anchor): received
# quantities below the ordered ones leave the order OPEN.
PURCHASES = (
    ("cells", [("C-CELL-21700", 2000, 2000), ("C-BMS-48V", 40, 40), ("C-CASE-BAT", 40, 40)], -40),
    ("drive", [("C-MOTOR-750", 20, 20), ("C-CTRL-48V", 20, 20)], -35),
    ("wheels", [("C-RIM-27", 40, 40), ("C-TIRE-27", 40, 40)], -30),
    ("parts", [("C-BRAKE-HYD", 40, 40), ("C-CHAIN", 50, 50)], -28),
    ("accessories", [("A-HELMET", 48, 48), ("A-LOCK", 48, 48), ("A-PANNIER", 24, 24)], -21),
    ("wheels", [("C-RIM-20", 40, 40), ("C-SPOKES", 100, 100), ("C-TIRE-20", 40, 40)], -18),
    ("frames", [("C-TUBE-ALU", 20, 20), ("C-TUBE-STEEL", 10, 5)], -10),
    ("drive", [("C-MOTOR-250", 20, 0), ("C-DISPLAY", 20, 0)], 14),
    ("cells", [("C-CELL-21700", 1000, 0)], 21),
    ("parts", [("C-SADDLE", 25, 0), ("C-HANDLEBAR", 25, 0), ("C-GRIPS", 50, 0)], 10),
)  # fmt: skip
# (sku, quantity, completed, start in days from the anchor): subassemblies before the
# finished goods that consume them; the last ones stay RELEASED for MRP to see.
WORK_ORDERS = (
    ("S-BAT-48V", 60, 60, -25),
    ("S-FRAME-CITY", 40, 40, -25),
    ("S-FRAME-CARGO", 12, 12, -24),
    ("S-WHEEL-27", 100, 80, -24),
    ("S-WHEEL-20", 50, 50, -23),
    ("S-DRIVE-HUB", 25, 25, -23),
    ("S-DRIVE-MID", 30, 30, -22),
    ("FG-CITY", 12, 12, -18),
    ("FG-CITY-PLUS", 10, 10, -18),
    ("FG-CARGO", 6, 6, -16),
    ("FG-TREK", 8, 8, -15),
    ("FG-FOLD", 8, 8, -15),
    ("S-BAT-48V", 40, 0, 5),
    ("FG-CARGO", 10, 0, 8),
    ("FG-TRIKE", 4, 0, 12),
)


async def seed_stock(ctx: DemoContext) -> None:
    main = await default_warehouse()
    for sku, quantity in OPENING_COUNT.items():
        await adjust_stock(
            product_id=ctx.product(sku),
            warehouse_id=main.id,
            quantity=Decimal(quantity),
            reason=OPENING_REASON,  # posted against 3900 Opening Balance Equity
        )
    for sku, quantity, reason in CORRECTIONS:
        await adjust_stock(
            product_id=ctx.product(sku),
            warehouse_id=main.id,
            quantity=Decimal(quantity),
            reason=reason,
        )
    for supplier, lines, expected in PURCHASES:
        order = await create_purchase_order(
            ctx.suppliers[supplier],
            [
                PurchaseLineDraft(ctx.product(sku), Decimal(quantity), expected_date=day(expected))
                for sku, quantity, _ in lines
            ],
        )
        stored = await PurchaseOrderLine.filter(order_id=order.id).order_by("position")
        receipts = [
            ReceiptLine(line.id, Decimal(received))
            for line, (_, _, received) in zip(stored, lines, strict=True)
            if received
        ]
        if receipts:
            await receive_purchase_order(order.id, receipts)
    for sku, quantity, completed, start in WORK_ORDERS:
        product_id = ctx.product(sku)
        work_order = await create_work_order(product_id, Decimal(quantity), start_date=day(start))
        if completed:
            await complete_work_order(work_order.id, Decimal(completed))
