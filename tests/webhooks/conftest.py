"""Fixtures of the webhook tests: a receiver, and subscriptions created through GraphQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import pytest

from tests.webhooks.support import Receiver, running_receiver

CREATE = """
mutation ($input: WebhookSubscriptionCreateInput!) {
  webhookSubscriptionCreate(input: $input) {
    webhookSubscription { id url eventTypes active }
    secret
    errors { field code message }
  }
}
"""

DELIVERIES = """
query ($filter: WebhookDeliveryFilter) {
  webhookDeliveries(first: 100, filter: $filter) {
    totalCount
    edges { node {
      id status attemptCount nextAttemptAt
      event { id type payload occurredAt }
      subscription { id }
      attempts { number at responseStatus durationMs error nextAttemptAt }
    } }
  }
}
"""

ACCOUNT_CREATE = """
mutation ($name: String!) {
  accountCreate(input: {name: $name}) { account { id } errors { code } }
}
"""


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


Subscribe = Callable[..., Awaitable[tuple[str, str]]]


@pytest.fixture
def subscribe(gql: Any) -> Subscribe:
    """`await subscribe(url, ["invoice.*"])` → (global id, secret)."""

    async def create(url: str, event_types: Sequence[str] = ("*",)) -> tuple[str, str]:
        data = await gql(CREATE, {"input": {"url": url, "eventTypes": list(event_types)}})
        payload = data["data"]["webhookSubscriptionCreate"]
        assert payload["errors"] == [], payload
        return payload["webhookSubscription"]["id"], payload["secret"]

    return create


@pytest.fixture
def deliveries(gql: Any) -> Callable[..., Awaitable[list[dict[str, Any]]]]:
    async def read(**flt: Any) -> list[dict[str, Any]]:
        data = await gql(DELIVERIES, {"filter": flt or None})
        assert "errors" not in data, data
        return [edge["node"] for edge in data["data"]["webhookDeliveries"]["edges"]]

    return read
