"""The demo's foreign-currency documents (§12): a EUR customer paid after the euro rose, a JPY
supplier paid after the yen rose."""

from __future__ import annotations

from decimal import Decimal

from domain.billing.models import Invoice, Payment
from domain.demo import seed_demo
from domain.ledger.services import trial_balance
from domain.payables.models import SupplierPayment, VendorBill, VendorBillStatus
from tests.currencies.conftest import entry_lines

D = Decimal


async def test_the_demo_books_a_eur_customer_and_a_jpy_supplier(database: str) -> None:
    await seed_demo()
    [invoice] = await Invoice.filter(currency="EUR")
    # 2 × 1100.00 EUR, no tax, at 1.0850 (the rate of day −90; the 1.0900 of day −30 is later).
    assert (invoice.total, invoice.exchange_rate, invoice.amount_due) == (
        D("2200.00"),
        D("1.085"),
        D("1200.00"),
    )
    [payment] = await Payment.filter(currency="EUR")
    # 1000.00 × 1.09 = 1090.00 in; 1200 gives up round(2200 × 1.085) − round(1200 × 1.085) =
    # 2387.00 − 1302.00 = 1085.00; the gain of 5.00 on 7000.
    assert await entry_lines(payment.journal_entry_id) == [
        ("1000", "1090.00", "0.00", "EUR", "1000.00", "1.09"),
        ("1200", "0.00", "1085.00", "EUR", "1000.00", "1.085"),
        ("7000", "0.00", "5.00", "USD", "5.00", "1"),
    ]
    [bill] = await VendorBill.filter(currency="JPY")
    assert (bill.status, bill.total, bill.exchange_rate) == (
        VendorBillStatus.PAID,
        D("216420.00"),
        D("0.0067"),
    )
    # 10 motors × 21642 JPY = 216420 JPY × 0.0067 = 1450.014 → 1450.01 on 2000; 2050 cleared at
    # the 10 × 145.00 USD the receipt booked; 5200 the 0.01 between.
    assert await entry_lines(bill.journal_entry_id) == [
        ("2050", "1450.00", "0.00", "USD", "1450.00", "1"),
        ("5200", "0.01", "0.00", "USD", "0.01", "1"),
        ("2000", "0.00", "1450.01", "JPY", "216420.00", "0.0067"),
    ]
    [paid] = await SupplierPayment.filter(currency="JPY")
    # 216420 × 0.0069 = 1493.298 → 1493.30 out; 2000 cleared at its 1450.01; a loss of 43.29.
    assert await entry_lines(paid.journal_entry_id) == [
        ("2000", "1450.01", "0.00", "JPY", "216420.00", "0.0067"),
        ("1000", "0.00", "1493.30", "JPY", "216420.00", "0.0069"),
        ("7000", "43.29", "0.00", "USD", "43.29", "1"),
    ]
    books = {row.ledger_account.code: row for row in await trial_balance()}
    assert (books["7000"].debit, books["7000"].credit) == (D("43.29"), D("5.00"))
