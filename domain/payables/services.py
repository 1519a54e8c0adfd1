"""Accounts payable use cases: vendor bills matched against receipts, posted, paid (§10)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from tortoise.exceptions import IntegrityError
from tortoise.functions import Sum
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.billing.payments import OpenInvoice, allocate_oldest_first
from domain.billing.receivables import AgingReport, age
from domain.clock import utcnow
from domain.currencies.conversion import settled_base, to_base
from domain.currencies.iso4217 import MAX_MINOR_UNITS, fits, round_amount
from domain.currencies.services import base_currency, rate_on
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import supplier_payment_event_data, vendor_bill_event_data
from domain.events import record_event
from domain.ledger.postings import (
    ACCOUNTS_PAYABLE,
    GOODS_RECEIVED_NOT_INVOICED,
    INPUT_TAX,
    PURCHASE_PRICE_VARIANCE,
    BilledLine,
    Posting,
    signed,
    supplier_payment_postings,
    uninvoiced_value,
    vendor_bill_postings,
)
from domain.ledger.services import post_journal_entry
from domain.money import ZERO, stored_amount
from domain.numbering.services import next_number
from domain.payables.matching import BilledQuantity, MatchException, OrderedLine, match_lines
from domain.payables.models import (
    BILLED_STATUSES,
    OPEN_BILL_STATUSES,
    MatchStatus,
    SupplierPayment,
    SupplierPaymentAllocation,
    VendorBill,
    VendorBillLine,
    VendorBillStatus,
)
from domain.purchasing.models import PurchaseOrderLine, PurchaseOrderStatus
from domain.purchasing.services import billed_by_line
from domain.querying import filter_given
from domain.settings import get_settings
from domain.validation import (
    HUNDRED,
    UNIT_PRICE,
    Checks,
    computed_amount,
    currency_code,
    optional_decimal,
    optional_text,
    required_date,
    required_text,
    valid_amount,
    valid_percent,
    valid_quantity,
)


@dataclass(frozen=True)
class BillLineDraft:
    purchase_order_line_id: int
    quantity: Decimal
    unit_cost: Decimal | None = None  # None → the PO line's unit cost
    tax_rate: Decimal | None = None  # None → 0


@dataclass(frozen=True)
class BillAllocationDraft:
    bill_id: int
    amount: Decimal


def bill_status(amount_paid: Decimal, amount_due: Decimal) -> VendorBillStatus:
    """POSTED until something is paid, PARTIALLY_PAID, PAID once nothing is due (pure)."""
    if amount_due <= 0:
        return VendorBillStatus.PAID
    return VendorBillStatus.PARTIALLY_PAID if amount_paid > 0 else VendorBillStatus.POSTED


async def get_vendor_bill(bill_id: int, *, field: str = "id") -> VendorBill:
    bill = await VendorBill.get_or_none(id=bill_id)
    if bill is None:
        raise not_found("VendorBill", bill_id, field)
    return bill


UNIT_COST_PLACES = Decimal("0.0001")


def _in_bill_currency(po_unit_cost: Decimal, rate: Decimal | None) -> Decimal:
    """A PO unit cost (in the base) in the bill's currency at the bill date's rate, to the
    four decimals unit costs carry; unconverted when there is no rate (the match then fails
    and posting refuses with NO_EXCHANGE_RATE)."""
    if rate is None or rate == 1:
        return Decimal(po_unit_cost)
    return (Decimal(po_unit_cost) / rate).quantize(UNIT_COST_PLACES, ROUND_HALF_UP)


async def _match_rate(currency: str, bill_date: date) -> Decimal | None:
    """The bill date's rate for the match (§12), None when there is none yet."""
    try:
        return await rate_on(currency, bill_date)
    except DomainError as error:
        if error.code == ErrorCode.NO_EXCHANGE_RATE:
            return None
        raise


def _ordered(
    po_lines: dict[int, PurchaseOrderLine],
    billed: dict[int, Decimal],
    rate: Decimal | None = None,
) -> dict[int, OrderedLine]:
    """What the PO lines say, their unit costs in the bill's currency (purchase orders are in
    the base): a foreign supplier's bill is matched in its own currency."""
    return {
        line_id: OrderedLine(
            unit_cost=_in_bill_currency(Decimal(line.unit_cost), rate),
            received=Decimal(line.quantity_received),
            billed=billed.get(line_id, ZERO),
        )
        for line_id, line in po_lines.items()
    }


def _exceptions_data(exceptions: Sequence[MatchException]) -> list[dict[str, object]]:
    return [
        {"position": e.position, "kind": e.kind.value, "message": e.message} for e in exceptions
    ]


async def create_vendor_bill(
    supplier_id: int,
    supplier_reference: str,
    bill_date: date,
    lines: Sequence[BillLineDraft],
) -> VendorBill:
    """A DRAFT bill numbered BILL-YYYY-NNNNNN (by bill date), due billDate + the supplier's
    paymentTermsDays, matched line by line against its PO lines (§10). A line that does not
    match is recorded as an exception; only posting refuses it."""
    checks = Checks()
    reference = checks(required_text, supplier_reference, "supplier_reference", 120)
    checks(required_date, bill_date, "bill_date")
    if not lines:
        checks.add(DomainError(ErrorCode.REQUIRED, "A bill needs at least one line.", "lines"))
    for index, draft in enumerate(lines):
        at = ("lines", str(index))
        checks(valid_quantity, draft.quantity, (*at, "quantity"), positive=True)
        checks(optional_decimal, draft.unit_cost, (*at, "unit_cost"), UNIT_PRICE)
        if draft.tax_rate is not None:
            checks(valid_percent, draft.tax_rate, (*at, "tax_rate"))
    checks.raise_if_any()
    async with in_transaction():
        supplier = await Account.get_or_none(id=supplier_id)
        if supplier is None:
            raise not_found("Account", supplier_id, "supplier_id")
        if await VendorBill.exists(supplier_id=supplier.id, supplier_reference=reference):
            raise _duplicate(reference)
        po_lines = {
            line.id: line
            for line in await PurchaseOrderLine.filter(
                id__in=[d.purchase_order_line_id for d in lines]
            ).prefetch_related("order")
        }
        for index, draft in enumerate(lines):
            field = ("lines", str(index), "purchase_order_line_id")
            po_line = po_lines.get(draft.purchase_order_line_id)
            if po_line is None:
                checks.add(not_found("PurchaseOrderLine", draft.purchase_order_line_id, field))
            elif po_line.order.supplier_id != supplier.id:
                checks.add(
                    DomainError(
                        ErrorCode.INVALID,
                        f"The line is on {po_line.order.number}, another supplier's order.",
                        field,
                    )
                )
            elif po_line.order.status == PurchaseOrderStatus.CANCELLED:
                checks.add(
                    DomainError(ErrorCode.INVALID, f"{po_line.order.number} is cancelled.", field)
                )
        checks.raise_if_any()
        rows: list[VendorBillLine] = []
        billed_lines: list[BilledQuantity] = []
        currency = supplier.currency or get_settings().currency
        rate = await _match_rate(currency, bill_date)
        for index, draft in enumerate(lines):
            at = ("lines", str(index))
            po_line = po_lines[draft.purchase_order_line_id]
            quantity = Decimal(draft.quantity)
            unit_cost = Decimal(
                _in_bill_currency(Decimal(po_line.unit_cost), rate)
                if draft.unit_cost is None
                else draft.unit_cost
            )
            tax_rate = Decimal(draft.tax_rate or ZERO)
            with checks.collecting():
                net = round_amount(
                    computed_amount(quantity * unit_cost, at, "quantity × unitCost"), currency
                )
                tax = round_amount(net * tax_rate / HUNDRED, currency)
                rows.append(
                    VendorBillLine(
                        position=index + 1,
                        purchase_order_line_id=po_line.id,
                        product_id=po_line.product_id,
                        quantity=quantity,
                        unit_cost=unit_cost,
                        tax_rate=tax_rate,
                        net_amount=net,
                        tax_amount=tax,
                    )
                )
            billed_lines.append(BilledQuantity(index + 1, po_line.id, quantity, unit_cost))
        checks.raise_if_any()
        subtotal = sum((row.net_amount for row in rows), ZERO)
        tax_total = sum((row.tax_amount for row in rows), ZERO)
        total = computed_amount(subtotal + tax_total, "lines", "The bill's total")
        billed = await billed_by_line(list(po_lines))
        exceptions = match_lines(billed_lines, _ordered(po_lines, billed, rate))
        try:
            async with in_transaction():  # a savepoint: a racing duplicate is refused cleanly
                bill = await VendorBill.create(
                    number=await next_number("BILL", bill_date.year),
                    supplier_id=supplier.id,
                    supplier_reference=reference,
                    bill_date=bill_date,
                    due_date=bill_date + timedelta(days=supplier.payment_terms_days),
                    currency=currency,
                    subtotal=subtotal,
                    tax_total=tax_total,
                    total=total,
                    amount_due=total,
                    match_status=MatchStatus.EXCEPTION if exceptions else MatchStatus.MATCHED,
                    match_exceptions=_exceptions_data(exceptions),
                )
        except IntegrityError:
            raise _duplicate(reference) from None
        for row in rows:
            row.bill_id = bill.id
        await VendorBillLine.bulk_create(rows)
    return bill


def _duplicate(reference: str) -> DomainError:
    return DomainError(
        ErrorCode.DUPLICATE,
        f"The supplier already has a bill with supplierReference {reference!r}.",
        "supplier_reference",
    )


def _bill_postings(bill: VendorBill, lines: Sequence[BilledLine], rate: Decimal) -> list[Posting]:
    """§10's bill postings. In a currency other than the base (§12), tax and the total are at
    the bill's rate while 2050 is cleared at the base value its receipts booked (purchase
    orders are in the base), and 5200 takes the price difference in base."""
    postings = vendor_bill_postings(lines, supplier_id=bill.supplier_id)
    base = base_currency()
    if bill.currency == base:
        return postings
    cleared = sum((Decimal(line.cleared_value) for line in lines), ZERO)
    tax = sum((Decimal(line.tax_amount) for line in lines), ZERO)
    total = sum((Decimal(line.net_amount) for line in lines), ZERO) + tax
    difference = to_base(total, rate, base) - to_base(tax, rate, base) - cleared
    in_base = [
        replace(signed(GOODS_RECEIVED_NOT_INVOICED, cleared), currency=base),
        replace(signed(PURCHASE_PRICE_VARIANCE, difference), currency=base),
    ]
    return [
        *in_base,
        *(p for p in postings if p.account_code in (INPUT_TAX, ACCOUNTS_PAYABLE)),
    ]


async def post_vendor_bill(
    bill_id: int, *, approve_exceptions: bool = False, may_approve: bool = False
) -> VendorBill:
    """Matches the DRAFT bill again under lock and posts it: Dr 2050 at the PO unit cost ×
    quantity, the price difference to 5200, Dr 1400 tax, Cr 2000 total (§10). A bill with
    exceptions → MATCH_EXCEPTION naming its lines, unless `approve_exceptions` by someone who
    `may_approve` (ADMIN, FINANCE). Posting twice → ALREADY_PROCESSED."""
    async with in_transaction():
        found = await VendorBill.filter(id=bill_id).select_for_update()
        if not found:
            raise not_found("VendorBill", bill_id)
        bill = found[0]
        if bill.status != VendorBillStatus.DRAFT:
            raise DomainError(
                ErrorCode.ALREADY_PROCESSED, f"{bill.number} is posted already.", "id"
            )
        lines = list(await VendorBillLine.filter(bill_id=bill.id).order_by("position", "id"))
        po_line_ids = sorted({line.purchase_order_line_id for line in lines})
        # Locked in id order: bills on one PO line post one after the other, each seeing
        # what the one before billed.
        po_lines = {
            line.id: line
            for line in await PurchaseOrderLine.filter(id__in=po_line_ids)
            .select_for_update()
            .order_by("id")
        }
        billed = await billed_by_line(po_line_ids, exclude_bill_id=bill.id)
        exceptions = match_lines(
            [
                BilledQuantity(
                    line.position, line.purchase_order_line_id, line.quantity, line.unit_cost
                )
                for line in lines
            ],
            _ordered(po_lines, billed, await _match_rate(bill.currency, bill.bill_date)),
        )
        if exceptions and not approve_exceptions:
            raise DomainError(
                ErrorCode.MATCH_EXCEPTION,
                f"{bill.number} does not match its purchase orders: "
                + " ".join(e.message for e in exceptions)
                + " Post it with approveExceptions (ADMIN or FINANCE).",
                "id",
            )
        if exceptions and not may_approve:
            raise DomainError(
                ErrorCode.FORBIDDEN,
                "Only ADMIN or FINANCE may approve a bill's match exceptions.",
                "approve_exceptions",
            )
        billed_lines = []
        running = dict(billed)
        for line in lines:
            po_line = po_lines[line.purchase_order_line_id]
            before = running.get(po_line.id, ZERO)
            after = before + Decimal(line.quantity)
            running[po_line.id] = after
            received, cost = Decimal(po_line.quantity_received), Decimal(po_line.unit_cost)
            billed_lines.append(
                BilledLine(
                    cleared_value=uninvoiced_value(received, before, cost)
                    - uninvoiced_value(received, after, cost),
                    net_amount=Decimal(line.net_amount),
                    tax_amount=Decimal(line.tax_amount),
                )
            )
        rate = await rate_on(bill.currency, bill.bill_date, "id")
        bill.exchange_rate = rate
        postings = _bill_postings(bill, billed_lines, rate)
        previous = {"status": bill.status}
        if any(p.debit or p.credit for p in postings):
            entry = await post_journal_entry(
                entry_date=bill.bill_date,
                memo=f"Vendor bill {bill.number} ({bill.supplier_reference})",
                source="VENDOR_BILL",
                reference=bill.number,
                postings=postings,
                currency=bill.currency,
                rate=rate,
            )
            bill.journal_entry_id = entry.id
        bill.status = bill_status(Decimal(bill.amount_paid), Decimal(bill.amount_due))
        bill.match_status = MatchStatus.EXCEPTION if exceptions else MatchStatus.MATCHED
        bill.match_exceptions = _exceptions_data(exceptions)
        bill.exceptions_approved = bool(exceptions)
        bill.posted_at = utcnow()
        await bill.save(
            update_fields=[
                "status",
                "match_status",
                "match_exceptions",
                "exceptions_approved",
                "journal_entry_id",
                "posted_at",
                "exchange_rate",
                "updated_at",
            ]
        )
        await record_event("vendor_bill.posted", vendor_bill_event_data(bill, previous))
    return bill


def _check_allocations(
    amount: Decimal,
    drafts: Sequence[BillAllocationDraft],
    bills: dict[int, VendorBill],
    supplier_id: int,
) -> dict[int, Decimal]:
    """Explicit allocations: the supplier's own open bills, at most their amount due, adding
    up to the payment."""
    applied: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for index, draft in enumerate(drafts):
        path = ("allocations", str(index))
        bill = bills.get(draft.bill_id)
        if bill is None:
            raise not_found("VendorBill", draft.bill_id, (*path, "bill_id"))
        if bill.supplier_id != supplier_id or bill.status not in OPEN_BILL_STATUSES:
            raise DomainError(
                ErrorCode.INVALID,
                f"{bill.number} is not an open bill of this supplier.",
                (*path, "bill_id"),
            )
        applied[bill.id] += Decimal(draft.amount)
        if applied[bill.id] > bill.amount_due:
            raise DomainError(
                ErrorCode.INVALID,
                f"{bill.number} has only {bill.amount_due} due.",
                (*path, "amount"),
            )
    if sum(applied.values(), ZERO) != amount:
        raise DomainError(
            ErrorCode.INVALID, "The allocations must add up to the amount paid.", "allocations"
        )
    return dict(applied)


def _check_currency(
    supplier_currency: str, currency: str | None, amount: Decimal, allocated: Sequence[Decimal]
) -> None:
    """A supplier payment is in the supplier's currency, to its minor units (§12)."""
    if currency is not None and currency != supplier_currency:
        raise DomainError(
            ErrorCode.INVALID,
            f"The supplier deals in {supplier_currency}; a payment in {currency} is refused.",
            "currency",
        )
    checks = Checks()
    for value, path in [
        (amount, ("amount",)),
        *((value, ("allocations", str(i), "amount")) for i, value in enumerate(allocated)),
    ]:
        if not fits(Decimal(value), supplier_currency):
            checks.add(
                DomainError(
                    ErrorCode.INVALID,
                    f"{'.'.join(path)} has more decimals than {supplier_currency} carries.",
                    path,
                )
            )
    checks.raise_if_any()


def _payment_postings(
    supplier_id: int,
    currency: str,
    amount: Decimal,
    applied: dict[int, Decimal],
    bills: dict[int, VendorBill],
    rate: Decimal,
) -> list[Posting]:
    """Dr 2000 / Cr 1000; in another currency than the base each settled bill leaves 2000 at
    its booked rate (§12) and cash at the payment's, the difference to 7000."""
    if currency == base_currency():
        return supplier_payment_postings(amount, supplier_id=supplier_id)
    _, cash = supplier_payment_postings(amount, supplier_id=supplier_id)
    settled = [
        Posting(
            ACCOUNTS_PAYABLE,
            debit=value,
            account_id=supplier_id,
            rate=Decimal(bills[bill_id].exchange_rate),
            base=settled_base(
                Decimal(bills[bill_id].amount_due),
                value,
                Decimal(bills[bill_id].exchange_rate),
                base_currency(),
            ),
        )
        for bill_id, value in sorted(applied.items())
    ]
    # Cash at the fall of each bill's open amount valued at the payment rate: a bill paid in
    # pieces at one rate realizes exactly its whole difference on 7000.
    cash_base = sum(
        (
            settled_base(Decimal(bills[bill_id].amount_due), value, rate, base_currency())
            for bill_id, value in applied.items()
        ),
        ZERO,
    ) + to_base(amount - sum(applied.values(), ZERO), rate, base_currency())
    return [*settled, replace(cash, base=cash_base)]


async def record_supplier_payment(
    supplier_id: int,
    amount: Decimal,
    payment_date: date,
    reference: str | None = None,
    allocations: Sequence[BillAllocationDraft] | None = None,
    currency: str | None = None,
) -> SupplierPayment:
    """Dr 2000 / Cr 1000 (§10), applied to the given bills or the oldest due ones first;
    paying more than the supplier's open bills owe → INVALID, nothing recorded. In the
    supplier's currency (another `currency` → INVALID) at the payment date's rate: each
    settled bill leaves 2000 at its booked rate, the difference to 7000 (§12)."""
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
        supplier = await Account.get_or_none(id=supplier_id)
        if supplier is None:
            raise not_found("Account", supplier_id, "supplier_id")
        supplier_currency = supplier.currency or get_settings().currency
        _check_currency(
            supplier_currency, code, amount, [draft.amount for draft in allocations or ()]
        )
        rate = await rate_on(supplier_currency, payment_date, "date")
        if allocations:
            wanted = sorted({draft.bill_id for draft in allocations})
            # Locked in id order: two payments over one bill queue up, the second seeing
            # what the first left due.
            locked = await VendorBill.filter(id__in=wanted).select_for_update().order_by("id")
            bills = {bill.id: bill for bill in locked}
            applied = _check_allocations(amount, allocations, bills, supplier.id)
        else:
            locked = (
                await VendorBill.filter(
                    supplier_id=supplier.id, status__in=OPEN_BILL_STATUSES, amount_due__gt=0
                )
                .select_for_update()
                .order_by("id")
            )
            bills = {bill.id: bill for bill in locked}
            owed = sum((Decimal(bill.amount_due) for bill in locked), ZERO)
            if amount > owed:
                raise DomainError(
                    ErrorCode.INVALID,
                    f"amount {amount} is more than the {owed} {supplier.name} is owed.",
                    "amount",
                )
            applied = allocate_oldest_first(
                amount,
                [OpenInvoice(b.id, b.due_date, b.bill_date, Decimal(b.amount_due)) for b in locked],
            )
        number = await next_number("SPAY", payment_date.year)
        entry = await post_journal_entry(
            entry_date=payment_date,
            memo=f"Supplier payment {number} to {supplier.name}",
            source="SUPPLIER_PAYMENT",
            reference=number,
            postings=_payment_postings(
                supplier.id, supplier_currency, amount, applied, bills, rate
            ),
            currency=supplier_currency,
            rate=rate,
        )
        payment = await SupplierPayment.create(
            number=number,
            supplier_id=supplier.id,
            date=payment_date,
            amount=amount,
            reference=reference,
            currency=supplier_currency,
            exchange_rate=rate,
            journal_entry_id=entry.id,
        )
        await SupplierPaymentAllocation.bulk_create(
            [
                SupplierPaymentAllocation(payment_id=payment.id, bill_id=bill_id, amount=value)
                for bill_id, value in sorted(applied.items())
            ]
        )
        paid = []
        for bill_id, value in sorted(applied.items()):
            bill = bills[bill_id]
            previous = {"status": bill.status}
            bill.amount_paid = Decimal(bill.amount_paid) + value
            bill.amount_due = Decimal(bill.amount_due) - value
            bill.status = bill_status(bill.amount_paid, bill.amount_due)
            await bill.save(update_fields=["amount_paid", "amount_due", "status", "updated_at"])
            if bill.status == VendorBillStatus.PAID:
                paid.append((bill, previous))
        await record_event("supplier_payment.made", supplier_payment_event_data(payment, applied))
        for bill, previous in paid:
            await record_event("vendor_bill.paid", vendor_bill_event_data(bill, previous))
    return payment


async def payable_balances(account_ids: Sequence[int]) -> dict[int, Decimal]:
    """What each account is owed as a supplier: Σ amount due of its posted bills (§10)."""
    rows = (
        await VendorBill.filter(supplier_id__in=list(account_ids), status__in=OPEN_BILL_STATUSES)
        .annotate(owed=Sum("amount_due"))
        .group_by("supplier_id")
        .values("supplier_id", "owed")
    )
    owed = {
        row["supplier_id"]: stored_amount(row["owed"] or ZERO)
        for row in rows
    }
    return {account_id: owed.get(account_id, ZERO) for account_id in account_ids}


async def ap_aging(as_of: date) -> AgingReport:
    """Posted bills dated by `as_of`, what was still due on them then (payments dated after
    it not yet subtracted), by days past due per supplier (§10, mirroring arAging)."""
    bills = await VendorBill.filter(status__in=BILLED_STATUSES, bill_date__lte=as_of).values(
        "id", "supplier_id", "due_date", "total", "currency", "exchange_rate"
    )
    paid_rows = (
        await SupplierPaymentAllocation.filter(
            bill_id__in=[bill["id"] for bill in bills], payment__date__lte=as_of
        )
        .annotate(paid=Sum("amount"))
        .group_by("bill_id")
        .values("bill_id", "paid")
    )
    paid = {row["bill_id"]: Decimal(row["paid"] or ZERO) for row in paid_rows}
    open_amounts = []
    for bill in bills:
        due = round_amount(Decimal(bill["total"]) - paid.get(bill["id"], ZERO), bill["currency"])
        if due > 0:
            open_amounts.append(
                (
                    bill["supplier_id"],
                    bill["due_date"],
                    due,
                    bill["currency"],
                    Decimal(str(bill["exchange_rate"])),
                )
            )
    # Each supplier's row in its currency, the total in base at the bills' rates (§12).
    return age(as_of, open_amounts, base_currency())


@dataclass(frozen=True)
class VendorBillFilter:
    supplier_id: int | None = None
    status: VendorBillStatus | None = None
    match_status: MatchStatus | None = None
    purchase_order_id: int | None = None


def list_vendor_bills(flt: VendorBillFilter | None = None) -> QuerySet[VendorBill]:
    flt = flt or VendorBillFilter()
    queryset = filter_given(
        VendorBill.all(),
        supplier_id=flt.supplier_id,
        status=flt.status,
        match_status=flt.match_status,
    )
    if flt.purchase_order_id is not None:
        queryset = queryset.filter(
            lines__purchase_order_line__order_id=flt.purchase_order_id
        ).distinct()
    return queryset


@dataclass(frozen=True)
class SupplierPaymentFilter:
    supplier_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def list_supplier_payments(flt: SupplierPaymentFilter | None = None) -> QuerySet[SupplierPayment]:
    flt = flt or SupplierPaymentFilter()
    return filter_given(
        SupplierPayment.all(),
        supplier_id=flt.supplier_id,
        date__gte=flt.date_from,
        date__lte=flt.date_to,
    )
