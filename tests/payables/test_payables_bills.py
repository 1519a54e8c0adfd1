"""Vendor bills and supplier payments through the API (§10): match, post, pay, age, with the
postings computed by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.ledger.models import JournalLine
from domain.payables.models import SupplierPayment, VendorBill
from domain.purchasing.models import PurchaseOrderLine
from tests.factories import gid
from tests.payables.conftest import Received, received_order

D = Decimal

CREATE = """
mutation($input: VendorBillCreateInput!) {
  vendorBillCreate(input: $input) {
    vendorBill {
      id number status supplierReference billDate dueDate currency matchStatus
      matchExceptions { position kind message }
      supplier { name }
      lines { position quantity unitCost { amount } taxRate netAmount { amount }
              taxAmount { amount } purchaseOrderLine { id } product { sku } }
      subtotal { amount } taxTotal { amount } total { amount currency }
      amountPaid { amount } amountDue { amount } journalEntry { id }
    }
    errors { field code message }
  }
}
"""
POST = """
mutation($input: VendorBillPostInput!) {
  vendorBillPost(input: $input) {
    vendorBill { number status matchStatus exceptionsApproved amountDue { amount }
                 journalEntry { number source date } }
    errors { field code message }
  }
}
"""
PAY = """
mutation($input: SupplierPaymentRecordInput!) {
  supplierPaymentRecord(input: $input) {
    supplierPayment { number date amount { amount currency } supplier { name }
                      allocations { amount { amount } vendorBill { number status } } }
    errors { field code message }
  }
}
"""


def line_input(received: Received, quantity: str, unit_cost: str, tax_rate: str = "0") -> dict:
    return {
        "purchaseOrderLineId": gid("PurchaseOrderLine", received.line.id),
        "quantity": quantity,
        "unitCost": unit_cost,
        "taxRate": tax_rate,
    }


async def create_bill(
    gql: Any, received: Received, reference: str, bill_date: str, *lines: dict, role: str = "ADMIN"
) -> dict[str, Any]:
    result = await gql(
        CREATE,
        {
            "input": {
                "supplierId": gid("Account", received.supplier.id),
                "supplierReference": reference,
                "billDate": bill_date,
                "lines": list(lines),
            }
        },
        role=role,
    )
    return result["data"]["vendorBillCreate"]  # type: ignore[no-any-return]


async def post_bill(gql: Any, bill_id: str, role: str = "ADMIN", approve: bool = False) -> Any:
    result = await gql(POST, {"input": {"id": bill_id, "approveExceptions": approve}}, role=role)
    return result["data"]["vendorBillPost"]


async def postings(reference: str) -> list[tuple[str, Decimal, Decimal, int | None]]:
    rows = (
        await JournalLine.filter(entry__reference=reference)
        .order_by("id")
        .values_list("ledger_account__code", "debit", "credit", "account_id")
    )
    return [(code, D(debit), D(credit), account) for code, debit, credit, account in rows]


async def ledger_balance(code: str) -> Decimal:
    rows = await JournalLine.filter(ledger_account__code=code).values_list("debit", "credit")
    return sum((D(debit) - D(credit) for debit, credit in rows), D(0))


async def test_a_matched_bill_is_a_draft_due_after_the_supplier_terms(
    gql: Any, received: Received
) -> None:
    created = await create_bill(
        gql, received, "INV-889", "2026-03-01", line_input(received, "6", "40.5", "10")
    )
    assert created["errors"] == []
    bill = created["vendorBill"]
    assert (bill["number"], bill["status"], bill["matchStatus"]) == (
        "BILL-2026-000001",
        "DRAFT",
        "MATCHED",
    )
    assert (bill["dueDate"], bill["currency"], bill["supplier"]) == (
        "2026-03-31",
        "USD",
        {"name": "Bolt & Nut"},
    )
    # 6 × 40.50 = 243.00; 10 % tax = 24.30. |40.50 − 40.00| × 6 = 3.00 ≤ max(1.00, 4.80).
    assert bill["lines"] == [
        {"position": 1, "quantity": "6", "unitCost": {"amount": "40.50"}, "taxRate": "10",
         "netAmount": {"amount": "243.00"}, "taxAmount": {"amount": "24.30"},
         "purchaseOrderLine": {"id": gid("PurchaseOrderLine", received.line.id)},
         "product": {"sku": "BOLT"}},
    ]  # fmt: skip
    assert (bill["subtotal"], bill["taxTotal"], bill["total"]) == (
        {"amount": "243.00"},
        {"amount": "24.30"},
        {"amount": "267.30", "currency": "USD"},
    )
    assert (bill["amountDue"], bill["matchExceptions"], bill["journalEntry"]) == (
        {"amount": "267.30"},
        [],
        None,
    )


async def test_posting_clears_goods_received_at_the_po_cost_with_the_price_difference(
    gql: Any, received: Received
) -> None:
    bill = (
        await create_bill(
            gql, received, "INV-889", "2026-03-01", line_input(received, "6", "40.5", "10")
        )
    )["vendorBill"]
    posted = await post_bill(gql, bill["id"], role="OPERATIONS")
    assert posted["errors"] == []
    assert posted["vendorBill"]["status"] == "POSTED"
    assert posted["vendorBill"]["journalEntry"]["source"] == "VENDOR_BILL"
    assert posted["vendorBill"]["journalEntry"]["date"] == "2026-03-01"
    supplier = received.supplier.id
    assert await postings("BILL-2026-000001") == [
        ("2050", D("240.00"), D("0.00"), None),  # 6 × 40.00 ordered
        ("5200", D("3.00"), D("0.00"), None),  # 243.00 billed − 240.00
        ("1400", D("24.30"), D("0.00"), None),
        ("2000", D("0.00"), D("267.30"), supplier),
    ]
    # The receipt credited 10 × 40.00 to 2050; 4 received are still unbilled: 4 × 40.00.
    assert await ledger_balance("2050") == D("-160.00")
    account = await gql(
        "query($id: ID!) { account(id: $id) { payableBalance { amount currency } } }",
        {"id": gid("Account", supplier)},
        role="FINANCE",
    )
    assert account["data"]["account"]["payableBalance"] == {"amount": "267.30", "currency": "USD"}


async def test_a_price_exception_posts_only_when_finance_approves_it(
    gql: Any, received: Received
) -> None:
    created = await create_bill(
        gql, received, "INV-901", "2026-03-05", line_input(received, "4", "45")
    )
    bill = created["vendorBill"]
    assert bill["matchStatus"] == "EXCEPTION"
    # 4 × |45 − 40| = 20.00 > max(1.00, 2 % × 160.00 = 3.20)
    assert bill["matchExceptions"] == [
        {"position": 1, "kind": "PRICE",
         "message": "Line 1 is billed at 45 a unit against 40 ordered: 20.00 off, more than "
                    "the 3.20 tolerated."},
    ]  # fmt: skip

    refused = await post_bill(gql, bill["id"])
    assert refused["vendorBill"] is None
    [error] = refused["errors"]
    assert (error["code"], error["field"]) == ("MATCH_EXCEPTION", ["id"])
    assert "Line 1 is billed at 45" in error["message"]

    forbidden = await post_bill(gql, bill["id"], role="OPERATIONS", approve=True)
    assert [(e["code"], e["field"]) for e in forbidden["errors"]] == [
        ("FORBIDDEN", ["approveExceptions"])
    ]
    assert await VendorBill.filter(status="DRAFT").count() == 1

    approved = await post_bill(gql, bill["id"], role="FINANCE", approve=True)
    assert approved["errors"] == []
    assert (approved["vendorBill"]["status"], approved["vendorBill"]["exceptionsApproved"]) == (
        "POSTED",
        True,
    )
    assert await postings("BILL-2026-000001") == [
        ("2050", D("160.00"), D("0.00"), None),
        ("5200", D("20.00"), D("0.00"), None),
        ("2000", D("0.00"), D("180.00"), received.supplier.id),
    ]

    again = await post_bill(gql, bill["id"], role="FINANCE", approve=True)
    assert [e["code"] for e in again["errors"]] == ["ALREADY_PROCESSED"]
    assert await JournalLine.filter(entry__reference="BILL-2026-000001").count() == 3


async def test_billing_more_than_received_minus_posted_bills_is_an_exception_at_post(
    gql: Any, received: Received
) -> None:
    first = await create_bill(gql, received, "A-1", "2026-03-01", line_input(received, "7", "40"))
    second = await create_bill(gql, received, "A-2", "2026-03-02", line_input(received, "4", "40"))
    # Drafts do not count as billed: each matches alone.
    assert [first["vendorBill"]["matchStatus"], second["vendorBill"]["matchStatus"]] == [
        "MATCHED",
        "MATCHED",
    ]
    assert (await post_bill(gql, first["vendorBill"]["id"]))["errors"] == []
    refused = await post_bill(gql, second["vendorBill"]["id"])
    assert [e["code"] for e in refused["errors"]] == ["MATCH_EXCEPTION"]
    assert (
        "Line 1 bills 4, but only 3 is received and not yet billed."
        in (refused["errors"][0]["message"])
    )


async def test_a_supplier_reference_is_billed_once_and_bad_input_is_reported_together(
    gql: Any, received: Received
) -> None:
    await create_bill(gql, received, "INV-889", "2026-03-01", line_input(received, "1", "40"))
    duplicate = await create_bill(
        gql, received, "INV-889", "2026-03-02", line_input(received, "1", "40")
    )
    assert [(e["code"], e["field"]) for e in duplicate["errors"]] == [
        ("DUPLICATE", ["supplierReference"])
    ]

    other = await received_order(name="Other Supplier")
    foreign = await create_bill(
        gql, received, "INV-890", "2026-03-02", line_input(other, "1", "40")
    )
    assert [(e["code"], e["field"]) for e in foreign["errors"]] == [
        ("INVALID", ["lines", "0", "purchaseOrderLineId"])
    ]

    bad = await create_bill(
        gql,
        received,
        " ",
        "2026-03-02",
        {**line_input(received, "0", "-1"), "taxRate": "101"},
    )
    assert sorted((e["code"], tuple(e["field"])) for e in bad["errors"]) == [
        ("INVALID", ("lines", "0", "quantity")),
        ("INVALID", ("lines", "0", "taxRate")),
        ("INVALID", ("lines", "0", "unitCost")),
        ("REQUIRED", ("supplierReference",)),
    ]
    assert await VendorBill.all().count() == 1


async def two_posted_bills(gql: Any, received: Received) -> tuple[str, str]:
    """267.30 dated 2026-03-01 (due 03-31) and 180.00 dated 2026-03-05 (due 04-04)."""
    one = await create_bill(
        gql, received, "INV-889", "2026-03-01", line_input(received, "6", "40.5", "10")
    )
    two = await create_bill(gql, received, "INV-901", "2026-03-05", line_input(received, "4", "45"))
    await post_bill(gql, one["vendorBill"]["id"])
    await post_bill(gql, two["vendorBill"]["id"], approve=True)
    return one["vendorBill"]["id"], two["vendorBill"]["id"]


async def test_a_payment_settles_the_oldest_due_bills_first_and_never_more_than_owed(
    gql: Any, received: Received
) -> None:
    _, second = await two_posted_bills(gql, received)
    supplier_id = gid("Account", received.supplier.id)
    too_much = await gql(
        PAY, {"input": {"supplierId": supplier_id, "amount": "447.31", "date": "2026-04-10"}}
    )
    [error] = too_much["data"]["supplierPaymentRecord"]["errors"]
    assert (error["code"], error["field"]) == ("INVALID", ["amount"])
    assert error["message"] == "amount 447.31 is more than the 447.30 Bolt & Nut is owed."

    paid = await gql(
        PAY,
        {"input": {"supplierId": supplier_id, "amount": "300", "date": "2026-04-10",
                   "reference": "Transfer 77"}},
        role="FINANCE",
    )  # fmt: skip
    payment = paid["data"]["supplierPaymentRecord"]
    assert payment["errors"] == []
    assert payment["supplierPayment"]["number"] == "SPAY-2026-000001"
    assert payment["supplierPayment"]["allocations"] == [
        {"amount": {"amount": "267.30"},
         "vendorBill": {"number": "BILL-2026-000001", "status": "PAID"}},
        {"amount": {"amount": "32.70"},
         "vendorBill": {"number": "BILL-2026-000002", "status": "PARTIALLY_PAID"}},
    ]  # fmt: skip
    assert await postings("SPAY-2026-000001") == [
        ("2000", D("300.00"), D("0.00"), received.supplier.id),
        ("1000", D("0.00"), D("300.00"), None),
    ]

    over = await gql(
        PAY,
        {"input": {"supplierId": supplier_id, "amount": "147.31", "date": "2026-05-10",
                   "allocations": [{"vendorBillId": second, "amount": "147.31"}]}},
    )  # fmt: skip
    assert [(e["code"], e["field"]) for e in over["data"]["supplierPaymentRecord"]["errors"]] == [
        ("INVALID", ["allocations", "0", "amount"])
    ]
    rest = await gql(
        PAY,
        {"input": {"supplierId": supplier_id, "amount": "147.30", "date": "2026-05-10",
                   "allocations": [{"vendorBillId": second, "amount": "147.30"}]}},
    )  # fmt: skip
    assert rest["data"]["supplierPaymentRecord"]["errors"] == []
    assert await SupplierPayment.all().count() == 2
    # Every bill paid: 2000 is back to zero, and 2050 holds no unbilled receipt.
    assert await ledger_balance("2000") == D("0.00")
    assert await ledger_balance("2050") == D("0.00")
    account = await gql(
        "query($id: ID!) { account(id: $id) { payableBalance { amount } } }", {"id": supplier_id}
    )
    assert account["data"]["account"]["payableBalance"] == {"amount": "0.00"}


AGING = """
query($asOf: Date!) {
  apAging(asOf: $asOf) {
    asOf
    accounts { account { name } current { amount } d1_30 { amount } total { amount } }
    total { current { amount } d1_30 { amount } d31_60 { amount } total { amount } }
  }
}
"""


async def test_ap_aging_as_of_a_past_day_reads_as_it_did_then(gql: Any, received: Received) -> None:
    await two_posted_bills(gql, received)
    supplier_id = gid("Account", received.supplier.id)
    await gql(PAY, {"input": {"supplierId": supplier_id, "amount": "300", "date": "2026-04-10"}})
    await gql(
        PAY,
        {"input": {"supplierId": supplier_id, "amount": "147.30", "date": "2026-05-10"}},
    )

    before_second = (await gql(AGING, {"asOf": "2026-03-03"}))["data"]["apAging"]
    assert before_second["accounts"] == [
        {"account": {"name": "Bolt & Nut"}, "current": {"amount": "267.30"},
         "d1_30": {"amount": "0.00"}, "total": {"amount": "267.30"}},
    ]  # fmt: skip

    # On 04-20 the first bill is paid (04-10); the second, due 04-04, is 16 days late with
    # 180.00 − 32.70 still due: the payment of 05-10 is not subtracted yet.
    april = (await gql(AGING, {"asOf": "2026-04-20"}))["data"]["apAging"]
    assert april["total"] == {
        "current": {"amount": "0.00"},
        "d1_30": {"amount": "147.30"},
        "d31_60": {"amount": "0.00"},
        "total": {"amount": "147.30"},
    }

    settled = (await gql(AGING, {"asOf": "2026-05-20"}))["data"]["apAging"]
    assert (settled["accounts"], settled["total"]["total"]) == ([], {"amount": "0.00"})


async def test_bills_and_payments_are_listed_with_filters_and_read_by_cost_roles_only(
    gql: Any, received: Received
) -> None:
    await two_posted_bills(gql, received)
    await create_bill(gql, received, "INV-999", "2026-03-09", line_input(received, "1", "40"))
    query = """
    query($filter: VendorBillFilter, $orderBy: VendorBillOrder) {
      vendorBills(filter: $filter, orderBy: $orderBy) {
        totalCount edges { node { number status } }
      }
    }
    """
    newest = await gql(query)
    assert [e["node"]["number"] for e in newest["data"]["vendorBills"]["edges"]] == [
        "BILL-2026-000003",
        "BILL-2026-000002",
        "BILL-2026-000001",
    ]
    drafts = await gql(query, {"filter": {"status": "DRAFT"}})
    assert drafts["data"]["vendorBills"]["totalCount"] == 1
    exceptions = await gql(
        query,
        {"filter": {"matchStatus": "EXCEPTION", "purchaseOrderId": gid("PurchaseOrder",
                                                                        received.order.id)},
         "orderBy": {"field": "TOTAL", "direction": "DESC"}},
    )  # fmt: skip
    # The third bill's 1 is more than the 10 − 10 left unbilled: an exception too.
    assert [e["node"]["number"] for e in exceptions["data"]["vendorBills"]["edges"]] == [
        "BILL-2026-000002",
        "BILL-2026-000003",
    ]
    bad_filter = await gql(query, {"filter": {"supplierId": gid("Product", 1)}})
    assert bad_filter["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    sales = await gql(query, role="SALES")
    assert sales["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    paying = await gql(
        PAY,
        {"input": {"supplierId": gid("Account", received.supplier.id), "amount": "1",
                   "date": "2026-04-10"}},
        role="OPERATIONS",
    )  # fmt: skip
    assert paying["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await PurchaseOrderLine.filter(id=received.line.id).count() == 1
