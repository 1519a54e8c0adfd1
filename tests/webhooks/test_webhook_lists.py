"""The webhook lists as connections (§2 Lists): webhookSubscriptions, webhookDeliveries and
WebhookSubscription.deliveries with their filters and orders, the filter-id rule, and one
query per depth for the nested deliveries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.outbox.models import Event
from domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.factories import gid

MOMENT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

SUBSCRIPTIONS = """
query ($filter: WebhookSubscriptionFilter, $order: WebhookSubscriptionOrder) {
  webhookSubscriptions(filter: $filter, orderBy: $order) { totalCount edges { node { url } } }
}
"""

DELIVERIES = """
query ($filter: WebhookDeliveryFilter) {
  webhookDeliveries(filter: $filter) { totalCount }
}
"""

NESTED = """
query ($first: Int, $filter: WebhookSubscriptionDeliveryFilter, $order: WebhookDeliveryOrder) {
  webhookSubscriptions(first: $first, orderBy: {field: URL, direction: ASC}) {
    edges { node { url deliveries(filter: $filter, orderBy: $order) {
      totalCount edges { node { id status event { type } } }
    } } }
  }
}
"""


async def subscription(url: str, active: bool = True) -> WebhookSubscription:
    return await WebhookSubscription.create(
        url=url, event_types=["*"], secret="whsec_test", active=active
    )


async def deliveries(
    target: WebhookSubscription, statuses: list[DeliveryStatus]
) -> list[WebhookDelivery]:
    rows = []
    for minutes, status in enumerate(statuses):
        event = await Event.create(
            uid=uuid.uuid4(),
            type="account.created",
            payload={},
            occurred_at=MOMENT + timedelta(minutes=minutes),
        )
        rows.append(
            await WebhookDelivery.create(
                event=event,
                subscription=target,
                status=status,
                next_attempt_at=MOMENT + timedelta(hours=len(statuses) - minutes)
                if status is DeliveryStatus.PENDING
                else None,
            )
        )
    return rows


async def test_subscriptions_filter_by_active_and_order_by_url(gql: Any) -> None:
    await subscription("https://b.example.com/in")
    await subscription("https://c.example.com/in", active=False)
    await subscription("https://a.example.com/in")

    by_url = await gql(SUBSCRIPTIONS, {"order": {"field": "URL", "direction": "DESC"}})
    active = await gql(
        SUBSCRIPTIONS,
        {"filter": {"active": True}, "order": {"field": "URL", "direction": "ASC"}},
    )

    assert [e["node"]["url"] for e in by_url["data"]["webhookSubscriptions"]["edges"]] == [
        "https://c.example.com/in",
        "https://b.example.com/in",
        "https://a.example.com/in",
    ]
    assert active["data"]["webhookSubscriptions"] == {
        "totalCount": 2,
        "edges": [
            {"node": {"url": "https://a.example.com/in"}},
            {"node": {"url": "https://b.example.com/in"}},
        ],
    }


async def test_a_delivery_filter_with_an_id_of_another_kind_is_bad_user_input(gql: Any) -> None:
    target = await subscription("https://a.example.com/in")
    await deliveries(target, [DeliveryStatus.PENDING])

    by_subscription = await gql(
        DELIVERIES, {"filter": {"subscriptionId": gid("WebhookSubscription", target.id)}}
    )
    other_type = await gql(DELIVERIES, {"filter": {"subscriptionId": gid("Account", target.id)}})
    not_an_event = await gql(DELIVERIES, {"filter": {"eventId": "evt_nope"}})
    unknown = await gql(
        DELIVERIES, {"filter": {"subscriptionId": gid("WebhookSubscription", target.id + 1)}}
    )

    assert by_subscription["data"]["webhookDeliveries"] == {"totalCount": 1}
    assert unknown["data"]["webhookDeliveries"] == {"totalCount": 0}
    assert [e["extensions"]["code"] for e in other_type["errors"]] == ["BAD_USER_INPUT"]
    assert other_type["errors"][0]["message"].startswith(
        "`filter.subscriptionId` takes the id of a WebhookSubscription;"
    )
    assert [e["extensions"]["code"] for e in not_an_event["errors"]] == ["BAD_USER_INPUT"]


async def test_a_subscriptions_deliveries_filter_by_status_and_order_by_next_attempt(
    gql: Any,
) -> None:
    first = await subscription("https://a.example.com/in")
    second = await subscription("https://b.example.com/in")
    pending, _, later = await deliveries(
        first, [DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.PENDING]
    )
    await deliveries(second, [DeliveryStatus.SUCCEEDED])
    assert pending.next_attempt_at is not None and later.next_attempt_at is not None
    assert later.next_attempt_at < pending.next_attempt_at

    result = await gql(
        NESTED,
        {
            "filter": {"status": "PENDING"},
            "order": {"field": "NEXT_ATTEMPT_AT", "direction": "ASC"},
        },
    )
    newest_first = await gql(NESTED)

    edges = result["data"]["webhookSubscriptions"]["edges"]
    assert [e["node"]["deliveries"]["totalCount"] for e in edges] == [2, 0]
    assert [d["node"]["id"] for d in edges[0]["node"]["deliveries"]["edges"]] == [
        gid("WebhookDelivery", later.id),
        gid("WebhookDelivery", pending.id),
    ]
    default = newest_first["data"]["webhookSubscriptions"]["edges"]
    assert [d["node"]["status"] for d in default[0]["node"]["deliveries"]["edges"]] == [
        "PENDING",
        "FAILED",
        "PENDING",
    ]
    assert [d["node"]["status"] for d in default[1]["node"]["deliveries"]["edges"]] == ["SUCCEEDED"]


async def test_nested_deliveries_cost_one_query_per_depth_not_per_subscription(
    gql: Any, count_queries: Any
) -> None:
    for index in range(6):
        target = await subscription(f"https://s{index}.example.com/in")
        await deliveries(target, [DeliveryStatus.PENDING, DeliveryStatus.SUCCEEDED])
    await gql("{ __typename }")  # the token is looked up outside the counted part

    with count_queries() as two:
        small = await gql(NESTED, {"first": 2})
    with count_queries() as six:
        large = await gql(NESTED, {"first": 6})

    assert len(small["data"]["webhookSubscriptions"]["edges"]) == 2
    assert [
        len(e["node"]["deliveries"]["edges"])
        for e in large["data"]["webhookSubscriptions"]["edges"]
    ] == [2] * 6
    assert six.count == two.count, six.statements
