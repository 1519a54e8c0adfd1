"""Posting, reversing and reading journal entries; every posting of §5.3 goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tortoise.functions import Sum
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.closing.periods import ensure_open
from domain.currencies.conversion import book
from domain.currencies.iso4217 import fits, round_amount
from domain.currencies.services import base_currency
from domain.errors import DomainError, ErrorCode, not_found
from domain.ledger.models import JournalEntry, JournalLine, JournalSource, LedgerAccount
from domain.ledger.postings import (
    ACCOUNTS_PAYABLE,
    ACCOUNTS_RECEIVABLE,
    CASH,
    COST_OF_GOODS_SOLD,
    CUSTOMER_CREDITS,
    EQUITY,
    INVENTORY,
    INVENTORY_ADJUSTMENTS,
    OPENING_BALANCE_EQUITY,
    SALES_REVENUE,
    SALES_TAX_PAYABLE,
    Posting,
)
from domain.money import ZERO, cents
from domain.numbering.services import next_number

__all__ = [
    "ACCOUNTS_PAYABLE",
    "ACCOUNTS_RECEIVABLE",
    "CASH",
    "COST_OF_GOODS_SOLD",
    "CUSTOMER_CREDITS",
    "EQUITY",
    "INVENTORY",
    "INVENTORY_ADJUSTMENTS",
    "OPENING_BALANCE_EQUITY",
    "SALES_REVENUE",
    "SALES_TAX_PAYABLE",
    "Posting",
    "TrialBalanceRow",
    "chart_of_accounts",
    "list_journal_entries",
    "post_journal_entry",
    "reverse_journal_entry",
    "trial_balance",
]


def _checked_postings(postings: Sequence[Posting], currency: str) -> list[Posting]:
    """Non-zero postings to the minor units of their currency, one side each, Σ debit = Σ
    credit in the document's currency when all are in it (pure)."""
    kept: list[Posting] = []
    for index, posting in enumerate(postings):
        debit, credit = Decimal(posting.debit), Decimal(posting.credit)
        if debit < 0 or credit < 0 or (debit and credit):
            raise DomainError(
                ErrorCode.INVALID,
                "A posting has either a debit or a credit, never negative.",
                ("postings", str(index)),
            )
        code = posting.currency or currency
        if not fits(debit, code) or not fits(credit, code):
            raise DomainError(
                ErrorCode.INVALID,
                f"Postings are amounts in the minor units of {code}.",
                ("postings", str(index)),
            )
        if debit or credit:
            kept.append(
                replace(posting, debit=round_amount(debit, code), credit=round_amount(credit, code))
            )
    total_debit = sum((p.debit for p in kept if p.rate is None and p.base is None), ZERO)
    total_credit = sum((p.credit for p in kept if p.rate is None and p.base is None), ZERO)
    # Lines at a rate of their own (a settled invoice's) balance in base only, with 7000.
    if total_debit != total_credit and all(
        p.rate is None and p.base is None and p.currency is None for p in kept
    ):
        raise DomainError(
            ErrorCode.UNBALANCED_ENTRY,
            f"Debits {total_debit} do not equal credits {total_credit}.",
            "postings",
        )
    if not kept:
        raise DomainError(
            ErrorCode.INVALID, "A journal entry needs at least one amount.", "postings"
        )
    return kept


async def post_journal_entry(
    *,
    entry_date: date,
    memo: str,
    source: str,
    postings: Sequence[Posting],
    reference: str | None = None,
    currency: str | None = None,
    rate: Decimal | None = None,
) -> JournalEntry:
    """Call inside the caller's transaction: the entry commits or rolls back with its document.

    `postings` are in the document's `currency` (default: the base) at `rate` base units per
    unit (default 1); each line is booked in base to the base's minor units and the residue
    goes to 7000 (§12). Zero postings are dropped; Σ debit ≠ Σ credit → UNBALANCED_ENTRY (the
    database refuses too).
    """
    return await _post(
        entry_date=entry_date,
        memo=memo,
        source=source,
        postings=postings,
        reference=reference,
        currency=currency,
        rate=rate,
    )


async def _post(
    *,
    entry_date: date,
    memo: str,
    source: str,
    postings: Sequence[Posting],
    reference: str | None,
    reverses_id: int | None = None,
    currency: str | None = None,
    rate: Decimal | None = None,
) -> JournalEntry:
    base = base_currency()
    document_currency = currency or base
    kept = _checked_postings(postings, document_currency)
    booked = book(
        kept,
        currency=document_currency,
        rate=Decimal(1) if rate is None else Decimal(rate),
        base_currency=base,
    )
    try:
        journal_source = JournalSource(source)
    except ValueError:
        raise DomainError(
            ErrorCode.INVALID, f"Unknown journal source {source!r}.", "source"
        ) from None
    codes = sorted({p.account_code for p in booked})
    accounts = {a.code: a.id for a in await LedgerAccount.filter(code__in=codes)}
    missing = [code for code in codes if code not in accounts]
    if missing:
        raise not_found("Ledger account", ", ".join(missing), "postings")
    async with in_transaction():
        await ensure_open(entry_date)
        entry = await JournalEntry.create(
            number=await next_number("JE", entry_date.year),
            date=entry_date,
            memo=memo[:255],
            source=journal_source,
            reference=reference,
            reverses_id=reverses_id,
        )
        await JournalLine.bulk_create(
            [
                JournalLine(
                    entry_id=entry.id,
                    ledger_account_id=accounts[line.account_code],
                    account_id=line.account_id,
                    debit=line.debit,
                    credit=line.credit,
                    currency=line.currency,
                    amount=line.amount,
                    rate=line.rate,
                )
                for line in booked
            ]
        )
    return entry


async def reverse_journal_entry(
    entry_id: int, *, entry_date: date, memo: str | None = None
) -> JournalEntry:
    """The correction of an immutable entry: a new entry with debits and credits swapped."""
    async with in_transaction():
        original = await JournalEntry.get_or_none(id=entry_id)
        if original is None:
            raise not_found("JournalEntry", entry_id, "entry_id")
        if await JournalEntry.exists(reverses_id=original.id):
            raise DomainError(
                ErrorCode.ALREADY_PROCESSED, f"{original.number} is already reversed.", "entry_id"
            )
        lines = await JournalLine.filter(entry_id=original.id).prefetch_related("ledger_account")
        return await _post(
            entry_date=entry_date,
            memo=memo or f"Reversal of {original.number}",
            source=original.source.value,
            reference=original.reference,
            # Each line mirrored at its own currency, amount and base figure.
            postings=[
                Posting(
                    line.ledger_account.code,
                    debit=_amount(line) if line.credit else ZERO,
                    credit=_amount(line) if line.debit else ZERO,
                    account_id=line.account_id,
                    currency=line.currency,
                    rate=line.rate,
                    base=line.debit or line.credit,
                )
                for line in lines
            ],
            reverses_id=original.id,
        )


def _amount(line: JournalLine) -> Decimal:
    """The line's amount in its currency; a line from before §12 is in base at rate 1."""
    return Decimal(line.debit or line.credit) if line.amount is None else Decimal(line.amount)


@dataclass(frozen=True)
class TrialBalanceRow:
    ledger_account: LedgerAccount
    debit: Decimal
    credit: Decimal

    @property
    def balance(self) -> Decimal:
        """Debit-positive: assets and expenses positive, liabilities, equity, revenue negative."""
        return self.debit - self.credit


async def trial_balance(as_of: date | None = None) -> list[TrialBalanceRow]:
    """Σ debit and Σ credit per ledger account up to `as_of`, summed by the database."""
    lines = JournalLine.all()
    if as_of is not None:
        lines = lines.filter(entry__date__lte=as_of)
    sums = (
        await lines.annotate(total_debit=Sum("debit"), total_credit=Sum("credit"))
        .group_by("ledger_account_id")
        .values("ledger_account_id", "total_debit", "total_credit")
    )
    by_account = {row["ledger_account_id"]: row for row in sums}
    rows = []
    for account in await LedgerAccount.all().order_by("code"):
        row = by_account.get(account.id, {})
        rows.append(
            TrialBalanceRow(
                ledger_account=account,
                debit=cents(row.get("total_debit") or ZERO),
                credit=cents(row.get("total_credit") or ZERO),
            )
        )
    return rows


def list_journal_entries(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    source: str | None = None,
    reference: str | None = None,
) -> QuerySet[JournalEntry]:
    """The `journalEntries` filter: dates inclusive, source and document reference exact."""
    queryset = JournalEntry.all()
    if date_from is not None:
        queryset = queryset.filter(date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(date__lte=date_to)
    if source is not None:
        queryset = queryset.filter(source=source)
    if reference is not None:
        queryset = queryset.filter(reference=reference)
    return queryset


async def chart_of_accounts() -> list[LedgerAccount]:
    return list(await LedgerAccount.all().order_by("code"))
