"""The profit and loss and the balance sheet (§11): pure figures over per-account totals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tortoise.functions import Sum

from domain.errors import DomainError, ErrorCode
from domain.ledger.models import JournalLine, LedgerAccount, LedgerAccountType
from domain.money import ZERO, cents
from domain.validation import Checks, required_date

INCOME_TYPES = (LedgerAccountType.REVENUE, LedgerAccountType.EXPENSE)
BALANCE_TYPES = (LedgerAccountType.ASSET, LedgerAccountType.LIABILITY, LedgerAccountType.EQUITY)
# Accounts whose balance is a debit (assets, expenses); the others' is a credit.
DEBIT_NATURED = (LedgerAccountType.ASSET, LedgerAccountType.EXPENSE)


@dataclass(frozen=True)
class AccountTotals:
    """Σ debit and Σ credit of one ledger account over a stretch of days."""

    ledger_account: LedgerAccount
    debit: Decimal
    credit: Decimal

    @property
    def amount(self) -> Decimal:
        """The account's own side up: debit − credit for assets and expenses, credit − debit
        for liabilities, equity and revenue (a loss on 7000 is a negative revenue)."""
        if self.ledger_account.type in DEBIT_NATURED:
            return self.debit - self.credit
        return self.credit - self.debit


@dataclass(frozen=True)
class ReportRow:
    ledger_account: LedgerAccount
    amount: Decimal


@dataclass(frozen=True)
class ProfitAndLoss:
    date_from: date
    date_to: date
    rows: list[ReportRow]
    revenue: Decimal
    expenses: Decimal

    @property
    def net_income(self) -> Decimal:
        return self.revenue - self.expenses


@dataclass(frozen=True)
class BalanceSheet:
    as_of: date
    rows: list[ReportRow]
    retained_earnings: Decimal
    assets: Decimal
    liabilities: Decimal
    # The equity accounts' balances plus retained earnings.
    equity: Decimal


def _sum(rows: Sequence[ReportRow], kind: LedgerAccountType) -> Decimal:
    return sum((row.amount for row in rows if row.ledger_account.type == kind), ZERO)


def profit_and_loss(
    totals: Sequence[AccountTotals], date_from: date, date_to: date
) -> ProfitAndLoss:
    """The REVENUE and EXPENSE accounts' movements in the period, by code (pure)."""
    rows = [
        ReportRow(t.ledger_account, t.amount)
        for t in totals
        if t.ledger_account.type in INCOME_TYPES
    ]
    return ProfitAndLoss(
        date_from=date_from,
        date_to=date_to,
        rows=rows,
        revenue=_sum(rows, LedgerAccountType.REVENUE),
        expenses=_sum(rows, LedgerAccountType.EXPENSE),
    )


def balance_sheet(totals: Sequence[AccountTotals], as_of: date) -> BalanceSheet:
    """ASSET, LIABILITY and EQUITY balances to date, by code, and all earnings to date
    (revenue − expenses) as retained earnings inside equity: the entries balance, so assets =
    liabilities + equity exactly (pure)."""
    rows = [
        ReportRow(t.ledger_account, t.amount)
        for t in totals
        if t.ledger_account.type in BALANCE_TYPES
    ]
    retained = sum(
        (
            t.amount if t.ledger_account.type == LedgerAccountType.REVENUE else -t.amount
            for t in totals
            if t.ledger_account.type in INCOME_TYPES
        ),
        ZERO,
    )
    return BalanceSheet(
        as_of=as_of,
        rows=rows,
        retained_earnings=retained,
        assets=_sum(rows, LedgerAccountType.ASSET),
        liabilities=_sum(rows, LedgerAccountType.LIABILITY),
        equity=_sum(rows, LedgerAccountType.EQUITY) + retained,
    )


async def account_totals(date_from: date | None, date_to: date) -> list[AccountTotals]:
    """Every ledger account by code with Σ debit and Σ credit of its lines dated from
    `date_from` (None: the beginning) to `date_to`, inclusive, summed by the database."""
    lines = JournalLine.filter(entry__date__lte=date_to)
    if date_from is not None:
        lines = lines.filter(entry__date__gte=date_from)
    sums = (
        await lines.annotate(total_debit=Sum("debit"), total_credit=Sum("credit"))
        .group_by("ledger_account_id")
        .values("ledger_account_id", "total_debit", "total_credit")
    )
    by_account = {row["ledger_account_id"]: row for row in sums}
    totals = []
    for account in await LedgerAccount.all().order_by("code"):
        row = by_account.get(account.id, {})
        totals.append(
            AccountTotals(
                ledger_account=account,
                debit=cents(row.get("total_debit") or ZERO),
                credit=cents(row.get("total_credit") or ZERO),
            )
        )
    return totals


async def profit_and_loss_for(date_from: date, date_to: date) -> ProfitAndLoss:
    """profitAndLoss(from, to), in the base currency."""
    checks = Checks()
    checks(required_date, date_from, "from")
    checks(required_date, date_to, "to")
    checks.raise_if_any()
    if date_to < date_from:
        raise DomainError(ErrorCode.INVALID, "to must not be before from.", "to")
    return profit_and_loss(await account_totals(date_from, date_to), date_from, date_to)


async def balance_sheet_as_of(as_of: date) -> BalanceSheet:
    """balanceSheet(asOf), in the base currency."""
    checks = Checks()
    checks(required_date, as_of, "as_of")
    checks.raise_if_any()
    return balance_sheet(await account_totals(None, as_of), as_of)
