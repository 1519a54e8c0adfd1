"""Customer returns (RMA, §15): authorize, receive (restock at standard, credit the invoiced
part by the credit note rules of §5.4), cancel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.models import InvoiceLine, InvoiceStatus
from domain.catalog.models import Product, ProductKind
from domain.clock import today, utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import return_event_data
from domain.events import record_event
from domain.inventory.models import StockMove
from domain.inventory.services import (
    LotChoice,
    apply_move,
    default_warehouse,
    get_warehouse,
    lock_levels,
    stock_value_changes,
)
from domain.ledger.postings import return_restock_postings
from domain.ledger.services import post_journal_entry
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.orders.models import OrderStatus, SalesOrder, SalesOrderLine, Shipment
from domain.returns.models import Return, ReturnLine, ReturnStatus
from domain.validation import Checks, required_text, valid_quantity

RETURN_SOURCE = "RETURN"
# Returns that count against what may still be returned of a line.
LIVE_STATUSES = (ReturnStatus.AUTHORIZED, ReturnStatus.RECEIVED)


@dataclass(frozen=True)
class ReturnLineDraft:
    line_id: int
    quantity: Decimal
    restock: bool = True
    lot_code: str | None = None


def returnable(shipped: Decimal, returned: Decimal) -> Decimal:
    """What may still be returned of an order line: shipped − already returned by
    AUTHORIZED or RECEIVED returns (§15)."""
    return Decimal(shipped) - Decimal(returned)


def credit_allocation(
    quantity: Decimal, open_lines: Sequence[tuple[int, Decimal]]
) -> list[tuple[int, Decimal]]:
    """The invoiced part of a returned quantity, over the line's invoice lines oldest first:
    `open_lines` = (invoice line id, invoiced − credited); → (invoice line id, quantity)."""
    left = Decimal(quantity)
    taken: list[tuple[int, Decimal]] = []
    for line_id, open_quantity in open_lines:
        if left <= 0:
            break
        part = min(left, Decimal(open_quantity))
        if part > 0:
            taken.append((line_id, part))
            left -= part
    return taken


async def _returned_by_line(order_id: int) -> dict[int, Decimal]:
    rows = await ReturnLine.filter(rma__order_id=order_id, rma__status__in=LIVE_STATUSES)
    returned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        returned[row.order_line_id] += Decimal(row.quantity)
    return returned


async def create_return(order_id: int, drafts: Sequence[ReturnLineDraft]) -> Return:
    """Authorizes a return of shipped goods of one order. A line returned beyond shipped −
    already returned → INVALID; nothing is created then."""
    if not drafts:
        raise DomainError(ErrorCode.REQUIRED, "A return needs at least one line.", "lines")
    checks = Checks()
    for index, draft in enumerate(drafts):
        checks(valid_quantity, draft.quantity, ("lines", str(index), "quantity"), positive=True)
        if draft.lot_code is not None:
            checks(required_text, draft.lot_code, ("lines", str(index), "lot_code"), 64)
    checks.raise_if_any()
    async with in_transaction():
        # The order's row lock makes two returns of one order take turns over what is left.
        order = await SalesOrder.filter(id=order_id).select_for_update().first()
        if order is None:
            raise not_found("Sales order", order_id, "sales_order_id")
        if order.status in (OrderStatus.DRAFT, OrderStatus.CANCELLED):
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A {order.status.value} order has nothing to return.",
                "sales_order_id",
            )
        lines = {line.id: line for line in await SalesOrderLine.filter(order_id=order.id)}
        returned = await _returned_by_line(order.id)
        asked: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for index, draft in enumerate(drafts):
            path = ("lines", str(index))
            line = lines.get(draft.line_id)
            if line is None:
                checks.add(not_found("Sales order line", draft.line_id, (*path, "line_id")))
                continue
            asked[line.id] += Decimal(draft.quantity)
            left = returnable(line.quantity_shipped, returned[line.id])
            if asked[line.id] > left:
                checks.add(
                    DomainError(
                        ErrorCode.INVALID,
                        f"Only {left.normalize():f} of line {line.position} can be returned "
                        "(shipped − already returned).",
                        (*path, "quantity"),
                    )
                )
        checks.raise_if_any()
        rma = await Return.create(number=await next_number("RMA", today().year), order_id=order.id)
        await ReturnLine.bulk_create(
            [
                ReturnLine(
                    rma_id=rma.id,
                    order_line_id=draft.line_id,
                    product_id=lines[draft.line_id].product_id,
                    quantity=Decimal(draft.quantity),
                    restock=draft.restock,
                    lot_code=draft.lot_code or None,
                )
                for draft in drafts
            ]
        )
    return rma


async def _lock_return(return_id: int) -> Return:
    rma = await Return.filter(id=return_id).select_for_update().first()
    if rma is None:
        raise not_found("Return", return_id, "id")
    return rma


def _require_authorized(rma: Return, action: str) -> None:
    if rma.status == ReturnStatus.RECEIVED:
        raise DomainError(
            ErrorCode.ALREADY_PROCESSED, f"Return {rma.number} is already received.", "id"
        )
    if rma.status != ReturnStatus.AUTHORIZED:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, f"A {rma.status.value} return cannot be {action}.", "id"
        )


async def _credit_invoiced_part(rma: Return, lines: Sequence[ReturnLine]) -> int | None:
    """Credit notes (§5.4's rules, through billing's create_credit_note) for the invoiced and
    not yet credited part of each returned quantity, one per invoice; → the first one's id."""
    order_line_ids = sorted({line.order_line_id for line in lines})
    invoice_lines = await InvoiceLine.filter(
        sales_order_line_id__in=order_line_ids,
        invoice__status__not=InvoiceStatus.VOID,
    ).order_by("invoice_id", "id")
    open_by_order_line: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    invoice_of: dict[int, int] = {}
    for row in invoice_lines:
        open_quantity = Decimal(row.quantity) - Decimal(row.quantity_credited)
        if open_quantity > 0:
            open_by_order_line[row.sales_order_line_id].append((row.id, open_quantity))
            invoice_of[row.id] = row.invoice_id
    per_invoice: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for line in lines:
        open_lines = open_by_order_line[line.order_line_id]
        for invoice_line_id, quantity in credit_allocation(line.quantity, open_lines):
            per_invoice[invoice_of[invoice_line_id]][invoice_line_id] += quantity
            # What this return takes is no longer open for its next line of the same order line.
            open_by_order_line[line.order_line_id] = [
                (lid, q - quantity if lid == invoice_line_id else q) for lid, q in open_lines
            ]
            open_lines = open_by_order_line[line.order_line_id]
    first: int | None = None
    for invoice_id in sorted(per_invoice):
        note = await create_credit_note(
            invoice_id,
            [
                CreditLineDraft(invoice_line_id=line_id, quantity=quantity)
                for line_id, quantity in sorted(per_invoice[invoice_id].items())
            ],
        )
        first = first or note.id
    return first


async def _restock(rma: Return, lines: Sequence[ReturnLine], warehouse_id: int) -> None:
    products = {
        p.id: p for p in await Product.filter(id__in=sorted({ln.product_id for ln in lines}))
    }
    stocked = [
        line
        for line in lines
        if line.restock and products[line.product_id].kind == ProductKind.STOCKED
    ]
    if not stocked:
        return
    levels = await lock_levels([(line.product_id, warehouse_id) for line in stocked])
    quantities: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line in stocked:
        quantities[line.product_id] += Decimal(line.quantity)
    value = sum((await stock_value_changes(dict(quantities))).values(), ZERO)
    shipped_lots = await _shipped_lots(rma.order_id)
    for line in stocked:
        lot_id = shipped_lots.get(line.product_id)
        lot = (
            LotChoice(lot_code=line.lot_code)
            if line.lot_code
            else None
            if lot_id is None
            else LotChoice(lot_id=lot_id)
        )
        move = await apply_move(
            levels[(line.product_id, warehouse_id)],
            Decimal(line.quantity),
            reason=f"Return {rma.number}",
            source=RETURN_SOURCE,
            reference=rma.number,
            # A lot-tracked product comes back into the lot it was shipped from (§15).
            lot=lot,
        )
        line.stock_move_id = move.id
        await line.save(update_fields=["stock_move_id"])
    if value:
        await post_journal_entry(
            entry_date=today(),
            memo=f"Return {rma.number} restocked",
            source="RETURN",
            reference=rma.number,
            postings=return_restock_postings(value),
        )


async def _shipped_lots(order_id: int) -> dict[int, int]:
    """Per product, the lot the order's latest shipment of it came from."""
    numbers = await Shipment.filter(order_id=order_id).values_list("number", flat=True)
    if not numbers:
        return {}
    rows = (
        await StockMove.filter(source="SHIPMENT", reference__in=list(numbers), lot_id__isnull=False)
        .order_by("id")
        .values_list("product_id", "lot_id")
    )
    return dict(rows)  # the latest move of each product wins


async def receive_return(return_id: int, warehouse_id: int | None = None) -> Return:
    """The goods are back: restocked lines of STOCKED products go into the warehouse (default
    MAIN) at standard cost, Dr 1300 / Cr 5000; the invoiced part of the returned quantity is
    credited (Dr 4000 / Dr 2200 / Cr 1200 or 2100). Received already → ALREADY_PROCESSED."""
    async with in_transaction():
        rma = await _lock_return(return_id)
        _require_authorized(rma, "received")
        warehouse = (
            await default_warehouse()
            if warehouse_id is None
            else await get_warehouse(warehouse_id, field="warehouse_id")
        )
        lines = await ReturnLine.filter(rma_id=rma.id).order_by("id")
        await _restock(rma, lines, warehouse.id)
        rma.credit_note_id = await _credit_invoiced_part(rma, lines)
        rma.warehouse_id = warehouse.id
        rma.status = ReturnStatus.RECEIVED
        rma.received_at = utcnow()
        await rma.save(update_fields=["credit_note_id", "warehouse_id", "status", "received_at"])
        await record_event("return.received", return_event_data(rma, lines))
    return rma


async def cancel_return(return_id: int) -> Return:
    """Drops an AUTHORIZED return: its quantities may be returned again."""
    async with in_transaction():
        rma = await _lock_return(return_id)
        _require_authorized(rma, "cancelled")
        rma.status = ReturnStatus.CANCELLED
        rma.cancelled_at = utcnow()
        await rma.save(update_fields=["status", "cancelled_at"])
    return rma


@dataclass(frozen=True)
class ReturnFilter:
    order_ids: Sequence[int] | None = None
    status: ReturnStatus | None = None


def list_returns(flt: ReturnFilter | None = None) -> QuerySet[Return]:
    flt = flt or ReturnFilter()
    qs = Return.all()
    if flt.order_ids is not None:
        qs = qs.filter(order_id__in=list(flt.order_ids))
    if flt.status is not None:
        qs = qs.filter(status=flt.status)
    return qs
