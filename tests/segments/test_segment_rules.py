"""Segment rules: every rule checked, the bad ones INVALID at once (pure, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.accounts.models import Lifecycle
from domain.errors import DomainError, ErrorCode, refusals
from domain.segments.rules import SegmentRules, clean_rules, rules_of, stored_rules


def refused(rules: dict) -> list[tuple[ErrorCode, tuple[str, ...] | None]]:
    with pytest.raises(DomainError) as caught:
        clean_rules(rules)
    return [(error.code, error.field) for error in refusals(caught.value)]


def test_rules_are_normalised_and_round_trip_through_storage() -> None:
    rules = clean_rules(
        {
            "lifecycle": "CUSTOMER",
            "tier": "  GOLD ",
            "owner_id": 7,
            "min_lifetime_revenue": Decimal("1000.5"),
            "last_order_after": date(2026, 1, 31),
            "has_open_cases": False,
        }
    )
    assert rules == SegmentRules(
        lifecycle=Lifecycle.CUSTOMER,
        tier="GOLD",
        owner_id=7,
        min_lifetime_revenue=Decimal("1000.5"),
        last_order_after=date(2026, 1, 31),
        has_open_cases=False,
    )
    stored = stored_rules(rules)
    assert stored == {
        "lifecycle": "CUSTOMER",
        "tier": "GOLD",
        "owner_id": 7,
        "min_lifetime_revenue": "1000.5",
        "last_order_after": "2026-01-31",
        "has_open_cases": False,
    }
    assert rules_of(stored) == rules


def test_an_unknown_rule_is_invalid() -> None:
    assert refused({"tier": "GOLD", "colour": "red"}) == [(ErrorCode.INVALID, ("rules", "colour"))]


def test_a_minimum_above_its_maximum_is_invalid() -> None:
    assert refused(
        {"min_lifetime_revenue": Decimal("100.01"), "max_lifetime_revenue": Decimal(100)}
    ) == [(ErrorCode.INVALID, ("rules", "min_lifetime_revenue"))]
    # Equal bounds select the accounts of exactly that revenue: allowed.
    assert clean_rules({"min_lifetime_revenue": Decimal(5), "max_lifetime_revenue": Decimal(5)})


def test_no_day_between_last_order_after_and_before_is_invalid() -> None:
    day = date(2026, 3, 1)
    assert refused({"last_order_after": day, "last_order_before": day}) == [
        (ErrorCode.INVALID, ("rules", "last_order_after"))
    ]


def test_every_malformed_rule_is_reported_at_once() -> None:
    assert refused(
        {
            "lifecycle": "VIP",
            "min_lifetime_revenue": Decimal("0.001"),
            "last_order_before": date(1800, 1, 1),
            "has_open_cases": "yes",
            "size": 3,
        }
    ) == [
        (ErrorCode.INVALID, ("rules", "size")),
        (ErrorCode.INVALID, ("rules", "lifecycle")),
        (ErrorCode.INVALID, ("rules", "min_lifetime_revenue")),
        (ErrorCode.INVALID, ("rules", "last_order_before")),
        (ErrorCode.INVALID, ("rules", "has_open_cases")),
    ]
