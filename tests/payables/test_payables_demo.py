"""The demo's payables (§10): one supplier billed, matched and paid; one bill held back by a
price exception for finance to approve."""

from __future__ import annotations

from decimal import Decimal

from domain.demo import seed_demo
from domain.payables.models import MatchStatus, SupplierPayment, VendorBill, VendorBillStatus


async def test_demo_has_a_paid_matched_bill_and_a_draft_with_a_price_exception(
    database: str,
) -> None:
    await seed_demo()

    # The dollar suppliers' bills (the yen supplier's is the multi-currency tests', §12).
    paid, held = await VendorBill.filter(currency="USD").order_by("id")
    assert (paid.status, paid.match_status, paid.amount_due) == (
        VendorBillStatus.PAID,
        MatchStatus.MATCHED,
        Decimal("0.00"),
    )
    [payment] = await SupplierPayment.filter(currency="USD")
    assert payment.amount == paid.total
    assert (held.status, held.match_status) == (VendorBillStatus.DRAFT, MatchStatus.EXCEPTION)
    assert [(e["position"], e["kind"]) for e in held.match_exceptions] == [(1, "PRICE")]
    assert held.currency == paid.currency == "USD"
