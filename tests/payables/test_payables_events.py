"""The payables events (§8, §10) carry their objects in the API's own shape."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.global_ids import global_id
from domain.payables.services import (
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from tests.events.test_event_payload_shape import assert_api_shape, usd
from tests.payables.conftest import Received

pytestmark = pytest.mark.usefixtures("database")

D = Decimal


async def test_bill_and_payment_events_carry_money_in_the_bill_currency(
    gql: Any, received: Received
) -> None:
    bill = await create_vendor_bill(
        received.supplier.id,
        "INV-889",
        date(2026, 3, 1),
        [BillLineDraft(received.line.id, D("6"), D("40.5"), D("10"))],
    )
    await post_vendor_bill(bill.id)
    posted = await assert_api_shape(gql, "vendor_bill.posted", previousStatus="DRAFT")
    assert (posted["number"], posted["status"], posted["total"], posted["supplierId"]) == (
        "BILL-2026-000001",
        "POSTED",
        usd("267.30"),
        global_id("Account", received.supplier.id),
    )

    await record_supplier_payment(received.supplier.id, D("267.30"), date(2026, 3, 20), "T-1")
    made = await assert_api_shape(gql, "supplier_payment.made")
    assert made["allocations"] == [{"vendorBillId": posted["id"], "amount": usd("267.30")}]
    paid = await assert_api_shape(gql, "vendor_bill.paid", previousStatus="POSTED")
    assert (paid["status"], paid["amountDue"]) == ("PAID", usd("0.00"))
