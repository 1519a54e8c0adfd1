"""Demo payables: the battery cells' supplier billed and paid, the wheels' bill held back by
a price exception awaiting finance's approval (§10)."""

from __future__ import annotations

from decimal import Decimal

from domain.demo.context import DemoContext, day
from domain.payables.services import (
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine

INPUT_TAX_PERCENT = Decimal("8.875")
# The wheels supplier billed rims 15 % over the order: more than the 2 % tolerated.
PRICE_RISE = Decimal("1.15")


async def _received_lines(supplier_id: int) -> list[PurchaseOrderLine]:
    """The lines of the supplier's first purchase order (a received one in the demo)."""
    order = await PurchaseOrder.filter(supplier_id=supplier_id).order_by("id").first()
    assert order is not None
    return list(await PurchaseOrderLine.filter(order_id=order.id).order_by("position"))


async def seed_payables(ctx: DemoContext) -> None:
    cells = ctx.suppliers["cells"]
    matched = await create_vendor_bill(
        cells,
        "VBS-24117",
        day(-36),
        [
            BillLineDraft(line.id, Decimal(line.quantity_received), tax_rate=INPUT_TAX_PERCENT)
            for line in await _received_lines(cells)
        ],
    )
    await post_vendor_bill(matched.id)
    await record_supplier_payment(cells, matched.total, day(-8), reference="Wire 2026-1102")

    wheels = ctx.suppliers["wheels"]
    await create_vendor_bill(
        wheels,
        "SPK-5531",
        day(-27),
        [
            BillLineDraft(
                line.id,
                Decimal(line.quantity_received),
                unit_cost=(Decimal(line.unit_cost) * PRICE_RISE).quantize(Decimal("0.0001"))
                if index == 0
                else None,
            )
            for index, line in enumerate(await _received_lines(wheels))
        ],
    )
