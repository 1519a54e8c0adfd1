"""The SLA escalation scan: level 1 at risk, level 2 breached, each once per case (§7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.errors import DomainError, ErrorCode
from domain.event_data import case_escalation_data
from domain.events import record_event
from domain.service.models import Case, CaseEscalation
from domain.service.services import PolicyClock, policy_clocks, refresh_escalation_check, sla_clock
from domain.service.sla_rules import (
    AT_RISK_LEVEL,
    BREACHED_LEVEL,
    Priority,
    escalation_level_due,
    escalation_reason,
    raise_priority,
)

EVENT_OF_LEVEL = {AT_RISK_LEVEL: "case.sla_at_risk", BREACHED_LEVEL: "case.sla_breached"}

Progress = Callable[[int, int], Awaitable[None]]


@dataclass(frozen=True)
class EscalationSummary:
    as_of: datetime
    candidates: int
    escalated_cases: int
    at_risk_escalations: int
    breach_escalations: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "candidates": self.candidates,
            "escalated_cases": self.escalated_cases,
            "at_risk_escalations": self.at_risk_escalations,
            "breach_escalations": self.breach_escalations,
        }


async def escalation_candidates(as_of: datetime) -> list[tuple[int, int]]:
    """(case id, policy id) of every case that may need an escalation at `as_of`.

    One range scan of the `escalation_check_at` index: the column holds the exact instant each
    case next needs one, and is NULL for closed cases and cases at level 2, so cases that are
    not due are never read.
    """
    rows = await (
        Case.filter(escalation_check_at__lte=as_of)
        .order_by("id")
        .values_list("id", "sla_policy_id")
    )
    return [(int(case_id), int(policy_id)) for case_id, policy_id in rows]


async def escalate_overdue_cases(
    as_of: datetime, *, on_progress: Progress | None = None
) -> EscalationSummary:
    """Escalates every open case that reached a level at `as_of` (contract §7).

    Each case is handled in its own transaction under its row lock, and the unique
    (case, level) constraint backs the lock: concurrent or repeated runs never escalate a
    level twice, and a failure on one case does not undo the others.
    """
    if as_of.utcoffset() is None:
        raise DomainError(ErrorCode.INVALID, "asOf needs a UTC offset.", "as_of")
    candidates = await escalation_candidates(as_of)
    policies = await policy_clocks([policy_id for _, policy_id in candidates])
    escalated_cases = at_risk = breached = 0
    for done, (case_id, policy_id) in enumerate(candidates, start=1):
        levels = await escalate_case(case_id, as_of, policies[policy_id])
        escalated_cases += bool(levels)
        at_risk += AT_RISK_LEVEL in levels
        breached += BREACHED_LEVEL in levels
        if on_progress is not None:
            await on_progress(done, len(candidates))
    return EscalationSummary(as_of, len(candidates), escalated_cases, at_risk, breached)


async def escalate_case(case_id: int, as_of: datetime, policy: PolicyClock) -> list[int]:
    """The levels this call added to one case (none when another run got there first)."""
    async with in_transaction():
        case = await Case.filter(id=case_id).select_for_update().first()
        # Re-read under the lock: a concurrent run or a mutation may have moved the case.
        if case is None or case.escalation_check_at is None or case.escalation_check_at > as_of:
            return []
        clock = sla_clock(case, policy)
        level_due = escalation_level_due(clock, as_of)
        added: list[int] = []
        for level in range(case.escalation_level + 1, level_due + 1):
            assert clock is not None
            reason = escalation_reason(clock, as_of, level)
            try:
                async with in_transaction():
                    await CaseEscalation.create(
                        case_id=case.id, level=level, reason=reason, at=as_of
                    )
            except IntegrityError:
                continue  # already recorded: only the database's constraint can tell
            added.append(level)
            await _record_escalation_event(case, level)
        previous_check = case.escalation_check_at
        case.escalation_level = max(case.escalation_level, level_due)
        if BREACHED_LEVEL in added:
            # The due times stay: they record what was promised (see README, SLA escalation).
            case.priority = raise_priority(Priority(case.priority))
        refresh_escalation_check(case)
        if added or case.escalation_check_at != previous_check:
            await case.save(
                update_fields=["escalation_level", "priority", "escalation_check_at", "updated_at"]
            )
    return added


async def _record_escalation_event(case: Case, level: int) -> None:
    """The event reads the escalations back, the one just recorded included."""
    priority = raise_priority(Priority(case.priority)) if level == BREACHED_LEVEL else case.priority
    escalations = await CaseEscalation.filter(case_id=case.id)
    payload = case_escalation_data(case, level, priority, escalations)
    await record_event(EVENT_OF_LEVEL[level], payload)
