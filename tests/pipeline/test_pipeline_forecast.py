"""The pipeline forecast: seven open deals in three months and three stages, to the cent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.global_ids import global_id
from domain.pipeline.forecast import ForecastBucket, ForecastGroup, pipeline_forecast
from domain.pipeline.handover import win_opportunity
from domain.pipeline.services import lose_opportunity
from domain.pipeline.stages import Stage
from tests.pipeline.conftest import owner_user

D = Decimal
FROM, TO = date(2026, 1, 1), date(2026, 3, 31)

# (name, amount, stage, probability, expected close, owner, weighted by hand)
DEALS = [
    ("A", "1000.05", Stage.PROSPECTING, None, date(2026, 1, 15), "alice"),  # 100.005 → 100.01
    ("B", "0.01", Stage.PROPOSAL, None, date(2026, 1, 31), "bob"),  # 0.005 → 0.01
    ("C", "2500.25", Stage.PROPOSAL, None, date(2026, 2, 1), "alice"),  # 1250.125 → 1250.13
    ("D", "999.99", Stage.NEGOTIATION, None, date(2026, 2, 28), None),  # 799.992 → 799.99
    ("E", "333.33", Stage.NEGOTIATION, 75, date(2026, 3, 1), "bob"),  # 249.9975 → 250.00
    ("F", "10.10", Stage.PROSPECTING, 15, date(2026, 3, 31), None),  # 1.515 → 1.52
    ("G", "12.34", Stage.PROPOSAL, None, date(2026, 3, 15), "alice"),  # 6.17
]


@pytest.fixture
async def pipeline(
    make_account: Callable[..., Awaitable[Any]],
    make_opportunity: Callable[..., Awaitable[Any]],
    make_product: Callable[..., Awaitable[Any]],
) -> None:
    account = await make_account("Forecast Co")
    for name, amount, stage, probability, close, owner in DEALS:
        await make_opportunity(
            account,
            name,
            amount=amount,
            stage=stage,
            probability=probability,
            expected_close_date=close,
            owner=owner,
        )
    # Not counted: closed deals, and open ones outside [from, to] or without a date.
    product = await make_product("GADGET", "100.00")
    won = await make_opportunity(
        account,
        "Won",
        expected_close_date=date(2026, 2, 10),
        lines=[{"product_id": product.id, "quantity": D(1)}],
    )
    await win_opportunity(won.id)
    lost = await make_opportunity(
        account, "Lost", amount="500.00", expected_close_date=date(2026, 2, 10)
    )
    await lose_opportunity(lost.id, "Went with a competitor")
    await make_opportunity(account, "Late", amount="70.00", expected_close_date=date(2026, 4, 1))
    await make_opportunity(account, "Early", amount="70.00", expected_close_date=date(2025, 12, 31))
    await make_opportunity(account, "Undated", amount="70.00")


def bucket(key: str, count: int, amount: str, weighted: str) -> ForecastBucket:
    return ForecastBucket(key, count, D(amount), D(weighted))


async def test_forecast_by_month_rounds_each_deal_before_summing(pipeline: None) -> None:
    assert await pipeline_forecast(FROM, TO, ForecastGroup.MONTH) == [
        # Rounding the bucket sum instead would give 100.01 and 257.68.
        bucket("2026-01", 2, "1000.06", "100.02"),
        bucket("2026-02", 2, "3500.24", "2050.12"),
        bucket("2026-03", 3, "355.77", "257.69"),
    ]


async def test_forecast_by_stage_lists_stages_in_pipeline_order(pipeline: None) -> None:
    assert await pipeline_forecast(FROM, TO, ForecastGroup.STAGE) == [
        bucket("PROSPECTING", 2, "1010.15", "101.53"),
        bucket("PROPOSAL", 3, "2512.60", "1256.31"),
        bucket("NEGOTIATION", 2, "1333.32", "1049.99"),
    ]


async def test_forecast_by_owner_puts_unowned_deals_in_unassigned(pipeline: None) -> None:
    alice, bob = await owner_user("alice"), await owner_user("bob")
    # The key is the owner's User id (§13); alice was created first (deal A).
    assert await pipeline_forecast(FROM, TO, ForecastGroup.OWNER) == [
        bucket(global_id("User", alice.id), 3, "3512.64", "1356.31"),
        bucket(global_id("User", bob.id), 2, "333.34", "250.01"),
        bucket("UNASSIGNED", 2, "1010.09", "801.51"),
    ]


async def test_forecast_range_is_inclusive_at_both_ends(pipeline: None) -> None:
    assert await pipeline_forecast(date(2026, 1, 31), date(2026, 3, 1)) == [
        bucket("2026-01", 1, "0.01", "0.01"),
        bucket("2026-02", 2, "3500.24", "2050.12"),
        bucket("2026-03", 1, "333.33", "250.00"),
    ]


async def test_forecast_is_one_grouped_query(
    pipeline: None, count_queries: Callable[..., Any]
) -> None:
    with count_queries() as counter:
        await pipeline_forecast(FROM, TO, ForecastGroup.STAGE)
    assert counter.count == 1
    assert "GROUP BY" in counter.statements[0].upper()


async def test_forecast_of_an_empty_range_has_no_buckets(pipeline: None) -> None:
    assert await pipeline_forecast(date(2027, 1, 1), date(2027, 12, 31)) == []
