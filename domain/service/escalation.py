"""The SLA escalation scan: level 1 at risk, level 2 breached, each once per case (§7)."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple

from tortoise import timezone
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.errors import DomainError, ErrorCode
from domain.event_data import case_escalation_data
from domain.events import record_events
from domain.service.models import Case, CaseEscalation
from domain.service.services import PolicyClock, policy_clocks, refresh_escalation_check
from domain.service.sla_rules import (
    AT_RISK_LEVEL,
    BREACHED_LEVEL,
    CaseStatus,
    Priority,
    SlaClock,
    SlaTerms,
    escalation_level_due,
    escalation_reason,
    raise_priority,
)

EVENT_OF_LEVEL = {AT_RISK_LEVEL: "case.sla_at_risk", BREACHED_LEVEL: "case.sla_breached"}

# Cases per transaction: large enough that a statement's cost is shared by hundreds of cases,
# small enough that a cancel or a lost lease is noticed within a fraction of a second.
CHUNK_SIZE = 500
# Chunks under way at once: two keep Python and the database busy at the same time.
PIPELINED_CHUNKS = 2

Progress = Callable[[int, int], Awaitable[None]]


@dataclass(frozen=True)
class EscalationSummary:
    as_of: datetime
    candidates: int
    escalated_cases: int
    at_risk_escalations: int
    breach_escalations: int

    def adding(self, added: dict[int, list[int]]) -> EscalationSummary:
        """This summary with a chunk's escalations (the levels added, by case) counted in."""
        return replace(
            self,
            escalated_cases=self.escalated_cases + len(added),
            at_risk_escalations=self.at_risk_escalations
            + sum(AT_RISK_LEVEL in levels for levels in added.values()),
            breach_escalations=self.breach_escalations
            + sum(BREACHED_LEVEL in levels for levels in added.values()),
        )

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
    as_of: datetime, *, on_progress: Progress | None = None, chunk_size: int | None = None
) -> EscalationSummary:
    """Escalates every open case that reached a level at `as_of` (contract §7).

    Set-based (ARCHITECTURE 7c): the candidates in chunks of CHUNK_SIZE (or `chunk_size`),
    each chunk one transaction of a handful of statements whatever its size, and a checkpoint
    (progress, cancel, lease) after each. Concurrent or repeated runs never escalate a level
    twice: a chunk re-reads its cases under their row locks, and the unique (case, level)
    constraint decides which escalations are new — only those get their event and move
    their case.
    """
    if as_of.utcoffset() is None:
        raise DomainError(ErrorCode.INVALID, "asOf needs a UTC offset.", "as_of")
    candidates = await escalation_candidates(as_of)
    policies = await policy_clocks([policy_id for _, policy_id in candidates])
    size = CHUNK_SIZE if chunk_size is None else chunk_size
    chunks = [
        [case_id for case_id, _ in candidates[start : start + size]]
        for start in range(0, len(candidates), size)
    ]
    summary = EscalationSummary(as_of, len(candidates), 0, 0, 0)
    done = 0
    # The next chunk starts while the previous one's statements run, on a connection of its
    # own, so that the rules and payloads of one are computed while the database writes the
    # other. Their id ranges are disjoint and each locks in id order, so they never wait for
    # each other; their events may commit in either order (a case's own stay in level order).
    # Checkpoints stay in chunk order.
    running: deque[asyncio.Task[dict[int, list[int]]]] = deque()

    async def settle_oldest() -> None:
        nonlocal summary, done
        summary = summary.adding(await running.popleft())
        done = min(done + size, len(candidates))
        if on_progress is not None:
            await on_progress(done, len(candidates))

    try:
        for chunk in chunks:
            running.append(asyncio.create_task(_escalate_chunk(chunk, as_of, policies)))
            if len(running) == PIPELINED_CHUNKS:
                await settle_oldest()
        while running:
            await settle_oldest()
    finally:
        # Stopped at a checkpoint (cancel, lost lease) or failed: a chunk already under way
        # finishes — it is whole or absent either way — rather than being cut mid-statement.
        await asyncio.gather(*running, return_exceptions=True)
    return summary


async def _escalate_chunk(
    case_ids: list[int], as_of: datetime, policies: dict[int, PolicyClock]
) -> dict[int, list[int]]:
    """The levels this chunk added, by case (a case another run got to first is absent)."""
    chosen = set(case_ids)
    terms: dict[tuple[int, int, int], SlaTerms] = {}
    async with in_transaction() as connection:
        # Re-read under the locks, taken in id order like every writer of cases: a concurrent
        # run or a mutation may have moved a case since the candidate query. The chunk's id
        # range rather than its ids spares a statement of hundreds of parameters; a case that
        # became due in between is locked too, and left to the next scan.
        locked = (
            await Case.filter(
                id__gte=case_ids[0], id__lte=case_ids[-1], escalation_check_at__lte=as_of
            )
            .order_by("id")
            .select_for_update()
        )
        cases = [case for case in locked if case.id in chosen]
        due = {case.id: _levels_due(case, as_of, policies, terms) for case in cases}
        wanted = [(case.id, level, reason) for case in cases for level, reason in due[case.id][1]]
        history = await _history(connection, sorted({case_id for case_id, _, _ in wanted}))
        added = _by_case(await _insert_escalations(connection, wanted, as_of))
        reasons = {(case_id, level): reason for case_id, level, reason in wanted}
        events: list[tuple[str, dict[str, Any]]] = []
        moved: list[Case] = []
        for case in cases:
            levels = added.get(case.id, [])
            recorded = history[case.id] + [
                _Recorded(level, reasons[case.id, level], as_of) for level in levels
            ]
            events += [_escalation_event(case, level, recorded, levels) for level in levels]
            if _move(case, due[case.id][0], levels):
                moved.append(case)
        await _update_cases(connection, moved)
        await record_events(events)
    return added


class _Recorded(NamedTuple):
    """An escalation as its event shows it; no model is built per escalation."""

    level: int
    reason: str
    at: datetime


def _levels_due(
    case: Case,
    as_of: datetime,
    policies: dict[int, PolicyClock],
    terms: dict[tuple[int, int, int], SlaTerms],
) -> tuple[int, list[tuple[int, str]]]:
    """The level the case should have reached at `as_of`, and each level above its own up to
    that one, with its reason."""
    clock = _scan_clock(case, policies, terms)
    level_due = escalation_level_due(clock, as_of)
    if clock is None:
        return level_due, []
    levels = range(case.escalation_level + 1, level_due + 1)
    return level_due, [(level, escalation_reason(clock, as_of, level)) for level in levels]


def _scan_clock(
    case: Case, policies: dict[int, PolicyClock], terms: dict[tuple[int, int, int], SlaTerms]
) -> SlaClock | None:
    """`services.sla_clock` with the case's stored at-risk instants, so that the rules compare
    instants instead of measuring business time, and with the terms built once per policy and
    targets rather than once per case."""
    if case.sla_policy_id is None or case.first_response_due_at is None:
        return None
    assert case.first_response_target_minutes is not None
    assert case.resolution_target_minutes is not None
    assert case.resolution_due_at is not None
    key = (case.sla_policy_id, case.first_response_target_minutes, case.resolution_target_minutes)
    if key not in terms:
        policy = policies[case.sla_policy_id]
        terms[key] = SlaTerms(policy.calendar, key[1], key[2], policy.at_risk_percent)
    return SlaClock(
        terms=terms[key],
        status=CaseStatus(case.status),
        opened_at=case.opened_at,
        first_response_due_at=case.first_response_due_at,
        resolution_due_at=case.resolution_due_at,
        first_responded_at=case.first_responded_at,
        resolved_at=case.resolved_at,
        waiting_since=case.waiting_since,
        first_response_at_risk_at=case.first_response_at_risk_at,
        resolution_at_risk_at=case.resolution_at_risk_at,
    )


def _by_case(pairs: Sequence[tuple[int, int]]) -> dict[int, list[int]]:
    levels: defaultdict[int, list[int]] = defaultdict(list)
    for case_id, level in pairs:
        levels[case_id].append(level)
    return {case_id: sorted(found) for case_id, found in levels.items()}


def _move(case: Case, level_due: int, added: list[int]) -> bool:
    """Applies the escalation to the case row in memory; True when the row changed."""
    previous_check = case.escalation_check_at
    case.escalation_level = max(case.escalation_level, level_due)
    if BREACHED_LEVEL in added:
        # The due times stay: they record what was promised (see README, SLA escalation).
        case.priority = raise_priority(Priority(case.priority))
    refresh_escalation_check(case)
    return bool(added) or case.escalation_check_at != previous_check


def _escalation_event(
    case: Case, level: int, recorded: list[_Recorded], added: list[int]
) -> tuple[str, dict[str, Any]]:
    """The event of one new level, built before the case row moves: the escalations it lists
    are those recorded when that level was (the earlier ones, and this chunk's up to it)."""
    priority = raise_priority(Priority(case.priority)) if level == BREACHED_LEVEL else case.priority
    so_far = [row for row in recorded if row.level <= level or row.level not in added]
    return EVENT_OF_LEVEL[level], case_escalation_data(case, level, priority, so_far)


_HISTORY = {
    "postgres": (
        "SELECT case_id, level, reason, at FROM case_escalations WHERE case_id = ANY($1::int[])"
    ),
    "sqlite": (
        "SELECT case_id, level, reason, at FROM case_escalations "
        "WHERE case_id IN (SELECT value FROM json_each(?))"
    ),
}


async def _history(
    connection: BaseDBAsyncClient, case_ids: list[int]
) -> defaultdict[int, list[_Recorded]]:
    """The escalations these cases already have, read before the chunk adds any."""
    history: defaultdict[int, list[_Recorded]] = defaultdict(list)
    if not case_ids:
        return history
    postgres = connection.capabilities.dialect == "postgres"
    ids: Any = case_ids if postgres else json.dumps(case_ids)
    at = CaseEscalation._meta.fields_map["at"].to_python_value
    for row in await connection.execute_query_dict(
        _HISTORY["postgres" if postgres else "sqlite"], [ids]
    ):
        history[row["case_id"]].append(_Recorded(row["level"], row["reason"], at(row["at"])))
    return history


_INSERT_ESCALATIONS = {
    "postgres": (
        "INSERT INTO case_escalations (case_id, level, reason, at, created_at) "
        "SELECT case_id, level, reason, $4::timestamptz, $5::timestamptz "
        "FROM unnest($1::int[], $2::smallint[], $3::text[]) AS e(case_id, level, reason) "
        "ON CONFLICT (case_id, level) DO NOTHING RETURNING case_id, level"
    ),
    "sqlite": (
        "INSERT INTO case_escalations (case_id, level, reason, at, created_at) VALUES {rows} "
        "ON CONFLICT (case_id, level) DO NOTHING RETURNING case_id, level"
    ),
}


async def _insert_escalations(
    connection: BaseDBAsyncClient, rows: list[tuple[int, int, str]], as_of: datetime
) -> list[tuple[int, int]]:
    """(case, level) of the rows the database took: the unique constraint refuses the rest."""
    if not rows:
        return []
    created_at = timezone.now()
    statements: list[tuple[str, list[Any]]]
    if connection.capabilities.dialect == "postgres":
        columns = [list(column) for column in zip(*rows, strict=True)]
        statements = [(_INSERT_ESCALATIONS["postgres"], [*columns, as_of, created_at])]
    else:
        statements = [
            _sqlite_insert(rows[start : start + SQLITE_ROWS_PER_INSERT], as_of, created_at)
            for start in range(0, len(rows), SQLITE_ROWS_PER_INSERT)
        ]
    inserted = []
    for sql, values in statements:
        # execute_query_dict fetches on every dialect; tortoise's execute_query drops what an
        # INSERT … RETURNING returns on PostgreSQL.
        for row in await connection.execute_query_dict(sql, values):
            inserted.append((int(row["case_id"]), int(row["level"])))
    return inserted


# Three parameters a row and two shared ones stay under SQLite's 32,766.
SQLITE_ROWS_PER_INSERT = 10_000


def _sqlite_insert(
    rows: list[tuple[int, int, str]], as_of: datetime, created_at: datetime
) -> tuple[str, list[Any]]:
    # ?1 and ?2 are the instants every row shares.
    placeholders = ", ".join(
        f"(?{3 * n + 3}, ?{3 * n + 4}, ?{3 * n + 5}, ?1, ?2)" for n in range(len(rows))
    )
    values = [as_of, created_at, *(value for row in rows for value in row)]
    return _INSERT_ESCALATIONS["sqlite"].format(rows=placeholders), values


_UPDATE_CASES = {
    "postgres": (
        "UPDATE cases AS c SET escalation_level = v.escalation_level, priority = v.priority, "
        "escalation_check_at = v.escalation_check_at, updated_at = $5::timestamptz "
        "FROM unnest($1::int[], $2::smallint[], $3::text[], $4::timestamptz[]) "
        "AS v(id, escalation_level, priority, escalation_check_at) WHERE c.id = v.id"
    ),
    "sqlite": (
        "UPDATE cases SET escalation_level = ?, priority = ?, escalation_check_at = ?, "
        "updated_at = ? WHERE id = ?"
    ),
}


async def _update_cases(connection: BaseDBAsyncClient, cases: list[Case]) -> None:
    """One statement for every case the chunk moved (SQLite: one executemany, in process)."""
    if not cases:
        return
    updated_at = timezone.now()
    for case in cases:
        case.updated_at = updated_at
    rows = [
        (case.id, case.escalation_level, Priority(case.priority).value, case.escalation_check_at)
        for case in cases
    ]
    if connection.capabilities.dialect == "postgres":
        columns = [list(column) for column in zip(*rows, strict=True)]
        await connection.execute_query(_UPDATE_CASES["postgres"], [*columns, updated_at])
    else:
        await connection.execute_many(
            _UPDATE_CASES["sqlite"],
            [
                [level, priority, check_at, updated_at, case_id]
                for case_id, level, priority, check_at in rows
            ],
        )
