"""Credit notes: reversing part or all of an invoice in the CN-YYYY-NNNNNN series (§5.4)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from domain.billing.models import CreditNote, CreditNoteLine, Invoice, InvoiceLine, InvoiceStatus
from domain.billing.pricing import line_net, line_tax
from domain.billing.statuses import invoice_status, refresh_order_billing_status
from domain.clock import today
from domain.credit.services import note_credit_exposure
from domain.currencies.conversion import settled_base
from domain.currencies.iso4217 import minor_units
from domain.currencies.services import base_currency
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import credit_note_event_data, invoice_event_data
from domain.events import record_event
from domain.fulfillment.services import sync_fulfillment
from domain.ledger.postings import ACCOUNTS_RECEIVABLE, Posting, credit_note_postings
from domain.ledger.services import post_journal_entry
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.validation import Checks, optional_date, valid_quantity


@dataclass(frozen=True)
class CreditLineDraft:
    invoice_line_id: int
    quantity: Decimal


@dataclass(frozen=True)
class CreditedAmounts:
    net: Decimal
    tax: Decimal


def credited_amounts(line: InvoiceLine, quantity: Decimal, places: int = 2) -> CreditedAmounts:
    """The line's amounts for `quantity`, rounded by §5.4 to the `places` minor units of the
    invoice's currency (§12); the last part of a line takes exactly what is left, so crediting
    a line in pieces never exceeds what was invoiced."""
    remaining_quantity = line.quantity - line.quantity_credited
    remaining_net = line.net_amount - line.net_credited
    remaining_tax = line.tax_amount - line.tax_credited
    if quantity >= remaining_quantity:
        return CreditedAmounts(remaining_net, remaining_tax)
    net = min(remaining_net, line_net(quantity, line.unit_price, line.discount_percent, places))
    return CreditedAmounts(net, min(remaining_tax, line_tax(net, line.tax_rate, places)))


def _postings(
    invoice: Invoice, subtotal: Decimal, tax_total: Decimal, applied: Decimal
) -> list[Posting]:
    """§5.3's credit-note postings; the part that reduces the invoice's amount due leaves
    1200 by the fall of what 1200 carries of the invoice (§12), so a fully credited invoice
    leaves exactly its booked base amount."""
    postings = credit_note_postings(
        subtotal=subtotal, tax_total=tax_total, applied=applied, account_id=invoice.account_id
    )
    base = base_currency()
    if invoice.currency == base or not applied:
        return postings
    rate = Decimal(invoice.exchange_rate)
    return [
        replace(posting, rate=rate, base=settled_base(invoice.amount_due, applied, rate, base))
        if posting.account_code == ACCOUNTS_RECEIVABLE
        else posting
        for posting in postings
    ]


async def create_credit_note(
    invoice_id: int, lines: Sequence[CreditLineDraft], issue_date: date | None = None
) -> CreditNote:
    """Dr 4000 net / Dr 2200 tax / Cr 1200 up to the invoice's amount due; any rest (an
    invoice already paid) becomes the customer's credit on 2100."""
    if not lines:
        raise DomainError(ErrorCode.REQUIRED, "A credit note needs at least one line.", "lines")
    checks = Checks()
    issued = checks(optional_date, issue_date, "issue_date") or today()
    for index, draft in enumerate(lines):
        checks(valid_quantity, draft.quantity, ("lines", str(index), "quantity"), positive=True)
    checks.raise_if_any()
    async with in_transaction():
        invoice = await Invoice.filter(id=invoice_id).select_for_update().first()
        if invoice is None:
            raise not_found("Invoice", invoice_id, "invoice_id")
        invoice_lines = {
            line.id: line
            for line in await InvoiceLine.filter(invoice_id=invoice.id).select_for_update()
        }
        quantities: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for index, draft in enumerate(lines):
            path = ("lines", str(index))
            line = invoice_lines.get(draft.invoice_line_id)
            if line is None:
                checks.add(
                    not_found("Invoice line", draft.invoice_line_id, (*path, "invoice_line_id"))
                )
                continue
            quantities[line.id] += Decimal(draft.quantity)
            left = line.quantity - line.quantity_credited
            if quantities[line.id] > left:
                checks.add(
                    DomainError(
                        ErrorCode.INVALID,
                        f"Only {left.normalize():f} of line {line.position + 1} can be credited.",
                        (*path, "quantity"),
                    )
                )
        checks.raise_if_any()
        credited = {
            line_id: credited_amounts(
                invoice_lines[line_id], quantity, minor_units(invoice.currency)
            )
            for line_id, quantity in quantities.items()
        }
        subtotal = sum((c.net for c in credited.values()), ZERO)
        tax_total = sum((c.tax for c in credited.values()), ZERO)
        total = subtotal + tax_total
        applied = min(total, invoice.amount_due)
        unapplied = total - applied
        number = await next_number("CN", issued.year)
        entry = None
        if total:
            entry = await post_journal_entry(
                entry_date=issued,
                memo=f"Credit note {number} on {invoice.number}",
                source="CREDIT_NOTE",
                reference=number,
                postings=_postings(invoice, subtotal, tax_total, applied),
                # At the invoice's booked rate: a credit note takes back what the invoice
                # booked, so no exchange difference arises (§12).
                currency=invoice.currency,
                rate=Decimal(invoice.exchange_rate),
            )
        note = await CreditNote.create(
            number=number,
            invoice_id=invoice.id,
            account_id=invoice.account_id,
            issue_date=issued,
            subtotal=subtotal,
            tax_total=tax_total,
            total=total,
            applied_amount=applied,
            unapplied_amount=unapplied,
            journal_entry=entry,
        )
        await CreditNoteLine.bulk_create(
            [
                CreditNoteLine(
                    credit_note_id=note.id,
                    invoice_line_id=line_id,
                    quantity=quantities[line_id],
                    net_amount=amounts.net,
                    tax_amount=amounts.tax,
                )
                for line_id, amounts in sorted(credited.items())
            ]
        )
        for line_id, amounts in sorted(credited.items()):
            line = invoice_lines[line_id]
            line.quantity_credited += quantities[line_id]
            line.net_credited += amounts.net
            line.tax_credited += amounts.tax
            await line.save(update_fields=["quantity_credited", "net_credited", "tax_credited"])
        previous = {"status": invoice.status}
        invoice.amount_credited += applied
        invoice.amount_due -= applied
        invoice.status = invoice_status(
            invoice.amount_paid, invoice.amount_due, invoice.amount_credited
        )
        await invoice.save(update_fields=["amount_credited", "amount_due", "status", "updated_at"])
        await refresh_order_billing_status(invoice.sales_order_id)
        await sync_fulfillment([invoice.sales_order_id])
        await note_credit_exposure([invoice.account_id])
        await record_event("credit_note.posted", credit_note_event_data(note, invoice.currency))
        if invoice.status == InvoiceStatus.PAID and previous["status"] != InvoiceStatus.PAID:
            await record_event("invoice.paid", invoice_event_data(invoice, previous))
    return note
