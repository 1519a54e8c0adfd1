"""A journal entry's lines in the base currency (§12): per line base = round_half_up(amount ×
rate, base minor units), the residue that per-line rounding leaves on 7000 (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from domain.currencies.iso4217 import minor_units
from domain.money import ZERO, round_half_up

EXCHANGE_GAIN_LOSS = "7000"
ONE = Decimal(1)


class DocumentPosting(Protocol):
    """A posting in the document's currency (domain.ledger.postings.Posting)."""

    @property
    def account_code(self) -> str: ...
    @property
    def debit(self) -> Decimal: ...
    @property
    def credit(self) -> Decimal: ...
    @property
    def account_id(self) -> int | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def rate(self) -> Decimal | None: ...
    @property
    def base(self) -> Decimal | None: ...


@dataclass(frozen=True)
class BookedLine:
    """A journal line: `debit`/`credit` in base, `amount` of `currency` at `rate`."""

    account_code: str
    account_id: int | None
    debit: Decimal
    credit: Decimal
    currency: str
    amount: Decimal
    rate: Decimal


def to_base(amount: Decimal, rate: Decimal, base_currency: str) -> Decimal:
    """round_half_up(amount × rate, base minor units)."""
    return round_half_up(Decimal(amount) * Decimal(rate), minor_units(base_currency))


def carried_base(amount_due: Decimal, rate: Decimal, base_currency: str) -> Decimal:
    """What 1200 (2000) carries of a document with `amount_due` left, booked at `rate`."""
    return to_base(amount_due, rate, base_currency)


def settled_base(
    due_before: Decimal, settled: Decimal, rate: Decimal, base_currency: str
) -> Decimal:
    """What leaves 1200 (2000) when `settled` of a document booked at `rate` is paid or
    credited: round_half_up(settled × rate), except that the fall of what the document carries
    is taken, so a document paid in pieces leaves exactly its booked base amount (the pieces'
    roundings may differ from the whole's by a minor unit)."""
    return carried_base(due_before, rate, base_currency) - carried_base(
        Decimal(due_before) - Decimal(settled), rate, base_currency
    )


def book(
    postings: Sequence[DocumentPosting], *, currency: str, rate: Decimal, base_currency: str
) -> list[BookedLine]:
    """The entry's lines in base. A posting may carry its own rate (a settled invoice's) or
    a base figure fixed by the caller; the residue Σ debit − Σ credit goes to 7000 as one line
    in the base currency, so the entry balances in base."""
    lines: list[BookedLine] = []
    for posting in postings:
        line_currency = posting.currency or currency
        line_rate = Decimal(posting.rate if posting.rate is not None else rate)
        if line_currency == base_currency and posting.rate is None:
            line_rate = ONE
        is_debit = bool(posting.debit)
        amount = Decimal(posting.debit if is_debit else posting.credit)
        value = (
            Decimal(posting.base)
            if posting.base is not None
            else to_base(amount, line_rate, base_currency)
        )
        lines.append(
            BookedLine(
                account_code=posting.account_code,
                account_id=posting.account_id,
                debit=value if is_debit else ZERO,
                credit=ZERO if is_debit else value,
                currency=line_currency,
                amount=amount,
                rate=line_rate,
            )
        )
    residue = sum((line.debit for line in lines), ZERO) - sum((line.credit for line in lines), ZERO)
    if residue:
        lines.append(
            BookedLine(
                account_code=EXCHANGE_GAIN_LOSS,
                account_id=None,
                debit=-residue if residue < 0 else ZERO,
                credit=residue if residue > 0 else ZERO,
                currency=base_currency,
                amount=abs(residue),
                rate=ONE,
            )
        )
    return lines
