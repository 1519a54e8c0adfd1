"""The outbox dispatcher: claims undispatched events and creates one delivery per matching
subscription, exactly once per (event, subscription) even with concurrent dispatchers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.db import current_dialect
from domain.outbox.models import Event
from domain.webhooks.event_types import matches
from domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

# Job names and ids shared by the API (which wakes the dispatcher) and the workers.
DISPATCH_FUNCTION = "dispatch_outbox"
DISPATCH_JOB_ID = "outbox:dispatch"
DELIVER_FUNCTION = "deliver_webhook"

HTTP_TIMEOUT_SECONDS = 10.0
# A live worker records an attempt within the HTTP timeout; a lease older than this belongs
# to a worker that died mid-request.
ATTEMPT_LEASE = timedelta(seconds=HTTP_TIMEOUT_SECONDS + 5)
# A PENDING attempt this late has lost its job (a crash between commit and enqueue).
OVERDUE_AFTER = timedelta(seconds=15)
BATCH_SIZE = 500


def delivery_job_id(delivery_id: int, attempt: int, rescue: str | None = None) -> str:
    """One job per attempt: retries are distinct jobs, a duplicate enqueue is not."""
    base = f"webhook:{delivery_id}:{attempt}"
    return f"{base}:{rescue}" if rescue else base


@dataclass(frozen=True)
class DueAttempt:
    delivery_id: int
    attempt: int
    due: datetime
    # Set when the attempt's earlier job is known dead: the rescue job gets its own id.
    rescue: str | None = None

    @property
    def job_id(self) -> str:
        return delivery_job_id(self.delivery_id, self.attempt, self.rescue)


@dataclass
class DispatchBatch:
    events: list[Event] = field(default_factory=list)
    attempts: list[DueAttempt] = field(default_factory=list)


async def dispatch_events(limit: int = BATCH_SIZE) -> DispatchBatch:
    """Claims up to `limit` undispatched events in id order, creates their deliveries and
    marks them dispatched, in one transaction. The caller enqueues `attempts` and publishes
    `events` after it returns (after commit)."""
    now = utcnow()
    async with in_transaction():
        if current_dialect() == "sqlite":
            # Take SQLite's single write lock before reading, so that a dispatcher in another
            # process waits instead of reading the same events.
            await Event.filter(id=-1).update(dispatched_at=None)
        events = (
            await Event.filter(dispatched_at__isnull=True)
            .order_by("id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        if not events:
            return DispatchBatch()
        event_ids = [event.id for event in events]
        subscriptions = await WebhookSubscription.filter(active=True).order_by("id")
        new = [
            WebhookDelivery(
                event_id=event.id,
                subscription_id=subscription.id,
                status=DeliveryStatus.PENDING,
                next_attempt_at=now,
            )
            for event in events
            for subscription in subscriptions
            if matches(subscription.event_types, event.type)
        ]
        if new:
            await WebhookDelivery.bulk_create(new)
        await Event.filter(id__in=event_ids).update(dispatched_at=now)
        # The events are locked and were undispatched, so every delivery of theirs is ours.
        delivery_ids = cast(
            list[int],
            await WebhookDelivery.filter(event_id__in=event_ids)
            .order_by("id")
            .values_list("id", flat=True),
        )
    for event in events:
        event.dispatched_at = now
    return DispatchBatch(
        events=events,
        attempts=[DueAttempt(pk, 1, now) for pk in delivery_ids],
    )


async def overdue_attempts(limit: int = BATCH_SIZE) -> list[DueAttempt]:
    """PENDING attempts that should have run by now: lost jobs (no lease) and attempts of
    killed workers (expired lease, returned with a `rescue` id). Live leases are left alone."""
    now = utcnow()
    rows = (
        await WebhookDelivery.filter(
            Q(leased_at__isnull=True, next_attempt_at__lt=now - OVERDUE_AFTER)
            | Q(leased_at__lt=now - ATTEMPT_LEASE),
            status=DeliveryStatus.PENDING,
        )
        .order_by("next_attempt_at", "id")
        .limit(limit)
    )
    due: list[DueAttempt] = []
    for row in rows:
        attempt = row.attempt_count + 1
        if row.leased_at is None:
            due.append(DueAttempt(row.id, attempt, row.next_attempt_at or now))
        else:
            stamp = str(int(row.leased_at.timestamp() * 1000))
            due.append(DueAttempt(row.id, attempt, now, rescue=f"lease{stamp}"))
    return due
