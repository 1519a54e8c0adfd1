"""Blind cycle counts (§15): start (snapshot), record, post (variance as moves and Dr/Cr 1300
against 5100 at standard cost), cancel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.catalog.models import Product, ProductKind, Tracking
from domain.clock import today, utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import stock_count_event_data
from domain.events import record_event
from domain.inventory.models import StockLevel, StockMove, Warehouse
from domain.inventory.services import (
    LotChoice,
    apply_move,
    lock_levels,
    lot_errors_at,
    lot_of_product,
    stock_value_changes,
)
from domain.ledger.postings import stock_count_postings
from domain.ledger.services import post_journal_entry
from domain.lots.models import LotStock
from domain.money import ZERO
from domain.numbering.services import next_number
from domain.stock_counts.models import StockCount, StockCountLine, StockCountStatus
from domain.validation import Checks, computed_amount, valid_quantity

COUNT_SOURCE = "COUNT"
# A count whose variance is worth more than this (Σ |variance × standard cost|) is posted
# only by someone who may approve it (ADMIN, FINANCE: the API decides who).
APPROVAL_THRESHOLD = Decimal("500.00")


@dataclass(frozen=True)
class CountLineDraft:
    product_id: int
    counted_quantity: Decimal
    lot_id: int | None = None


def count_variance(counted: Decimal, expected: Decimal, moved_since: Decimal) -> Decimal:
    """variance = counted − (snapshot + net moves since the snapshot) (§15)."""
    return Decimal(counted) - (Decimal(expected) + Decimal(moved_since))


def needs_approval(values: Sequence[Decimal]) -> bool:
    """A count whose variance lines are worth more than 500.00 in total, gains and losses
    alike (Σ |value|: a gain cannot hide a loss), needs ADMIN or FINANCE to post."""
    return sum((abs(value) for value in values), ZERO) > APPROVAL_THRESHOLD


async def _lock_warehouse(warehouse_id: int, field: str) -> Warehouse:
    warehouse = await Warehouse.filter(id=warehouse_id).select_for_update(no_key=True).first()
    if warehouse is None:
        raise not_found("Warehouse", warehouse_id, field)
    return warehouse


async def _lock_count(count_id: int) -> StockCount:
    count = await StockCount.filter(id=count_id).select_for_update().first()
    if count is None:
        raise not_found("Stock count", count_id, "id")
    return count


def _require_counting(count: StockCount, action: str) -> None:
    if count.status == StockCountStatus.POSTED:
        raise DomainError(
            ErrorCode.ALREADY_PROCESSED, f"Stock count {count.number} is already posted.", "id"
        )
    if count.status != StockCountStatus.COUNTING:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A {count.status.value} stock count cannot be {action}.",
            "id",
        )


async def _last_move_id() -> int:
    last = await StockMove.all().order_by("-id").first()
    return last.id if last else 0


async def start_stock_count(
    warehouse_id: int, product_ids: Sequence[int] | None = None
) -> StockCount:
    """Snapshots the system quantity of the warehouse's products (all it holds a level of, or
    the STOCKED `product_ids`). A warehouse with a count still COUNTING → INVALID."""
    async with in_transaction():
        warehouse = await _lock_warehouse(warehouse_id, "warehouse_id")
        if await StockCount.filter(
            warehouse_id=warehouse.id, status=StockCountStatus.COUNTING
        ).exists():
            raise DomainError(
                ErrorCode.INVALID,
                f"Warehouse {warehouse.code} has a count in progress: post or cancel it first.",
                "warehouse_id",
            )
        if product_ids is None:
            held: list[int] = await StockLevel.filter(
                warehouse_id=warehouse.id, product__kind=ProductKind.STOCKED
            ).values_list("product_id", flat=True)  # type: ignore[assignment]
            wanted = sorted(set(held))
        else:
            wanted = sorted(set(product_ids))
            kinds = dict(await Product.filter(id__in=wanted).values_list("id", "kind"))
            for index, product_id in enumerate(product_ids):
                if product_id not in kinds:
                    raise not_found("Product", product_id, ("product_ids", str(index)))
                if kinds[product_id] != ProductKind.STOCKED:
                    raise DomainError(
                        ErrorCode.INVALID,
                        "Only STOCKED products are counted.",
                        ("product_ids", str(index)),
                    )
        # The levels' locks make the snapshot and the last move id agree: no move of these
        # products commits in this warehouse between the two reads.
        levels = await lock_levels([(product_id, warehouse.id) for product_id in wanted])
        snapshot = await _last_move_id()
        count = await StockCount.create(
            number=await next_number("SC", today().year), warehouse_id=warehouse.id
        )
        expected = await _system_quantities(warehouse.id, levels)
        await StockCountLine.bulk_create(
            [
                StockCountLine(
                    count_id=count.id,
                    product_id=product_id,
                    lot_id=lot_id,
                    expected_quantity=quantity,
                    snapshot_move_id=snapshot,
                )
                for (product_id, lot_id), quantity in sorted(
                    expected.items(), key=lambda item: (item[0][0], item[0][1] or 0)
                )
            ]
        )
    return count


LineKey = tuple[int, int | None]  # (product id, lot id)


async def _system_quantities(
    warehouse_id: int, levels: dict[tuple[int, int], StockLevel]
) -> dict[LineKey, Decimal]:
    """The on hand to count per product, lot by lot for a tracked one (what no lot holds,
    from before it was tracked, on a line without a lot). Under the levels' locks."""
    tracked = [p for (p, _), level in levels.items() if _tracked(level)]
    by_lot: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    if tracked:
        for stock in await LotStock.filter(
            warehouse_id=warehouse_id, lot__product_id__in=tracked
        ).prefetch_related("lot"):
            by_lot[stock.lot.product_id].append((stock.lot_id, Decimal(stock.on_hand)))
    found: dict[LineKey, Decimal] = {}
    for (product_id, _), level in levels.items():
        on_hand = Decimal(level.on_hand)
        if not _tracked(level):
            found[(product_id, None)] = on_hand
            continue
        for lot_id, held in by_lot[product_id]:
            found[(product_id, lot_id)] = held
            on_hand -= held
        if on_hand or not by_lot[product_id]:
            found[(product_id, None)] = on_hand
    return found


def _tracked(level: StockLevel) -> bool:
    return getattr(level, "tracking", Tracking.NONE) != Tracking.NONE


async def record_stock_count(count_id: int, drafts: Sequence[CountLineDraft]) -> StockCount:
    """Records counted quantities (the last one recorded for a product counts). A product the
    snapshot left out joins the count with its system quantity as of now."""
    if not drafts:
        raise DomainError(ErrorCode.REQUIRED, "A count needs at least one line.", "lines")
    checks = Checks()
    for index, draft in enumerate(drafts):
        path = ("lines", str(index))
        checks(valid_quantity, draft.counted_quantity, (*path, "counted_quantity"))
    checks.raise_if_any()
    async with in_transaction():
        count = await _lock_count(count_id)
        _require_counting(count, "recorded")
        lines = {
            (line.product_id, line.lot_id): line
            for line in await StockCountLine.filter(count_id=count.id)
        }
        ids = sorted({draft.product_id for draft in drafts})
        kinds = dict(await Product.filter(id__in=ids).values_list("id", "kind"))
        for index, draft in enumerate(drafts):
            at: tuple[str, ...] = ("lines", str(index), "product_id")
            if draft.product_id not in kinds:
                raise not_found("Product", draft.product_id, at)
            if kinds[draft.product_id] != ProductKind.STOCKED:
                raise DomainError(ErrorCode.INVALID, "Only STOCKED products are counted.", at)
        levels = await lock_levels((d.product_id, count.warehouse_id) for d in drafts)
        for index, draft in enumerate(drafts):
            level = levels[(draft.product_id, count.warehouse_id)]
            if draft.lot_id is None and _tracked(level):
                if (draft.product_id, None) not in lines:
                    raise DomainError(
                        ErrorCode.REQUIRED,
                        "A lot-tracked product is counted lot by lot: give its lotId.",
                        ("lines", str(index), "lot_id"),
                    )
            elif draft.lot_id is not None:
                with lot_errors_at(("lines", str(index))):
                    if not _tracked(level):
                        raise DomainError(
                            ErrorCode.INVALID, "The product is not tracked by lot.", "lot_id"
                        )
                    await lot_of_product(draft.lot_id, draft.product_id)
        new = sorted(
            {(d.product_id, d.lot_id) for d in drafts} - set(lines),
            key=lambda key: (key[0], key[1] or 0),
        )
        if new:
            snapshot = await _last_move_id()
            held = await _system_quantities(
                count.warehouse_id,
                {(p, count.warehouse_id): levels[(p, count.warehouse_id)] for p, _ in new},
            )
            for product_id, lot_id in new:
                lines[(product_id, lot_id)] = await StockCountLine.create(
                    count_id=count.id,
                    product_id=product_id,
                    lot_id=lot_id,
                    expected_quantity=held.get((product_id, lot_id), ZERO),
                    snapshot_move_id=snapshot,
                )
        for draft in drafts:
            line = lines[(draft.product_id, draft.lot_id)]
            line.counted_quantity = Decimal(draft.counted_quantity)
            await line.save(update_fields=["counted_quantity"])
    return count


async def _moved_since(
    count: StockCount, lines: Sequence[StockCountLine]
) -> dict[LineKey, Decimal]:
    """Per line (product, lot), the net stock moves in the count's warehouse after its
    snapshot."""
    moved: dict[LineKey, Decimal] = defaultdict(lambda: ZERO)
    if not lines:
        return moved
    oldest = min(line.snapshot_move_id for line in lines)
    since = {(line.product_id, line.lot_id): line.snapshot_move_id for line in lines}
    rows = await StockMove.filter(
        warehouse_id=count.warehouse_id,
        product_id__in=sorted({p for p, _ in since}),
        id__gt=oldest,
    ).values_list("id", "product_id", "lot_id", "quantity")
    for move_id, product_id, lot_id, quantity in rows:
        key = (product_id, lot_id)
        if key in since and move_id > since[key]:
            moved[key] += Decimal(quantity)
    return moved


async def post_stock_count(count_id: int, *, may_approve: bool) -> StockCount:
    """Books each counted line's variance (§15) as a stock move and the lot as one entry,
    Dr/Cr 1300 against 5100 at standard cost. Lines never counted are left as they are.

    Worth more than 500.00 (Σ |value|) without `may_approve` → APPROVAL_REQUIRED; posted
    already → ALREADY_PROCESSED; cancelled → INVALID_TRANSITION. Nothing changes then."""
    async with in_transaction():
        count = await _lock_count(count_id)
        _require_counting(count, "posted")
        warehouse = await Warehouse.get(id=count.warehouse_id)
        counted = [
            line
            for line in await StockCountLine.filter(count_id=count.id).order_by(
                "product_id", "lot_id"
            )
            if line.counted_quantity is not None
        ]
        levels = await lock_levels([(line.product_id, count.warehouse_id) for line in counted])
        moved = await _moved_since(count, counted)
        for line in counted:
            assert line.counted_quantity is not None
            line.variance = count_variance(
                line.counted_quantity,
                line.expected_quantity,
                moved[(line.product_id, line.lot_id)],
            )
        changes: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for line in counted:
            if line.variance:
                changes[line.product_id] += Decimal(line.variance)
        values = await stock_value_changes(dict(changes))
        total = sum(values.values(), ZERO)
        absolute = computed_amount(
            sum((abs(value) for value in values.values()), ZERO), "id", "The variance's value"
        )
        if needs_approval(list(values.values())) and not may_approve:
            raise DomainError(
                ErrorCode.APPROVAL_REQUIRED,
                f"The variance is worth {absolute:f}, more than {APPROVAL_THRESHOLD:f}: "
                "ADMIN or FINANCE posts it.",
                "id",
            )
        for line in counted:
            if line.variance:
                move = await apply_move(
                    levels[(line.product_id, count.warehouse_id)],
                    Decimal(line.variance),
                    reason=f"Stock count {count.number}",
                    source=COUNT_SOURCE,
                    reference=count.number,
                    lot=None if line.lot_id is None else LotChoice(lot_id=line.lot_id),
                )
                line.stock_move_id = move.id
            await line.save(update_fields=["variance", "stock_move_id"])
        if total:
            await post_journal_entry(
                entry_date=today(),
                memo=f"Stock count {count.number} at {warehouse.code}",
                source="STOCK_COUNT",
                reference=count.number,
                postings=stock_count_postings(total),
            )
        count.status = StockCountStatus.POSTED
        count.variance_value = absolute
        count.posted_at = utcnow()
        await count.save(update_fields=["status", "variance_value", "posted_at"])
        await record_event("stock_count.posted", stock_count_event_data(count, counted, values))
    return count


async def cancel_stock_count(count_id: int) -> StockCount:
    """Drops a COUNTING count without changing stock; posted → ALREADY_PROCESSED."""
    async with in_transaction():
        count = await _lock_count(count_id)
        _require_counting(count, "cancelled")
        count.status = StockCountStatus.CANCELLED
        count.cancelled_at = utcnow()
        await count.save(update_fields=["status", "cancelled_at"])
    return count


async def get_stock_count(count_id: int) -> StockCount:
    count = await StockCount.get_or_none(id=count_id)
    if count is None:
        raise not_found("Stock count", count_id, "id")
    return count


@dataclass(frozen=True)
class StockCountFilter:
    warehouse_ids: Sequence[int] | None = None
    status: StockCountStatus | None = None


def list_stock_counts(flt: StockCountFilter | None = None) -> QuerySet[StockCount]:
    flt = flt or StockCountFilter()
    qs = StockCount.all()
    if flt.warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(flt.warehouse_ids))
    if flt.status is not None:
        qs = qs.filter(status=flt.status)
    return qs


def list_stock_count_lines(count_ids: Sequence[int]) -> QuerySet[StockCountLine]:
    return StockCountLine.filter(count_id__in=list(count_ids))
