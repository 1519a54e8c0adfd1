"""Purchase order use cases: create, receive into stock with its posting, and the list (§5.1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.catalog.models import Product, ProductKind
from domain.clock import today, utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.external_data import (
    clean_external_fields,
    filter_external,
    refuse_duplicate_external_id,
)
from domain.inventory.services import (
    LotChoice,
    check_lot_input,
    default_warehouse,
    get_warehouse,
    lock_levels,
    lot_errors_at,
    move_stock,
    stock_value_changes,
)
from domain.ledger.postings import receipt_postings, uninvoiced_value
from domain.ledger.services import post_journal_entry
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.payables.models import BILLED_STATUSES, VendorBillLine
from domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus
from domain.querying import filter_given
from domain.settings import get_settings
from domain.validation import (
    UNIT_PRICE,
    Checks,
    computed_amount,
    optional_date,
    optional_decimal,
    optional_text,
    valid_quantity,
)


@dataclass(frozen=True)
class PurchaseLineDraft:
    product_id: int
    quantity: Decimal
    unit_cost: Decimal | None = None  # None → the product's standard cost
    expected_date: date | None = None  # None → today + the product's lead time


@dataclass(frozen=True)
class ReceiptLine:
    line_id: int
    quantity: Decimal
    # The lot received, for a lot-tracked product (§15): created when new.
    lot_code: str | None = None
    expires_at: date | None = None


async def billed_by_line(
    line_ids: Sequence[int], *, exclude_bill_id: int | None = None
) -> dict[int, Decimal]:
    """The quantity posted (or paid) bills have billed per purchase order line (§10),
    leaving out `exclude_bill_id` (the bill being matched)."""
    billed: dict[int, Decimal] = {}
    lines = VendorBillLine.filter(
        purchase_order_line_id__in=list(line_ids), bill__status__in=list(BILLED_STATUSES)
    )
    if exclude_bill_id is not None:
        lines = lines.exclude(bill_id=exclude_bill_id)
    rows = await lines.values_list("purchase_order_line_id", "quantity")
    for line_id, quantity in rows:
        billed[line_id] = billed.get(line_id, ZERO) + Decimal(quantity)
    return billed


async def get_purchase_order(order_id: int, *, field: str = "id") -> PurchaseOrder:
    order = await PurchaseOrder.get_or_none(id=order_id)
    if order is None:
        raise not_found("PurchaseOrder", order_id, field)
    return order


async def create_purchase_order(
    supplier_id: int,
    lines: Sequence[PurchaseLineDraft],
    *,
    notes: str | None = None,
    external: Mapping[str, Any] | None = None,
) -> PurchaseOrder:
    """An OPEN purchase order numbered `PO-YYYY-NNNNNN`; its lines are MRP's scheduled receipts.
    `external`: its externalId and metadata (§14)."""
    if not lines:
        raise DomainError(ErrorCode.REQUIRED, "A purchase order needs at least one line.", "lines")
    checks = Checks()
    for index, draft in enumerate(lines):
        at = ("lines", str(index))
        checks(valid_quantity, draft.quantity, (*at, "quantity"), positive=True)
        checks(optional_decimal, draft.unit_cost, (*at, "unit_cost"), UNIT_PRICE)
        checks(optional_date, draft.expected_date, (*at, "expected_date"))
    clean_notes = checks(optional_text, notes, "notes", 2000, multiline=True)
    with checks.collecting():
        external_data = clean_external_fields(external or {})
    checks.raise_if_any()
    async with in_transaction():
        await refuse_duplicate_external_id(PurchaseOrder, external_data.get("external_id"))
        supplier = await Account.get_or_none(id=supplier_id)
        if supplier is None:
            raise not_found("Account", supplier_id, "supplier_id")
        if supplier.archived_at is not None:
            raise DomainError(
                ErrorCode.INVALID, "An archived account cannot be a supplier.", "supplier_id"
            )
        product_ids = {draft.product_id for draft in lines}
        products = {p.id: p for p in await Product.filter(id__in=product_ids)}
        rows = []
        value = ZERO
        for index, draft in enumerate(lines):
            at = ("lines", str(index))
            product = products.get(draft.product_id)
            if product is None:
                checks.add(not_found("Product", draft.product_id, (*at, "product_id")))
                continue
            if product.kind != ProductKind.STOCKED:
                checks.add(
                    DomainError(
                        ErrorCode.INVALID,
                        f"{product.sku} is not a STOCKED product and cannot be received.",
                        (*at, "product_id"),
                    )
                )
                continue
            unit_cost = Decimal(
                product.standard_cost if draft.unit_cost is None else draft.unit_cost
            )
            with checks.collecting():
                value += computed_amount(
                    Decimal(draft.quantity) * unit_cost, at, "quantity × unitCost"
                )
            rows.append(
                PurchaseOrderLine(
                    position=index + 1,
                    product_id=product.id,
                    quantity=draft.quantity,
                    quantity_received=ZERO,
                    unit_cost=unit_cost,
                    expected_date=draft.expected_date
                    or today() + timedelta(days=product.lead_time_days),
                )
            )
        checks.raise_if_any()
        computed_amount(value, "lines", "The order's value")
        order = await PurchaseOrder.create(
            **external_data,
            number=await next_number("PO", today().year),
            supplier_id=supplier.id,
            currency=supplier.currency or get_settings().currency,
            notes=clean_notes,
        )
        for row in rows:
            row.order_id = order.id
        await PurchaseOrderLine.bulk_create(rows)
    return order


async def receive_purchase_order(
    order_id: int, lines: Sequence[ReceiptLine], warehouse_id: int | None = None
) -> PurchaseOrder:
    """Receives into the warehouse (default MAIN) and posts Dr 1300 at standard cost / Cr 2050
    at the PO's unit cost × quantity / the difference to 5200 (§5.3); RECEIVED once every line is
    fully received. Receiving more than is still open on a line → INVALID, nothing received."""
    if not lines:
        raise DomainError(ErrorCode.REQUIRED, "Say which lines are received.", "lines")
    checks = Checks()
    quantities = [
        checks(valid_quantity, line.quantity, ("lines", str(index), "quantity"), positive=True)
        for index, line in enumerate(lines)
    ]
    for index, line in enumerate(lines):
        check_lot_input(checks, line.lot_code, line.expires_at, ("lines", str(index)))
    checks.raise_if_any()
    async with in_transaction():
        found = await PurchaseOrder.filter(id=order_id).select_for_update()
        if not found:
            raise not_found("PurchaseOrder", order_id)
        order = found[0]
        if order.status != PurchaseOrderStatus.OPEN:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"{order.number} is {order.status.value}; only OPEN orders are received.",
                "id",
            )
        # Locked like vendorBillPost locks them, so a bill and a receipt of one line take turns
        # over what 2050 carries for it (§10).
        order_lines = {
            line.id: line
            for line in await PurchaseOrderLine.filter(order_id=order.id)
            .select_for_update()
            .order_by("id")
        }
        received: dict[int, Decimal] = {}
        for index, (line, quantity) in enumerate(zip(lines, quantities, strict=True)):
            at = ("lines", str(index))
            order_line = order_lines.get(line.line_id)
            if order_line is None:
                raise not_found(f"A line of {order.number}", line.line_id, (*at, "line_id"))
            if line.line_id in received:
                raise DomainError(
                    ErrorCode.DUPLICATE, "The line is listed twice.", (*at, "line_id")
                )
            still_open = Decimal(order_line.quantity) - Decimal(order_line.quantity_received)
            if quantity > still_open:
                raise DomainError(
                    ErrorCode.INVALID,
                    f"Only {still_open.normalize():f} of line {order_line.position} is still "
                    f"open; cannot receive {quantity.normalize():f}.",
                    (*at, "quantity"),
                )
            received[line.line_id] = quantity
        warehouse = (
            await default_warehouse()
            if warehouse_id is None
            else await get_warehouse(warehouse_id, field="warehouse_id")
        )
        lots = {
            line.line_id: LotChoice(lot_code=line.lot_code, expires_at=line.expires_at)
            for line in lines
        }
        index_of = {line.line_id: index for index, line in enumerate(lines)}
        await lock_levels((order_lines[i].product_id, warehouse.id) for i in received)
        by_product: dict[int, Decimal] = {}
        for line_id, quantity in received.items():
            product_id = order_lines[line_id].product_id
            by_product[product_id] = by_product.get(product_id, ZERO) + quantity
        standard_value = computed_amount(
            sum((await stock_value_changes(by_product)).values(), ZERO),
            "lines",
            "The receipt's value at standard cost",
        )
        billed_quantities = await billed_by_line(list(received))
        purchase_value = ZERO
        for line_id, quantity in sorted(received.items()):
            order_line = order_lines[line_id]
            with lot_errors_at(("lines", str(index_of[line_id]))):
                await move_stock(
                    product_id=order_line.product_id,
                    warehouse_id=warehouse.id,
                    quantity=quantity,
                    reason=f"Receipt of {order.number} line {order_line.position}",
                    source="PO_RECEIPT",
                    reference=order.number,
                    lot=lots[line_id],
                )
            before = Decimal(order_line.quantity_received)
            billed = billed_quantities.get(order_line.id, ZERO)
            unit_cost = Decimal(order_line.unit_cost)
            purchase_value += uninvoiced_value(
                before + quantity, billed, unit_cost
            ) - uninvoiced_value(before, billed, unit_cost)
            order_line.quantity_received = before + quantity
            await order_line.save(update_fields=["quantity_received"])
        if standard_value or purchase_value:
            await post_journal_entry(
                entry_date=today(),
                memo=f"Receipt of {order.number}",
                source="PO_RECEIPT",
                reference=order.number,
                postings=receipt_postings(
                    standard_value=standard_value, purchase_value=purchase_value
                ),
            )
        if all(
            Decimal(line.quantity_received) >= Decimal(line.quantity)
            for line in order_lines.values()
        ):
            order.status = PurchaseOrderStatus.RECEIVED
            order.received_at = utcnow()
            await order.save(update_fields=["status", "received_at", "updated_at"])
    return order


@dataclass(frozen=True)
class PurchaseOrderFilter:
    status: PurchaseOrderStatus | None = None
    supplier_id: int | None = None
    product_id: int | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_purchase_orders(flt: PurchaseOrderFilter | None = None) -> QuerySet[PurchaseOrder]:
    flt = flt or PurchaseOrderFilter()
    queryset = PurchaseOrder.all()
    queryset = filter_given(
        queryset,
        status=flt.status,
        supplier_id=flt.supplier_id,
    )
    if flt.product_id is not None:
        queryset = queryset.filter(lines__product_id=flt.product_id).distinct()
    return filter_external(queryset, PurchaseOrder, flt.external_id, flt.metadata)
