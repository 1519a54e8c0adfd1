"""Stock use cases: moves under row locks, reservations, adjustments and warehouses (§5.1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.catalog.models import Product, ProductKind, Tracking
from domain.clock import today
from domain.errors import DomainError, ErrorCode, not_found
from domain.inventory.models import StockLevel, StockMove, Warehouse
from domain.ledger.postings import stock_adjustment_postings, value_change
from domain.ledger.services import post_journal_entry
from domain.lots.models import Lot, LotStock
from domain.money import ZERO
from domain.validation import (
    Checks,
    computed_amount,
    computed_quantity,
    optional_date,
    optional_text,
    required_text,
    valid_quantity,
)

MAIN_WAREHOUSE_CODE = "MAIN"
OPENING_REASON = "OPENING"  # a stock adjustment of opening stock (§5.3)

LevelKey = tuple[int, int]  # (product_id, warehouse_id)


@dataclass(frozen=True)
class LotChoice:
    """Which lot a move of a tracked product is (§15): an existing lot by id, or for stock
    coming in a lot code (created with `expires_at` when new)."""

    lot_id: int | None = None
    lot_code: str | None = None
    expires_at: date | None = None
    # Stock from before the product was tracked moves on without a lot (a transfer of it).
    unlotted: bool = False


async def default_warehouse() -> Warehouse:
    """The MAIN warehouse seeded by `domain.inventory.reference_data`."""
    warehouse = await Warehouse.get_or_none(code=MAIN_WAREHOUSE_CODE)
    if warehouse is None:
        warehouse = await _create_main_warehouse()
    return warehouse


async def _create_main_warehouse() -> Warehouse:
    await Warehouse.bulk_create(
        [Warehouse(code=MAIN_WAREHOUSE_CODE, name="Main warehouse")], ignore_conflicts=True
    )
    return await Warehouse.get(code=MAIN_WAREHOUSE_CODE)


async def get_warehouse(warehouse_id: int, *, field: str | tuple[str, ...] = "id") -> Warehouse:
    warehouse = await Warehouse.get_or_none(id=warehouse_id)
    if warehouse is None:
        raise not_found("Warehouse", warehouse_id, field)
    return warehouse


async def lock_levels(keys: Iterable[LevelKey]) -> dict[LevelKey, StockLevel]:
    """Row-locks (creating when missing) the stock levels of `keys`, in (product, warehouse)
    order so that two use cases locking overlapping sets never deadlock.

    Call inside the caller's transaction; the locks last until it ends. The products are
    locked first (lock_products), so the stock value of each stays the caller's to post."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    tracking = await lock_products({product_id for product_id, _ in wanted})
    found = await _select_levels_for_update(wanted)
    missing = [key for key in wanted if key not in found]
    if missing:
        # A row a concurrent writer creates first is skipped here and locked just below.
        await StockLevel.bulk_create(
            [StockLevel(product_id=p, warehouse_id=w) for p, w in missing], ignore_conflicts=True
        )
        found = await _select_levels_for_update(wanted)
    for (product_id, _), level in found.items():
        # Read by apply_move: whether the level's moves name lots, without another query.
        level.tracking = tracking.get(product_id, Tracking.NONE)
    return {key: found[key] for key in wanted}


async def lock_products(product_ids: Iterable[int]) -> dict[int, Tracking]:
    """Row-locks the products, in id order: a product's row guards its stock value in 1300
    (on-hand over all warehouses × standard cost), which every stock move and standard cost
    change reads and posts the change of. NO KEY, so documents may still reference it.
    Returns each product's tracking (§15), which its moves need."""
    wanted = sorted(set(product_ids))
    if not wanted:
        return {}
    # Whole rows: tortoise drops FOR UPDATE from values()/values_list() queries.
    rows = await Product.filter(id__in=wanted).order_by("id").select_for_update(no_key=True)
    return {row.id: Tracking(row.tracking) for row in rows}


async def stock_value_changes(quantities: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """Per product, the change of its stock value (§5.3) when `quantities[product]` (signed,
    over all warehouses) moves at its standard cost. Call under lock_levels / lock_products
    and before the moves."""
    if not quantities:
        return {}
    ids = sorted(quantities)
    costs = dict(await Product.filter(id__in=ids).values_list("id", "standard_cost"))
    on_hand = await on_hand_by_product(ids)
    return {
        product_id: value_change(
            on_hand.get(product_id, ZERO), quantities[product_id], Decimal(costs[product_id])
        )
        for product_id in ids
    }


async def _select_levels_for_update(keys: Sequence[LevelKey]) -> dict[LevelKey, StockLevel]:
    rows = (
        await StockLevel.filter(
            product_id__in=sorted({p for p, _ in keys}),
            warehouse_id__in=sorted({w for _, w in keys}),
        )
        .order_by("product_id", "warehouse_id")
        .select_for_update()
    )
    return {(row.product_id, row.warehouse_id): row for row in rows}


async def move_stock(
    *,
    product_id: int,
    warehouse_id: int,
    quantity: Decimal,
    reason: str,
    source: str,
    reference: str | None = None,
    lot: LotChoice | None = None,
) -> StockMove:
    """Records one immutable move and updates the level under its row lock.

    Call inside the caller's transaction. On-hand below zero → INSUFFICIENT_STOCK. Posts
    nothing to the ledger: callers post what their use case requires. For a lot-tracked
    product see `apply_moves` (then the first of its moves is returned)."""
    level = (await lock_levels([(product_id, warehouse_id)]))[(product_id, warehouse_id)]
    return await apply_move(
        level, Decimal(quantity), reason=reason, source=source, reference=reference, lot=lot
    )


async def apply_move(
    level: StockLevel,
    quantity: Decimal,
    *,
    reason: str,
    source: str,
    reference: str | None,
    lot: LotChoice | None = None,
) -> StockMove:
    """`move_stock` for a level the caller already locked with `lock_levels`."""
    moves = await apply_moves(
        level, quantity, reason=reason, source=source, reference=reference, lot=lot
    )
    return moves[0]


async def apply_moves(
    level: StockLevel,
    quantity: Decimal,
    *,
    reason: str,
    source: str,
    reference: str | None,
    lot: LotChoice | None = None,
) -> list[StockMove]:
    """The moves of `quantity` on a locked level, lot by lot for a tracked product (§15): in
    → the lot `lot` names or creates (a lot code is required); out → `lot.lot_id`, or first
    expiry first out, then first in first out over the warehouse's lots (then stock kept from
    before the product was tracked). A lot of another product, or a lot for an untracked
    product → INVALID; a SERIAL lot holding more than 1 → INVALID."""
    tracking = getattr(level, "tracking", None)
    if tracking is None:
        tracking = Tracking(
            (await Product.filter(id=level.product_id).values_list("tracking", flat=True))[0]
        )
    choice = lot or LotChoice()
    if tracking == Tracking.NONE:
        if choice.lot_id is not None or choice.lot_code:
            raise DomainError(
                ErrorCode.INVALID,
                "The product is not tracked by lot.",
                "lot_id" if choice.lot_id is not None else "lot_code",
            )
        return [await _apply_one(level, quantity, reason, source, reference, None)]
    quantity = Decimal(quantity)
    if quantity > 0 and choice.unlotted:
        parts: list[tuple[Lot | None, Decimal]] = [(None, quantity)]
    elif quantity > 0:
        parts = [(await lot_for_receipt(level.product_id, choice), quantity)]
    else:
        parts = [(lt, -q) for lt, q in await _lots_to_take(level, -quantity, choice.lot_id)]
    moves = []
    for part_lot, part in parts:
        if part_lot is not None:
            await _change_lot_stock(part_lot, level.warehouse_id, part, tracking)
        moves.append(
            await _apply_one(
                level, part, reason, source, reference, None if part_lot is None else part_lot.id
            )
        )
    return moves


LOT_CODE_LENGTH = 64


def check_lot_input(
    checks: Checks, lot_code: object, expires_at: object, path: tuple[str, ...] = ()
) -> None:
    """The lot fields of an input that brings stock in (§15), before anything is read: a
    code of at most 64 characters without control characters, an expiry from 1900 to 2999."""
    checks(optional_text, lot_code, (*path, "lot_code") if path else "lot_code", LOT_CODE_LENGTH)
    checks(optional_date, expires_at, (*path, "expires_at") if path else "expires_at")


@contextmanager
def lot_errors_at(path: tuple[str, ...]) -> Iterator[None]:
    """Puts a move's lot and quantity refusals at the input line that asked for the move."""
    try:
        yield
    except DomainError as error:
        if error.field and error.field[0] in ("lot_id", "lot_code", "quantity"):
            raise DomainError(error.code, error.message, (*path, *error.field)) from None
        raise


async def lot_for_receipt(product_id: int, choice: LotChoice) -> Lot:
    """The lot an incoming move of a tracked product goes into: `lot_id`'s, or the lot of
    `lot_code`, created (with `expires_at`) when new."""
    if choice.lot_id is not None:
        return await lot_of_product(choice.lot_id, product_id)
    if not choice.lot_code or not choice.lot_code.strip():
        raise DomainError(
            ErrorCode.REQUIRED, "A lot-tracked product comes in with a lotCode.", "lot_code"
        )
    code = required_text(choice.lot_code, "lot_code", 64)
    existing = await Lot.get_or_none(product_id=product_id, code=code)
    if existing is not None:
        return existing
    try:
        async with in_transaction():  # a savepoint: a concurrent creation wins harmlessly
            return await Lot.create(product_id=product_id, code=code, expires_at=choice.expires_at)
    except IntegrityError:
        return await Lot.get(product_id=product_id, code=code)


async def lot_of_product(lot_id: int, product_id: int, field: str = "lot_id") -> Lot:
    """The lot, which must be one of the product's: NOT_FOUND, or INVALID for another's."""
    found = await Lot.get_or_none(id=lot_id)
    if found is None:
        raise not_found("Lot", lot_id, field)
    if found.product_id != product_id:
        raise DomainError(ErrorCode.INVALID, f"Lot {found.code} is another product's.", field)
    return found


async def _lots_to_take(
    level: StockLevel, quantity: Decimal, lot_id: int | None
) -> list[tuple[Lot | None, Decimal]]:
    if lot_id is not None:
        chosen = await lot_of_product(lot_id, level.product_id)
        stock = await LotStock.get_or_none(lot_id=chosen.id, warehouse_id=level.warehouse_id)
        held = Decimal(stock.on_hand) if stock else ZERO
        if held < quantity:
            raise DomainError(
                ErrorCode.INSUFFICIENT_STOCK,
                f"Only {held.normalize():f} of lot {chosen.code} is here.",
                "quantity",
            )
        return [(chosen, quantity)]
    stocks = await LotStock.filter(
        warehouse_id=level.warehouse_id, lot__product_id=level.product_id, on_hand__gt=0
    ).prefetch_related("lot")
    lots_held = [(stock.lot, Decimal(stock.on_hand)) for stock in stocks]
    taken = pick_lots([(lt.expires_at, lt.id, held) for lt, held in lots_held], quantity)
    by_id = {lt.id: lt for lt, _ in lots_held}
    parts: list[tuple[Lot | None, Decimal]] = [(by_id[i], q) for i, q in taken]
    rest = quantity - sum((q for _, q in taken), ZERO)
    if rest > 0:
        # Stock from before the product was tracked carries no lot.
        parts.append((None, rest))
    return parts


def pick_lots(
    lots: Sequence[tuple[date | None, int, Decimal]], quantity: Decimal
) -> list[tuple[int, Decimal]]:
    """First expiry first out, then first in first out (§15): `lots` = (expires, lot id in
    creation order, on hand); → (lot id, quantity) taking `quantity` or all there is."""
    order = sorted(lots, key=lambda row: (row[0] is None, row[0] or date.max, row[1]))
    left = Decimal(quantity)
    taken: list[tuple[int, Decimal]] = []
    for _, lot_id, held in order:
        if left <= 0:
            break
        part = min(left, Decimal(held))
        if part > 0:
            taken.append((lot_id, part))
            left -= part
    return taken


async def _change_lot_stock(
    lot: Lot, warehouse_id: int, quantity: Decimal, tracking: Tracking
) -> None:
    """Called under the product's and level's row locks, which serialize every lot change."""
    stock = await LotStock.get_or_none(lot_id=lot.id, warehouse_id=warehouse_id)
    if stock is None:
        stock = await LotStock.create(lot_id=lot.id, warehouse_id=warehouse_id, on_hand=ZERO)
    if tracking == Tracking.SERIAL and quantity > 0:
        held = sum(
            (
                Decimal(q)
                for q in await LotStock.filter(lot_id=lot.id).values_list("on_hand", flat=True)
            ),
            ZERO,
        )
        if held + quantity > 1:
            raise DomainError(
                ErrorCode.INVALID,
                f"Serial number {lot.code} is one unit; it cannot hold "
                f"{(held + quantity).normalize():f}.",
                "lot_code",
            )
    stock.on_hand = Decimal(stock.on_hand) + quantity
    await stock.save(update_fields=["on_hand"])


async def _apply_one(
    level: StockLevel,
    quantity: Decimal,
    reason: str,
    source: str,
    reference: str | None,
    lot_id: int | None,
) -> StockMove:
    if quantity == 0:
        raise DomainError(ErrorCode.INVALID, "A stock move needs a non-zero quantity.", "quantity")
    new_on_hand = computed_quantity(
        Decimal(level.on_hand) + quantity, "quantity", "The stock on hand"
    )
    if new_on_hand < 0:
        raise DomainError(
            ErrorCode.INSUFFICIENT_STOCK,
            f"Only {Decimal(level.on_hand).normalize():f} on hand; "
            f"cannot remove {(-quantity).normalize():f}.",
            "quantity",
        )
    move = await StockMove.create(
        product_id=level.product_id,
        warehouse_id=level.warehouse_id,
        quantity=quantity,
        lot_id=lot_id,
        reason=reason,
        source=source,
        reference=reference,
    )
    level.on_hand = new_on_hand
    await level.save(update_fields=["on_hand", "updated_at"])
    return move


async def change_reserved(level: StockLevel, delta: Decimal) -> None:
    """Adds `delta` (signed) to a level already locked by `lock_levels`."""
    if delta == 0:
        return
    level.reserved = computed_quantity(
        Decimal(level.reserved) + delta, "quantity", "The reserved stock"
    )
    if level.reserved < 0:
        raise DomainError(ErrorCode.INVALID, "Reserved stock cannot go below zero.")
    await level.save(update_fields=["reserved", "updated_at"])


async def on_hand_by_product(product_ids: Sequence[int] | None = None) -> dict[int, Decimal]:
    """On-hand per product summed over all warehouses, in one query."""
    levels = StockLevel.all()
    if product_ids is not None:
        levels = levels.filter(product_id__in=list(product_ids))
    # Summed here rather than by SQL SUM, which SQLite computes in floating point.
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for product_id, on_hand in await levels.values_list("product_id", "on_hand"):
        totals[product_id] += Decimal(on_hand)
    return dict(totals)


async def adjust_stock(
    *,
    product_id: int,
    warehouse_id: int,
    quantity: Decimal,
    reason: str | None,
    lot: LotChoice | None = None,
) -> StockMove:
    """`stockAdjust`: one move plus its §5.3 posting at standard cost, 1300 against 5100, or
    against 3900 for the reason OPENING (opening stock is equity, never cost of goods sold)."""
    checks = Checks()
    reason_text = checks(required_text, reason, "reason")
    quantity = checks(valid_quantity, quantity, "quantity", signed=True)
    if lot is not None:
        check_lot_input(checks, lot.lot_code, lot.expires_at)
    if quantity == 0:
        checks.add(
            DomainError(ErrorCode.INVALID, "quantity must be a non-zero number.", "quantity")
        )
    checks.raise_if_any()
    async with in_transaction():
        product = await Product.get_or_none(id=product_id)
        if product is None:
            raise not_found("Product", product_id, "product_id")
        if product.kind != ProductKind.STOCKED:
            raise DomainError(ErrorCode.INVALID, "Only STOCKED products carry stock.", "product_id")
        warehouse = await get_warehouse(warehouse_id, field="warehouse_id")
        await lock_levels([(product.id, warehouse.id)])
        value = (await stock_value_changes({product.id: quantity}))[product.id]
        computed_amount(value, "quantity", "The adjustment's value at standard cost")
        move = await move_stock(
            product_id=product.id,
            warehouse_id=warehouse.id,
            quantity=quantity,
            reason=reason_text,
            source="ADJUSTMENT",
            reference=f"{product.sku}@{warehouse.code}",
            lot=lot,
        )
        if value:
            await post_journal_entry(
                entry_date=today(),
                memo=f"Stock adjustment {product.sku} {quantity.normalize():f}: {reason_text}",
                source="STOCK_ADJUSTMENT",
                reference=f"MOVE-{move.id}",
                postings=stock_adjustment_postings(
                    value, opening=reason_text.upper() == OPENING_REASON
                ),
            )
    return move


async def create_warehouse(code: str | None, name: str | None) -> Warehouse:
    checks = Checks()
    clean_code = checks(required_text, code, "code", 32)
    clean_name = checks(required_text, name, "name")
    checks.raise_if_any()
    clean_code = clean_code.upper()
    async with in_transaction():
        if await Warehouse.filter(code=clean_code).exists():
            raise DomainError(
                ErrorCode.DUPLICATE, f"A warehouse with code {clean_code} exists.", "code"
            )
        try:
            async with in_transaction():
                return await Warehouse.create(code=clean_code, name=clean_name)
        except IntegrityError:
            raise DomainError(
                ErrorCode.DUPLICATE, f"A warehouse with code {clean_code} exists.", "code"
            ) from None


def list_warehouses() -> QuerySet[Warehouse]:
    return Warehouse.all()


@dataclass(frozen=True)
class StockLevelFilter:
    product_ids: Sequence[int] | None = None
    warehouse_ids: Sequence[int] | None = None


def list_stock_levels(flt: StockLevelFilter | None = None) -> QuerySet[StockLevel]:
    flt = flt or StockLevelFilter()
    qs = StockLevel.all()
    if flt.product_ids is not None:
        qs = qs.filter(product_id__in=list(flt.product_ids))
    if flt.warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(flt.warehouse_ids))
    return qs


@dataclass(frozen=True)
class StockMoveFilter:
    product_ids: Sequence[int] | None = None
    warehouse_ids: Sequence[int] | None = None
    source: str | None = None
    reference: str | None = None
    from_date: date | None = None
    to_date: date | None = None


def list_stock_moves(flt: StockMoveFilter | None = None) -> QuerySet[StockMove]:
    flt = flt or StockMoveFilter()
    qs = StockMove.all()
    if flt.product_ids is not None:
        qs = qs.filter(product_id__in=list(flt.product_ids))
    if flt.warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(flt.warehouse_ids))
    if flt.source:
        qs = qs.filter(source=flt.source)
    if flt.reference:
        qs = qs.filter(reference=flt.reference)
    if flt.from_date:
        qs = qs.filter(created_at__gte=_start_of(flt.from_date))
    if flt.to_date:
        qs = qs.filter(created_at__lt=_start_of(flt.to_date) + timedelta(days=1))
    return qs


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
