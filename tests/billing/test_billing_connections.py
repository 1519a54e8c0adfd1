"""The lists on invoices and payments are connections with filter and orderBy (§2 Lists), and
an invoice's lines and credit notes carry its currency however they are reached (§12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from api.relay import encode_id
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order
from domain.billing.models import Invoice, InvoiceLine
from domain.billing.payments import AllocationDraft, record_payment

D = Decimal


async def _two_invoices_paid_twice(billing):
    """Two invoices of 100.00; payment 1 puts 30 on A and 20 on B, payment 2 puts 50 on A."""
    acme = await billing.customer("Acme")
    service = await billing.product("100.00")
    a = await invoice_order((await billing.shipped_order(acme, service)).id, date(2026, 5, 1))
    b = await invoice_order((await billing.shipped_order(acme, service)).id, date(2026, 5, 2))
    one = await record_payment(
        acme.id,
        D("50.00"),
        date(2026, 5, 3),
        "one",
        [AllocationDraft(a.id, D("30.00")), AllocationDraft(b.id, D("20.00"))],
    )
    two = await record_payment(
        acme.id, D("50.00"), date(2026, 5, 4), "two", [AllocationDraft(a.id, D("50.00"))]
    )
    return acme, a, b, one, two


async def test_an_invoices_payments_filter_by_payment_and_sort_by_amount(billing, gql):
    _, a, _, one, two = await _two_invoices_paid_twice(billing)
    query = """query($id: ID!, $filter: PaymentAllocationFilter, $orderBy: PaymentAllocationOrder) {
      invoice(id: $id) { payments(filter: $filter, orderBy: $orderBy) {
        totalCount edges { node { amount { amount currency } payment { number } } } } } }"""

    async def allocations(**variables):
        answer = await gql(query, {"id": encode_id("Invoice", a.id), **variables}, role="SALES")
        assert "errors" not in answer, answer
        payments = answer["data"]["invoice"]["payments"]
        return payments["totalCount"], [
            (e["node"]["payment"]["number"], e["node"]["amount"]["amount"])
            for e in payments["edges"]
        ]

    assert await allocations() == (2, [(one.number, "30.00"), (two.number, "50.00")])
    assert await allocations(filter={"paymentId": encode_id("Payment", two.id)}) == (
        1,
        [(two.number, "50.00")],
    )
    assert await allocations(orderBy={"field": "AMOUNT", "direction": "DESC"}) == (
        2,
        [(two.number, "50.00"), (one.number, "30.00")],
    )


async def test_a_payments_allocations_filter_by_invoice_and_page(billing, gql):
    _, a, b, one, _ = await _two_invoices_paid_twice(billing)
    query = """query($id: ID!, $filter: PaymentAllocationFilter, $first: Int, $after: String) {
      payment(id: $id) { allocations(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { invoice { number } amount { amount } } } } } }"""
    payment_id = encode_id("Payment", one.id)

    page = await gql(query, {"id": payment_id, "first": 1}, role="FINANCE")
    allocations = page["data"]["payment"]["allocations"]
    rest = await gql(
        query,
        {"id": payment_id, "first": 1, "after": allocations["pageInfo"]["endCursor"]},
        role="FINANCE",
    )
    only_b = await gql(
        query, {"id": payment_id, "filter": {"invoiceId": encode_id("Invoice", b.id)}}
    )

    assert (allocations["totalCount"], allocations["pageInfo"]["hasNextPage"]) == (2, True)
    assert allocations["edges"] == [
        {"node": {"invoice": {"number": a.number}, "amount": {"amount": "30.00"}}}
    ]
    assert rest["data"]["payment"]["allocations"]["edges"] == [
        {"node": {"invoice": {"number": b.number}, "amount": {"amount": "20.00"}}}
    ]
    assert only_b["data"]["payment"]["allocations"]["totalCount"] == 1


async def test_root_payments_sort_by_amount_and_filter_by_day(billing, gql):
    acme, *_ = await _two_invoices_paid_twice(billing)
    await record_payment(acme.id, D("5.00"), date(2026, 5, 5), "three")
    query = """query($filter: PaymentFilter, $orderBy: PaymentOrder) {
      payments(filter: $filter, orderBy: $orderBy) { edges { node { reference } } } }"""

    async def references(**variables):
        answer = await gql(query, variables, role="READONLY")
        return [e["node"]["reference"] for e in answer["data"]["payments"]["edges"]]

    assert await references() == ["three", "two", "one"]
    assert await references(orderBy={"field": "AMOUNT"}) == ["three", "one", "two"]
    assert await references(filter={"from": "2026-05-04", "to": "2026-05-04"}) == ["two"]


async def _credited_twice_in_euros(billing):
    acme = await billing.customer("Acme")
    service = await billing.product("40.00", "25")
    order = await billing.shipped_order(acme, service, "3")
    invoice = await invoice_order(order.id, date(2026, 5, 4))
    line = await InvoiceLine.get(invoice_id=invoice.id)
    first = await create_credit_note(invoice.id, [CreditLineDraft(line.id, D("1"))])
    second = await create_credit_note(invoice.id, [CreditLineDraft(line.id, D("2"))])
    # Only the invoice says which currency its credit notes are in.
    await Invoice.filter(id=invoice.id).update(currency="EUR")
    return invoice, line, first, second


async def test_an_invoices_credit_notes_sort_and_carry_the_invoices_currency(billing, gql):
    invoice, _, first, second = await _credited_twice_in_euros(billing)
    query = """query($id: ID!, $orderBy: CreditNoteOrder) {
      invoice(id: $id) { creditNotes(orderBy: $orderBy) {
        totalCount edges { node { number total { amount currency }
                                  lines { netAmount { currency } } } } } } }"""

    default = await gql(query, {"id": encode_id("Invoice", invoice.id)})
    newest = await gql(
        query,
        {
            "id": encode_id("Invoice", invoice.id),
            "orderBy": {"field": "TOTAL", "direction": "DESC"},
        },
    )

    notes = default["data"]["invoice"]["creditNotes"]
    assert notes["totalCount"] == 2
    assert [e["node"] for e in notes["edges"]] == [
        {
            "number": first.number,
            "total": {"amount": "50.00", "currency": "EUR"},
            "lines": [{"netAmount": {"currency": "EUR"}}],
        },
        {
            "number": second.number,
            "total": {"amount": "100.00", "currency": "EUR"},
            "lines": [{"netAmount": {"currency": "EUR"}}],
        },
    ]
    assert [e["node"]["number"] for e in newest["data"]["invoice"]["creditNotes"]["edges"]] == [
        second.number,
        first.number,
    ]


async def test_credit_notes_and_invoice_lines_by_id_and_in_lists_know_their_currency(billing, gql):
    invoice, line, first, second = await _credited_twice_in_euros(billing)

    answer = await gql(
        """query($note: ID!, $line: ID!, $invoice: ID!) {
          node(id: $note) { ... on CreditNote { number unappliedAmount { currency } } }
          line: node(id: $line) { ... on InvoiceLine { unitPrice { amount currency } } }
          creditNotes(filter: {invoiceId: $invoice}, orderBy: {field: NUMBER}) {
            edges { node { number subtotal { amount currency } } } }
        }""",
        {
            "note": encode_id("CreditNote", first.id),
            "line": encode_id("InvoiceLine", line.id),
            "invoice": encode_id("Invoice", invoice.id),
        },
        role="FINANCE",
    )

    assert "errors" not in answer, answer
    assert answer["data"] == {
        "node": {"number": first.number, "unappliedAmount": {"currency": "EUR"}},
        "line": {"unitPrice": {"amount": "40.00", "currency": "EUR"}},
        "creditNotes": {
            "edges": [
                {
                    "node": {
                        "number": first.number,
                        "subtotal": {"amount": "40.00", "currency": "EUR"},
                    }
                },
                {
                    "node": {
                        "number": second.number,
                        "subtotal": {"amount": "80.00", "currency": "EUR"},
                    }
                },
            ]
        },
    }
