"""What an accountant checks on the books, read straight from the tables for the tests."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from domain.catalog.models import Product
from domain.inventory.models import StockLevel
from domain.ledger.models import JournalLine
from domain.ledger.postings import stock_value, uninvoiced_value
from domain.payables.models import BILLED_STATUSES, VendorBillLine
from domain.purchasing.models import PurchaseOrderLine

ZERO = Decimal("0")


async def balances() -> dict[str, Decimal]:
    """Debit-positive balance per ledger account code, summed in Python (exact on SQLite)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for code, debit, credit in await JournalLine.all().values_list(
        "ledger_account__code", "debit", "credit"
    ):
        totals[code] += Decimal(debit) - Decimal(credit)
    return dict(totals)


async def inventory_at_standard() -> Decimal:
    """Σ over products of on-hand (all warehouses) × standardCost, to the cent per product."""
    on_hand: dict[int, Decimal] = defaultdict(Decimal)
    for product_id, quantity in await StockLevel.all().values_list("product_id", "on_hand"):
        on_hand[product_id] += Decimal(quantity)
    costs = dict(await Product.all().values_list("id", "standard_cost"))
    return sum(
        (stock_value(quantity, Decimal(costs[pid])) for pid, quantity in on_hand.items()), ZERO
    )


async def received_not_invoiced() -> Decimal:
    """Σ over PO lines of (received − billed) × PO unit cost, to the cent per line (§10)."""
    billed: dict[int, Decimal] = defaultdict(Decimal)
    for line_id, quantity in await VendorBillLine.filter(
        bill__status__in=list(BILLED_STATUSES)
    ).values_list("purchase_order_line_id", "quantity"):
        billed[line_id] += Decimal(quantity)
    return sum(
        (
            uninvoiced_value(Decimal(received), billed[line_id], Decimal(cost))
            for line_id, received, cost in await PurchaseOrderLine.all().values_list(
                "id", "quantity_received", "unit_cost"
            )
        ),
        ZERO,
    )


async def assert_books_balance() -> None:
    """Trial balance zero, 1300 = stock at standard, 2050 = received not yet billed."""
    books = await balances()
    assert sum(books.values(), ZERO) == ZERO
    assert books.get("1300", ZERO) == await inventory_at_standard()
    assert -books.get("2050", ZERO) == await received_not_invoiced()
