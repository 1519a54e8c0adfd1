"""record_event: writes a domain event into the outbox inside the caller's transaction (§8)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from tortoise import connections

from domain.actor import current_actor
from domain.clock import utcnow
from domain.global_ids import parse_global_id
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
        "quote.sent",
        "quote.accepted",
        "quote.rejected",
        "quote.expired",
        "opportunity.fulfillment_changed",
        "account.credit_exceeded",
        "vendor_bill.posted",
        "vendor_bill.paid",
        "supplier_payment.made",
        "period.closed",
        "period.reopened",
        "stock_count.posted",
        "lot.recalled",
        "return.received",
        "import_run.completed",
        "segment.created",
        "segment.updated",
        "segment.deleted",
        "exchange_rate.set",
        "campaign.created",
        "campaign.updated",
        "activity.due_soon",
        "activity.overdue",
        "opportunity.stale",
        "case.assigned",
        "user.created",
        "user.updated",
        "user.deactivated",
    ]
)


async def record_event(event_type: str, payload: Mapping[str, Any]) -> Event:
    """Must be awaited inside the use case's `in_transaction()` block, so that the event
    commits or rolls back with the change it describes. The payload is the object in the API's
    shape (`domain.event_data`). The event records its subject (the type's prefix and the pk
    inside the payload's global `id`) and the current actor, for the audit trail."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    actor = current_actor()
    event = await Event.create(
        type=event_type,
        payload=jsonable(payload),
        occurred_at=utcnow(),
        subject_type=event_type.partition(".")[0],
        subject_id=_subject_pk(payload.get("id")),
        actor_token_id=actor.token_id if actor else None,
        actor_user_id=actor.user_id if actor else None,
    )
    tracker = _tracker.get()
    if tracker is not None:
        tracker.count += 1
    return event


async def record_events(events: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
    """record_event for many (type, payload) pairs in one multi-row insert, in their order:
    for a use case that writes many objects per transaction (the invoice run)."""
    unknown = sorted({event_type for event_type, _ in events} - EVENT_TYPES)
    if unknown:
        raise ValueError(f"unknown event types {unknown!r}")
    if not events:
        return
    actor = current_actor()
    # One statement of plain values, not a model per event: building, validating and binding
    # those was most of what an SLA scan of thousands of cases spent.
    encode = Event._meta.fields_map["payload"].to_db_value
    rows = [
        (
            str(uuid.uuid4()),
            event_type,
            encode(jsonable(payload), Event),
            event_type.partition(".")[0],
            _subject_pk(payload.get("id")),
        )
        for event_type, payload in events
    ]
    shared = [utcnow(), actor.token_id if actor else None, actor.user_id if actor else None]
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        columns = [list(column) for column in zip(*rows, strict=True)]
        await connection.execute_query(_INSERT_EVENTS["postgres"], [*columns, *shared])
    else:
        await connection.execute_many(_INSERT_EVENTS["sqlite"], [[*row, *shared] for row in rows])
    tracker = _tracker.get()
    if tracker is not None:
        tracker.count += len(events)


_EVENT_COLUMNS = (
    "uid, type, payload, subject_type, subject_id, occurred_at, actor_token_id, actor_user_id"
)
_INSERT_EVENTS = {
    "postgres": (
        f"INSERT INTO events ({_EVENT_COLUMNS}) "
        "SELECT uid, type, payload::jsonb, subject_type, subject_id, $6::timestamptz, $7::int, "
        "$8::int FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[]) "
        "WITH ORDINALITY AS e(uid, type, payload, subject_type, subject_id, n) ORDER BY n"
    ),
    "sqlite": f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
}


def _subject_pk(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_global_id(value)[1]
    except ValueError:
        return None


@dataclass
class RecordedEvents:
    count: int = 0


# A mutable box rather than a plain value, so records made in child tasks are seen too.
_tracker: ContextVar[RecordedEvents | None] = ContextVar("recorded_events", default=None)


@contextmanager
def track_recorded_events() -> Iterator[RecordedEvents]:
    """Counts the events recorded inside the block (a request, a job), so the API and the
    workers can wake the outbox dispatcher once it has committed."""
    tracker = RecordedEvents()
    token = _tracker.set(tracker)
    try:
        yield tracker
    finally:
        _tracker.reset(token)
