"""Races on PostgreSQL (§10): a bill posted twice at once posts once, two payments over one
bill never pay it beyond its total, two bills of one PO line never bill more than arrived."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

from domain.errors import DomainError, ErrorCode
from domain.ledger.models import JournalEntry
from domain.outbox.models import Event
from domain.payables.models import SupplierPayment, VendorBill, VendorBillStatus
from domain.payables.services import (
    BillAllocationDraft,
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from tests.payables.conftest import Received

D = Decimal


async def draft(received: Received, reference: str, quantity: str) -> VendorBill:
    return await create_vendor_bill(
        received.supplier.id,
        reference,
        date(2026, 3, 1),
        [BillLineDraft(received.line.id, D(quantity))],
    )


async def test_two_posts_of_one_bill_at_once_post_it_once(postgres_only, received):
    bill = await draft(received, "INV-1", "6")

    outcomes = await asyncio.gather(
        post_vendor_bill(bill.id), post_vendor_bill(bill.id), return_exceptions=True
    )

    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert [r.code for r in refusals] == [ErrorCode.ALREADY_PROCESSED]
    assert await JournalEntry.filter(source="VENDOR_BILL").count() == 1
    assert await Event.filter(type="vendor_bill.posted").count() == 1


async def test_two_bills_of_one_po_line_at_once_never_bill_more_than_arrived(
    postgres_only, received
):
    first, second = await draft(received, "INV-1", "6"), await draft(received, "INV-2", "6")

    outcomes = await asyncio.gather(
        post_vendor_bill(first.id), post_vendor_bill(second.id), return_exceptions=True
    )

    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert [r.code for r in refusals] == [ErrorCode.MATCH_EXCEPTION]
    assert await VendorBill.filter(status=VendorBillStatus.POSTED).count() == 1


async def test_two_payments_racing_over_one_bill_never_overpay_it(postgres_only, received):
    bill = await post_vendor_bill((await draft(received, "INV-1", "10")).id)  # 400.00

    outcomes = await asyncio.gather(
        record_supplier_payment(
            received.supplier.id,
            D("300"),
            date(2026, 3, 10),
            allocations=[BillAllocationDraft(bill.id, D("300"))],
        ),
        record_supplier_payment(received.supplier.id, D("300"), date(2026, 3, 10)),
        return_exceptions=True,
    )

    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert [r.code for r in refusals] == [ErrorCode.INVALID]
    await bill.refresh_from_db()
    assert (bill.amount_paid, bill.amount_due, bill.status) == (
        D("300.00"),
        D("100.00"),
        VendorBillStatus.PARTIALLY_PAID,
    )
    assert await SupplierPayment.all().count() == 1
