"""record_event: writes a domain event into the outbox inside the caller's transaction (§8)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.clock import utcnow
from domain.jsonable import jsonable
from domain.outbox.models import Event

EVENT_TYPES: frozenset[str] = frozenset(
    [
        "account.created",
        "account.updated",
        "lead.created",
        "lead.converted",
        "opportunity.created",
        "opportunity.stage_changed",
        "opportunity.won",
        "opportunity.lost",
        "sales_order.created",
        "sales_order.confirmed",
        "sales_order.shipped",
        "sales_order.cancelled",
        "invoice.posted",
        "invoice.paid",
        "payment.received",
        "credit_note.posted",
        "mrp_run.completed",
        "planned_order.firmed",
        "case.created",
        "case.sla_at_risk",
        "case.sla_breached",
        "case.resolved",
    ]
)


async def record_event(event_type: str, payload: Mapping[str, Any]) -> Event:
    """Must be awaited inside the use case's `in_transaction()` block, so that the event
    commits or rolls back with the change it describes."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    return await Event.create(type=event_type, payload=jsonable(payload), occurred_at=utcnow())
