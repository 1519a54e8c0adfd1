"""What a role may not read stays unread, whichever way it is asked for: a field, a list,
`node(id:)`, `nodes(ids:)` or a typed root field (§2)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.catalog.models import Product
from domain.ledger.models import JournalEntry
from domain.webhooks.models import WebhookSubscription
from tests.security.conftest import Post, global_id

COST_READERS = ["ADMIN", "FINANCE", "OPERATIONS"]
NOT_COST_READERS = ["SALES", "SERVICE", "READONLY", "INTEGRATION"]
COST = {"amount": "12.50", "currency": "USD"}


def product_reads(product: Product) -> list[tuple[str, list[str | int]]]:
    """The standard cost asked for through each way of reaching a product."""
    gid = global_id("Product", product.id)
    fields = "sku standardCost { amount currency }"
    return [
        (f'{{ product(id: "{gid}") {{ {fields} }} }}', ["product"]),
        (f"{{ products {{ edges {{ node {{ {fields} }} }} }} }}", ["products", "edges", 0, "node"]),
        (f'{{ node(id: "{gid}") {{ ... on Product {{ {fields} }} }} }}', ["node"]),
    ]


def dig(data: Any, path: list[str | int]) -> Any:
    for key in path:
        data = data[key]
    return data


@pytest.mark.parametrize("role", NOT_COST_READERS)
@pytest.mark.parametrize("way", [0, 1, 2])
async def test_standard_cost_is_forbidden_to_roles_outside_admin_finance_operations(
    gql: Any, costed_product: Product, role: str, way: int
) -> None:
    query, path = product_reads(costed_product)[way]

    result = await gql(query, role=role)

    product = dig(result["data"], path)
    assert product == {"sku": "GEAR-7", "standardCost": None}
    [error] = result["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"] == [*path, "standardCost"]


@pytest.mark.parametrize("role", COST_READERS)
async def test_admin_finance_and_operations_read_the_standard_cost(
    gql: Any, costed_product: Product, role: str
) -> None:
    query, path = product_reads(costed_product)[0]

    result = await gql(query, role=role)

    assert "errors" not in result
    assert dig(result["data"], path) == {"sku": "GEAR-7", "standardCost": COST}


async def test_sales_reading_a_journal_entry_by_node_gets_forbidden_and_nothing_of_it(
    post: Post, journal_entry: JournalEntry
) -> None:
    gid = global_id("JournalEntry", journal_entry.id)
    query = (
        f'{{ node(id: "{gid}") {{ id ... on JournalEntry {{ number memo '
        "lines { debit { amount } credit { amount } } } } }"
    )

    response = await post({"query": query}, role="SALES")

    body = response.json()
    assert body["data"] == {"node": None}
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert journal_entry.number not in response.text
    assert "Owner's capital" not in response.text
    assert "500.00" not in response.text


async def test_finance_reads_the_same_journal_entry(gql: Any, journal_entry: JournalEntry) -> None:
    gid = global_id("JournalEntry", journal_entry.id)

    result = await gql(
        f'{{ node(id: "{gid}") {{ ... on JournalEntry {{ memo }} }} }}', role="FINANCE"
    )

    assert result == {
        "data": {"node": {"memo": "Owner's capital"}},
        "extensions": {"cost": {"requested": 1, "limit": 50000}},
    }


@pytest.mark.parametrize("role", ["SALES", "SERVICE", "FINANCE", "OPERATIONS", "READONLY"])
async def test_a_webhook_subscription_is_unreadable_outside_admin_and_integration(
    post: Post, webhook_subscription: WebhookSubscription, role: str
) -> None:
    gid = global_id("WebhookSubscription", webhook_subscription.id)
    for query in (
        f'{{ node(id: "{gid}") {{ ... on WebhookSubscription {{ url description }} }} }}',
        f'{{ webhookSubscription(id: "{gid}") {{ url description }} }}',
    ):
        response = await post({"query": query}, role=role)

        body = response.json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "127.0.0.1:9" not in response.text
        assert "Data warehouse" not in response.text


async def test_integration_reads_its_webhook_subscription(
    gql: Any, webhook_subscription: WebhookSubscription
) -> None:
    gid = global_id("WebhookSubscription", webhook_subscription.id)

    result = await gql(f'{{ webhookSubscription(id: "{gid}") {{ url }} }}', role="INTEGRATION")

    assert result["data"] == {"webhookSubscription": {"url": "http://127.0.0.1:9/hooks"}}
    assert "errors" not in result


async def test_nodes_with_one_forbidden_id_leaks_none_of_the_objects(
    post: Post, journal_entry: JournalEntry, costed_product: Product
) -> None:
    ids = [global_id("Product", costed_product.id), global_id("JournalEntry", journal_entry.id)]
    query = (
        "query Q($ids: [ID!]!) { nodes(ids: $ids) { id "
        "... on JournalEntry { memo } ... on Product { sku } } }"
    )

    response = await post({"query": query, "variables": {"ids": ids}}, role="SALES")

    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "Owner's capital" not in response.text


async def test_nodes_answers_in_the_order_asked_with_null_for_unknown_ids(
    gql: Any, journal_entry: JournalEntry, costed_product: Product
) -> None:
    ids = [
        global_id("JournalEntry", journal_entry.id),
        global_id("Product", 999),
        global_id("Product", costed_product.id),
    ]
    query = (
        "query Q($ids: [ID!]!) { nodes(ids: $ids) { "
        "... on JournalEntry { memo } ... on Product { sku } } }"
    )

    result = await gql(query, {"ids": ids}, role="FINANCE")

    assert result["data"] == {"nodes": [{"memo": "Owner's capital"}, None, {"sku": "GEAR-7"}]}
    assert "errors" not in result
