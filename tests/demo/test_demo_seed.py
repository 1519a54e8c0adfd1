"""`tandem seed --demo`: the demo company is complete, balanced, deterministic and loaded once."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.billing.models import Payment
from domain.demo import seed_demo
from domain.inventory.models import StockMove
from domain.ledger.services import trial_balance
from domain.orders.models import SalesOrderLine, Shipment
from domain.outbox.models import Event
from tests.ledger.books import assert_books_balance

EXPECTED = {
    "accounts": 52,  # with the EUR customer and the JPY supplier (§12)
    "contacts": 200,
    "leads": 10,
    "opportunities": 100,
    "opportunities_open": 54,
    "opportunities_won": 22,
    "opportunities_lost": 24,
    "activities": 100,
    "products": 40,
    "bills_of_materials": 14,
    "stock_adjustments": 32,
    "purchase_orders": 11,
    "purchase_orders_received": 7,
    "work_orders": 15,
    "work_orders_completed": 11,
    "sales_orders": 63,
    "sales_orders_draft": 10,
    "sales_orders_confirmed": 11,
    "sales_orders_partially_shipped": 8,
    "sales_orders_shipped": 16,
    "sales_orders_closed": 12,
    "sales_orders_cancelled": 6,
    "shipments": 36,
    "invoices": 29,
    "payments": 19,
    "business_calendars": 2,
    "sla_policies": 2,
    "cases": 80,
    "cases_new": 14,
    "cases_open": 20,
    "cases_waiting_on_customer": 12,
    "cases_resolved": 18,
    "cases_closed": 16,
    "cases_escalated": 28,
    # The 12 work order completions post too (§5.3); the EUR invoice and payment, the JPY
    # receipt, bill and supplier payment five more (§12).
    "journal_entries": 132,
}


async def test_demo_company_is_complete_balanced_and_loaded_once(
    database: str, count_queries: Callable[[], Any]
) -> None:
    summary = await seed_demo()

    assert {key: summary[key] for key in EXPECTED} == EXPECTED
    assert summary["events"] == await Event.all().count() > 0

    rows = await trial_balance()
    assert sum((row.balance for row in rows), Decimal(0)) == 0
    await assert_books_balance()  # 1300 = stock at standard, 2050 = received not billed
    revenue = next(row for row in rows if row.ledger_account.code == "4000")
    # 148509.60 in dollars, and the EUR invoice's 2200.00 EUR × 1.0850 = 2387.00 (§12).
    assert revenue.credit == Decimal("150896.60")
    credits = next(row for row in rows if row.ledger_account.code == "2100")
    assert credits.credit == Decimal("500.00")  # the one overpayment
    # COGS is what was shipped; the opening stock count is equity (3900), never COGS (§5.3).
    by_code = {row.ledger_account.code: row for row in rows}
    shipped_cost = sum((Decimal(s.cost_total) for s in await Shipment.all()), Decimal(0))
    opening_value = sum(
        (
            Decimal(move.quantity) * Decimal(move.product.standard_cost)
            for move in await StockMove.filter(reason="OPENING").prefetch_related("product")
        ),
        Decimal(0),
    )
    assert (by_code["5000"].debit, by_code["5000"].credit) == (Decimal("56401.00"), 0)
    assert shipped_cost == Decimal("56401.00")
    assert (by_code["3900"].debit, by_code["3900"].credit) == (0, Decimal("197950.00"))
    assert opening_value == Decimal("197950.00")
    # The three corrections of the count: -3 tyres and -1 helmet out, +5 chains in.
    assert (by_code["5100"].debit, by_code["5100"].credit) == (Decimal("83.50"), Decimal("55.00"))
    assert await Payment.filter(unapplied_amount__gt=0).count() == 1

    backordered = [
        line
        for line in await SalesOrderLine.filter(order__status="CONFIRMED")
        if line.quantity_reserved < line.quantity
    ]
    assert len(backordered) >= 5
    assert await Account.filter(sla_policy__name="Premium 24/7").count() == 8

    events_before = await Event.all().count()
    with count_queries() as queries:
        again = await seed_demo()
    assert again == summary
    assert await Event.all().count() == events_before
    writes = [q for q in queries.statements if q.upper().startswith(("INSERT", "UPDATE"))]
    assert writes == []
