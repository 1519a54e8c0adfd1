"""Pure rules of the pipeline: the stage machine and the forecast's rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError, ErrorCode
from domain.pipeline.forecast import from_cents, weighted_amount, weighted_cents
from domain.pipeline.stages import (
    DEFAULT_PROBABILITY,
    STAGE_ORDER,
    OpportunityStatus,
    Stage,
    StageState,
    lose,
    move_stage,
    open_state,
    stage_rank,
    win,
)

D = Decimal
OPEN_PROSPECT = StageState(Stage.PROSPECTING, 10)


def test_stages_are_ordered_with_their_default_probabilities() -> None:
    assert [(s.value, DEFAULT_PROBABILITY[s]) for s in STAGE_ORDER] == [
        ("PROSPECTING", 10),
        ("QUALIFICATION", 20),
        ("PROPOSAL", 50),
        ("NEGOTIATION", 80),
        ("CLOSED_WON", 100),
        ("CLOSED_LOST", 0),
    ]
    assert stage_rank("PROPOSAL") == 2


def test_a_new_opportunity_starts_prospecting_at_ten_percent() -> None:
    assert open_state() == StageState(Stage.PROSPECTING, 10, OpportunityStatus.OPEN)
    assert open_state(Stage.PROPOSAL, 35) == StageState(Stage.PROPOSAL, 35)


def test_a_new_opportunity_cannot_start_closed() -> None:
    with pytest.raises(DomainError) as refused:
        open_state(Stage.CLOSED_WON)
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("stage",))


def test_moving_takes_the_target_stage_default_probability() -> None:
    assert move_stage(OPEN_PROSPECT, Stage.NEGOTIATION) == StageState(Stage.NEGOTIATION, 80)


def test_moving_with_an_explicit_probability_keeps_it() -> None:
    assert move_stage(OPEN_PROSPECT, Stage.PROPOSAL, 65) == StageState(Stage.PROPOSAL, 65)


def test_moving_backwards_is_allowed() -> None:
    negotiating = StageState(Stage.NEGOTIATION, 80)
    assert move_stage(negotiating, Stage.QUALIFICATION) == StageState(Stage.QUALIFICATION, 20)


@pytest.mark.parametrize("probability", [-1, 101])
def test_a_probability_outside_0_to_100_is_invalid(probability: int) -> None:
    with pytest.raises(DomainError) as refused:
        move_stage(OPEN_PROSPECT, Stage.PROPOSAL, probability)
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("probability",))


def test_an_unknown_stage_is_invalid() -> None:
    with pytest.raises(DomainError) as refused:
        move_stage(OPEN_PROSPECT, "WON_BY_MAGIC")  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, ("stage",))


@pytest.mark.parametrize("closed", [Stage.CLOSED_WON, Stage.CLOSED_LOST])
def test_closed_stages_are_reached_only_by_winning_or_losing(closed: Stage) -> None:
    with pytest.raises(DomainError) as refused:
        move_stage(OPEN_PROSPECT, closed)
    assert refused.value.code == ErrorCode.INVALID_TRANSITION


def test_winning_and_losing_close_the_deal() -> None:
    assert win(OPEN_PROSPECT) == StageState(Stage.CLOSED_WON, 100, OpportunityStatus.WON)
    assert lose(OPEN_PROSPECT) == StageState(Stage.CLOSED_LOST, 0, OpportunityStatus.LOST)


@pytest.mark.parametrize("closed", [win(OPEN_PROSPECT), lose(OPEN_PROSPECT)])
def test_a_closed_deal_neither_moves_nor_closes_again(closed: StageState) -> None:
    for attempt in (lambda: move_stage(closed, Stage.PROPOSAL), lambda: win(closed)):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == ErrorCode.INVALID_TRANSITION
    with pytest.raises(DomainError) as refused:
        lose(closed)
    assert refused.value.code == ErrorCode.INVALID_TRANSITION


@pytest.mark.parametrize(
    ("amount", "probability", "weighted"),
    [
        ("1000.05", 10, "100.01"),  # 100.005: the half cent rounds up
        ("0.01", 50, "0.01"),  # 0.005
        ("2500.25", 50, "1250.13"),  # 1250.125
        ("333.33", 75, "250.00"),  # 249.9975
        ("999.99", 80, "799.99"),  # 799.992
        ("0.01", 49, "0.00"),  # 0.0049
        ("12345678.99", 100, "12345678.99"),
        ("12345678.99", 0, "0.00"),
    ],
)
def test_weighted_amount_rounds_half_up_to_cents(
    amount: str, probability: int, weighted: str
) -> None:
    assert weighted_amount(D(amount), probability) == D(weighted)
    amount_cents = int(D(amount) * 100)
    assert from_cents(weighted_cents(amount_cents, probability)) == D(weighted)


@given(
    amount_cents=st.integers(min_value=0, max_value=10**15),
    probability=st.integers(min_value=0, max_value=100),
)
def test_integer_weighted_cents_equal_the_decimal_rule(amount_cents: int, probability: int) -> None:
    """The SQL's integer formula is exactly the §4.1 rule for every cent amount."""
    amount = D(amount_cents) / 100
    assert from_cents(weighted_cents(amount_cents, probability)) == weighted_amount(
        amount, probability
    )
