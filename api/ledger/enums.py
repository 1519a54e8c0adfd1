"""GraphQL enums of the ledger (contract §5.3), described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.ledger.models import JournalSource, LedgerAccountType

__all__ = ["JournalSource", "LedgerAccountType"]

described_enum(
    JournalSource,
    name="JournalSource",
    description="What posted a journal entry (§5.3); its `reference` names the document, "
    "and a reversal carries the source of the entry it reverses.",
    values={
        "INVOICE": "An invoice: Dr 1200 total / Cr 4000 subtotal / Cr 2200 tax.",
        "SHIPMENT": "A shipment: Dr 5000 / Cr 1300 at standard cost.",
        "PAYMENT": "A customer payment: Dr 1000 / Cr 1200 applied / Cr 2100 unapplied.",
        "STOCK_ADJUSTMENT": "A stock adjustment: 1300 against 5100, or against 3900 for "
        "opening stock.",
        "PO_RECEIPT": "A purchase order receipt: Dr 1300 at standard cost / Cr 2050 at the "
        "order's unit costs / the difference to 5200 Purchase Price Variance.",
        "CREDIT_NOTE": "A credit note reversing part or all of an invoice.",
        "WORK_ORDER": "A work order completion: Dr 1300 the finished goods at standard / Cr "
        "1300 the components consumed (with scrap) at theirs / the difference to 5300.",
        "REVALUATION": "A change of a product's standard cost: 1300 by on-hand × (new − old) "
        "against 5400.",
        "VENDOR_BILL": "A posted vendor bill (§10): Dr 2050 at the PO's unit costs, the price "
        "difference to 5200, Dr 1400 tax / Cr 2000 total.",
        "SUPPLIER_PAYMENT": "A payment to a supplier (§10): Dr 2000 / Cr 1000.",
        "STOCK_COUNT": "A posted stock count (§15): 1300 by the variance at standard cost "
        "against 5100.",
        "RETURN": "A customer return put back into stock (§15): Dr 1300 / Cr 5000 at "
        "standard cost.",
        "MANUAL": "Posted by hand.",
    },
)

described_enum(
    LedgerAccountType,
    name="LedgerAccountType",
    description="The kind of a ledger account (§5.3).",
    values={
        "ASSET": "What the business owns (1000 Cash, 1300 Inventory, …): a debit balance.",
        "LIABILITY": "What it owes (2000 Accounts Payable, 2200 Sales Tax Payable, …): a "
        "credit balance.",
        "EQUITY": "The owners' stake (3000 Equity, 3900 Opening Balance Equity).",
        "REVENUE": "Income (4000 Sales Revenue, 7000 Exchange Gain/Loss): a credit balance.",
        "EXPENSE": "Costs (5000 Cost of Goods Sold, 5100–5400 variances and adjustments).",
    },
)
