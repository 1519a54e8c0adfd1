"""The dispatcher: one delivery per (event, subscription), even with dispatchers racing."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.events import record_event
from domain.outbox.models import Event
from domain.webhooks.dispatch import DispatchBatch, dispatch_events
from domain.webhooks.models import WebhookDelivery, WebhookSubscription

SECRET = "whsec_" + "A" * 32


async def subscriptions(*patterns: list[str]) -> list[WebhookSubscription]:
    return [
        await WebhookSubscription.create(
            url=f"https://h{i}.example.com", event_types=p, secret=SECRET
        )
        for i, p in enumerate(patterns)
    ]


async def record(count: int, event_type: str = "case.created") -> None:
    async with in_transaction():
        for number in range(count):
            await record_event(event_type, {"number": number})


async def drain(batch_size: int) -> list[DispatchBatch]:
    batches = []
    while (batch := await dispatch_events(limit=batch_size)).events:
        batches.append(batch)
    return batches


async def test_events_are_claimed_in_id_order_and_marked_dispatched(database: str) -> None:
    await subscriptions(["case.*"], ["invoice.*"])
    await record(3)
    await record(2, "invoice.posted")

    first = await dispatch_events(limit=4)
    second = await dispatch_events(limit=4)

    assert [e.id for e in first.events] == [1, 2, 3, 4]
    assert [e.id for e in second.events] == [5]
    assert [a.attempt for a in first.attempts] == [1, 1, 1, 1]
    assert (await dispatch_events()).events == []
    assert await Event.filter(dispatched_at__isnull=True).count() == 0
    pairs = (
        await WebhookDelivery.all().order_by("event_id").values_list("event_id", "subscription_id")
    )
    assert pairs == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]


async def test_an_event_nobody_subscribed_to_is_dispatched_without_deliveries(
    database: str,
) -> None:
    await record(2)
    batch = await dispatch_events()
    assert len(batch.events) == 2
    assert batch.attempts == []


async def test_the_database_refuses_a_second_delivery_of_an_event_to_a_subscription(
    database: str,
) -> None:
    [subscription] = await subscriptions(["*"])
    await record(1)
    await dispatch_events()
    with pytest.raises(IntegrityError):
        await WebhookDelivery.create(event_id=1, subscription_id=subscription.id)


async def test_concurrent_dispatchers_create_each_delivery_exactly_once(
    postgres_only: None,
) -> None:
    await subscriptions(["*"], ["case.*"], ["case.created", "invoice.*"])
    for _ in range(10):
        await record(30)

    runs = await asyncio.gather(*(drain(batch_size=7) for _ in range(4)))

    claimed = [event.id for run in runs for batch in run for event in batch.events]
    assert sorted(claimed) == list(range(1, 301))
    assert sum(len(run) > 0 for run in runs) >= 2  # they really shared the work
    assert await WebhookDelivery.all().count() == 900
    scheduled = [a.delivery_id for run in runs for batch in run for a in batch.attempts]
    assert len(scheduled) == len(set(scheduled)) == 900
