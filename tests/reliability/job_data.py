"""The data sets of the takeover tests, loaded into a migrated throwaway database by a
subprocess, so the test process's ORM stays on the session's database:

    python -m tests.reliability.job_data orders|mrp|sla DATABASE_URL
"""

from __future__ import annotations

import asyncio
import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from adapters.database import close_db, init_db
from bench.mrp import load_catalogue
from domain.accounts.models import Account
from domain.demo.bulk import load_shipped_orders
from domain.service.models import Case
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

SHIPPED_ORDERS = 2000
INVOICE_DATE = date(2026, 3, 31)

# bench/mrp.py's catalogue: 5,000 items, BOM depth 6, 500 sales lines.
MRP_SEED = 7
# Large enough that the run (planning and writing stream together) is still RUNNING when the
# test sees it start, on a fast machine too.
MRP_ITEMS = 10_000
MRP_AS_OF = date(2026, 3, 2)
MRP_HORIZON_DAYS = 90

# Enough chunks of the set-based scan (500 cases each) that the run is still going when the
# test kills its worker at 30 %.
BREACHED_CASES = 20_000
# Far in the future, so the workers' own scheduled scan (as of now) never finds these cases
# due: only the run the test starts, as of SLA_AS_OF, escalates them.
CASES_OPENED_AT = datetime(2031, 1, 6, 8, 0, tzinfo=UTC)  # a Monday morning
SLA_AS_OF = CASES_OPENED_AT + timedelta(days=30)
FIRST_RESPONSE_MINUTES = 60
RESOLUTION_MINUTES = 480


async def load_breached_cases(count: int) -> None:
    """`count` NEW cases nobody answered, opened at CASES_OPENED_AT: at SLA_AS_OF each is
    due for both levels (at risk, then breached) in one scan."""
    calendar = await create_business_calendar(
        name="Office",
        timezone="UTC",
        hours=[WorkingHoursDraft(day, "09:00", "17:00") for day in range(1, 6)],
    )
    policy = await create_sla_policy(
        name="Standard",
        calendar_id=calendar.id,
        targets=[
            SlaTargetDraft(priority, FIRST_RESPONSE_MINUTES, RESOLUTION_MINUTES)
            for priority in Priority
        ],
        is_default=True,
    )
    account = await Account.create(name="Impatient customer", currency="USD")
    terms = SlaTerms(calendar_of(calendar), FIRST_RESPONSE_MINUTES, RESOLUTION_MINUTES, 80)
    schedule = sla_schedule(terms, CASES_OPENED_AT)
    check_at = next_escalation_at(schedule, status=CaseStatus.NEW, escalation_level=0)
    await Case.bulk_create(
        [
            Case(
                number=f"CASE-{index:06d}",
                subject=f"Case {index}",
                account_id=account.id,
                priority=Priority.NORMAL,
                status=CaseStatus.NEW,
                opened_at=CASES_OPENED_AT,
                sla_policy_id=policy.id,
                first_response_target_minutes=FIRST_RESPONSE_MINUTES,
                resolution_target_minutes=RESOLUTION_MINUTES,
                first_response_at_risk_at=schedule.first_response_at_risk_at,
                first_response_due_at=schedule.first_response_due_at,
                resolution_at_risk_at=schedule.resolution_at_risk_at,
                resolution_due_at=schedule.resolution_due_at,
                escalation_level=0,
                escalation_check_at=check_at,
            )
            for index in range(1, count + 1)
        ],
        batch_size=1000,
    )


@dataclass(frozen=True)
class RunStart:
    """The mutation that starts the job run over a data set."""

    mutation: str
    payload: str
    variables: dict[str, Any]


STARTS = {
    "orders": RunStart(
        """
        mutation Start($issueDate: Date!) {
          invoiceRunStart(input: {issueDate: $issueDate}) {
            jobRun { id status attempts } errors { code }
          }
        }
        """,
        "invoiceRunStart",
        {"issueDate": INVOICE_DATE.isoformat()},
    ),
    "mrp": RunStart(
        """
        mutation Start($asOf: Date!, $horizonDays: Int!) {
          mrpRunStart(input: {asOf: $asOf, horizonDays: $horizonDays}) {
            jobRun { id status attempts } errors { code }
          }
        }
        """,
        "mrpRunStart",
        {"asOf": MRP_AS_OF.isoformat(), "horizonDays": MRP_HORIZON_DAYS},
    ),
    "sla": RunStart(
        """
        mutation Start($asOf: DateTime!) {
          slaEscalationRunStart(input: {asOf: $asOf}) {
            jobRun { id status attempts } errors { code }
          }
        }
        """,
        "slaEscalationRunStart",
        {"asOf": SLA_AS_OF.isoformat()},
    ),
}


async def load(kind: str, database_url: str) -> None:
    await init_db(database_url)
    try:
        if kind == "orders":
            await load_shipped_orders(SHIPPED_ORDERS)
        elif kind == "mrp":
            await load_catalogue(random.Random(MRP_SEED), MRP_ITEMS)
        elif kind == "sla":
            await load_breached_cases(BREACHED_CASES)
        else:
            raise SystemExit(f"unknown data set {kind!r}: orders, mrp or sla")
    finally:
        await close_db()


if __name__ == "__main__":
    asyncio.run(load(sys.argv[1], sys.argv[2]))
