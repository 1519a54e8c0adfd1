"""One delivery attempt: claim it, POST the signed message, record the outcome, schedule
the next try on the retry schedule (contract §8)."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

import orjson
from tortoise import connections
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.db import current_dialect
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


@dataclass(frozen=True)
class _Claimed:
    """What an attempt needs, read with its claim: the delivery, its subscription, its event."""

    delivery_id: int
    schedule_start: int
    subscription_id: int
    url: str
    secret: str
    active: bool
    disabled_reason: str | None
    event_type: str
    occurred_at: datetime
    payload: dict[str, Any]
    message_id: str


# Claim and read in one round trip: the lease is taken only while the attempt is still due
# (not made, delivery unfinished, no live lease: arq may run a job twice).
_CLAIM_POSTGRES = """
WITH claimed AS (
    UPDATE webhook_deliveries SET leased_attempt = $2, leased_at = $3
    WHERE id = $1 AND status = 'PENDING' AND attempt_count = $2 - 1
      AND (leased_at IS NULL OR leased_at < $4)
    RETURNING id, event_id, subscription_id, schedule_start
)
SELECT claimed.id, claimed.schedule_start, s.id AS subscription_id, s.url, s.secret, s.active,
       s.disabled_reason, e.type, e.occurred_at, e.payload, e.uid
FROM claimed
JOIN webhook_subscriptions s ON s.id = claimed.subscription_id
JOIN events e ON e.id = claimed.event_id
"""

# Records a batch of attempts in one statement: whoever records attempt n of a delivery
# first wins (a late duplicate finds attempt_count moved on and inserts nothing); a 410 Gone
# pauses the subscription with it.
_RECORD_POSTGRES = """
WITH outcome AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[],
                         $5::timestamptz[], $6::int[], $7::int[], $8::text[], $9::text[])
        AS o(delivery_id, status, attempt, next_attempt_at, at, response_status, duration_ms,
             error, paused_because)
), recorded AS (
    UPDATE webhook_deliveries d
    SET status = o.status, attempt_count = o.attempt, next_attempt_at = o.next_attempt_at,
        leased_attempt = NULL, leased_at = NULL, updated_at = $10
    FROM outcome o
    WHERE d.id = o.delivery_id AND d.status = 'PENDING' AND d.attempt_count = o.attempt - 1
      AND d.leased_attempt = o.attempt
    RETURNING d.id, d.subscription_id, o.attempt, o.next_attempt_at, o.at, o.response_status,
              o.duration_ms, o.error, o.paused_because
), paused AS (
    UPDATE webhook_subscriptions s
    SET active = FALSE, disabled_reason = r.paused_because, updated_at = $10
    FROM recorded r
    WHERE r.paused_because IS NOT NULL AND s.id = r.subscription_id
)
INSERT INTO webhook_attempts
    (delivery_id, number, at, response_status, duration_ms, error, next_attempt_at)
SELECT id, attempt, at, response_status, duration_ms, error, next_attempt_at FROM recorded
RETURNING delivery_id
"""


@dataclass(frozen=True)
class _Outcome:
    delivery_id: int
    subscription_id: int
    status: DeliveryStatus
    attempt: int
    next_attempt_at: datetime | None
    result: AttemptResult
    error: str | None
    paused_because: str | None


async def _write_outcomes(outcomes: list[_Outcome]) -> set[int]:
    """The deliveries whose outcome this write recorded (PostgreSQL)."""
    rows = await connections.get("default").execute_query_dict(
        _RECORD_POSTGRES,
        [
            [o.delivery_id for o in outcomes],
            [o.status.value for o in outcomes],
            [o.attempt for o in outcomes],
            [o.next_attempt_at for o in outcomes],
            [o.result.at for o in outcomes],
            [o.result.response_status for o in outcomes],
            [o.result.duration_ms for o in outcomes],
            [o.error for o in outcomes],
            [o.paused_because for o in outcomes],
            utcnow(),
        ],
    )
    return {row["delivery_id"] for row in rows}


class _OutcomeWriter:
    """Group commit of attempt outcomes: the outcomes that arrive while a write is in flight
    go together in the next one, so concurrent attempts share round trips and no attempt
    waits for a timer. Each attempt still returns only once its own outcome is committed."""

    def __init__(self) -> None:
        self.waiting: dict[int, tuple[_Outcome, asyncio.Future[bool]]] = {}
        self.writing: asyncio.Task[None] | None = None

    async def record(self, outcome: _Outcome) -> bool:
        # Two runs of one attempt (a rescued job and a slow original) go in separate
        # writes, so the second finds the first's outcome and records nothing.
        while outcome.delivery_id in self.waiting:
            with contextlib.suppress(Exception):
                await asyncio.shield(self.waiting[outcome.delivery_id][1])
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self.waiting[outcome.delivery_id] = (outcome, future)
        if self.writing is None:
            self.writing = asyncio.create_task(self._write())
        # A cancelled attempt leaves the batch's write alone.
        return await asyncio.shield(future)

    async def _write(self) -> None:
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, {}
                try:
                    recorded = await _write_outcomes([outcome for outcome, _ in batch.values()])
                except Exception as error:
                    for _, future in batch.values():
                        if not future.done():
                            future.set_exception(error)
                else:
                    for delivery_id, (_, future) in batch.items():
                        if not future.done():
                            future.set_result(delivery_id in recorded)
        finally:
            self.writing = None


_writers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _OutcomeWriter] = (
    weakref.WeakKeyDictionary()
)


def _outcome_writer() -> _OutcomeWriter:
    loop = asyncio.get_running_loop()
    writer = _writers.get(loop)
    if writer is None:
        writer = _writers[loop] = _OutcomeWriter()
    return writer


async def _claim(delivery_id: int, attempt: int, now: datetime) -> _Claimed | None:
    """Leases the attempt unless it was already made, the delivery is finished, or another
    live worker holds it; None then."""
    if current_dialect() == "postgres":
        rows = await connections.get("default").execute_query_dict(
            _CLAIM_POSTGRES, [delivery_id, attempt, now, now - ATTEMPT_LEASE]
        )
        if not rows:
            return None
        row = rows[0]
        payload = row["payload"]
        return _Claimed(
            delivery_id=row["id"],
            schedule_start=row["schedule_start"],
            subscription_id=row["subscription_id"],
            url=row["url"],
            secret=row["secret"],
            active=row["active"],
            disabled_reason=row["disabled_reason"],
            event_type=row["type"],
            occurred_at=row["occurred_at"],
            payload=orjson.loads(payload) if isinstance(payload, (str, bytes)) else payload,
            message_id=f"evt_{row['uid'].hex}",
        )
    claimed = await WebhookDelivery.filter(
        Q(id=delivery_id, status=DeliveryStatus.PENDING, attempt_count=attempt - 1)
        & (Q(leased_at__isnull=True) | Q(leased_at__lt=now - ATTEMPT_LEASE))
    ).update(leased_attempt=attempt, leased_at=now)
    if not claimed:
        return None
    delivery = await WebhookDelivery.get(id=delivery_id).select_related("subscription", "event")
    subscription: WebhookSubscription = delivery.subscription
    event: Event = delivery.event
    return _Claimed(
        delivery_id=delivery.id,
        schedule_start=delivery.schedule_start,
        subscription_id=subscription.id,
        url=subscription.url,
        secret=subscription.secret,
        active=subscription.active,
        disabled_reason=subscription.disabled_reason,
        event_type=event.type,
        occurred_at=event.occurred_at,
        payload=event.payload,
        message_id=event.public_id,
    )


async def attempt_delivery(
    delivery_id: int, attempt: int, post_message: MessagePoster
) -> AttemptOutcome | None:
    """Makes attempt number `attempt` of the delivery; None when there is nothing to do.

    The caller enqueues `next_attempt` (if any) at its `due` time."""
    now = utcnow()
    claimed = await _claim(delivery_id, attempt, now)
    if claimed is None:
        return None
    if not claimed.active:
        result = AttemptResult(
            at=now,
            response_status=None,
            duration_ms=0,
            error=(
                "Not sent: the subscription is paused"
                + (f" ({claimed.disabled_reason})." if claimed.disabled_reason else ".")
            ),
        )
        return await _record(claimed, attempt, result, final=True)
    body = message_body(claimed.event_type, claimed.occurred_at, claimed.payload)
    headers = signed_headers(claimed.secret, claimed.message_id, int(now.timestamp()), body)
    result = await post_message(
        claimed.url,
        body,
        headers,
        at=now,
        allow_private=get_settings().webhook_allow_private,
    )
    return await _record(claimed, attempt, result)


async def _record(
    claimed: _Claimed, attempt: int, result: AttemptResult, *, final: bool = False
) -> AttemptOutcome | None:
    gone = result.response_status == GONE
    retry_at = None
    if not (result.succeeded or gone or final):
        retry_at = next_attempt_at(
            get_settings().webhook_retry_schedule, attempt, claimed.schedule_start, result.at
        )
    if result.succeeded:
        status = DeliveryStatus.SUCCEEDED
    else:
        status = DeliveryStatus.PENDING if retry_at else DeliveryStatus.FAILED
    error = result.error
    paused_because = None
    if gone:
        error = "410 Gone: the receiver asked to stop; the subscription is paused."
        paused_because = f"The endpoint answered 410 Gone at {result.at.isoformat()}."
    outcome = _Outcome(
        claimed.delivery_id,
        claimed.subscription_id,
        status,
        attempt,
        retry_at,
        result,
        error,
        paused_because,
    )
    if current_dialect() == "postgres":
        recorded = await _outcome_writer().record(outcome)
    else:
        recorded = await _record_in_transaction(outcome)
    if not recorded:
        return None
    next_attempt = DueAttempt(claimed.delivery_id, attempt + 1, retry_at) if retry_at else None
    return AttemptOutcome(status, next_attempt)


async def _record_in_transaction(outcome: _Outcome) -> bool:
    """_RECORD_POSTGRES for one attempt in ORM statements, for SQLite (which has no
    data-modifying CTEs)."""
    async with in_transaction():
        updated = await WebhookDelivery.filter(
            id=outcome.delivery_id,
            status=DeliveryStatus.PENDING,
            attempt_count=outcome.attempt - 1,
            leased_attempt=outcome.attempt,
        ).update(
            status=outcome.status,
            attempt_count=outcome.attempt,
            next_attempt_at=outcome.next_attempt_at,
            leased_attempt=None,
            leased_at=None,
            updated_at=utcnow(),
        )
        if not updated:
            return False
        if outcome.paused_because is not None:
            await WebhookSubscription.filter(id=outcome.subscription_id).update(
                active=False, disabled_reason=outcome.paused_because, updated_at=utcnow()
            )
        await WebhookAttempt.create(
            delivery_id=outcome.delivery_id,
            number=outcome.attempt,
            at=outcome.result.at,
            response_status=outcome.result.response_status,
            duration_ms=outcome.result.duration_ms,
            error=outcome.error,
            next_attempt_at=outcome.next_attempt_at,
        )
    return True
