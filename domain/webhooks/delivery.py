"""One delivery attempt: claim it, POST the signed message, record the outcome, schedule
the next try on the retry schedule (contract §8)."""

from __future__ import annotations

import asyncio
import ssl
import time
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import certifi
import httpx
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.errors import DomainError
from domain.outbox.models import Event
from domain.settings import get_settings
from domain.webhooks.addresses import IPAddress, parse_url, public_addresses
from domain.webhooks.dispatch import ATTEMPT_LEASE, HTTP_TIMEOUT_SECONDS, DueAttempt
from domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from domain.webhooks.signing import message_body, signed_headers

GONE = 410
MAX_ANSWER_BYTES = 64 * 1024


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


def next_attempt_at(
    schedule: Sequence[int], attempt: int, schedule_start: int, at: datetime
) -> datetime | None:
    """When to try again after failed attempt number `attempt` (made at `at`): the n-th
    retry of the current series waits schedule[n-1] seconds; None once it is exhausted."""
    retries_made = attempt - schedule_start
    if retries_made >= len(schedule):
        return None
    return at + timedelta(seconds=schedule[retries_made])


@cache
def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


# One client (and so one keep-alive pool) per endpoint and vetted address, per event loop:
# a pool never mixes hostnames, so a TLS connection is only reused for the name it verified.
ClientKey = tuple[str, str, int, str]
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, OrderedDict[ClientKey, Any]] = (
    weakref.WeakKeyDictionary()
)
MAX_CLIENTS = 128


def _client(key: ClientKey) -> httpx.AsyncClient:
    loop = asyncio.get_running_loop()
    clients = _clients.setdefault(loop, OrderedDict())
    client: httpx.AsyncClient | None = clients.get(key)
    if client is not None:
        clients.move_to_end(key)
        return client
    client = httpx.AsyncClient(
        timeout=HTTP_TIMEOUT_SECONDS,
        verify=_ssl_context(),
        follow_redirects=False,
        trust_env=False,
    )
    clients[key] = client
    if len(clients) > MAX_CLIENTS:
        _, evicted = clients.popitem(last=False)
        # Closed once any request it is still serving has timed out.
        loop.call_later(HTTP_TIMEOUT_SECONDS * 2, lambda: loop.create_task(evicted.aclose()))
    return client


def _pinned_url(url: str, address: IPAddress) -> str:
    """The URL with its host replaced by the vetted address, so that the connection goes
    where the SSRF check looked (a DNS answer that changes in between cannot redirect it)."""
    parts = urlsplit(url)
    host = f"[{address}]" if address.version == 6 else str(address)
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (f"{userinfo}@" if userinfo else "") + host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


async def post_message(
    url: str, body: bytes, headers: dict[str, str], *, at: datetime, allow_private: bool
) -> AttemptResult:
    """POSTs once with a 10 s limit; never raises for network trouble (it is the result)."""
    started = time.perf_counter()
    status: int | None = None
    error: str | None = None
    request_url = url
    request_headers = dict(headers)
    extensions: dict[str, str] = {}
    try:
        async with asyncio.timeout(HTTP_TIMEOUT_SECONDS):
            target = parse_url(url)
            pinned: IPAddress | None = None
            if not allow_private:
                pinned = (await public_addresses(target))[0]
                request_url = _pinned_url(url, pinned)
                request_headers["host"] = urlsplit(url).netloc.rpartition("@")[2]
                if target.scheme == "https":
                    extensions["sni_hostname"] = target.host
            client = _client((target.scheme, target.host, target.port, str(pinned or "")))
            async with client.stream(
                "POST", request_url, content=body, headers=request_headers, extensions=extensions
            ) as response:
                status = response.status_code
                # Reading a short answer to its end lets the connection be reused.
                read = 0
                async for chunk in response.aiter_raw():
                    read += len(chunk)
                    if read > MAX_ANSWER_BYTES:
                        break
    except (TimeoutError, httpx.TimeoutException):
        error = f"Timed out after {HTTP_TIMEOUT_SECONDS:g} s."
    except DomainError as exc:
        error = exc.message
    except (httpx.HTTPError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}".rstrip(": ")
    duration_ms = round((time.perf_counter() - started) * 1000)
    return AttemptResult(at=at, response_status=status, duration_ms=duration_ms, error=error)


async def _claim(delivery_id: int, attempt: int, now: datetime) -> bool:
    """Leases the attempt unless it was already made, the delivery is finished, or another
    live worker holds it (arq may run a job twice)."""
    claimed = await WebhookDelivery.filter(
        Q(id=delivery_id, status=DeliveryStatus.PENDING, attempt_count=attempt - 1)
        & (Q(leased_at__isnull=True) | Q(leased_at__lt=now - ATTEMPT_LEASE))
    ).update(leased_attempt=attempt, leased_at=now)
    return bool(claimed)


async def attempt_delivery(delivery_id: int, attempt: int) -> AttemptOutcome | None:
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
