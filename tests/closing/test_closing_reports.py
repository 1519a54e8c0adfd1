"""The profit and loss and the balance sheet (§11), hand-computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.billing.invoicing import invoice_order
from domain.billing.payments import record_payment
from domain.closing.reports import (
    AccountTotals,
    balance_sheet,
    balance_sheet_as_of,
    profit_and_loss,
    profit_and_loss_for,
)
from domain.inventory.services import adjust_stock, default_warehouse
from domain.ledger.models import LedgerAccount, LedgerAccountType

D = Decimal
T = LedgerAccountType


def totals(*rows: tuple[str, LedgerAccountType, str, str]) -> list[AccountTotals]:
    return [
        AccountTotals(LedgerAccount(code=code, name=code, type=kind), D(debit), D(credit))
        for code, kind, debit, credit in rows
    ]


BOOKS = totals(
    ("1000", T.ASSET, "500.00", "120.00"),
    ("1200", T.ASSET, "321.00", "250.00"),
    ("1300", T.ASSET, "400.00", "90.00"),
    ("2100", T.LIABILITY, "0", "36.00"),
    ("2200", T.LIABILITY, "7.00", "21.00"),
    ("3000", T.EQUITY, "0", "500.00"),
    ("3900", T.EQUITY, "0", "400.00"),
    ("4000", T.REVENUE, "100.00", "300.00"),
    ("5000", T.EXPENSE, "90.00", "0"),
    ("5100", T.EXPENSE, "0", "1.00"),
    ("7000", T.REVENUE, "0.50", "0"),
)


def test_profit_and_loss_shows_revenue_and_expenses_their_own_side_up():
    report = profit_and_loss(BOOKS, date(2026, 3, 1), date(2026, 3, 31))

    assert [(row.ledger_account.code, row.amount) for row in report.rows] == [
        ("4000", D("200.00")),
        ("5000", D("90.00")),
        ("5100", D("-1.00")),
        ("7000", D("-0.50")),
    ]
    assert (report.revenue, report.expenses, report.net_income) == (
        D("199.50"),
        D("89.00"),
        D("110.50"),
    )


def test_the_balance_sheet_carries_earnings_in_equity_and_balances_exactly():
    sheet = balance_sheet(BOOKS, date(2026, 3, 31))

    assert [(row.ledger_account.code, row.amount) for row in sheet.rows] == [
        ("1000", D("380.00")),
        ("1200", D("71.00")),
        ("1300", D("310.00")),
        ("2100", D("36.00")),
        ("2200", D("14.00")),
        ("3000", D("500.00")),
        ("3900", D("400.00")),
    ]
    assert sheet.retained_earnings == D("110.50")
    assert (sheet.assets, sheet.liabilities, sheet.equity) == (
        D("761.00"),
        D("50.00"),
        D("1010.50"),
    )
    # The sample's entries do not balance by 299.50, and neither does the sheet: it is exact.
    assert sheet.assets - sheet.liabilities - sheet.equity == D("-299.50")


async def test_the_reports_over_the_books_of_a_sale_shipped_invoiced_and_paid(billing):
    acme = await billing.customer(terms=30)
    gear = await billing.product("100.00", "7", stocked=True, cost="30.00")
    await adjust_stock(
        product_id=gear.id,
        warehouse_id=(await default_warehouse()).id,
        quantity=D("10"),
        reason="OPENING",
    )
    order = await billing.order(acme, [(gear, "3")])
    await billing.ship(order)
    await invoice_order(order.id, date(2026, 3, 2))
    await record_payment(acme.id, D("350.00"), date(2026, 3, 10))

    pnl = await profit_and_loss_for(date(2026, 3, 1), date(2026, 12, 31))
    figures = {row.ledger_account.code: row.amount for row in pnl.rows}
    assert (figures["4000"], figures["5000"]) == (D("300.00"), D("90.00"))
    assert (pnl.revenue, pnl.expenses, pnl.net_income) == (D("300.00"), D("90.00"), D("210.00"))

    sheet = await balance_sheet_as_of(date(2026, 12, 31))
    amounts = {row.ledger_account.code: row.amount for row in sheet.rows}
    # Cash 350.00; 1200 321.00 − 321.00; stock 7 × 30.00; 2100 the 29.00 paid ahead; tax 21.00;
    # the opening stock of 10 × 30.00 is equity on 3900.
    assert (amounts["1000"], amounts["1200"], amounts["1300"]) == (
        D("350.00"),
        D("0.00"),
        D("210.00"),
    )
    assert (amounts["2100"], amounts["2200"], amounts["3900"]) == (
        D("29.00"),
        D("21.00"),
        D("300.00"),
    )
    assert sheet.retained_earnings == D("210.00")
    assert (sheet.assets, sheet.liabilities, sheet.equity) == (
        D("560.00"),
        D("50.00"),
        D("510.00"),
    )
    assert sheet.assets == sheet.liabilities + sheet.equity
