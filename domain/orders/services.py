"""Sales-order use cases: create, update, confirm (credit + reservation), ship, cancel (§5.2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.accounts.services import mark_customer
from domain.billing.pricing import PricedLine, totals
from domain.billing.receivables import account_balance
from domain.catalog.models import Product, ProductKind
from domain.clock import today, utcnow
from domain.credit.services import note_credit_exposure
from domain.currencies.iso4217 import minor_units
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import sales_order_event_data
from domain.events import record_event
from domain.external_data import (
    EXTERNAL_FIELDS,
    clean_external_fields,
    filter_external,
    refuse_duplicate_external_id,
)
from domain.fulfillment.services import sync_fulfillment
from domain.inventory.models import StockLevel
from domain.inventory.services import (
    LotChoice,
    apply_move,
    change_reserved,
    default_warehouse,
    get_warehouse,
    lock_levels,
    lot_errors_at,
    stock_value_changes,
)
from domain.ledger.postings import shipment_postings
from domain.ledger.services import post_journal_entry
from domain.money import ZERO, cents
from domain.numbering.services import next_number
from domain.orders.models import (
    DeliveryStatus,
    InvoicePolicy,
    InvoiceStatus,
    OrderStatus,
    PaymentStatus,
    SalesOrder,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
)
from domain.orders.status import (
    SHIPPABLE,
    cancellable,
    delivery_status,
    require_transition,
    status_after_shipment,
)
from domain.price_lists.services import ResolvedPrice, resolve_prices
from domain.validation import (
    HUNDRED,
    PERCENT,
    UNIT_PRICE,
    Checks,
    computed_amount,
    optional_date,
    optional_decimal,
    optional_text,
    valid_quantity,
)

# Orders whose uninvoiced value counts against the credit limit (§5.2).
OPEN_FOR_CREDIT = (OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED)


@dataclass(frozen=True)
class OrderLineDraft:
    product_id: int
    quantity: Decimal
    unit_price: Decimal | None = None  # None → the account's price of the day (§9)
    discount_percent: Decimal | None = None  # None → that price's discount, else 0
    tax_rate: Decimal | None = None  # None → the product's tax rate
    description: str | None = None


@dataclass(frozen=True)
class ShipLineDraft:
    line_id: int
    quantity: Decimal
    # The lot shipped, for a lot-tracked product; None: first expiry first out (§15).
    lot_id: int | None = None


def _check_drafts(checks: Checks, drafts: Sequence[OrderLineDraft]) -> None:
    for index, draft in enumerate(drafts):
        path = ("lines", str(index))
        checks(valid_quantity, draft.quantity, (*path, "quantity"), positive=True)
        checks(optional_decimal, draft.unit_price, (*path, "unit_price"), UNIT_PRICE)
        checks(
            optional_decimal,
            draft.discount_percent,
            (*path, "discount_percent"),
            PERCENT,
            maximum=HUNDRED,
        )
        checks(optional_decimal, draft.tax_rate, (*path, "tax_rate"), PERCENT, maximum=HUNDRED)
        checks(optional_text, draft.description, (*path, "description"))


def _priced_draft(
    draft: OrderLineDraft,
    product: Product,
    price: ResolvedPrice | None,
    path: tuple[str, ...],
    places: int = 2,
) -> PricedLine:
    """The draft priced by §5.4, at `price` (§9) when it was resolved for a draft without a
    unit price, else at its own; a discount the draft gives wins. quantity × unit price must
    fit an amount (INVALID on the line, checked before any rounding could overflow)."""
    if price is not None:
        unit_price, discount = price.unit_price, price.discount_percent
    else:
        unit_price = Decimal(product.list_price if draft.unit_price is None else draft.unit_price)
        discount = ZERO
    if draft.discount_percent is not None:
        discount = Decimal(draft.discount_percent)
    computed_amount(Decimal(draft.quantity) * unit_price, path, "quantity × unitPrice")
    return PricedLine(
        quantity=Decimal(draft.quantity),
        unit_price=unit_price,
        discount_percent=discount,
        tax_rate=Decimal(product.tax_rate if draft.tax_rate is None else draft.tax_rate),
        places=places,
    )


async def _build_lines(order: SalesOrder, drafts: Sequence[OrderLineDraft]) -> list[SalesOrderLine]:
    """Prices and stores the drafts as the order's lines, and sets the order's totals; every
    line's refusal is reported at once, before anything is stored. Drafts without a unit
    price take the account's price of today (§9), all in a few queries."""
    product_ids = {draft.product_id for draft in drafts}
    products = {p.id: p for p in await Product.filter(id__in=list(product_ids))}
    unpriced = [
        (index, draft)
        for index, draft in enumerate(drafts)
        if draft.unit_price is None and draft.product_id in products
    ]
    prices: dict[int, ResolvedPrice] = {}
    if unpriced:
        account = await Account.get(id=order.account_id)
        resolved = await resolve_prices(
            account,
            [(draft.product_id, Decimal(draft.quantity)) for _, draft in unpriced],
            today(),
            {p.id: Decimal(p.list_price) for p in products.values()},
        )
        prices = {index: price for (index, _), price in zip(unpriced, resolved, strict=True)}
    checks = Checks()
    priced_lines: list[tuple[OrderLineDraft, Product, PricedLine]] = []
    for index, draft in enumerate(drafts):
        path = ("lines", str(index))
        product = products.get(draft.product_id)
        if product is None:
            checks.add(not_found("Product", draft.product_id, (*path, "product_id")))
            continue
        if product.archived_at is not None:
            checks.add(
                DomainError(
                    ErrorCode.INVALID, f"Product {product.sku} is archived.", (*path, "product_id")
                )
            )
            continue
        priced = checks(
            _priced_draft, draft, product, prices.get(index), path, minor_units(order.currency)
        )
        if priced is not None:
            priced_lines.append((draft, product, priced))
    checks.raise_if_any()
    order_totals = totals(priced for _, _, priced in priced_lines)
    computed_amount(order_totals.total, "lines", "The order total")
    lines = [
        SalesOrderLine(
            order_id=order.id,
            position=index + 1,
            product_id=product.id,
            description=optional_text(draft.description, "description") or product.name,
            quantity=priced.quantity,
            unit_price=priced.unit_price,
            discount_percent=priced.discount_percent,
            tax_rate=priced.tax_rate,
            net_amount=priced.net,
            tax_amount=priced.tax,
        )
        for index, (draft, product, priced) in enumerate(priced_lines)
    ]
    if lines:
        await SalesOrderLine.bulk_create(lines)
    order.subtotal = order_totals.subtotal
    order.tax_total = order_totals.tax_total
    order.total = order_totals.total
    return lines


def _priced(
    line: SalesOrderLine, quantity: Decimal | None = None, places: int = 2
) -> PricedLine:
    return PricedLine(
        quantity=Decimal(line.quantity if quantity is None else quantity),
        unit_price=Decimal(line.unit_price),
        discount_percent=Decimal(line.discount_percent),
        tax_rate=Decimal(line.tax_rate),
        places=places,
    )


async def _open_account(account_id: int, field: str = "account_id") -> Account:
    account = await Account.get_or_none(id=account_id)
    if account is None:
        raise not_found("Account", account_id, field)
    if account.archived_at is not None:
        raise DomainError(ErrorCode.INVALID, "The account is archived.", field)
    return account


async def create_sales_order(
    account_id: int,
    lines: Sequence[OrderLineDraft],
    *,
    requested_date: date | None = None,
    invoice_policy: InvoicePolicy = InvoicePolicy.ON_DELIVERY,
    notes: str | None = None,
    customer_reference: str | None = None,
    external: Mapping[str, Any] | None = None,
) -> SalesOrder:
    """A DRAFT order numbered SO-YYYY-NNNNNN, lines priced by §5.4 (nests in a caller's
    transaction as a savepoint, e.g. the won-deal handover); `external`: its externalId and
    metadata (§14)."""
    checks = Checks()
    with checks.collecting():
        external_data = clean_external_fields(external or {})
    _check_drafts(checks, lines)
    checks(optional_date, requested_date, "requested_date")
    clean_notes = checks(optional_text, notes, "notes", 10_000, multiline=True)
    reference = checks(optional_text, customer_reference, "customer_reference", 120)
    checks.raise_if_any()
    async with in_transaction():
        account = await _open_account(account_id)
        await refuse_duplicate_external_id(SalesOrder, external_data.get("external_id"))
        order = await SalesOrder.create(
            **external_data,
            number=await next_number("SO", today().year),
            account_id=account.id,
            status=OrderStatus.DRAFT,
            invoice_policy=InvoicePolicy(invoice_policy),
            requested_date=requested_date,
            currency=account.currency,
            notes=clean_notes,
            customer_reference=reference,
        )
        await _build_lines(order, lines)
        await order.save(update_fields=["subtotal", "tax_total", "total", "updated_at"])
        await record_event("sales_order.created", sales_order_event_data(order))
    return order


async def _lock_order(order_id: int) -> SalesOrder:
    order = await SalesOrder.filter(id=order_id).select_for_update().first()
    if order is None:
        raise not_found("Sales order", order_id, "id")
    return order


ORDER_FIELDS = ("account_id", "requested_date", "invoice_policy", "notes", *EXTERNAL_FIELDS)


async def update_sales_order(
    order_id: int,
    changes: Mapping[str, Any],
    lines: Sequence[OrderLineDraft] | None = None,
) -> SalesOrder:
    """DRAFT only; `lines`, when given, replace all the order's lines."""
    unknown = set(changes) - set(ORDER_FIELDS)
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    if lines is not None:
        _check_drafts(checks, lines)
    clean = dict(changes)
    with checks.collecting():
        clean.update(clean_external_fields(changes))
    if "notes" in clean:
        clean["notes"] = checks(optional_text, clean["notes"], "notes", 10_000, multiline=True)
    if "requested_date" in clean:
        clean["requested_date"] = checks(optional_date, clean["requested_date"], "requested_date")
    if "invoice_policy" in clean:
        if clean["invoice_policy"] is None:
            checks.add(
                DomainError(ErrorCode.REQUIRED, "invoicePolicy is required.", "invoice_policy")
            )
        else:
            clean["invoice_policy"] = InvoicePolicy(clean["invoice_policy"])
    checks.raise_if_any()
    async with in_transaction():
        order = await _lock_order(order_id)
        if order.status != OrderStatus.DRAFT:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"Only DRAFT orders can be edited; this one is {order.status.value}.",
                "id",
            )
        if "account_id" in clean:
            if clean["account_id"] is None:
                raise DomainError(ErrorCode.REQUIRED, "accountId is required.", "account_id")
            account = await _open_account(clean["account_id"])
            clean["currency"] = account.currency
        await refuse_duplicate_external_id(SalesOrder, clean.get("external_id"), order.id)
        for key, value in clean.items():
            setattr(order, key, value)
        if lines is not None:
            await SalesOrderLine.filter(order_id=order.id).delete()
            await _build_lines(order, lines)
        await order.save()
    return order


async def _uninvoiced_value_of_other_orders(account_id: int, order_id: int) -> Decimal:
    rows = (
        await SalesOrderLine.filter(
            order__account_id=account_id, order__status__in=list(OPEN_FOR_CREDIT)
        )
        .exclude(order_id=order_id)
        .select_related("order")
    )
    value = ZERO
    for line in rows:
        remaining = Decimal(line.quantity) - Decimal(line.quantity_invoiced)
        if remaining > 0:
            priced = _priced(line, remaining, minor_units(line.order.currency))
            value += priced.net + priced.tax
    return value


async def _check_credit(account: Account, order: SalesOrder) -> None:
    """§5.2: balance + uninvoiced value of the other open orders + this total ≤ creditLimit."""
    if account.credit_limit is None:
        return
    exposure = (
        await account_balance(account.id)
        + await _uninvoiced_value_of_other_orders(account.id, order.id)
        + Decimal(order.total)
    )
    if exposure > Decimal(account.credit_limit):
        raise DomainError(
            ErrorCode.CREDIT_LIMIT_EXCEEDED,
            f"Confirming would bring {account.name}'s exposure to {cents(exposure)} "
            f"{account.currency}, over the credit limit of {cents(account.credit_limit)}.",
            "id",
        )


async def _stocked_product_ids(lines: Sequence[SalesOrderLine]) -> set[int]:
    ids = {line.product_id for line in lines}
    rows = await Product.filter(id__in=list(ids), kind=ProductKind.STOCKED).only("id")
    return {row.id for row in rows}


async def confirm_sales_order(order_id: int) -> SalesOrder:
    """Credit check, then reserves what MAIN has available per line (the rest is backorder);
    the account becomes CUSTOMER."""
    async with in_transaction():
        order = await _lock_order(order_id)
        require_transition(order.status, OrderStatus.CONFIRMED, "confirmed")
        lines = list(await SalesOrderLine.filter(order_id=order.id).order_by("position", "id"))
        if not lines:
            raise DomainError(ErrorCode.INVALID, "An order needs lines to be confirmed.", "lines")
        # Locked so that two orders of one account cannot both pass the credit check.
        account = await Account.filter(id=order.account_id).select_for_update().get()
        await _check_credit(account, order)
        main = await default_warehouse()
        stocked = await _stocked_product_ids(lines)
        levels = await lock_levels(
            (line.product_id, main.id) for line in lines if line.product_id in stocked
        )
        for line in lines:
            level = levels.get((line.product_id, main.id))
            if level is None:
                continue
            reserve = max(ZERO, min(Decimal(line.quantity), level.available))
            await change_reserved(level, reserve)
            if reserve:
                line.quantity_reserved = reserve
                await line.save(update_fields=["quantity_reserved"])
        previous = {"status": order.status}
        order.status = OrderStatus.CONFIRMED
        order.confirmed_at = utcnow()
        await order.save(update_fields=["status", "confirmed_at", "updated_at"])
        await mark_customer(account)
        await note_credit_exposure([account.id])
        await record_event(
            "sales_order.confirmed", sales_order_event_data(order, previous, lines=lines)
        )
    return order


def _validate_ship_lines(drafts: Sequence[ShipLineDraft]) -> None:
    if not drafts:
        raise DomainError(ErrorCode.REQUIRED, "A shipment needs at least one line.", "lines")
    checks = Checks()
    seen: set[int] = set()
    for index, draft in enumerate(drafts):
        path = ("lines", str(index))
        checks(valid_quantity, draft.quantity, (*path, "quantity"), positive=True)
        if draft.line_id in seen:
            checks.add(
                DomainError(ErrorCode.INVALID, "A line is listed twice.", (*path, "line_id"))
            )
        seen.add(draft.line_id)
    checks.raise_if_any()


async def ship_sales_order(
    order_id: int, warehouse_id: int, drafts: Sequence[ShipLineDraft]
) -> Shipment:
    """Moves stock out (consuming the line's reservation first), records the shipment and
    posts COGS Dr 5000 / Cr 1300 at standard cost × quantity (§5.2, §5.3).

    Never more than ordered − shipped (INVALID), never below zero on hand, and never into
    stock that other orders have reserved (INSUFFICIENT_STOCK)."""
    _validate_ship_lines(drafts)
    async with in_transaction():
        order = await _lock_order(order_id)
        if order.status not in SHIPPABLE:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A {order.status.value} order cannot be shipped.",
                "id",
            )
        warehouse = await get_warehouse(warehouse_id, field="warehouse_id")
        main = await default_warehouse()
        lines = {line.id: line for line in await SalesOrderLine.filter(order_id=order.id)}
        for index, draft in enumerate(drafts):
            line = lines.get(draft.line_id)
            path = ("lines", str(index))
            if line is None:
                raise not_found("Sales order line", draft.line_id, (*path, "line_id"))
            open_quantity = Decimal(line.quantity) - Decimal(line.quantity_shipped)
            if Decimal(draft.quantity) > open_quantity:
                raise DomainError(
                    ErrorCode.INVALID,
                    f"Line {line.position} has {open_quantity.normalize():f} left to ship.",
                    (*path, "quantity"),
                )
        products = {
            p.id: p
            for p in await Product.filter(id__in=list({line.product_id for line in lines.values()}))
        }
        shipped_stock = [
            (index, draft, lines[draft.line_id])
            for index, draft in enumerate(drafts)
            if products[lines[draft.line_id].product_id].kind == ProductKind.STOCKED
        ]
        cost = ZERO
        for index, draft, line in shipped_stock:
            cost += computed_amount(
                Decimal(draft.quantity) * Decimal(products[line.product_id].standard_cost),
                ("lines", str(index), "quantity"),
                "The shipped quantity at standard cost",
            )
        computed_amount(cost, "lines", "The shipment's cost")
        keys = {(line.product_id, warehouse.id) for _, _, line in shipped_stock}
        keys |= {(line.product_id, main.id) for _, _, line in shipped_stock}
        levels = await lock_levels(keys)
        shipped: dict[int, Decimal] = {}
        for _, draft, line in shipped_stock:
            shipped[line.product_id] = shipped.get(line.product_id, ZERO) - Decimal(draft.quantity)
        shipped_value = -sum((await stock_value_changes(shipped)).values(), ZERO)
        number = await next_number("SH", today().year)
        shipment = await Shipment.create(
            number=number, order_id=order.id, warehouse_id=warehouse.id, shipped_on=today()
        )
        shipment_lines: list[ShipmentLine] = []
        for index, draft in enumerate(drafts):
            line = lines[draft.line_id]
            product = products[line.product_id]
            quantity = Decimal(draft.quantity)
            move_id: int | None = None
            if product.kind == ProductKind.STOCKED:
                with lot_errors_at(("lines", str(index))):
                    move_id = await _ship_stock(
                        line,
                        quantity,
                        levels,
                        warehouse.id,
                        main.id,
                        number,
                        ("lines", str(index)),
                        draft.lot_id,
                    )
            line.quantity_shipped = Decimal(line.quantity_shipped) + quantity
            await line.save(update_fields=["quantity_shipped", "quantity_reserved"])
            shipment_lines.append(
                ShipmentLine(
                    shipment_id=shipment.id,
                    order_line_id=line.id,
                    product_id=product.id,
                    quantity=quantity,
                    unit_cost=product.standard_cost,
                    stock_move_id=move_id,
                )
            )
        await ShipmentLine.bulk_create(shipment_lines)
        shipment.cost_total = shipped_value
        await shipment.save(update_fields=["cost_total"])
        if shipment.cost_total:
            await post_journal_entry(
                entry_date=shipment.shipped_on,
                memo=f"Cost of goods shipped {number} for {order.number}",
                source="SHIPMENT",
                reference=number,
                postings=shipment_postings(shipment.cost_total),
            )
        previous = {"status": order.status, "delivery_status": order.delivery_status}
        order.delivery_status = delivery_status(
            (Decimal(line.quantity), Decimal(line.quantity_shipped)) for line in lines.values()
        )
        order.status = status_after_shipment(
            order.delivery_status,
            InvoiceStatus(order.invoice_status),
            PaymentStatus(order.payment_status),
        )
        await order.save(update_fields=["status", "delivery_status", "updated_at"])
        await sync_fulfillment([order.id])
        await record_event(
            "sales_order.shipped",
            sales_order_event_data(
                order,
                previous,
                lines=list(lines.values()),
                shipments=await Shipment.filter(order_id=order.id),
            ),
        )
    return shipment


async def _ship_stock(
    line: SalesOrderLine,
    quantity: Decimal,
    levels: Mapping[tuple[int, int], StockLevel],
    warehouse_id: int,
    main_id: int,
    reference: str,
    path: tuple[str, ...],
    lot_id: int | None = None,
) -> int:
    """Takes `quantity` of the line's product out of the warehouse, consuming the line's own
    reservation first; returns the stock move's id."""
    level = levels[(line.product_id, warehouse_id)]
    own_reservation = Decimal(line.quantity_reserved) if warehouse_id == main_id else ZERO
    consumed = min(quantity, own_reservation)
    reserved_by_others = max(ZERO, Decimal(level.reserved) - own_reservation)
    on_hand = Decimal(level.on_hand)
    if on_hand - quantity < reserved_by_others:
        free = max(ZERO, on_hand - reserved_by_others)
        raise DomainError(
            ErrorCode.INSUFFICIENT_STOCK,
            f"Only {free.normalize():f} of the product can be shipped from this warehouse.",
            (*path, "quantity"),
        )
    move = await apply_move(
        level,
        -quantity,
        reason=f"Shipment {reference}",
        source="SHIPMENT",
        reference=reference,
        lot=LotChoice(lot_id=lot_id),
    )
    await change_reserved(level, -consumed)
    line.quantity_reserved = Decimal(line.quantity_reserved) - consumed
    # A reservation beyond what is still to ship (shipped from another warehouse) is freed.
    excess = line.quantity_reserved - (
        Decimal(line.quantity) - Decimal(line.quantity_shipped) - quantity
    )
    if excess > 0:
        await change_reserved(levels[(line.product_id, main_id)], -excess)
        line.quantity_reserved -= excess
    return move.id


async def cancel_sales_order(order_id: int) -> SalesOrder:
    """Only before any shipment (§5.2); frees the order's reservations."""
    async with in_transaction():
        order = await _lock_order(order_id)
        lines = list(await SalesOrderLine.filter(order_id=order.id))
        shipped = any(Decimal(line.quantity_shipped) > 0 for line in lines)
        invoiced = any(Decimal(line.quantity_invoiced) > 0 for line in lines)
        if not cancellable(order.status, shipped, invoiced):
            reason = "has shipments" if shipped else "is invoiced" if invoiced else "is final"
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                f"A {order.status.value} order that {reason} cannot be cancelled.",
                "id",
            )
        reserved = [line for line in lines if Decimal(line.quantity_reserved) > 0]
        if reserved:
            main = await default_warehouse()
            levels = await lock_levels((line.product_id, main.id) for line in reserved)
            for line in reserved:
                await change_reserved(
                    levels[(line.product_id, main.id)], -Decimal(line.quantity_reserved)
                )
                line.quantity_reserved = ZERO
                await line.save(update_fields=["quantity_reserved"])
        previous = {"status": order.status}
        order.status = OrderStatus.CANCELLED
        order.cancelled_at = utcnow()
        await order.save(update_fields=["status", "cancelled_at", "updated_at"])
        await note_credit_exposure([order.account_id])
        await record_event("sales_order.cancelled", sales_order_event_data(order, previous))
    return order


async def get_sales_order(order_id: int) -> SalesOrder:
    order = await SalesOrder.get_or_none(id=order_id)
    if order is None:
        raise not_found("Sales order", order_id, "id")
    return order


@dataclass(frozen=True)
class SalesOrderFilter:
    account_id: int | None = None
    status: Sequence[OrderStatus] | None = None
    delivery_status: DeliveryStatus | None = None
    invoice_status: InvoiceStatus | None = None
    search: str | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_sales_orders(flt: SalesOrderFilter | None = None) -> QuerySet[SalesOrder]:
    flt = flt or SalesOrderFilter()
    qs = SalesOrder.all()
    if flt.account_id is not None:
        qs = qs.filter(account_id=flt.account_id)
    if flt.status:
        qs = qs.filter(status__in=list(flt.status))
    if flt.delivery_status:
        qs = qs.filter(delivery_status=flt.delivery_status)
    if flt.invoice_status:
        qs = qs.filter(invoice_status=flt.invoice_status)
    if flt.search:
        qs = qs.filter(number__icontains=flt.search.strip())
    return filter_external(qs, SalesOrder, flt.external_id, flt.metadata)
