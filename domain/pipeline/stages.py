"""The opportunity stage machine (§4.1), pure: stages, default probabilities and the moves."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from domain.errors import DomainError, ErrorCode


class Stage(str, Enum):
    PROSPECTING = "PROSPECTING"
    QUALIFICATION = "QUALIFICATION"
    PROPOSAL = "PROPOSAL"
    NEGOTIATION = "NEGOTIATION"
    CLOSED_WON = "CLOSED_WON"
    CLOSED_LOST = "CLOSED_LOST"


class OpportunityStatus(str, Enum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


DEFAULT_PROBABILITY: dict[Stage, int] = {
    Stage.PROSPECTING: 10,
    Stage.QUALIFICATION: 20,
    Stage.PROPOSAL: 50,
    Stage.NEGOTIATION: 80,
    Stage.CLOSED_WON: 100,
    Stage.CLOSED_LOST: 0,
}
STAGE_ORDER: tuple[Stage, ...] = tuple(DEFAULT_PROBABILITY)
OPEN_STAGES: frozenset[Stage] = frozenset(STAGE_ORDER[:4])


@dataclass(frozen=True)
class StageState:
    stage: Stage
    probability: int
    status: OpportunityStatus = OpportunityStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status is not OpportunityStatus.OPEN


def parse_stage(value: Stage | str, field: str = "stage") -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not a stage.", field) from None


def check_probability(probability: int | None, field: str = "probability") -> None:
    if probability is not None and not 0 <= probability <= 100:
        raise DomainError(ErrorCode.INVALID, "probability must be between 0 and 100.", field)


def open_state(stage: Stage | None = None, probability: int | None = None) -> StageState:
    """The state of a new opportunity: any open stage, by default PROSPECTING."""
    stage = parse_stage(stage or Stage.PROSPECTING)
    if stage not in OPEN_STAGES:
        raise DomainError(
            ErrorCode.INVALID,
            f"A new opportunity cannot start at {stage.value}; win or lose it instead.",
            "stage",
        )
    check_probability(probability)
    return StageState(stage, DEFAULT_PROBABILITY[stage] if probability is None else probability)


def _refuse_closed(state: StageState) -> None:
    if state.is_closed:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"The opportunity is already {state.status.value}; a closed deal does not move.",
            "id",
        )


def move_stage(state: StageState, target: Stage, probability: int | None = None) -> StageState:
    """Moves an open opportunity to any open stage (forwards or back). Without an explicit
    probability the target's default applies; CLOSED_* are reached only by `win` / `lose`."""
    _refuse_closed(state)
    target = parse_stage(target)
    if target not in OPEN_STAGES:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"{target.value} is reached by marking the opportunity won or lost.",
            "stage",
        )
    check_probability(probability)
    return replace(
        state,
        stage=target,
        probability=DEFAULT_PROBABILITY[target] if probability is None else probability,
    )


def win(state: StageState) -> StageState:
    _refuse_closed(state)
    return StageState(Stage.CLOSED_WON, 100, OpportunityStatus.WON)


def lose(state: StageState) -> StageState:
    _refuse_closed(state)
    return StageState(Stage.CLOSED_LOST, 0, OpportunityStatus.LOST)


def stage_rank(stage: Stage | str) -> int:
    """The position of a stage in the pipeline, for ordering forecast buckets."""
    return STAGE_ORDER.index(parse_stage(stage))
