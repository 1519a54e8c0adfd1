"""The chart of accounts of contract §5.3, seeded on migrate (also on installations made
before an account was added) and before every test."""

from __future__ import annotations

from domain.ledger.models import LedgerAccount, LedgerAccountType

CHART_OF_ACCOUNTS: tuple[tuple[str, str, LedgerAccountType], ...] = (
    ("1000", "Cash", LedgerAccountType.ASSET),
    ("1200", "Accounts Receivable", LedgerAccountType.ASSET),
    ("1300", "Inventory", LedgerAccountType.ASSET),
    ("2000", "Accounts Payable", LedgerAccountType.LIABILITY),
    ("2100", "Customer Credits", LedgerAccountType.LIABILITY),
    ("2200", "Sales Tax Payable", LedgerAccountType.LIABILITY),
    ("3000", "Equity", LedgerAccountType.EQUITY),
    ("4000", "Sales Revenue", LedgerAccountType.REVENUE),
    ("5000", "Cost of Goods Sold", LedgerAccountType.EXPENSE),
    # Added by a later revision of §5.3; `migrate` seeds what an installation lacks.
    ("1400", "Input Tax", LedgerAccountType.ASSET),
    ("2050", "Goods Received Not Invoiced", LedgerAccountType.LIABILITY),
    ("3900", "Opening Balance Equity", LedgerAccountType.EQUITY),
    ("5100", "Inventory Adjustments", LedgerAccountType.EXPENSE),
    ("5200", "Purchase Price Variance", LedgerAccountType.EXPENSE),
    ("5300", "Production Variance", LedgerAccountType.EXPENSE),
    ("5400", "Inventory Revaluation", LedgerAccountType.EXPENSE),
    ("7000", "Exchange Gain/Loss", LedgerAccountType.REVENUE),  # a loss is a debit balance
)


async def seed() -> None:
    """Adds the accounts an installation lacks and gives every account of the chart its
    §5.3 type, on data made before the types were settled too."""
    existing = dict(await LedgerAccount.all().values_list("code", "type"))
    missing = [
        LedgerAccount(code=code, name=name, type=kind)
        for code, name, kind in CHART_OF_ACCOUNTS
        if code not in existing
    ]
    if missing:
        await LedgerAccount.bulk_create(missing, ignore_conflicts=True)
    for code, _, kind in CHART_OF_ACCOUNTS:
        if code in existing and existing[code] != kind:
            await LedgerAccount.filter(code=code).update(type=kind)
