"""The ledger postings of every document kind (§5.3, §10): pure rules, figures in, postings out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.money import ZERO, cents

CASH = "1000"
ACCOUNTS_RECEIVABLE = "1200"
INVENTORY = "1300"
INPUT_TAX = "1400"
ACCOUNTS_PAYABLE = "2000"
GOODS_RECEIVED_NOT_INVOICED = "2050"
CUSTOMER_CREDITS = "2100"
SALES_TAX_PAYABLE = "2200"
EQUITY = "3000"
OPENING_BALANCE_EQUITY = "3900"
SALES_REVENUE = "4000"
COST_OF_GOODS_SOLD = "5000"
INVENTORY_ADJUSTMENTS = "5100"
PURCHASE_PRICE_VARIANCE = "5200"
PRODUCTION_VARIANCE = "5300"
INVENTORY_REVALUATION = "5400"
EXCHANGE_GAIN_LOSS = "7000"


@dataclass(frozen=True)
class Posting:
    account_code: str  # "1000", "1200", … (chart of contract §5.3)
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    # The customer or supplier of a 1200, 2100 or 2000 line (JournalLine.account).
    account_id: int | None = None
    # §12: debit/credit are in the entry's currency; a line may carry its own currency and
    # rate (a settled invoice's booked rate) or a base figure fixed by the caller.
    currency: str | None = None
    rate: Decimal | None = None
    base: Decimal | None = None


def signed(account_code: str, amount: Decimal, account_id: int | None = None) -> Posting:
    """A debit when `amount` is positive, a credit of its opposite when negative."""
    if amount >= 0:
        return Posting(account_code, debit=amount, account_id=account_id)
    return Posting(account_code, credit=-amount, account_id=account_id)


def stock_value(on_hand: Decimal, standard_cost: Decimal) -> Decimal:
    """What a product's stock is carried at in 1300: its on-hand over all warehouses × its
    standard cost, half-up to cents. Every stock posting moves 1300 by the change of this
    figure, so 1300 = Σ over products of stock_value, always (§5.3's inventory invariant)."""
    return cents(Decimal(on_hand) * Decimal(standard_cost))


def value_change(on_hand_before: Decimal, quantity: Decimal, standard_cost: Decimal) -> Decimal:
    """The change of a product's stock value when `quantity` (signed) moves at standard cost:
    quantity × standardCost, rounded so that the product's value stays stock_value."""
    before = Decimal(on_hand_before)
    return stock_value(before + Decimal(quantity), standard_cost) - stock_value(
        before, standard_cost
    )


def invoice_postings(
    *, subtotal: Decimal, tax_total: Decimal, account_id: int | None = None
) -> list[Posting]:
    """Invoice: Dr 1200 total / Cr 4000 subtotal / Cr 2200 tax."""
    return [
        Posting(ACCOUNTS_RECEIVABLE, debit=subtotal + tax_total, account_id=account_id),
        Posting(SALES_REVENUE, credit=subtotal),
        Posting(SALES_TAX_PAYABLE, credit=tax_total),
    ]


def credit_note_postings(
    *,
    subtotal: Decimal,
    tax_total: Decimal,
    applied: Decimal,
    account_id: int | None = None,
) -> list[Posting]:
    """Credit note: Dr 4000 subtotal / Dr 2200 tax / Cr 1200 what the invoice still owed, the
    rest Cr 2100 as the customer's credit."""
    total = subtotal + tax_total
    return [
        Posting(SALES_REVENUE, debit=subtotal),
        Posting(SALES_TAX_PAYABLE, debit=tax_total),
        Posting(ACCOUNTS_RECEIVABLE, credit=applied, account_id=account_id),
        Posting(CUSTOMER_CREDITS, credit=total - applied, account_id=account_id),
    ]


def payment_postings(
    *, amount: Decimal, applied: Decimal, account_id: int | None = None
) -> list[Posting]:
    """Customer payment: Dr 1000 amount / Cr 1200 applied / Cr 2100 unapplied."""
    return [
        Posting(CASH, debit=amount),
        Posting(ACCOUNTS_RECEIVABLE, credit=applied, account_id=account_id),
        Posting(CUSTOMER_CREDITS, credit=amount - applied, account_id=account_id),
    ]


def shipment_postings(value_shipped: Decimal) -> list[Posting]:
    """Shipment: Dr 5000 / Cr 1300 at standard cost (`value_shipped` ≥ 0, see value_change)."""
    return [
        Posting(COST_OF_GOODS_SOLD, debit=value_shipped),
        Posting(INVENTORY, credit=value_shipped),
    ]


def stock_adjustment_postings(value: Decimal, *, opening: bool) -> list[Posting]:
    """Stock adjustment: 1300 by `value` (signed, at standard) against 5100, or against 3900
    for opening stock (equity, never cost of goods sold)."""
    counter = OPENING_BALANCE_EQUITY if opening else INVENTORY_ADJUSTMENTS
    return [signed(INVENTORY, value), signed(counter, -value)]


def stock_count_postings(value: Decimal) -> list[Posting]:
    """A posted stock count (§15): 1300 by the variance's value (signed, at standard: counted
    more → a debit) against 5100 Inventory Adjustments."""
    return [signed(INVENTORY, value), signed(INVENTORY_ADJUSTMENTS, -value)]


def return_restock_postings(value: Decimal) -> list[Posting]:
    """A customer return put back into stock (§15): Dr 1300 / Cr 5000 at standard cost
    (`value` ≥ 0, see value_change), the shipment's cost of goods sold undone."""
    return [Posting(INVENTORY, debit=value), Posting(COST_OF_GOODS_SOLD, credit=value)]


def receipt_postings(*, standard_value: Decimal, purchase_value: Decimal) -> list[Posting]:
    """PO receipt: Dr 1300 at standard / Cr 2050 at the PO's unit costs / the difference to
    5200 (a debit when the PO paid more than standard)."""
    return [
        signed(INVENTORY, standard_value),
        signed(GOODS_RECEIVED_NOT_INVOICED, -purchase_value),
        signed(PURCHASE_PRICE_VARIANCE, purchase_value - standard_value),
    ]


def work_order_completion_postings(
    *, finished_value: Decimal, consumed_value: Decimal
) -> list[Posting]:
    """Work order completion: Dr 1300 the finished goods at standard / Cr 1300 the components
    consumed (with scrap) at theirs / the difference to 5300 (a debit when more went in)."""
    return [
        Posting(INVENTORY, debit=finished_value),
        Posting(INVENTORY, credit=consumed_value),
        signed(PRODUCTION_VARIANCE, consumed_value - finished_value),
    ]


def revaluation_postings(value: Decimal) -> list[Posting]:
    """A standard cost change: 1300 by on-hand × (new − old) (signed) against 5400."""
    return [signed(INVENTORY, value), signed(INVENTORY_REVALUATION, -value)]


def uninvoiced_value(received: Decimal, billed: Decimal, po_unit_cost: Decimal) -> Decimal:
    """What a PO line carries in 2050: (received − billed) × its unit cost, half-up to cents.
    Receipts credit and bills debit 2050 by the change of this figure, so 2050 = Σ of it over
    PO lines, always (§10's invariant)."""
    return cents((Decimal(received) - Decimal(billed)) * Decimal(po_unit_cost))


@dataclass(frozen=True)
class BilledLine:
    """A vendor bill line's figures (§10)."""

    cleared_value: Decimal  # what leaves 2050: the fall of its PO line's uninvoiced_value
    net_amount: Decimal  # round_half_up(quantity × billed unit cost, 2)
    tax_amount: Decimal


def vendor_bill_postings(lines: Iterable[BilledLine], *, supplier_id: int) -> list[Posting]:
    """Vendor bill: Dr 2050 at the PO unit cost × quantity, the price difference to 5200,
    Dr 1400 tax, Cr 2000 total on the supplier."""
    cleared = ZERO
    net = ZERO
    tax = ZERO
    for line in lines:
        cleared += Decimal(line.cleared_value)
        net += Decimal(line.net_amount)
        tax += Decimal(line.tax_amount)
    return [
        signed(GOODS_RECEIVED_NOT_INVOICED, cleared),
        signed(PURCHASE_PRICE_VARIANCE, net - cleared),
        signed(INPUT_TAX, tax),
        Posting(ACCOUNTS_PAYABLE, credit=net + tax, account_id=supplier_id),
    ]


def supplier_payment_postings(amount: Decimal, *, supplier_id: int) -> list[Posting]:
    """Supplier payment: Dr 2000 on the supplier / Cr 1000."""
    return [
        Posting(ACCOUNTS_PAYABLE, debit=amount, account_id=supplier_id),
        Posting(CASH, credit=amount),
    ]
