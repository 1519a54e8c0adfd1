"""Multi-currency (§12): documents in the account's currency, one ledger in the base (USD in
the tests), every figure computed by hand in the comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.accounts.models import Account
from domain.accounts.services import update_account
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order
from domain.billing.models import Invoice, InvoiceLine, Payment
from domain.billing.payments import record_payment
from domain.billing.pricing import line_net, line_tax
from domain.billing.receivables import account_balance, ar_aging
from domain.closing.statements import account_statement
from domain.currencies.conversion import book, settled_base
from domain.currencies.iso4217 import minor_units, round_amount
from domain.currencies.models import ExchangeRate
from domain.currencies.services import rate_on, set_exchange_rate
from domain.errors import DomainError, ErrorCode
from domain.ledger.models import JournalEntry, JournalLine
from domain.ledger.postings import Posting
from domain.ledger.services import trial_balance
from domain.orders.models import InvoicePolicy
from domain.orders.services import OrderLineDraft, confirm_sales_order, create_sales_order
from domain.outbox.models import Event
from domain.payables.models import MatchStatus
from domain.payables.services import (
    BillAllocationDraft,
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from domain.price_lists.services import create_price_list
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    create_purchase_order,
    receive_purchase_order,
)
from tests.currencies.conftest import World, entry_lines
from tests.factories import make_item

D = Decimal
MARCH_1, MARCH_2, MARCH_10, MARCH_12 = (date(2026, 3, d) for d in (1, 2, 10, 12))


def test_minor_units_of_the_table():
    assert [minor_units(c) for c in ("JPY", "USD", "EUR", "KWD", "BHD", "CLP")] == [
        0,
        2,
        2,
        3,
        3,
        0,
    ]
    # Half-up to the currency's minor units.
    assert round_amount(D("1000.5"), "JPY") == D("1001")
    assert round_amount(D("1.8515"), "KWD") == D("1.852")
    assert round_amount(D("89.5125"), "EUR") == D("89.51")


def test_a_kwd_line_keeps_three_decimals():
    # 3 × 12.3456 = 37.0368 → 37.037; 5 % of it: 1.85185 → 1.852.
    net = line_net(D("3"), D("12.3456"), D("0"), minor_units("KWD"))
    assert net == D("37.037")
    assert line_tax(net, D("5"), minor_units("KWD")) == D("1.852")


def test_per_line_rounding_residue_goes_to_7000():
    # JPY 2458 / 2235 / 223 at 0.0067: 16.4686 → 16.47, 14.9745 → 14.97, 1.4941 → 1.49;
    # credits 16.46 against a 16.47 debit: 0.01 to 7000 as a credit.
    lines = book(
        [
            Posting("1200", debit=D("2458")),
            Posting("4000", credit=D("2235")),
            Posting("2200", credit=D("223")),
        ],
        currency="JPY",
        rate=D("0.0067"),
        base_currency="USD",
    )
    assert [(ln.account_code, ln.debit, ln.credit) for ln in lines] == [
        ("1200", D("16.47"), D("0")),
        ("4000", D("0"), D("14.97")),
        ("2200", D("0"), D("1.49")),
        ("7000", D("0"), D("0.01")),
    ]


def test_settled_in_pieces_an_invoice_leaves_its_booked_base():
    # 1000.01 EUR at 1.0850 carries 1085.010850 → 1085.01. Paid 333.33: it carried 1085.01,
    # then 666.68 × 1.085 = 723.3478 → 723.35: 361.66 leaves (333.33 × 1.085 = 361.66305).
    first = settled_base(D("1000.01"), D("333.33"), D("1.085"), "USD")
    assert first == D("361.66")
    rest = settled_base(D("666.68"), D("666.68"), D("1.085"), "USD")
    assert first + rest == D("1085.01")


async def test_a_eur_invoice_booked_at_1_0850_and_paid_at_1_0900(world: World):
    await world.rate("EUR", MARCH_1, "1.0850")
    await world.rate("EUR", MARCH_10, "1.0900")
    customer = await world.customer("EUR")
    invoice = await world.invoice(customer, [("1", "1000.00", "8.25")], MARCH_2)
    # 1000.00 net, 8.25 % tax 82.50, 1082.50 EUR, at the rate of 1 March (10 March is later).
    assert (invoice.currency, invoice.subtotal, invoice.tax_total, invoice.total) == (
        "EUR",
        D("1000.00"),
        D("82.50"),
        D("1082.50"),
    )
    assert invoice.exchange_rate == D("1.0850")
    # Dr 1200 1082.50 × 1.085 = 1174.5125 → 1174.51; Cr 4000 1000.00 × 1.085 = 1085.00;
    # Cr 2200 82.50 × 1.085 = 89.5125 → 89.51: 1085.00 + 89.51 = 1174.51, no residue.
    assert await entry_lines(invoice.journal_entry_id) == [
        ("1200", "1174.51", "0.00", "EUR", "1082.50", "1.085"),
        ("4000", "0.00", "1085.00", "EUR", "1000.00", "1.085"),
        ("2200", "0.00", "89.51", "EUR", "82.50", "1.085"),
    ]
    payment = await record_payment(customer.id, D("1082.50"), MARCH_12, currency="EUR")
    assert payment.exchange_rate == D("1.0900")
    # Cash: 1082.50 × 1.09 = 1179.925 → 1179.93; 1200 leaves at its booked 1174.51; the
    # realized gain 1179.93 − 1174.51 = 5.42 is a credit on 7000.
    assert await entry_lines(payment.journal_entry_id) == [
        ("1000", "1179.93", "0.00", "EUR", "1082.50", "1.09"),
        ("1200", "0.00", "1174.51", "EUR", "1082.50", "1.085"),
        ("7000", "0.00", "5.42", "USD", "5.42", "1"),
    ]
    books = {row.ledger_account.code: row.balance for row in await trial_balance()}
    # 1179.93 − 1085.00 − 89.51 − 5.42 = 0; 1200 is cleared in base as in EUR.
    assert (books["1000"], books["1200"], books["4000"], books["2200"], books["7000"]) == (
        D("1179.93"),
        D("0.00"),
        D("-1085.00"),
        D("-89.51"),
        D("-5.42"),
    )
    assert sum(books.values(), D(0)) == D(0)
    assert await account_balance(customer.id) == D(0)


async def test_paid_in_three_parts_the_gain_is_exactly_the_whole_difference(world: World):
    await world.rate("EUR", MARCH_1, "1.0850")
    await world.rate("EUR", MARCH_10, "1.0900")
    customer = await world.customer("EUR")
    invoice = await world.invoice(customer, [("1", "1000.00", "8.25")], MARCH_2)
    # Whole: 1082.50 × 1.09 = 1179.925 → 1179.93 in, 1082.50 × 1.085 = 1174.5125 → 1174.51
    # out: a gain of 5.42. Pieces 360.83 + 360.83 + 360.84, each at the fall of what is open:
    # open 1082.50 → 721.67 → 360.84 → 0; at 1.09: 1179.93 → 786.62 (786.6203) → 393.32
    # (393.3156) → 0, cash 393.31 + 393.30 + 393.32 = 1179.93; at 1.085: 1174.51 → 783.01
    # (783.0119) → 391.51 (391.5114) → 0, 1200 391.50 + 391.50 + 391.51 = 1174.51.
    # Gains 1.81 + 1.80 + 1.81 = 5.42 (piece by piece, 393.30 + 393.30 + 393.32 would be 5.41).
    expected = [
        ("393.31", "391.50", "1.81"),
        ("393.30", "391.50", "1.80"),
        ("393.32", "391.51", "1.81"),
    ]
    for piece, (cash, receivable, gain) in zip(
        ("360.83", "360.83", "360.84"), expected, strict=True
    ):
        payment = await record_payment(customer.id, D(piece), MARCH_12, currency="EUR")
        assert await entry_lines(payment.journal_entry_id) == [
            ("1000", cash, "0.00", "EUR", piece, "1.09"),
            ("1200", "0.00", receivable, "EUR", piece, "1.085"),
            ("7000", "0.00", gain, "USD", gain, "1"),
        ]
    books = {row.ledger_account.code: row.balance for row in await trial_balance()}
    assert (books["1000"], books["1200"], books["7000"]) == (
        D("1179.93"),
        D("0.00"),
        D("-5.42"),
    )
    assert sum(books.values(), D(0)) == D(0)
    assert await account_balance(customer.id) == D(0)
    await invoice.refresh_from_db()
    assert (invoice.amount_paid, invoice.amount_due) == (D("1082.50"), D("0.00"))


async def motors_received_from_japan(
    world: World, quantity: Decimal
) -> tuple[Account, PurchaseOrderLine]:
    """A JPY supplier, and its PO line of hub motors (145.00 USD standard) received whole."""
    supplier = await world.customer("JPY", name="Kansai Drive Systems KK")
    motor = await make_item("FX-MOTOR", standard_cost="145")
    order = await create_purchase_order(supplier.id, [PurchaseLineDraft(motor.id, quantity)])
    line = await PurchaseOrderLine.get(order_id=order.id)
    await receive_purchase_order(order.id, [ReceiptLine(line.id, quantity)])
    return supplier, line


async def test_a_jpy_bill_is_matched_in_yen_against_its_dollar_order(world: World):
    await world.rate("JPY", MARCH_1, "0.0067")
    supplier, line = await motors_received_from_japan(world, D(20))
    # The PO's 145.00 USD is 145 / 0.0067 = 21641.7910 JPY: 21 642 a unit is 0.209 × 10 =
    # 2.09 JPY off, inside max(1.00, 2 % of 216 417.91); 23 000 is 13 582.09 off, outside.
    matched = await create_vendor_bill(
        supplier.id, "KDS-1", MARCH_2, [BillLineDraft(line.id, D(10), D(21642))]
    )
    assert (matched.match_status, matched.match_exceptions) == (MatchStatus.MATCHED, [])
    posted = await post_vendor_bill(matched.id)
    # 2050 cleared at the receipt's 10 × 145.00; 216 420 × 0.0067 = 1450.014 → 1450.01 on 2000;
    # the 0.01 between them on 5200.
    assert await entry_lines(posted.journal_entry_id) == [
        ("2050", "1450.00", "0.00", "USD", "1450.00", "1"),
        ("5200", "0.01", "0.00", "USD", "0.01", "1"),
        ("2000", "0.00", "1450.01", "JPY", "216420.00", "0.0067"),
    ]
    dear = await create_vendor_bill(
        supplier.id, "KDS-2", MARCH_2, [BillLineDraft(line.id, D(10), D(23000))]
    )
    assert dear.match_status == MatchStatus.EXCEPTION
    assert [(e["position"], e["kind"]) for e in dear.match_exceptions] == [(1, "PRICE")]
    # Without a unit cost the line is billed at the PO's cost in yen.
    default = await create_vendor_bill(
        supplier.id, "KDS-3", MARCH_2, [BillLineDraft(line.id, D(1))]
    )
    assert (default.match_status, default.total) == (MatchStatus.MATCHED, D("21642"))


async def test_a_jpy_bill_paid_in_two_parts_loses_exactly_the_whole_difference(world: World):
    await world.rate("JPY", MARCH_1, "0.0067")
    await world.rate("JPY", MARCH_10, "0.0069")
    supplier, line = await motors_received_from_japan(world, D(10))
    bill = await create_vendor_bill(
        supplier.id, "KDS-1", MARCH_2, [BillLineDraft(line.id, D(10), D(21642))]
    )
    await post_vendor_bill(bill.id, approve_exceptions=True, may_approve=True)
    # Whole: 216 420 JPY booked at 0.0067 = 1450.014 → 1450.01, paid at 0.0069 = 1493.298 →
    # 1493.30: a loss of 43.29. In parts 100 002 + 116 418 (open 216 420 → 116 418 → 0): cash
    # 1493.30 → 803.28 (803.2842) → 0 = 690.02 + 803.28; 2000 1450.01 → 780.00 (780.0006) → 0
    # = 670.01 + 780.00; losses 20.01 + 23.28 = 43.29 (piece by piece, 690.01 + 803.28: 43.28).
    expected = [("100002", "670.01", "690.02", "20.01"), ("116418", "780.00", "803.28", "23.28")]
    for piece, payable, cash, loss in expected:
        payment = await record_supplier_payment(
            supplier.id,
            D(piece),
            MARCH_12,
            allocations=[BillAllocationDraft(bill.id, D(piece))],
            currency="JPY",
        )
        assert await entry_lines(payment.journal_entry_id) == [
            # Journal amounts are stored with two decimals whatever the currency.
            ("2000", payable, "0.00", "JPY", f"{piece}.00", "0.0067"),
            ("1000", "0.00", cash, "JPY", f"{piece}.00", "0.0069"),
            ("7000", loss, "0.00", "USD", loss, "1"),
        ]
    books = {row.ledger_account.code: row.balance for row in await trial_balance()}
    assert (books["2000"], books["7000"]) == (D("0.00"), D("43.29"))
    assert sum(books.values(), D(0)) == D(0)


async def test_a_jpy_invoice_rounds_each_line_to_whole_yen(world: World):
    await world.rate("JPY", MARCH_1, "0.0067")
    customer = await world.customer("JPY", "Sakura KK")
    invoice = await world.invoice(customer, [("3", "333.5", "10"), ("1", "1234.4", "10")], MARCH_2)
    # 3 × 333.5 = 1000.5 → 1001, tax 100.1 → 100; 1234.4 → 1234, tax 123.4 → 123.
    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by("position")
    assert [(ln.net_amount, ln.tax_amount) for ln in lines] == [
        (D("1001"), D("100")),
        (D("1234"), D("123")),
    ]
    assert (invoice.subtotal, invoice.tax_total, invoice.total) == (D("2235"), D("223"), D("2458"))
    # 2458 × 0.0067 = 16.4686 → 16.47; 2235 × 0.0067 = 14.9745 → 14.97; 223 × 0.0067 =
    # 1.4941 → 1.49; the credits fall 0.01 short: Cr 7000 0.01.
    assert await entry_lines(invoice.journal_entry_id) == [
        ("1200", "16.47", "0.00", "JPY", "2458.00", "0.0067"),
        ("4000", "0.00", "14.97", "JPY", "2235.00", "0.0067"),
        ("2200", "0.00", "1.49", "JPY", "223.00", "0.0067"),
        ("7000", "0.00", "0.01", "USD", "0.01", "1"),
    ]


async def test_a_kwd_invoice_keeps_fils_and_posts_the_residue(world: World):
    await world.rate("KWD", MARCH_1, "3.2550")
    customer = await world.customer("KWD", "Gulf Trading")
    invoice = await world.invoice(customer, [("3", "12.3456", "5")], MARCH_2)
    stored = await Invoice.get(id=invoice.id)
    # 37.037 + 1.852 = 38.889 KWD, stored with its three decimals.
    assert (stored.subtotal, stored.tax_total, stored.total) == (
        D("37.037"),
        D("1.852"),
        D("38.889"),
    )
    # 38.889 × 3.255 = 126.583695 → 126.58; 37.037 × 3.255 = 120.555435 → 120.56;
    # 1.852 × 3.255 = 6.02826 → 6.03; credits 126.59 exceed the debit by 0.01: Dr 7000 0.01.
    assert await entry_lines(invoice.journal_entry_id) == [
        ("1200", "126.58", "0.00", "KWD", "38.889", "3.255"),
        ("4000", "0.00", "120.56", "KWD", "37.037", "3.255"),
        ("2200", "0.00", "6.03", "KWD", "1.852", "3.255"),
        ("7000", "0.01", "0.00", "USD", "0.01", "1"),
    ]


async def test_aging_and_statement_in_eur_while_the_trial_balance_is_in_usd(world: World):
    await world.rate("EUR", MARCH_1, "1.0850")
    await world.rate("EUR", MARCH_10, "1.0900")
    customer = await world.customer("EUR", terms=30)
    invoice = await world.invoice(customer, [("1", "1000.00", "8.25")], MARCH_2)
    await record_payment(customer.id, D("500.00"), MARCH_12)
    # Due 1082.50 − 500.00 = 582.50 EUR. 1200 carried 1174.51 and gives up the fall of
    # round(due × 1.085): 1174.51 − 632.0125 → 632.01 = 542.50 (500 × 1.085 = 542.50).
    assert (await Invoice.get(id=invoice.id)).amount_due == D("582.50")
    assert await account_balance(customer.id) == D("582.50")
    report = await ar_aging(date(2026, 4, 15))
    # Due 1 April (2 March + 30 days): 14 days past due on 15 April.
    [row] = report.accounts
    assert (row.currency, row.d1_30, row.total) == ("EUR", D("582.50"), D("582.50"))
    # The total row in base at the booked rate: 582.50 × 1.085 = 632.0125 → 632.01 USD.
    assert (report.total.currency, report.total.d1_30) == ("USD", D("632.01"))
    statement = await account_statement(customer.id, MARCH_1, date(2026, 3, 31))
    assert statement is not None
    assert statement.currency == "EUR"
    rows = [(ln.document_type.value, ln.debit, ln.credit, ln.balance) for ln in statement.lines]
    assert rows == [
        ("INVOICE", D("1082.50"), D("0"), D("1082.50")),
        ("PAYMENT", D("0"), D("500.00"), D("582.50")),
    ]
    assert statement.closing_balance == D("582.50")
    books = {row.ledger_account.code: row.balance for row in await trial_balance()}
    # 1200 in USD: 1174.51 − 542.50 = 632.01 = the aging total. Cash 500 × 1.09 = 545.00;
    # gain 545.00 − 542.50 = 2.50 on 7000.
    assert (books["1200"], books["1000"], books["7000"]) == (
        D("632.01"),
        D("545.00"),
        D("-2.50"),
    )


async def test_a_credit_note_reverses_at_the_invoice_rate(world: World):
    await world.rate("EUR", MARCH_1, "1.0850")
    await world.rate("EUR", MARCH_10, "1.2000")
    customer = await world.customer("EUR")
    invoice = await world.invoice(customer, [("1", "1000.00", "8.25")], MARCH_2)
    [line] = await InvoiceLine.filter(invoice_id=invoice.id)
    note = await create_credit_note(invoice.id, [CreditLineDraft(line.id, D("1"))], MARCH_12)
    # The whole invoice back at 1.085, not the 1.20 of 12 March: the mirror of its entry.
    assert await entry_lines(note.journal_entry_id) == [
        ("4000", "1085.00", "0.00", "EUR", "1000.00", "1.085"),
        ("2200", "89.51", "0.00", "EUR", "82.50", "1.085"),
        ("1200", "0.00", "1174.51", "EUR", "1082.50", "1.085"),
    ]


async def _counts() -> tuple[int, ...]:
    return (
        await Invoice.all().count(),
        await Payment.all().count(),
        await JournalEntry.all().count(),
        await JournalLine.all().count(),
        await ExchangeRate.all().count(),
        await Event.all().count(),
    )


async def test_bad_input_is_refused_and_nothing_is_written(world: World):
    await world.rate("EUR", MARCH_10, "1.0900")
    customer = await world.customer("EUR")
    before = await _counts()

    # Unknown currency: on an account, a price list and a rate.
    with pytest.raises(DomainError) as refused:
        await world.customer("XYZ")
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("currency",))
    with pytest.raises(DomainError) as refused:
        await create_price_list({"name": "Fantasy", "currency": "ABC"})
    assert refused.value.code == ErrorCode.INVALID
    with pytest.raises(DomainError) as refused:
        await set_exchange_rate("ZZZ", MARCH_1, D("2"))
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("currency",))
    # A rate ≤ 0, and a rate for the base currency.
    for rate in ("0", "-1.5"):
        with pytest.raises(DomainError) as refused:
            await set_exchange_rate("EUR", MARCH_1, D(rate))
        assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("rate",))
    with pytest.raises(DomainError) as refused:
        await set_exchange_rate("USD", MARCH_1, D("1"))
    assert refused.value.code == ErrorCode.INVALID
    # A payment in another currency than the account's.
    with pytest.raises(DomainError) as refused:
        await record_payment(customer.id, D("10.00"), MARCH_12, currency="USD")
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("currency",))
    # A payment dated before the first EUR rate (10 March).
    with pytest.raises(DomainError) as refused:
        await record_payment(customer.id, D("10.00"), MARCH_2)
    assert (refused.value.code, refused.value.field) == (ErrorCode.NO_EXCHANGE_RATE, ("date",))
    assert await _counts() == before

    # A USD price list on the EUR account.
    usd_list = await create_price_list({"name": "Dollar prices", "currency": "USD"})
    with pytest.raises(DomainError) as refused:
        await update_account(customer.id, {"price_list_id": usd_list.id})
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("price_list_id",))


async def test_an_invoice_dated_before_the_first_rate_is_refused(world: World):
    await world.rate("EUR", MARCH_10, "1.0900")
    customer = await world.customer("EUR")
    product = await world.product("100.00")
    order = await create_sales_order(
        customer.id, [OrderLineDraft(product.id, D("1"))], invoice_policy=InvoicePolicy.ON_ORDER
    )
    await confirm_sales_order(order.id)
    before = await _counts()
    with pytest.raises(DomainError) as refused:
        await invoice_order(order.id, MARCH_2)
    assert refused.value.code == ErrorCode.NO_EXCHANGE_RATE
    assert await _counts() == before
    # On the day of the first rate it goes through, at that rate.
    invoice = await invoice_order(order.id, MARCH_10)
    assert invoice is not None and invoice.exchange_rate == D("1.09")


async def test_the_rate_of_a_day_is_the_latest_on_or_before_it(world: World):
    await world.rate("EUR", MARCH_1, "1.0850")
    await world.rate("EUR", MARCH_10, "1.0900")
    assert await rate_on("EUR", MARCH_1) == D("1.085")
    assert await rate_on("EUR", date(2026, 3, 9)) == D("1.085")
    assert await rate_on("EUR", MARCH_10) == D("1.09")
    assert await rate_on("USD", date(1990, 1, 1)) == D("1")  # the base needs no rate
    # Set again for a day, a rate replaces the earlier one of that day.
    await world.rate("EUR", MARCH_10, "1.0950")
    assert await rate_on("EUR", MARCH_12) == D("1.095")
    assert await ExchangeRate.filter(currency="EUR").count() == 2


async def test_a_list_price_is_converted_to_the_accounts_currency(world: World):
    await world.rate("EUR", date(2020, 1, 1), "1.2500")
    customer = await world.customer("EUR")
    product = await world.product("100.00", "0")
    order = await create_sales_order(customer.id, [OrderLineDraft(product.id, D("3"))])
    # 100.00 USD ÷ 1.25 = 80.0000 EUR a unit; 3 × 80 = 240.00 EUR.
    assert (order.currency, order.total) == ("EUR", D("240.00"))
    # Without a JPY rate, a line that needs the list price is refused; one given a price is not.
    yen = await world.customer("JPY", "Sakura KK")
    with pytest.raises(DomainError) as refused:
        await create_sales_order(yen.id, [OrderLineDraft(product.id, D("1"))])
    assert refused.value.code == ErrorCode.NO_EXCHANGE_RATE
    priced = await create_sales_order(
        yen.id, [OrderLineDraft(product.id, D("1"), unit_price=D("15000"))]
    )
    assert priced.total == D("15000")
