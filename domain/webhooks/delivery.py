"""One delivery attempt: claim it, POST the signed message, record the outcome, schedule
the next try on the retry schedule (contract §8)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.outbox.models import Event
from domain.settings import get_settings
from domain.webhooks.dispatch import ATTEMPT_LEASE, DueAttempt
from domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from domain.webhooks.signing import message_body, signed_headers

GONE = 410


@dataclass(frozen=True)
class AttemptResult:
    at: datetime
    response_status: int | None
    duration_ms: int
    error: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.response_status is not None and 200 <= self.response_status < 300


@dataclass(frozen=True)
class AttemptOutcome:
    status: DeliveryStatus
    next_attempt: DueAttempt | None = None


class MessagePoster(Protocol):
    """Delivers one signed webhook request (adapters.http_delivery.post_message)."""

    async def __call__(
        self, url: str, body: bytes, headers: dict[str, str], *, at: datetime, allow_private: bool
    ) -> AttemptResult: ...


def next_attempt_at(
    schedule: Sequence[int], attempt: int, schedule_start: int, at: datetime
) -> datetime | None:
    """When to try again after failed attempt number `attempt` (made at `at`): the n-th
    retry of the current series waits schedule[n-1] seconds; None once it is exhausted."""
    retries_made = attempt - schedule_start
    if retries_made >= len(schedule):
        return None
    return at + timedelta(seconds=schedule[retries_made])


async def _claim(delivery_id: int, attempt: int, now: datetime) -> bool:
    """Leases the attempt unless it was already made, the delivery is finished, or another
    live worker holds it (arq may run a job twice)."""
    claimed = await WebhookDelivery.filter(
        Q(id=delivery_id, status=DeliveryStatus.PENDING, attempt_count=attempt - 1)
        & (Q(leased_at__isnull=True) | Q(leased_at__lt=now - ATTEMPT_LEASE))
    ).update(leased_attempt=attempt, leased_at=now)
    return bool(claimed)


async def attempt_delivery(
    delivery_id: int, attempt: int, post_message: MessagePoster
) -> AttemptOutcome | None:
    """Makes attempt number `attempt` of the delivery; None when there is nothing to do.

    The caller enqueues `next_attempt` (if any) at its `due` time."""
    now = utcnow()
    if not await _claim(delivery_id, attempt, now):
        return None
    delivery = await WebhookDelivery.get(id=delivery_id).select_related("subscription", "event")
    subscription: WebhookSubscription = delivery.subscription
    if not subscription.active:
        result = AttemptResult(
            at=now,
            response_status=None,
            duration_ms=0,
            error=(
                "Not sent: the subscription is paused"
                + (f" ({subscription.disabled_reason})." if subscription.disabled_reason else ".")
            ),
        )
        return await _record(delivery, subscription, attempt, result, final=True)
    event: Event = delivery.event
    body = message_body(event.type, event.occurred_at, event.payload)
    headers = signed_headers(subscription.secret, event.public_id, int(now.timestamp()), body)
    result = await post_message(
        subscription.url,
        body,
        headers,
        at=now,
        allow_private=get_settings().webhook_allow_private,
    )
    return await _record(delivery, subscription, attempt, result)


async def _record(
    delivery: WebhookDelivery,
    subscription: WebhookSubscription,
    attempt: int,
    result: AttemptResult,
    *,
    final: bool = False,
) -> AttemptOutcome | None:
    gone = result.response_status == GONE
    retry_at = None
    if not (result.succeeded or gone or final):
        retry_at = next_attempt_at(
            get_settings().webhook_retry_schedule, attempt, delivery.schedule_start, result.at
        )
    if result.succeeded:
        status = DeliveryStatus.SUCCEEDED
    else:
        status = DeliveryStatus.PENDING if retry_at else DeliveryStatus.FAILED
    async with in_transaction():
        # Whoever records attempt n first wins; a late duplicate finds attempt_count moved on.
        updated = await WebhookDelivery.filter(
            id=delivery.id,
            status=DeliveryStatus.PENDING,
            attempt_count=attempt - 1,
            leased_attempt=attempt,
        ).update(
            status=status,
            attempt_count=attempt,
            next_attempt_at=retry_at,
            leased_attempt=None,
            leased_at=None,
            updated_at=utcnow(),
        )
        if not updated:
            return None
        error = result.error
        if gone:
            error = "410 Gone: the receiver asked to stop; the subscription is paused."
            await WebhookSubscription.filter(id=subscription.id).update(
                active=False,
                disabled_reason=f"The endpoint answered 410 Gone at {result.at.isoformat()}.",
                updated_at=utcnow(),
            )
        await WebhookAttempt.create(
            delivery_id=delivery.id,
            number=attempt,
            at=result.at,
            response_status=result.response_status,
            duration_ms=result.duration_ms,
            error=error,
            next_attempt_at=retry_at,
        )
    next_attempt = DueAttempt(delivery.id, attempt + 1, retry_at) if retry_at else None
    return AttemptOutcome(status, next_attempt)
