"""A real `tandem worker` killed with SIGKILL in the middle of deliveries loses nothing."""

from __future__ import annotations

import signal
from typing import Any

from tortoise.transactions import in_transaction

from domain.events import record_event
from domain.outbox.models import Event
from domain.settings import Settings, get_settings
from domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from domain.webhooks.signing import generate_secret
from tests.webhooks.support import eventually, isolated_queue, running_receiver, worker_process

MAX_JOBS = 10  # arq's default concurrency: at most this many requests were in flight


async def record_cases(first: int, count: int) -> None:
    for number in range(first, first + count):
        async with in_transaction():
            await record_event("case.created", {"number": f"C-{number}"})


async def test_a_killed_worker_loses_no_event_and_duplicates_no_delivery(
    settings: Settings, database: str
) -> None:
    secret = generate_secret()
    async with running_receiver(delay=0.2) as receiver, isolated_queue(settings):
        await WebhookSubscription.create(url=receiver.url, event_types=["case.*"], secret=secret)
        await record_cases(1, 40)

        with worker_process(get_settings()) as first:
            await eventually(lambda: _at_least(receiver.requests, 8))
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        delivered_before_kill = await WebhookDelivery.filter(
            status=DeliveryStatus.SUCCEEDED
        ).count()
        assert delivered_before_kill < 40
        # More events commit while no worker runs.
        await record_cases(41, 20)

        with worker_process(get_settings()):
            await eventually(_all_delivered, within=120, interval=0.5)

        events = await Event.all()
        assert len(events) == 60
        deliveries = await WebhookDelivery.all()
        assert len(deliveries) == 60
        assert {d.event_id for d in deliveries} == {e.id for e in events}
        received: dict[str, int] = {}
        for request in receiver.requests:
            request.verified(secret)
            received[request.webhook_id] = received.get(request.webhook_id, 0) + 1
        assert set(received) == {e.public_id for e in events}
        # At least once: only requests in flight at the kill may have arrived twice.
        assert sum(received.values()) - 60 <= MAX_JOBS


async def _at_least(items: list[Any], count: int) -> bool:
    return len(items) >= count


async def _all_delivered() -> bool:
    pending = await Event.filter(dispatched_at__isnull=True).count()
    succeeded = await WebhookDelivery.filter(status=DeliveryStatus.SUCCEEDED).count()
    return pending == 0 and succeeded == 60
