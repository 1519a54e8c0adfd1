"""Event-type filters: exact types, prefix wildcards and `*`, validated against §8's list."""

from __future__ import annotations

import pytest

from domain.errors import DomainError, ErrorCode
from domain.webhooks.event_types import clean_patterns, matches


def test_patterns_are_deduplicated_and_sorted() -> None:
    assert clean_patterns(["invoice.*", "case.created", "invoice.*"]) == [
        "case.created",
        "invoice.*",
    ]


@pytest.mark.parametrize("pattern", ["invoice.voided", "invoices.*", "inv*", "*.posted"])
def test_an_unknown_type_or_prefix_is_invalid_and_named_by_position(pattern: str) -> None:
    with pytest.raises(DomainError) as caught:
        clean_patterns(["case.created", pattern])
    assert caught.value.code == ErrorCode.INVALID
    assert caught.value.field == ("event_types", "1")


@pytest.mark.parametrize("patterns", [[], [""], ["  "]])
def test_no_type_at_all_is_required(patterns: list[str]) -> None:
    with pytest.raises(DomainError) as caught:
        clean_patterns(patterns)
    assert caught.value.code == ErrorCode.REQUIRED


def test_matching() -> None:
    assert matches(["*"], "case.created")
    assert matches(["invoice.*"], "invoice.paid")
    assert not matches(["invoice.*"], "sales_order.created")
    assert matches(["case.created"], "case.created")
    assert not matches(["case.created"], "case.resolved")
    # A prefix wildcard stops at the dot: "case.*" is not "case_x.*".
    assert not matches(["sales_order.*"], "sales_order_line.created")
