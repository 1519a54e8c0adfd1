"""The pure status rules of sales orders (§5.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import DomainError, ErrorCode
from domain.orders.models import DeliveryStatus, InvoiceStatus, OrderStatus, PaymentStatus
from domain.orders.status import (
    can_transition,
    cancellable,
    delivery_status,
    require_transition,
    status_after_shipment,
)

D = Decimal


def test_statuses_only_move_forward_along_the_order_to_cash_path():
    assert can_transition(OrderStatus.DRAFT, OrderStatus.CONFIRMED)
    assert can_transition(OrderStatus.CONFIRMED, OrderStatus.PARTIALLY_SHIPPED)
    assert can_transition(OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED)
    assert can_transition(OrderStatus.SHIPPED, OrderStatus.CLOSED)
    assert not can_transition(OrderStatus.DRAFT, OrderStatus.SHIPPED)
    assert not can_transition(OrderStatus.SHIPPED, OrderStatus.CONFIRMED)
    assert not can_transition(OrderStatus.CLOSED, OrderStatus.CANCELLED)
    assert not can_transition(OrderStatus.CANCELLED, OrderStatus.CONFIRMED)


def test_confirming_twice_is_an_invalid_transition():
    with pytest.raises(DomainError) as refused:
        require_transition(OrderStatus.CONFIRMED, OrderStatus.CONFIRMED, "confirmed")

    assert refused.value.code == ErrorCode.INVALID_TRANSITION
    assert refused.value.message == "A CONFIRMED order cannot be confirmed."


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([(D(5), D(0)), (D(2), D(0))], DeliveryStatus.NOT_SHIPPED),
        ([(D(5), D(1)), (D(2), D(0))], DeliveryStatus.PARTIAL),
        ([(D(5), D(5)), (D(2), D("1.5"))], DeliveryStatus.PARTIAL),
        ([(D(5), D(5)), (D(2), D(2))], DeliveryStatus.SHIPPED),
        ([], DeliveryStatus.NOT_SHIPPED),
    ],
)
def test_delivery_status_follows_the_shipped_quantities(lines, expected):
    assert delivery_status(lines) == expected


def test_a_full_shipment_of_an_order_already_invoiced_and_paid_closes_it():
    paid_up_front = status_after_shipment(
        DeliveryStatus.SHIPPED, InvoiceStatus.INVOICED, PaymentStatus.PAID
    )
    unpaid = status_after_shipment(
        DeliveryStatus.SHIPPED, InvoiceStatus.INVOICED, PaymentStatus.PARTIAL
    )
    partial = status_after_shipment(
        DeliveryStatus.PARTIAL, InvoiceStatus.INVOICED, PaymentStatus.PAID
    )

    assert (paid_up_front, unpaid, partial) == (
        OrderStatus.CLOSED,
        OrderStatus.SHIPPED,
        OrderStatus.PARTIALLY_SHIPPED,
    )


def test_cancel_only_before_any_shipment_or_invoice():
    assert cancellable(OrderStatus.DRAFT, shipped_anything=False, invoiced_anything=False)
    assert cancellable(OrderStatus.CONFIRMED, shipped_anything=False, invoiced_anything=False)
    assert not cancellable(OrderStatus.CONFIRMED, shipped_anything=True, invoiced_anything=False)
    assert not cancellable(OrderStatus.CONFIRMED, shipped_anything=False, invoiced_anything=True)
    assert not cancellable(OrderStatus.SHIPPED, shipped_anything=True, invoiced_anything=False)
    assert not cancellable(OrderStatus.CANCELLED, shipped_anything=False, invoiced_anything=False)
