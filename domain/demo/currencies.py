"""Demo multi-currency (§12): a Berlin customer billed in euros and paid after the rate moved
(a realized gain), a Japanese motor supplier billed and paid in yen (a realized loss)."""

from __future__ import annotations

from decimal import Decimal

from domain.accounts.services import create_account
from domain.billing.invoicing import run_invoicing
from domain.billing.payments import record_payment
from domain.currencies.services import set_exchange_rate
from domain.demo.context import DemoContext, day
from domain.orders.models import InvoicePolicy
from domain.orders.services import OrderLineDraft, confirm_sales_order, create_sales_order
from domain.payables.services import (
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)

# US dollars per unit, from the day on: the euro and the yen each moved once.
RATES = (
    ("EUR", -90, "1.0850"),
    ("EUR", -30, "1.0900"),
    ("JPY", -90, "0.0067"),
    ("JPY", -20, "0.0069"),
)
MOTORS = Decimal(10)
# The hub motor's price in yen: its 145.00 dollar cost at 0.0067, to the yen.
MOTOR_YEN = Decimal("21642")


async def seed_currencies(ctx: DemoContext) -> None:
    for currency, offset, rate in RATES:
        await set_exchange_rate(currency, day(offset), Decimal(rate))

    berlin = await create_account(
        {
            "name": "Velowerk Berlin GmbH",
            "industry": "Bicycle retail",
            "currency": "EUR",
            "payment_terms_days": 30,
            "billing_address": {"line1": "Kastanienallee 12", "city": "Berlin", "country": "DE"},
        }
    )
    order = await create_sales_order(
        berlin.id,
        [OrderLineDraft(ctx.product("SV-FLEET-ONBOARD"), Decimal(2), unit_price=Decimal("1100"))],
        invoice_policy=InvoicePolicy.ON_ORDER,
        customer_reference="VB-2026-77",
    )
    await confirm_sales_order(order.id)
    # 2 200.00 EUR at the 1.0850 of day −90; 1 000.00 paid at 1.0900: a gain on 7000.
    await run_invoicing(day(-40), [order.id])
    await record_payment(berlin.id, Decimal("1000.00"), day(-10), reference="SEPA 4471")

    kansai = await create_account(
        {
            "name": "Kansai Drive Systems KK",
            "industry": "Motor manufacturing",
            "currency": "JPY",
            "payment_terms_days": 45,
        }
    )
    ctx.suppliers["motors_jp"] = kansai.id
    purchase = await create_purchase_order(
        kansai.id, [PurchaseLineDraft(ctx.product("C-MOTOR-250"), MOTORS)]
    )
    line = await PurchaseOrderLine.get(order_id=purchase.id)
    await receive_purchase_order(purchase.id, [ReceiptLine(line.id, MOTORS)])
    # Billed in yen against a dollar order, matched in yen (145.00 USD at 0.0067 = 21 641.79
    # JPY); 216 420 JPY at 0.0067 = 1 450.01 USD, paid at 0.0069: a loss on 7000.
    bill = await create_vendor_bill(
        kansai.id, "KDS-80912", day(-25), [BillLineDraft(line.id, MOTORS, MOTOR_YEN)]
    )
    await post_vendor_bill(bill.id, approve_exceptions=True, may_approve=True)
    await record_supplier_payment(kansai.id, Decimal("216420"), day(-5), reference="Wire JP-88")
