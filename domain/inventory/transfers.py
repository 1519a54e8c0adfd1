"""`stockTransfer` (§15): stock moves from one warehouse to another as two moves under row
locks, with no ledger entry (1300 carries the product's stock over all warehouses)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tortoise.transactions import in_transaction

from domain.catalog.models import Product, ProductKind
from domain.clock import today
from domain.errors import DomainError, ErrorCode, not_found
from domain.inventory.models import StockLevel, StockMove
from domain.inventory.services import LotChoice, apply_moves, get_warehouse, lock_levels
from domain.numbering.services import next_number
from domain.validation import Checks, valid_quantity

TRANSFER_SOURCE = "TRANSFER"


@dataclass(frozen=True)
class StockTransfer:
    """What a transfer did: its number, the move out, the move in and the two levels after."""

    number: str
    move_out: StockMove
    move_in: StockMove
    from_level: StockLevel
    to_level: StockLevel
    # Every move, lot by lot for a tracked product: out, then in.
    moves_out: list[StockMove]
    moves_in: list[StockMove]


async def transfer_stock(
    *,
    product_id: int,
    from_warehouse_id: int,
    to_warehouse_id: int,
    quantity: Decimal,
    lot_id: int | None = None,
) -> StockTransfer:
    """Moves `quantity` of a STOCKED product out of one warehouse and into another.

    The same warehouse twice → INVALID; more than the source's available stock (on hand −
    reserved for confirmed orders) → INSUFFICIENT_STOCK, so a transfer never takes stock a
    customer was promised nor a warehouse below zero. Both levels are row-locked in (product,
    warehouse) order, as every other stock use case locks them, so concurrent transfers and
    shipments take turns. No journal entry: the stock value of 1300 is over all warehouses."""
    checks = Checks()
    amount = checks(valid_quantity, quantity, "quantity", positive=True)
    if from_warehouse_id == to_warehouse_id:
        checks.add(
            DomainError(
                ErrorCode.INVALID,
                "A transfer needs two different warehouses.",
                "to_warehouse_id",
            )
        )
    checks.raise_if_any()
    async with in_transaction():
        product = await Product.get_or_none(id=product_id)
        if product is None:
            raise not_found("Product", product_id, "product_id")
        if product.kind != ProductKind.STOCKED:
            raise DomainError(ErrorCode.INVALID, "Only STOCKED products carry stock.", "product_id")
        source = await get_warehouse(from_warehouse_id, field="from_warehouse_id")
        target = await get_warehouse(to_warehouse_id, field="to_warehouse_id")
        levels = await lock_levels([(product.id, source.id), (product.id, target.id)])
        from_level = levels[(product.id, source.id)]
        to_level = levels[(product.id, target.id)]
        available = Decimal(from_level.on_hand) - Decimal(from_level.reserved)
        if amount > available:
            raise DomainError(
                ErrorCode.INSUFFICIENT_STOCK,
                f"Only {max(available, Decimal(0)).normalize():f} of {product.sku} is available "
                f"in {source.code}.",
                "quantity",
            )
        number = await next_number("TR", today().year)
        reason = f"Transfer {number} {source.code} → {target.code}"
        moves_out = await apply_moves(
            from_level,
            -amount,
            reason=reason,
            source=TRANSFER_SOURCE,
            reference=number,
            lot=LotChoice(lot_id=lot_id),
        )
        # Each lot arrives as it left: the same lots, the same quantities.
        moves_in = [
            (
                await apply_moves(
                    to_level,
                    -Decimal(out.quantity),
                    reason=reason,
                    source=TRANSFER_SOURCE,
                    reference=number,
                    lot=LotChoice(lot_id=out.lot_id, unlotted=out.lot_id is None),
                )
            )[0]
            for out in moves_out
        ]
    return StockTransfer(
        number, moves_out[0], moves_in[0], from_level, to_level, moves_out, moves_in
    )
