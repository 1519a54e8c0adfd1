"""A segment over 10,000 accounts answers its first page and its count in the same, small
number of SQL statements as a segment over ten: the rules are one SQL condition."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from domain.accounts.models import Account, Lifecycle
from domain.billing.models import Invoice
from domain.orders.models import OrderStatus, SalesOrder
from domain.service.models import Case
from domain.service.sla_rules import CaseStatus

QUERY = """
query($id: ID!) {
  segment(id: $id) {
    count
    accounts(first: 20) { totalCount edges { node { name } } pageInfo { hasNextPage } }
  }
}"""
RULES = {
    "tier": "GOLD",
    "minLifetimeRevenue": "150.00",
    "hasOpenCases": False,
    "lastOrderAfter": "2026-01-01",
}
CONFIRMED = datetime(2026, 1, 15, 12, tzinfo=UTC)


async def many_accounts(start: int, stop: int) -> None:
    """Account i (start ≤ i < stop): GOLD when i is even; one order, CONFIRMED on 2026-01-15
    when i % 3 == 0 (else a DRAFT), invoiced 100.00 when i % 4 == 0 else 200.00; an OPEN
    case when i % 10 == 2."""
    await Account.bulk_create(
        [
            Account(
                name=f"Account {i:05d}",
                currency="USD",
                lifecycle=Lifecycle.CUSTOMER,
                tier="GOLD" if i % 2 == 0 else "SILVER",
            )
            for i in range(start, stop)
        ],
        batch_size=1000,
    )
    names = [f"Account {i:05d}" for i in range(start, stop)]
    by_name = dict(await Account.filter(name__in=names).values_list("name", "id"))
    ids = {i: by_name[name] for i, name in zip(range(start, stop), names, strict=True)}
    await SalesOrder.bulk_create(
        [
            SalesOrder(
                number=f"SO-Q-{i:05d}",
                account_id=account_id,
                currency="USD",
                status=OrderStatus.CONFIRMED if i % 3 == 0 else OrderStatus.DRAFT,
                confirmed_at=CONFIRMED if i % 3 == 0 else None,
            )
            for i, account_id in ids.items()
        ],
        batch_size=1000,
    )
    orders = dict(
        await SalesOrder.filter(account_id__in=list(ids.values())).values_list("account_id", "id")
    )
    await Invoice.bulk_create(
        [
            Invoice(
                number=f"INV-Q-{i:05d}",
                account_id=account_id,
                sales_order_id=orders[account_id],
                issue_date=date(2026, 1, 20),
                due_date=date(2026, 2, 19),
                currency="USD",
                subtotal=Decimal("100.00") if i % 4 == 0 else Decimal("200.00"),
                tax_total=Decimal(0),
                total=Decimal("100.00") if i % 4 == 0 else Decimal("200.00"),
                amount_due=Decimal(0),
            )
            for i, account_id in ids.items()
        ],
        batch_size=1000,
    )
    await Case.bulk_create(
        [
            Case(
                number=f"CASE-Q-{i:05d}",
                subject="Help",
                account_id=account_id,
                status=CaseStatus.OPEN,
                opened_at=CONFIRMED,
            )
            for i, account_id in ids.items()
            if i % 10 == 2
        ],
        batch_size=1000,
    )


async def first_page(gql: Any, count_queries: Any, segment_id: str) -> tuple[Any, list[str]]:
    with count_queries() as counter:
        result = await gql(QUERY, {"id": segment_id})
    return result["data"]["segment"], counter.statements


async def test_a_segment_over_10000_accounts_costs_what_one_over_ten_costs(
    gql: Any, count_queries: Any, database: str
) -> None:
    created = await gql(
        "mutation($input: SegmentCreateInput!) { segmentCreate(input: $input) "
        "{ segment { id } errors { code } } }",
        {"input": {"name": "Quiet gold buyers", "rules": RULES}},
    )
    segment_id = created["data"]["segmentCreate"]["segment"]["id"]
    await many_accounts(0, 10)
    # Of 0…9: GOLD and 200.00 → i ≡ 2 (mod 4): 2, 6; ordered after 01-01 → i % 3 == 0: 6;
    # no open case (2 has one, 6 has none): 6 — one account.
    small, small_statements = await first_page(gql, count_queries, segment_id)
    assert small["count"] == 1
    assert [e["node"]["name"] for e in small["accounts"]["edges"]] == ["Account 00006"]

    await many_accounts(10, 10_000)
    # By hand over 0…9999: GOLD (even) with 200.00 (not a multiple of 4) → i ≡ 2 (mod 4);
    # ordered after 01-01 → also i ≡ 0 (mod 3): i ≡ 6 (mod 12), 6 + 12k ≤ 9999 → k ≤ 832:
    # 833 accounts; those with an open case (i ≡ 2 mod 10) among them: i ≡ 42 (mod 60),
    # 42 + 60k ≤ 9999 → k ≤ 165: 166. 833 − 166 = 667.
    large, large_statements = await first_page(gql, count_queries, segment_id)
    assert large["count"] == large["accounts"]["totalCount"] == 667
    names = [e["node"]["name"] for e in large["accounts"]["edges"]]
    # The first 20 by name: i ≡ 6 (mod 12) but not i ≡ 42 (mod 60): 6, 18, 30, 54, 66, 78…
    expected = [i for i in range(10_000) if i % 12 == 6 and i % 60 != 42][:20]
    assert expected[:6] == [6, 18, 30, 54, 66, 78]
    assert names == [f"Account {i:05d}" for i in expected]
    assert large["accounts"]["pageInfo"]["hasNextPage"] is True
    # Five statements whatever the number of accounts: the token, the segment, and on
    # accounts the page, count and totalCount, one each; a first page holding every member
    # (the one of ten) knows its totalCount without a statement.
    assert len(large_statements) == 5
    assert len(small_statements) == 4
    on_accounts = [s for s in large_statements if 'FROM "accounts"' in s]
    assert len(on_accounts) == 3, on_accounts
