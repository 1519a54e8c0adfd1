"""The sales-order status rules of §5.2 as pure functions (no ORM, no I/O)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from domain.errors import DomainError, ErrorCode
from domain.orders.models import DeliveryStatus, InvoiceStatus, OrderStatus, PaymentStatus

# DRAFT→CONFIRMED→PARTIALLY_SHIPPED→SHIPPED→CLOSED; cancel only before any shipment.
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.DRAFT: frozenset({OrderStatus.CONFIRMED, OrderStatus.CANCELLED}),
    OrderStatus.CONFIRMED: frozenset(
        {
            OrderStatus.PARTIALLY_SHIPPED,
            OrderStatus.SHIPPED,
            OrderStatus.CLOSED,
            OrderStatus.CANCELLED,
        }
    ),
    OrderStatus.PARTIALLY_SHIPPED: frozenset(
        {OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED, OrderStatus.CLOSED}
    ),
    OrderStatus.SHIPPED: frozenset({OrderStatus.CLOSED}),
    OrderStatus.CLOSED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

SHIPPABLE = frozenset({OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED})
EDITABLE = frozenset({OrderStatus.DRAFT})


def can_transition(current: OrderStatus, target: OrderStatus) -> bool:
    return target in TRANSITIONS[OrderStatus(current)]


def require_transition(current: OrderStatus, target: OrderStatus, action: str) -> None:
    """INVALID_TRANSITION unless `current` may move to `target`."""
    if not can_transition(current, target):
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"A {OrderStatus(current).value} order cannot be {action}.",
            "id",
        )


def delivery_status(lines: Iterable[tuple[Decimal, Decimal]]) -> DeliveryStatus:
    """From (ordered, shipped) per line: nothing, some or everything shipped."""
    ordered_shipped = list(lines)
    if not ordered_shipped or all(shipped <= 0 for _, shipped in ordered_shipped):
        return DeliveryStatus.NOT_SHIPPED
    if all(shipped >= ordered for ordered, shipped in ordered_shipped):
        return DeliveryStatus.SHIPPED
    return DeliveryStatus.PARTIAL


def status_after_shipment(
    delivery: DeliveryStatus, invoice: InvoiceStatus, payment: PaymentStatus
) -> OrderStatus:
    """A shipment leaves the order PARTIALLY_SHIPPED or SHIPPED — or CLOSED when it was
    already fully invoiced and paid (an ON_ORDER order paid up front)."""
    if delivery != DeliveryStatus.SHIPPED:
        return OrderStatus.PARTIALLY_SHIPPED
    return closed_when_settled(OrderStatus.SHIPPED, invoice, payment)


def closed_when_settled(
    status: OrderStatus, invoice: InvoiceStatus, payment: PaymentStatus
) -> OrderStatus:
    """The one rule for CLOSED (§5.2): fully shipped, invoiced and paid."""
    if (
        status == OrderStatus.SHIPPED
        and invoice == InvoiceStatus.INVOICED
        and payment == PaymentStatus.PAID
    ):
        return OrderStatus.CLOSED
    return status


def cancellable(status: OrderStatus, shipped_anything: bool, invoiced_anything: bool) -> bool:
    """Only before any shipment (§5.2); an invoiced order needs a credit note first."""
    return (
        can_transition(status, OrderStatus.CANCELLED)
        and not shipped_anything
        and not invoiced_anything
    )
