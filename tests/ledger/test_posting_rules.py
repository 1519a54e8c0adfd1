"""Each posting rule of §5.3 and §10 in isolation, with hand-computed figures (no database)."""

from __future__ import annotations

from decimal import Decimal

from domain.ledger.postings import (
    BilledLine,
    Posting,
    credit_note_postings,
    invoice_postings,
    payment_postings,
    receipt_postings,
    revaluation_postings,
    shipment_postings,
    stock_adjustment_postings,
    stock_value,
    supplier_payment_postings,
    uninvoiced_value,
    value_change,
    vendor_bill_postings,
    work_order_completion_postings,
)

D = Decimal
Z = D("0")


def table(postings: list[Posting]) -> list[tuple[str, Decimal, Decimal, int | None]]:
    return [(p.account_code, p.debit, p.credit, p.account_id) for p in postings]


def test_invoice_debits_receivables_with_the_total_and_credits_revenue_and_tax() -> None:
    assert table(invoice_postings(subtotal=D("74.26"), tax_total=D("6.59"), account_id=7)) == [
        ("1200", D("80.85"), Z, 7),
        ("4000", Z, D("74.26"), None),
        ("2200", Z, D("6.59"), None),
    ]


def test_credit_note_credits_what_the_invoice_owed_and_the_rest_as_customer_credit() -> None:
    postings = credit_note_postings(
        subtotal=D("40.00"), tax_total=D("3.20"), applied=D("10.00"), account_id=7
    )
    assert table(postings) == [
        ("4000", D("40.00"), Z, None),
        ("2200", D("3.20"), Z, None),
        ("1200", Z, D("10.00"), 7),
        ("2100", Z, D("33.20"), 7),
    ]


def test_payment_credits_what_it_applies_and_keeps_the_rest_as_customer_credit() -> None:
    assert table(payment_postings(amount=D("150.00"), applied=D("107.00"), account_id=3)) == [
        ("1000", D("150.00"), Z, None),
        ("1200", Z, D("107.00"), 3),
        ("2100", Z, D("43.00"), 3),
    ]


def test_shipment_moves_its_standard_value_from_inventory_to_cost_of_goods_sold() -> None:
    assert table(shipment_postings(D("90.00"))) == [
        ("5000", D("90.00"), Z, None),
        ("1300", Z, D("90.00"), None),
    ]


def test_adjustment_gain_and_loss_go_against_5100() -> None:
    assert table(stock_adjustment_postings(D("12.50"), opening=False)) == [
        ("1300", D("12.50"), Z, None),
        ("5100", Z, D("12.50"), None),
    ]
    assert table(stock_adjustment_postings(D("-3.00"), opening=False)) == [
        ("1300", Z, D("3.00"), None),
        ("5100", D("3.00"), Z, None),
    ]


def test_opening_stock_goes_against_opening_balance_equity() -> None:
    assert table(stock_adjustment_postings(D("900.00"), opening=True)) == [
        ("1300", D("900.00"), Z, None),
        ("3900", Z, D("900.00"), None),
    ]


def test_receipt_above_standard_debits_the_price_variance() -> None:
    # 10 at standard 30 = 300.00 into stock; the PO paid 40: 400.00 owed, 100.00 PPV.
    assert table(receipt_postings(standard_value=D("300.00"), purchase_value=D("400.00"))) == [
        ("1300", D("300.00"), Z, None),
        ("2050", Z, D("400.00"), None),
        ("5200", D("100.00"), Z, None),
    ]


def test_receipt_below_standard_credits_the_price_variance() -> None:
    assert table(receipt_postings(standard_value=D("300.00"), purchase_value=D("275.50"))) == [
        ("1300", D("300.00"), Z, None),
        ("2050", Z, D("275.50"), None),
        ("5200", Z, D("24.50"), None),
    ]


def test_receipt_at_standard_has_a_zero_variance_line_that_posting_drops() -> None:
    assert table(receipt_postings(standard_value=D("50.00"), purchase_value=D("50.00")))[2] == (
        "5200",
        Z,
        Z,
        None,
    )


def test_completion_consuming_more_than_standard_debits_production_variance() -> None:
    # 5 frames at standard 80 = 400.00 made from components worth 412.35 (scrap included).
    postings = work_order_completion_postings(
        finished_value=D("400.00"), consumed_value=D("412.35")
    )
    assert table(postings) == [
        ("1300", D("400.00"), Z, None),
        ("1300", Z, D("412.35"), None),
        ("5300", D("12.35"), Z, None),
    ]


def test_completion_consuming_less_than_standard_credits_production_variance() -> None:
    postings = work_order_completion_postings(
        finished_value=D("400.00"), consumed_value=D("390.00")
    )
    assert table(postings)[2] == ("5300", Z, D("10.00"), None)


def test_revaluation_up_and_down_against_5400() -> None:
    # 12 on hand, standard 30 -> 32.5: 12 x 2.5 = 30.00 more.
    value = stock_value(D("12"), D("32.5")) - stock_value(D("12"), D("30"))
    assert value == D("30.00")
    assert table(revaluation_postings(value)) == [
        ("1300", D("30.00"), Z, None),
        ("5400", Z, D("30.00"), None),
    ]
    assert table(revaluation_postings(D("-7.20"))) == [
        ("1300", Z, D("7.20"), None),
        ("5400", D("7.20"), Z, None),
    ]


def test_stock_value_changes_telescope_to_the_rounded_stock_value() -> None:
    # Three single resistors at 0.0042: each move is worth 0.00, 0.01, 0.00 so that the
    # product is always carried at round_half_up(on-hand x 0.0042, 2).
    cost = D("0.0042")
    moves = [value_change(D(n), D("1"), cost) for n in range(3)]
    assert moves == [D("0.00"), D("0.01"), D("0.00")]
    assert sum(moves, Z) == stock_value(D("3"), cost) == D("0.01")
    assert value_change(D("3"), D("-3"), cost) == D("-0.01")


def test_uninvoiced_value_is_received_less_billed_at_the_po_cost() -> None:
    assert uninvoiced_value(D("10"), D("4"), D("12.345")) == D("74.07")
    assert uninvoiced_value(D("4"), D("4"), D("12.345")) == D("0.00")


def test_vendor_bill_clears_2050_at_po_cost_with_price_difference_and_input_tax() -> None:
    # 10 received at PO cost 20.00 billed at 20.30: 200.00 cleared, 203.00 net, 2 % tax 4.06.
    lines = [
        BilledLine(cleared_value=D("200.00"), net_amount=D("203.00"), tax_amount=D("4.06")),
        BilledLine(cleared_value=D("15.00"), net_amount=D("15.00"), tax_amount=D("0.00")),
    ]
    assert table(vendor_bill_postings(lines, supplier_id=9)) == [
        ("2050", D("215.00"), Z, None),
        ("5200", D("3.00"), Z, None),
        ("1400", D("4.06"), Z, None),
        ("2000", Z, D("222.06"), 9),
    ]


def test_supplier_payment_debits_payables_of_the_supplier() -> None:
    assert table(supplier_payment_postings(D("222.06"), supplier_id=9)) == [
        ("2000", D("222.06"), Z, 9),
        ("1000", Z, D("222.06"), None),
    ]


def test_every_rule_balances() -> None:
    every = [
        invoice_postings(subtotal=D("1.23"), tax_total=D("0.11")),
        credit_note_postings(subtotal=D("1.23"), tax_total=D("0.11"), applied=D("1.00")),
        payment_postings(amount=D("5.00"), applied=D("4.99")),
        shipment_postings(D("2.00")),
        stock_adjustment_postings(D("-2.00"), opening=True),
        receipt_postings(standard_value=D("3.33"), purchase_value=D("3.34")),
        work_order_completion_postings(finished_value=D("9.99"), consumed_value=D("0.01")),
        revaluation_postings(D("-0.01")),
        vendor_bill_postings([BilledLine(D("1.00"), D("1.10"), D("0.05"))], supplier_id=1),
        supplier_payment_postings(D("1.15"), supplier_id=1),
    ]
    for postings in every:
        assert sum((p.debit for p in postings), Z) == sum((p.credit for p in postings), Z)
        assert all(p.debit >= 0 and p.credit >= 0 for p in postings)
