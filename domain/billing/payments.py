"""Recording a customer payment: allocations to invoices, the rest as customer credit (§5.4)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.billing.models import (
    OPEN_INVOICE_STATUSES,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
)
from domain.billing.statuses import invoice_status, refresh_order_billing_status
from domain.credit.services import note_credit_exposure
from domain.currencies.conversion import settled_base, to_base
from domain.currencies.iso4217 import MAX_MINOR_UNITS, fits
from domain.currencies.services import base_currency, rate_on
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import invoice_event_data, payment_event_data
from domain.events import record_event
from domain.fulfillment.services import sync_fulfillment
from domain.ledger.postings import ACCOUNTS_RECEIVABLE, Posting, payment_postings
from domain.ledger.services import post_journal_entry
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.validation import (
    Checks,
    currency_code,
    optional_text,
    required_date,
    valid_amount,
)


@dataclass(frozen=True)
class AllocationDraft:
    invoice_id: int
    amount: Decimal


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    due_date: date
    issue_date: date
    amount_due: Decimal


def allocate_oldest_first(amount: Decimal, invoices: Sequence[OpenInvoice]) -> dict[int, Decimal]:
    """Pays invoices by due date (then issue date, id) until the amount runs out (pure)."""
    allocations: dict[int, Decimal] = {}
    left = amount
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.issue_date, i.id)):
        if left <= 0:
            break
        applied = min(left, invoice.amount_due)
        if applied > 0:
            allocations[invoice.id] = applied
            left -= applied
    return allocations


def check_allocations(
    amount: Decimal,
    drafts: Sequence[AllocationDraft],
    invoices: dict[int, Invoice],
    account_id: int,
) -> dict[int, Decimal]:
    """Explicit allocations (their amounts already checked): own open invoices, at most their
    amount due and the payment."""
    allocations: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for index, draft in enumerate(drafts):
        path = ("allocations", str(index))
        value = Decimal(draft.amount)
        invoice = invoices.get(draft.invoice_id)
        if invoice is None:
            raise not_found("Invoice", draft.invoice_id, (*path, "invoice_id"))
        if invoice.account_id != account_id:
            raise DomainError(
                ErrorCode.INVALID,
                f"Invoice {invoice.number} belongs to another account.",
                (*path, "invoice_id"),
            )
        allocations[invoice.id] += value
        if allocations[invoice.id] > invoice.amount_due:
            raise DomainError(
                ErrorCode.INVALID,
                f"Invoice {invoice.number} has only {invoice.amount_due} due.",
                (*path, "amount"),
            )
    if sum(allocations.values(), ZERO) > amount:
        raise DomainError(
            ErrorCode.INVALID, "The allocations exceed the payment amount.", "allocations"
        )
    return dict(allocations)


def _check_currency(
    account_currency: str,
    currency: str | None,
    amount: Decimal,
    allocations: Sequence[AllocationDraft],
) -> None:
    """A payment is in its account's currency, to that currency's minor units (§12)."""
    if currency is not None and currency != account_currency:
        raise DomainError(
            ErrorCode.INVALID,
            f"The account deals in {account_currency}; a payment in {currency} is refused.",
            "currency",
        )
    checks = Checks()
    for value, path in [
        (amount, ("amount",)),
        *((d.amount, ("allocations", str(i), "amount")) for i, d in enumerate(allocations)),
    ]:
        if not fits(Decimal(value), account_currency):
            checks.add(
                DomainError(
                    ErrorCode.INVALID,
                    f"{'.'.join(path)} has more decimals than {account_currency} carries.",
                    path,
                )
            )
    checks.raise_if_any()


def _postings(
    account: Account,
    amount: Decimal,
    applied: dict[int, Decimal],
    invoices: dict[int, Invoice],
    rate: Decimal,
) -> list[Posting]:
    """§5.3's payment postings; in another currency than the base each settled invoice's part
    leaves 1200 at the invoice's booked rate (§12), the rest of the entry at the payment's.
    Cash takes, per invoice, the fall of its open amount valued at the payment rate (as 1200
    takes it at the booked rate), so an invoice paid in pieces at one rate realizes on 7000
    exactly round(total × payment rate) − round(total × booked rate), to the minor unit."""
    total_applied = sum(applied.values(), ZERO)
    if account.currency == base_currency():
        return payment_postings(amount=amount, applied=total_applied, account_id=account.id)
    cash, _, credit = payment_postings(
        amount=amount, applied=total_applied, account_id=account.id
    )
    settled = [
        Posting(
            ACCOUNTS_RECEIVABLE,
            credit=value,
            account_id=account.id,
            rate=Decimal(invoices[invoice_id].exchange_rate),
            base=settled_base(
                invoices[invoice_id].amount_due,
                value,
                Decimal(invoices[invoice_id].exchange_rate),
                base_currency(),
            ),
        )
        for invoice_id, value in sorted(applied.items())
    ]
    cash_base = sum(
        (
            settled_base(invoices[invoice_id].amount_due, value, rate, base_currency())
            for invoice_id, value in applied.items()
        ),
        ZERO,
    ) + to_base(amount - total_applied, rate, base_currency())
    return [replace(cash, base=cash_base), *settled, credit]


async def record_payment(
    account_id: int,
    amount: Decimal,
    payment_date: date,
    reference: str | None = None,
    allocations: Sequence[AllocationDraft] | None = None,
    currency: str | None = None,
) -> Payment:
    """Dr 1000 amount / Cr 1200 applied / Cr 2100 unapplied (§5.3). Without allocations the
    oldest due invoices are paid first; what is left stays as the customer's credit.

    In the account's currency (`currency`, when given, must be it: else INVALID), at the rate
    of the payment date (§12): each settled invoice leaves 1200 at its booked rate, cash
    enters at the payment's, and the difference is the realized gain or loss on 7000."""
    checks = Checks()
    amount = checks(valid_amount, amount, "amount", MAX_MINOR_UNITS, positive=True)
    checks(required_date, payment_date, "date")
    reference = checks(optional_text, reference, "reference", 120)
    code = checks(currency_code, currency, "currency")
    for index, draft in enumerate(allocations or ()):
        checks(
            valid_amount,
            draft.amount,
            ("allocations", str(index), "amount"),
            MAX_MINOR_UNITS,
            positive=True,
        )
    checks.raise_if_any()
    async with in_transaction():
        account = await Account.get_or_none(id=account_id)
        if account is None:
            raise not_found("Account", account_id, "account_id")
        _check_currency(account.currency, code, amount, allocations or ())
        rate = await rate_on(account.currency, payment_date, "date")
        if allocations:
            wanted = sorted({draft.invoice_id for draft in allocations})
            # Locked in id order: payments and credit notes on one invoice queue up.
            locked = await Invoice.filter(id__in=wanted).select_for_update().order_by("id")
            invoices = {invoice.id: invoice for invoice in locked}
            applied = check_allocations(amount, allocations, invoices, account.id)
        else:
            locked = (
                await Invoice.filter(
                    account_id=account.id, status__in=OPEN_INVOICE_STATUSES, amount_due__gt=0
                )
                .select_for_update()
                .order_by("id")
            )
            invoices = {invoice.id: invoice for invoice in locked}
            applied = allocate_oldest_first(
                amount,
                [OpenInvoice(i.id, i.due_date, i.issue_date, i.amount_due) for i in locked],
            )
        total_applied = sum(applied.values(), ZERO)
        unapplied = amount - total_applied
        number = await next_number("PAY", payment_date.year)
        entry = await post_journal_entry(
            entry_date=payment_date,
            memo=f"Payment {number} from {account.name}",
            source="PAYMENT",
            reference=number,
            postings=_postings(account, amount, applied, invoices, rate),
            currency=account.currency,
            rate=rate,
        )
        payment = await Payment.create(
            number=number,
            account_id=account.id,
            date=payment_date,
            amount=amount,
            reference=reference,
            currency=account.currency,
            exchange_rate=rate,
            unapplied_amount=unapplied,
            journal_entry_id=entry.id,
        )
        await PaymentAllocation.bulk_create(
            [
                PaymentAllocation(payment_id=payment.id, invoice_id=invoice_id, amount=value)
                for invoice_id, value in sorted(applied.items())
            ]
        )
        paid_invoices = []
        for invoice_id, value in sorted(applied.items()):
            invoice = invoices[invoice_id]
            previous = {"status": invoice.status}
            invoice.amount_paid += value
            invoice.amount_due -= value
            invoice.status = invoice_status(
                invoice.amount_paid, invoice.amount_due, invoice.amount_credited
            )
            await invoice.save(update_fields=["amount_paid", "amount_due", "status", "updated_at"])
            if invoice.status == InvoiceStatus.PAID:
                paid_invoices.append((invoice, previous))
        paid_orders = sorted({invoices[i].sales_order_id for i in applied})
        for order_id in paid_orders:
            await refresh_order_billing_status(order_id)
        await sync_fulfillment(paid_orders)
        await note_credit_exposure([account.id])
        await record_event("payment.received", payment_event_data(payment, applied))
        for invoice, previous in paid_invoices:
            await record_event("invoice.paid", invoice_event_data(invoice, previous))
    return payment
