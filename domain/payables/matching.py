"""The three-way match of vendor bill lines against their purchase order lines (§10; pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from domain.money import ZERO, cents, without_padding

# A price difference up to this amount, or up to PRICE_TOLERANCE of the line's value at the
# PO's cost, whichever is larger, still matches (§10).
PRICE_TOLERANCE_AMOUNT = Decimal("1.00")
PRICE_TOLERANCE = Decimal("0.02")


class MatchExceptionKind(str, Enum):
    QUANTITY = "QUANTITY"
    PRICE = "PRICE"


@dataclass(frozen=True)
class OrderedLine:
    """What a purchase order line says: its unit cost, what arrived and what bills posted
    so far already billed of it."""

    unit_cost: Decimal
    received: Decimal
    billed: Decimal


@dataclass(frozen=True)
class BilledQuantity:
    """One line of the bill: a PO line, a quantity and the supplier's unit cost."""

    position: int
    purchase_order_line_id: int
    quantity: Decimal
    unit_cost: Decimal


@dataclass(frozen=True)
class MatchException:
    position: int
    kind: MatchExceptionKind
    message: str


def price_tolerance(po_unit_cost: Decimal, quantity: Decimal) -> Decimal:
    """max(1.00, 2 % of the PO unit cost × quantity)."""
    return max(PRICE_TOLERANCE_AMOUNT, PRICE_TOLERANCE * Decimal(po_unit_cost) * quantity)


def match_lines(
    lines: Sequence[BilledQuantity], ordered: Mapping[int, OrderedLine]
) -> list[MatchException]:
    """Each line's exceptions, in line order: billed quantity over received − already billed
    (earlier lines of the same bill on the same PO line count as billed), or
    |unitCost − PO unitCost| × quantity over the price tolerance."""
    exceptions: list[MatchException] = []
    billed_here: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        po_line = ordered[line.purchase_order_line_id]
        quantity = Decimal(line.quantity)
        open_quantity = (
            Decimal(po_line.received)
            - Decimal(po_line.billed)
            - billed_here[line.purchase_order_line_id]
        )
        billed_here[line.purchase_order_line_id] += quantity
        if quantity > open_quantity:
            exceptions.append(
                MatchException(
                    line.position,
                    MatchExceptionKind.QUANTITY,
                    f"Line {line.position} bills {_plain(quantity)}, but only "
                    f"{_plain(max(open_quantity, ZERO))} is received and not yet billed.",
                )
            )
        difference = abs(Decimal(line.unit_cost) - Decimal(po_line.unit_cost)) * quantity
        tolerance = price_tolerance(po_line.unit_cost, quantity)
        if difference > tolerance:
            exceptions.append(
                MatchException(
                    line.position,
                    MatchExceptionKind.PRICE,
                    f"Line {line.position} is billed at {_plain(line.unit_cost)} a unit against "
                    f"{_plain(po_line.unit_cost)} ordered: {cents(difference)} off, more than "
                    f"the {cents(tolerance)} tolerated.",
                )
            )
    return exceptions


def _plain(value: Decimal) -> str:
    return str(without_padding(value))
