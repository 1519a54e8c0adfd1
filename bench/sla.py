"""SLA escalation scan over 100,000 open cases on a throwaway PostgreSQL database.

The cases are in a steady state: a scan ran an hour before `AS_OF`, so every case holds the
level it had then. The bench times the candidate selection (the index range query) and the
whole run (a transaction per case), and prints how many cases it escalated.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/sla.py
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

# `python bench/<name>.py` puts bench/ first on the path, where bench/api.py would shadow the
# api package: the project root goes in front of it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.database import close_db, create_database, drop_database, init_db
from adapters.migrate import create_schema_without_migrations
from bench.support.harness import admin_database_url
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
    CaseStatus,
    Priority,
    SlaTerms,
    next_escalation_at,
    sla_schedule,
)

CASES = int(os.environ.get("BENCH_SLA_CASES", "100000"))
AS_OF = datetime(2026, 1, 21, 15, 0, tzinfo=UTC)  # a Wednesday afternoon
PREVIOUS_SCAN = AS_OF - timedelta(hours=1)
TARGETS = {
    Priority.LOW: (480, 4800),
    Priority.NORMAL: (240, 2400),
    Priority.HIGH: (60, 960),
    Priority.URGENT: (30, 240),
}
PRIORITY_MIX = [Priority.LOW] * 3 + [Priority.NORMAL] * 5 + [Priority.HIGH] + [Priority.URGENT]


def asyncpg_dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def case_rows(account_id: int, policy_id: int, terms_of: dict[Priority, SlaTerms]) -> list[tuple]:
    rng = random.Random(7)
    rows = []
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
        schedule = sla_schedule(terms, opened)
        level = 0
        while level < 2:
            check_at = next_escalation_at(
                schedule, status=status, escalation_level=level, first_responded_at=responded
            )
            if check_at is None or check_at > PREVIOUS_SCAN:
                break
            level += 1
        check_at = next_escalation_at(
            schedule, status=status, escalation_level=level, first_responded_at=responded
        )
        rows.append(
            (
                f"CASE-{index:06d}",
                f"Case {index}",
                account_id,
                priority.value,
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
    return rows


COLUMNS = [
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


async def main() -> None:
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
        rows = case_rows(account.id, policy.id, terms_of)
        scheduled = time.perf_counter() - started
        conn = await asyncpg.connect(asyncpg_dsn(bench_url))
        try:
            started = time.perf_counter()
            await conn.copy_records_to_table("cases", records=rows, columns=COLUMNS)
            await conn.execute("ANALYZE cases")
            loaded = time.perf_counter() - started
            plan = await conn.fetch(
                "EXPLAIN SELECT id, sla_policy_id FROM cases "
                "WHERE escalation_check_at <= $1 ORDER BY id",
                AS_OF,
            )
        finally:
            await conn.close()
        print(f"open cases:              {CASES:>9,}")
        print(f"schedules computed in:   {scheduled:>9.2f} s (sla_schedule, pure Python)")
        print(f"bulk insert (COPY) in:   {loaded:>9.2f} s")
        print("candidate query plan:    " + "\n                         ".join(r[0] for r in plan))

        timings = []
        for _ in range(5):
            started = time.perf_counter()
            candidates = await escalation_candidates(AS_OF)
            timings.append(time.perf_counter() - started)
        print(
            f"scan (candidates):       {min(timings) * 1000:>9.1f} ms best of 5, "
            f"{len(candidates):,} candidates"
        )

        started = time.perf_counter()
        summary = await escalate_overdue_cases(AS_OF)
        full = time.perf_counter() - started
        print(
            f"full run:                {full:>9.2f} s "
            f"({full / max(1, summary.candidates) * 1000:.2f} ms per candidate)"
        )
        print(
            f"escalated cases:         {summary.escalated_cases:>9,} "
            f"(level 1: {summary.at_risk_escalations:,}, level 2: {summary.breach_escalations:,})"
        )

        started = time.perf_counter()
        rerun = await escalate_overdue_cases(AS_OF)
        print(
            f"rerun:                   {time.perf_counter() - started:>9.2f} s, "
            f"{rerun.candidates} candidates, {rerun.escalated_cases} escalated"
        )
    finally:
        await close_db()
        await drop_database(url, bench_url)


if __name__ == "__main__":
    asyncio.run(main())
