"""Lots (§15): the list, on-hand, traceability both ways through work orders, and recall."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.errors import not_found
from domain.event_data import lot_recalled_data
from domain.events import record_event
from domain.inventory.models import StockMove
from domain.lots.models import Lot, LotStock
from domain.money import ZERO
from domain.orders.models import SalesOrder, Shipment
from domain.purchasing.models import PurchaseOrder
from domain.returns.models import Return


class TraceDirection(str, Enum):
    FORWARD = "FORWARD"
    BACKWARD = "BACKWARD"


class StepKind(str, Enum):
    RECEIPT = "RECEIPT"
    WORK_ORDER = "WORK_ORDER"
    SHIPMENT = "SHIPMENT"
    TRANSFER = "TRANSFER"
    RETURN = "RETURN"
    COUNT = "COUNT"


# The step kind of each stock move source; an adjustment is a counted difference (§5.1).
STEP_OF_SOURCE = {
    "PO_RECEIPT": StepKind.RECEIPT,
    "WORK_ORDER": StepKind.WORK_ORDER,
    "SHIPMENT": StepKind.SHIPMENT,
    "TRANSFER": StepKind.TRANSFER,
    "RETURN": StepKind.RETURN,
    "COUNT": StepKind.COUNT,
    "ADJUSTMENT": StepKind.COUNT,
}


@dataclass(frozen=True)
class TraceStep:
    kind: StepKind
    day: date
    quantity: Decimal
    lot_id: int
    account_id: int | None
    move_id: int


@dataclass(frozen=True)
class LotTrace:
    lot: Lot
    steps: list[TraceStep] = field(default_factory=list)
    # The customers reached (FORWARD) or the suppliers (BACKWARD), by id.
    account_ids: list[int] = field(default_factory=list)
    # The lots reached through work orders, the traced lot left out.
    lot_ids: list[int] = field(default_factory=list)


def linked_lots(
    moves: Sequence[tuple[str, str | None, Decimal, int | None]],
    lot_ids: set[int],
    direction: TraceDirection,
) -> set[int]:
    """The lots one work order step away from `lot_ids` (§15): FORWARD, the output lots of
    the work orders that consumed one of them; BACKWARD, the lots consumed by the work orders
    that made one. `moves` = (source, reference, quantity, lot id) of the work orders' moves."""
    consumed: dict[str | None, set[int]] = defaultdict(set)
    produced: dict[str | None, set[int]] = defaultdict(set)
    for source, reference, quantity, lot_id in moves:
        if source != "WORK_ORDER" or lot_id is None:
            continue
        (produced if Decimal(quantity) > 0 else consumed)[reference].add(lot_id)
    found: set[int] = set()
    for reference in set(consumed) | set(produced):
        ins, outs = consumed[reference], produced[reference]
        if direction == TraceDirection.FORWARD and ins & lot_ids:
            found |= outs
        if direction == TraceDirection.BACKWARD and outs & lot_ids:
            found |= ins
    return found - lot_ids


async def get_lot(lot_id: int, field_name: str = "lot_id") -> Lot:
    lot = await Lot.get_or_none(id=lot_id)
    if lot is None:
        raise not_found("Lot", lot_id, field_name)
    return lot


async def trace_lot(lot_id: int, direction: TraceDirection) -> LotTrace:
    """Every move of the lot and of the lots reached from it through work orders, oldest
    first, with the customer (shipments, returns) or supplier (receipts) of each."""
    lot = await get_lot(lot_id)
    reached = {lot.id}
    frontier = {lot.id}
    while frontier:
        references = await StockMove.filter(
            lot_id__in=sorted(frontier), source="WORK_ORDER"
        ).values_list("reference", flat=True)
        if not references:
            break
        rows = await StockMove.filter(
            source="WORK_ORDER", reference__in=sorted({r for r in references if r})
        ).values_list("source", "reference", "quantity", "lot_id")
        frontier = linked_lots(rows, reached, direction)
        reached |= frontier
    moves = await StockMove.filter(lot_id__in=sorted(reached)).order_by("id")
    accounts = await _accounts_of(moves)
    steps = [
        TraceStep(
            kind=STEP_OF_SOURCE.get(move.source, StepKind.COUNT),
            day=move.created_at.date(),
            quantity=Decimal(move.quantity),
            lot_id=move.lot_id or lot.id,
            account_id=accounts.get((move.source, move.reference)),
            move_id=move.id,
        )
        for move in moves
    ]
    wanted = (
        {StepKind.SHIPMENT, StepKind.RETURN}
        if direction == TraceDirection.FORWARD
        else {StepKind.RECEIPT}
    )
    account_ids = sorted(
        {s.account_id for s in steps if s.kind in wanted and s.account_id is not None}
    )
    return LotTrace(lot, steps, account_ids, sorted(reached - {lot.id}))


async def _accounts_of(moves: Sequence[StockMove]) -> dict[tuple[str, str | None], int]:
    """(source, reference) → the customer or supplier of the document behind the move."""
    refs: dict[str, set[str]] = defaultdict(set)
    for move in moves:
        if move.reference:
            refs[move.source].add(move.reference)
    found: dict[tuple[str, str | None], int] = {}
    order_of: dict[tuple[str, str], int] = {}
    if refs["SHIPMENT"]:
        for number, order_id in await Shipment.filter(
            number__in=sorted(refs["SHIPMENT"])
        ).values_list("number", "order_id"):
            order_of[("SHIPMENT", number)] = order_id
    if refs["RETURN"]:
        for number, order_id in await Return.filter(number__in=sorted(refs["RETURN"])).values_list(
            "number", "order_id"
        ):
            order_of[("RETURN", number)] = order_id
    if order_of:
        account_of = dict(
            await SalesOrder.filter(id__in=sorted(set(order_of.values()))).values_list(
                "id", "account_id"
            )
        )
        for key, order_id in order_of.items():
            found[key] = account_of[order_id]
    if refs["PO_RECEIPT"]:
        for number, supplier_id in await PurchaseOrder.filter(
            number__in=sorted(refs["PO_RECEIPT"])
        ).values_list("number", "supplier_id"):
            found[("PO_RECEIPT", number)] = supplier_id
    return found


async def recall_lot(lot_id: int) -> LotTrace:
    """Fires `lot.recalled` with the customers of the lot's FORWARD trace (§15)."""
    async with in_transaction():
        lot = await Lot.filter(id=lot_id).select_for_update().first()
        if lot is None:
            raise not_found("Lot", lot_id, "lot_id")
        trace = await trace_lot(lot.id, TraceDirection.FORWARD)
        lot.recalled_at = utcnow()
        await lot.save(update_fields=["recalled_at"])
        await record_event("lot.recalled", lot_recalled_data(lot.id, trace.account_ids))
    return LotTrace(lot, trace.steps, trace.account_ids, trace.lot_ids)


async def on_hand_by_lot(lot_ids: Sequence[int]) -> dict[int, Decimal]:
    """Each lot's on hand over all warehouses, in one query."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for lot_id, on_hand in await LotStock.filter(lot_id__in=list(lot_ids)).values_list(
        "lot_id", "on_hand"
    ):
        totals[lot_id] += Decimal(on_hand)
    return {lot_id: totals[lot_id] for lot_id in lot_ids}


@dataclass(frozen=True)
class LotFilter:
    product_ids: Sequence[int] | None = None


def list_lots(flt: LotFilter | None = None) -> QuerySet[Lot]:
    """Lots, empty ones too."""
    flt = flt or LotFilter()
    qs = Lot.all()
    if flt.product_ids is not None:
        qs = qs.filter(product_id__in=list(flt.product_ids))
    return qs
