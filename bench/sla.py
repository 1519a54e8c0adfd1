"""SLA escalation bench: the scan over 100,000 open cases (the job body) next to one set-based
statement doing the same work, interleaved A/B on a throwaway PostgreSQL database.

The cases are in a steady state: a scan ran an hour before `AS_OF`, so every case holds the
level (and the escalation history, and the raised priority of a breach) it had then. Each
slice puts that state back, then times A, `escalate_overdue_cases(AS_OF)`, and B, the
yardstick: one statement whose locking SELECT of the due cases feeds the escalation INSERT …
ON CONFLICT DO NOTHING RETURNING, which feeds the UPDATE of the cases and the INSERT of the
events. Both must leave the same escalations, cases and event payloads row for row (checked
after every run, an untimed warm-up of each included); one extra run of A counts its SQL
statements.

    .venv/bin/python bench/sla.py   # BENCH_SLA_CASES=100000 BENCH_SLA_SLICES=5
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import asyncpg

# `python bench/sla.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import (
    admin_database_url,
    bench_int,
    format_load,
    interleaved,
    load_average,
)
from domain.accounts.models import Account
from domain.service.escalation import escalate_overdue_cases, escalation_candidates
from domain.service.services import (
    SlaTargetDraft,
    WorkingHoursDraft,
    calendar_of,
    create_business_calendar,
    create_sla_policy,
)
from domain.service.sla_rules import (
    BREACHED_LEVEL,
    CaseStatus,
    Priority,
    SlaClock,
    SlaSchedule,
    SlaTerms,
    escalation_reason,
    next_escalation_at,
    raise_priority,
    sla_schedule,
)

CASES = bench_int("SLA_CASES", 100_000)
SLICES = bench_int("SLA_SLICES", 5)
AS_OF = datetime(2026, 1, 21, 15, 0, tzinfo=UTC)  # a Wednesday afternoon
PREVIOUS_SCAN = AS_OF - timedelta(hours=1)
TARGETS = {
    Priority.LOW: (480, 4800),
    Priority.NORMAL: (240, 2400),
    Priority.HIGH: (60, 960),
    Priority.URGENT: (30, 240),
}
PRIORITY_MIX = [Priority.LOW] * 3 + [Priority.NORMAL] * 5 + [Priority.HIGH] + [Priority.URGENT]

COLUMNS = [
    "id",
    "number",
    "subject",
    "account_id",
    "priority",
    "status",
    "opened_at",
    "first_responded_at",
    "sla_policy_id",
    "first_response_target_minutes",
    "resolution_target_minutes",
    "first_response_at_risk_at",
    "first_response_due_at",
    "resolution_at_risk_at",
    "resolution_due_at",
    "paused_business_minutes",
    "escalation_level",
    "escalation_check_at",
    "created_at",
    "updated_at",
]
HISTORY_COLUMNS = ["case_id", "level", "reason", "at", "created_at"]
# What a run changes on a case: the slices put these back from bench_start.
MOVED = ["escalation_level", "priority", "escalation_check_at", "updated_at"]


def asyncpg_dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def steady_state(
    account_id: int, policy_id: int, terms_of: dict[Priority, SlaTerms]
) -> tuple[list[tuple], list[tuple]]:
    """(cases, their escalation history) as the scan an hour before AS_OF left them."""
    schedule_of = cache(sla_schedule)
    rng = random.Random(7)
    cases, history = [], []
    for index in range(1, CASES + 1):
        priority = rng.choice(PRIORITY_MIX)
        terms = terms_of[priority]
        # Opened over the last three weeks, more of them recently.
        opened = AS_OF - timedelta(minutes=int(rng.expovariate(1 / 2000)) % (21 * 24 * 60))
        responded = None
        answer = opened + timedelta(minutes=rng.randint(1, 600))
        if rng.random() < 0.8 and answer <= PREVIOUS_SCAN:
            responded = answer
        status = CaseStatus.OPEN if responded else CaseStatus.NEW
        schedule = schedule_of(terms, opened)
        clock = _clock(terms, schedule, status, opened, responded)
        level = 0
        while level < BREACHED_LEVEL:
            check_at = next_escalation_at(
                schedule, status=status, escalation_level=level, first_responded_at=responded
            )
            if check_at is None or check_at > PREVIOUS_SCAN:
                break
            level += 1
            reason = escalation_reason(clock, PREVIOUS_SCAN, level)
            history.append((index, level, reason, PREVIOUS_SCAN, PREVIOUS_SCAN))
        check_at = next_escalation_at(
            schedule, status=status, escalation_level=level, first_responded_at=responded
        )
        cases.append(
            (
                index,
                f"CASE-2026-{index:06d}",
                f"Case {index}",
                account_id,
                (raise_priority(priority) if level == BREACHED_LEVEL else priority).value,
                status.value,
                opened,
                responded,
                policy_id,
                terms.first_response_minutes,
                terms.resolution_minutes,
                schedule.first_response_at_risk_at,
                schedule.first_response_due_at,
                schedule.resolution_at_risk_at,
                schedule.resolution_due_at,
                0,
                level,
                check_at,
                opened,
                opened,
            )
        )
    return cases, history


def _clock(
    terms: SlaTerms,
    schedule: SlaSchedule,
    status: CaseStatus,
    opened: datetime,
    responded: datetime | None,
) -> SlaClock:
    return SlaClock(
        terms=terms,
        status=status,
        opened_at=opened,
        first_response_due_at=schedule.first_response_due_at,
        resolution_due_at=schedule.resolution_due_at,
        first_responded_at=responded,
        first_response_at_risk_at=schedule.first_response_at_risk_at,
        resolution_at_risk_at=schedule.resolution_at_risk_at,
    )


# The yardstick's helpers, created in the bench database before timing: the API's spelling
# of a global id and of a DateTime (Python's isoformat in UTC).
YARDSTICK_FUNCTIONS = """
CREATE FUNCTION bench_gid(kind text, pk bigint) RETURNS text IMMUTABLE LANGUAGE sql AS
$$ SELECT CASE WHEN pk IS NOT NULL
               THEN encode(convert_to(kind || ':' || pk, 'UTF8'), 'base64') END $$;
CREATE FUNCTION bench_iso(moment timestamptz) RETURNS text IMMUTABLE LANGUAGE sql AS
$$ SELECT to_char(moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
       || CASE WHEN extract(microseconds FROM moment)::bigint % 1000000 <> 0
               THEN to_char(moment AT TIME ZONE 'UTC', '.US') ELSE '' END
       || '+00:00' $$;
"""

# §7 over the stored schedule, exactly as sla_rules decides it for the scan; $1 is AS_OF.
YARDSTICK = """
WITH locked AS (
    SELECT c.*, p.at_risk_percent
    FROM cases c JOIN sla_policies p ON p.id = c.sla_policy_id
    WHERE c.escalation_check_at <= $1
    ORDER BY c.id
    FOR UPDATE OF c
), stopped AS (
    SELECT l.*, CASE WHEN l.status IN ('RESOLVED', 'CLOSED') AND l.resolved_at <= $1
                     THEN l.resolved_at END AS resolved_by,
           CASE WHEN l.status = 'WAITING_ON_CUSTOMER' AND l.waiting_since IS NOT NULL
                THEN LEAST(l.waiting_since, $1) ELSE $1 END AS resolution_clock
    FROM locked l
), responded AS (
    SELECT s.*, LEAST(CASE WHEN s.first_responded_at <= $1 THEN s.first_responded_at END,
                      s.resolved_by) AS responded_by
    FROM stopped s
), flags AS (
    SELECT r.*,
           COALESCE(r.responded_by, $1) >= r.first_response_due_at AS first_breached,
           COALESCE(r.resolved_by, r.resolution_clock) >= r.resolution_due_at
               AS resolution_breached,
           r.responded_by IS NULL AND $1 >= r.first_response_at_risk_at AS first_at_risk,
           r.resolved_by IS NULL AND r.resolution_clock >= r.resolution_at_risk_at
               AS resolution_at_risk
    FROM responded r
), due AS (
    SELECT f.*,
           CASE WHEN f.first_breached OR f.resolution_breached THEN 2
                WHEN f.first_at_risk OR f.resolution_at_risk THEN 1 ELSE 0 END AS level_due,
           CASE f.priority WHEN 'LOW' THEN 'NORMAL' WHEN 'NORMAL' THEN 'HIGH' ELSE 'URGENT' END
               AS raised
    FROM flags f
), wanted AS (
    SELECT d.id AS case_id, n.level,
           CASE n.level
           WHEN 1 THEN concat_ws('; ',
               CASE WHEN d.first_at_risk OR d.first_breached THEN 'First response has used '
                   || d.at_risk_percent || '% of its ' || d.first_response_target_minutes
                   || ' business minutes' END,
               CASE WHEN d.resolution_at_risk OR d.resolution_breached THEN 'Resolution has used '
                   || d.at_risk_percent || '% of its ' || d.resolution_target_minutes
                   || ' business minutes' END) || '.'
           ELSE concat_ws('; ',
               CASE WHEN d.first_breached THEN 'First response was due at '
                   || bench_iso(d.first_response_due_at) END,
               CASE WHEN d.resolution_breached THEN 'Resolution was due at '
                   || bench_iso(d.resolution_due_at) END) || '.'
           END AS reason
    FROM due d JOIN (VALUES (1), (2)) AS n(level)
        ON n.level > d.escalation_level AND n.level <= d.level_due
), inserted AS (
    INSERT INTO case_escalations (case_id, level, reason, at, created_at)
    SELECT case_id, level, reason, $1, now() FROM wanted ORDER BY case_id, level
    ON CONFLICT (case_id, level) DO NOTHING
    RETURNING case_id, level, reason, at
), added AS (
    SELECT case_id, bool_or(level = 2) AS breach_added FROM inserted GROUP BY case_id
), checked AS (
    SELECT d.*, a.case_id IS NOT NULL AS added, COALESCE(a.breach_added, false) AS breach_added,
           CASE WHEN d.status IN ('RESOLVED', 'CLOSED') OR d.level_due >= 2
                  OR d.escalation_level >= 2 THEN NULL
           ELSE LEAST(
               CASE WHEN d.first_responded_at IS NULL
                      OR d.first_responded_at >= d.first_response_due_at
                    THEN d.first_response_due_at END,
               CASE WHEN d.status <> 'WAITING_ON_CUSTOMER'
                      OR d.waiting_since >= d.resolution_due_at
                    THEN d.resolution_due_at END,
               CASE WHEN GREATEST(d.escalation_level, d.level_due) < 1
                      AND d.first_responded_at IS NULL
                    THEN d.first_response_at_risk_at END,
               CASE WHEN GREATEST(d.escalation_level, d.level_due) < 1
                      AND (d.status <> 'WAITING_ON_CUSTOMER'
                           OR d.waiting_since >= d.resolution_at_risk_at)
                    THEN d.resolution_at_risk_at END)
           END AS next_check
    FROM due d LEFT JOIN added a ON a.case_id = d.id
), moved AS (
    UPDATE cases c
    SET escalation_level = GREATEST(k.escalation_level, k.level_due),
        priority = CASE WHEN k.breach_added THEN k.raised ELSE k.priority END,
        escalation_check_at = k.next_check,
        updated_at = now()
    FROM checked k
    WHERE c.id = k.id AND (k.added OR k.next_check IS DISTINCT FROM k.escalation_check_at)
), history AS (
    SELECT h.case_id, h.level, h.reason, h.at, false AS new
    FROM case_escalations h JOIN added a ON a.case_id = h.case_id
    UNION ALL
    SELECT case_id, level, reason, at, true FROM inserted
), escalations AS (
    SELECT i.case_id, i.level,
           jsonb_agg(jsonb_build_object('level', h.level, 'reason', h.reason, 'at', bench_iso(h.at))
                     ORDER BY h.level) AS so_far
    FROM inserted i JOIN history h ON h.case_id = i.case_id AND (NOT h.new OR h.level <= i.level)
    GROUP BY i.case_id, i.level
)
INSERT INTO events (uid, type, payload, occurred_at, subject_type, subject_id)
SELECT gen_random_uuid(),
       CASE e.level WHEN 1 THEN 'case.sla_at_risk' ELSE 'case.sla_breached' END,
       jsonb_build_object(
           'id', bench_gid('Case', d.id), 'number', d.number, 'subject', d.subject,
           'description', d.description,
           'priority', CASE WHEN e.level = 2 THEN d.raised ELSE d.priority END,
           'status', d.status, 'openedAt', bench_iso(d.opened_at),
           'firstRespondedAt', bench_iso(d.first_responded_at),
           'resolvedAt', bench_iso(d.resolved_at),
           'firstResponseDueAt', bench_iso(d.first_response_due_at),
           'resolutionDueAt', bench_iso(d.resolution_due_at), 'escalationLevel', e.level,
           'pausedBusinessMinutes', d.paused_business_minutes,
           'waitingSince', bench_iso(d.waiting_since),
           'accountId', bench_gid('Account', d.account_id),
           'contactId', bench_gid('Contact', d.contact_id),
           'escalations', e.so_far, 'previousEscalationLevel', e.level - 1)
       || CASE WHEN e.level = 2 AND d.raised <> d.priority
               THEN jsonb_build_object('previousPriority', d.priority) ELSE '{}' END,
       now(), 'case', d.id
FROM escalations e JOIN due d ON d.id = e.case_id
ORDER BY e.case_id, e.level
"""


async def restore(conn: asyncpg.Connection) -> None:
    """Back to the steady state: no event, the history and cases as the earlier scan left them."""
    await conn.execute("TRUNCATE events RESTART IDENTITY CASCADE")
    await conn.execute("DELETE FROM case_escalations WHERE at > $1", PREVIOUS_SCAN)
    sets = ", ".join(f"{name} = s.{name}" for name in MOVED)
    await conn.execute(
        f"UPDATE cases c SET {sets} FROM bench_start s "
        "WHERE c.id = s.id AND c.updated_at IS DISTINCT FROM s.updated_at"
    )
    await conn.execute("VACUUM ANALYZE cases, case_escalations, events")


async def outcome(conn: asyncpg.Connection) -> dict[str, Any]:
    """What a run left, in a form both runs must match row for row."""
    escalations = await conn.fetch(
        "SELECT case_id, level, reason, at FROM case_escalations WHERE at > $1 "
        "ORDER BY case_id, level",
        PREVIOUS_SCAN,
    )
    moved = ", ".join(f"c.{name}" for name in MOVED[:-1])
    cases = await conn.fetch(
        f"SELECT c.id, {moved} FROM cases c JOIN bench_start s USING (id) "
        f"WHERE ({moved}) IS DISTINCT FROM ({moved.replace('c.', 's.')}) ORDER BY c.id"
    )
    events = await conn.fetch(
        # By case and level: the scan's chunks under way at once may commit in either order.
        "SELECT type, payload, subject_type, subject_id FROM events "
        "ORDER BY subject_id, (payload->>'escalationLevel')::int"
    )
    return {
        "escalations": [tuple(row) for row in escalations],
        "cases": [tuple(row) for row in cases],
        "events": [(row[0], json.loads(row[1]), row[2], row[3]) for row in events],
    }


class StatementCounter(logging.Handler):
    """Counts the statements tortoise sends (it logs each at DEBUG)."""

    VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.args[0] if isinstance(record.args, tuple) and record.args else record.msg
        if str(text).lstrip().upper().startswith(self.VERBS):
            self.count += 1


async def counted_scan() -> int:
    counter = StatementCounter()
    logger = logging.getLogger("tortoise.db_client")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        await escalate_overdue_cases(AS_OF)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(logging.WARNING)
    return counter.count


async def main() -> None:
    print(f"load average at start: {format_load(load_average())}")
    url = admin_database_url()
    bench_url = await create_database(url, "tandem_bench_sla")
    try:
        await init_db(bench_url)
        await create_schema_without_migrations(bench_url)
        calendar = await create_business_calendar(
            name="Office",
            timezone="Europe/Berlin",
            hours=[WorkingHoursDraft(day, "09:00", "17:00") for day in range(1, 6)],
        )
        policy = await create_sla_policy(
            name="Standard",
            calendar_id=calendar.id,
            targets=[SlaTargetDraft(p, *minutes) for p, minutes in TARGETS.items()],
            is_default=True,
        )
        account = await Account.create(name="Bench", currency="USD")
        terms_of = {
            p: SlaTerms(calendar_of(calendar), fr, res, 80) for p, (fr, res) in TARGETS.items()
        }

        started = time.perf_counter()
        cases, history = steady_state(account.id, policy.id, terms_of)
        scheduled = time.perf_counter() - started
        conn = await asyncpg.connect(asyncpg_dsn(bench_url))
        try:
            started = time.perf_counter()
            await conn.copy_records_to_table("cases", records=cases, columns=COLUMNS)
            await conn.execute("SELECT setval('cases_id_seq', $1)", CASES)
            await conn.copy_records_to_table(
                "case_escalations", records=history, columns=HISTORY_COLUMNS
            )
            await conn.execute(
                f"CREATE TABLE bench_start AS SELECT id, {', '.join(MOVED)} FROM cases"
            )
            await conn.execute("ALTER TABLE bench_start ADD PRIMARY KEY (id)")
            await conn.execute(YARDSTICK_FUNCTIONS)
            await conn.execute("VACUUM ANALYZE")
            loaded = time.perf_counter() - started
            print(f"open cases:              {CASES:>9,} ({len(history):,} earlier escalations)")
            print(f"steady state computed:   {scheduled:>9.2f} s (pure Python, not timed below)")
            print(f"bulk load (COPY):        {loaded:>9.2f} s")

            candidates = len(await escalation_candidates(AS_OF))
            reference: dict[str, Any] = {}

            def check(found: dict[str, Any], who: str) -> None:
                if not reference:
                    reference.update(found)
                    return
                for part in ("escalations", "cases", "events"):
                    if found[part] != reference[part]:
                        raise SystemExit(f"{who} left other {part} than the first run")

            async def scan(number: int) -> float:
                await restore(conn)
                started = time.perf_counter()
                await escalate_overdue_cases(AS_OF)
                elapsed = time.perf_counter() - started
                check(await outcome(conn), f"scan, slice {number + 1} (0: warm-up)")
                return elapsed

            async def statement(number: int) -> float:
                await restore(conn)
                started = time.perf_counter()
                async with conn.transaction():
                    await conn.execute(YARDSTICK, AS_OF)
                elapsed = time.perf_counter() - started
                check(await outcome(conn), f"statement, slice {number + 1} (0: warm-up)")
                return elapsed

            # One untimed run of each first: both find warm caches, and the scan's result is
            # the reference every later run is checked against.
            await scan(-1)
            await statement(-1)
            comparison = await interleaved(
                f"escalation scan, {CASES:,} cases",
                "one set-based statement",
                "s",
                scan,
                statement,
                slices=SLICES,
                higher_is_better=False,
            )
            await restore(conn)
            statements = await counted_scan()
            started = time.perf_counter()
            rerun = await escalate_overdue_cases(AS_OF)
            rerun_seconds = time.perf_counter() - started
        finally:
            await conn.close()
        levels = [level for _, level, *_ in reference["escalations"]]
        print(
            f"{candidates:,} candidates; {levels.count(1):,} level-1 and {levels.count(2):,} "
            f"level-2 escalations, {len(reference['events']):,} events, "
            f"{len(reference['cases']):,} cases moved: the scan and the statement leave them "
            f"row for row alike (every run checked)"
        )
        print(
            f"the scan sends {statements} SQL statements; a rerun finds "
            f"{rerun.candidates} candidates in {rerun_seconds * 1000:.1f} ms"
        )
        print(
            f"ratio (scan / statement, median of {SLICES} slices): "
            f"{comparison.median_ratio:.2f}x; load average at end: {format_load(load_average())}"
        )
    finally:
        await close_db()
        await drop_database(url, bench_url)


if __name__ == "__main__":
    asyncio.run(main())
