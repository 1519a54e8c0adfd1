"""Managing webhook subscriptions through GraphQL: secrets, filters, roles and the SSRF guard."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from domain.webhooks.models import WebhookSubscription
from tests.webhooks.conftest import CREATE, Subscribe
from tests.webhooks.support import settings_changed

UPDATE = """
mutation ($input: WebhookSubscriptionUpdateInput!) {
  webhookSubscriptionUpdate(input: $input) {
    webhookSubscription { id url eventTypes description active }
    errors { field code message }
  }
}
"""
PAUSE = """
mutation ($id: ID!) { webhookSubscriptionPause(input: {id: $id}) {
  webhookSubscription { active disabledReason } errors { code } } }
"""
RESUME = """
mutation ($id: ID!) { webhookSubscriptionResume(input: {id: $id}) {
  webhookSubscription { active disabledReason } errors { code } } }
"""
DELETE = """
mutation ($id: ID!) { webhookSubscriptionDelete(input: {id: $id}) {
  webhookSubscription { id url } errors { code } } }
"""
LIST = """
query ($filter: WebhookSubscriptionFilter) {
  webhookSubscriptions(first: 10, filter: $filter) {
    totalCount edges { node { id url eventTypes active } }
  }
}
"""


async def create(gql: Any, url: str, types: list[str], role: str = "ADMIN") -> dict[str, Any]:
    data = await gql(CREATE, {"input": {"url": url, "eventTypes": types}}, role=role)
    return data


async def test_create_returns_the_subscription_and_its_secret_once(gql: Any) -> None:
    data = await create(gql, "https://hooks.example.com/in", ["invoice.*", "case.created"])
    payload = data["data"]["webhookSubscriptionCreate"]
    assert payload["errors"] == []
    assert payload["webhookSubscription"]["url"] == "https://hooks.example.com/in"
    assert payload["webhookSubscription"]["eventTypes"] == ["case.created", "invoice.*"]
    assert payload["webhookSubscription"]["active"] is True
    secret = payload["secret"]
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 24
    stored = await WebhookSubscription.get()
    assert stored.secret == secret


async def test_the_secret_is_not_a_field_of_the_subscription(gql: Any) -> None:
    data = await gql("{ webhookSubscriptions(first: 1) { edges { node { secret } } } }")
    assert "Cannot query field 'secret'" in data["errors"][0]["message"]


async def test_an_unknown_event_type_is_invalid_and_nothing_is_stored(gql: Any) -> None:
    data = await create(gql, "https://hooks.example.com/in", ["invoice.*", "invoice.voided"])
    payload = data["data"]["webhookSubscriptionCreate"]
    assert payload["webhookSubscription"] is None
    assert payload["secret"] is None
    assert payload["errors"] == [
        {
            "field": ["eventTypes", "1"],
            "code": "INVALID",
            "message": "'invoice.voided' is not an event type, a prefix wildcard like "
            "'invoice.*', or '*'.",
        }
    ]
    assert await WebhookSubscription.all().count() == 0


async def test_update_changes_url_types_and_description(gql: Any, subscribe: Subscribe) -> None:
    sub_id, _ = await subscribe("https://a.example.com/in", ["case.*"])
    data = await gql(
        UPDATE,
        {
            "input": {
                "id": sub_id,
                "url": "https://b.example.com/in",
                "eventTypes": ["*"],
                "description": "ERP sync",
            }
        },
    )
    assert data["data"]["webhookSubscriptionUpdate"] == {
        "webhookSubscription": {
            "id": sub_id,
            "url": "https://b.example.com/in",
            "eventTypes": ["*"],
            "description": "ERP sync",
            "active": True,
        },
        "errors": [],
    }


async def test_pause_resume_and_delete(gql: Any, subscribe: Subscribe) -> None:
    sub_id, _ = await subscribe("https://a.example.com/in")
    paused = (await gql(PAUSE, {"id": sub_id}))["data"]["webhookSubscriptionPause"]
    assert paused == {
        "webhookSubscription": {"active": False, "disabledReason": "Paused by hand."},
        "errors": [],
    }
    again = (await gql(PAUSE, {"id": sub_id}))["data"]["webhookSubscriptionPause"]
    assert again["errors"] == [{"code": "INVALID_TRANSITION"}]
    listed = await gql(LIST, {"filter": {"active": False}})
    assert listed["data"]["webhookSubscriptions"]["totalCount"] == 1
    resumed = (await gql(RESUME, {"id": sub_id}))["data"]["webhookSubscriptionResume"]
    assert resumed["webhookSubscription"] == {"active": True, "disabledReason": None}
    deleted = (await gql(DELETE, {"id": sub_id}))["data"]["webhookSubscriptionDelete"]
    assert deleted == {
        "webhookSubscription": {"id": sub_id, "url": "https://a.example.com/in"},
        "errors": [],
    }
    assert await WebhookSubscription.all().count() == 0
    gone = (await gql(DELETE, {"id": sub_id}))["data"]["webhookSubscriptionDelete"]
    assert gone["errors"] == [{"code": "NOT_FOUND"}]


@pytest.mark.parametrize("role", ["SALES", "FINANCE", "SERVICE", "OPERATIONS", "READONLY"])
async def test_only_admin_and_integration_manage_or_read_webhooks(gql: Any, role: str) -> None:
    data = await create(gql, "https://hooks.example.com/in", ["*"], role=role)
    assert data["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    listed = await gql(LIST, role=role)
    assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    deliveries = await gql("{ webhookDeliveries(first: 1) { totalCount } }", role=role)
    assert deliveries["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await WebhookSubscription.all().count() == 0


async def test_an_integration_token_manages_its_webhooks(gql: Any) -> None:
    data = await create(gql, "https://hooks.example.com/in", ["*"], role="INTEGRATION")
    assert data["data"]["webhookSubscriptionCreate"]["errors"] == []
    listed = await gql(LIST, role="INTEGRATION")
    assert listed["data"]["webhookSubscriptions"]["totalCount"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://10.0.0.7/hook",
        "https://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ],
)
async def test_a_url_reaching_a_private_address_is_refused(gql: Any, url: str) -> None:
    with settings_changed(webhook_allow_private=False):
        data = await create(gql, url, ["*"])
    payload = data["data"]["webhookSubscriptionCreate"]
    assert payload["webhookSubscription"] is None
    [error] = payload["errors"]
    assert error["field"] == ["url"]
    assert error["code"] == "INVALID"
    assert "private or reserved address" in error["message"]
    assert await WebhookSubscription.all().count() == 0


async def test_an_update_to_a_private_address_is_refused(gql: Any, subscribe: Subscribe) -> None:
    sub_id, _ = await subscribe("https://hooks.example.com/in")
    with settings_changed(webhook_allow_private=False):
        data = await gql(UPDATE, {"input": {"id": sub_id, "url": "http://10.1.1.1/x"}})
    payload = data["data"]["webhookSubscriptionUpdate"]
    assert payload["errors"][0]["code"] == "INVALID"
    assert (await WebhookSubscription.get()).url == "https://hooks.example.com/in"


@pytest.mark.parametrize("url", ["ftp://example.com/x", "hooks.example.com/in", ""])
async def test_a_url_that_is_not_http_is_refused(gql: Any, url: str) -> None:
    data = await create(gql, url, ["*"])
    [error] = data["data"]["webhookSubscriptionCreate"]["errors"]
    assert error["field"] == ["url"]
    assert error["code"] == ("REQUIRED" if not url else "INVALID")
