"""On PostgreSQL a periodClose waits for the postings under way, so none commits into the
period behind it (§11)."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.closing.periods import close_period, closed_through, ensure_open
from domain.errors import DomainError, ErrorCode
from domain.ledger.models import JournalEntry
from domain.ledger.services import CASH, EQUITY, Posting, post_journal_entry

pytestmark = pytest.mark.usefixtures("postgres_only")

APRIL_15 = date(2026, 4, 15)


async def waiting_on_a_lock() -> int:
    rows = await connections.get("default").execute_query_dict(
        "SELECT count(*) AS n FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return int(rows[0]["n"])


async def test_a_close_waits_for_a_posting_under_way_and_refuses_the_next(database):
    checked = asyncio.Event()
    release = asyncio.Event()

    async def posting() -> None:
        async with in_transaction():
            await ensure_open(APRIL_15)
            checked.set()
            await release.wait()
            await post_journal_entry(
                entry_date=APRIL_15,
                memo="Owner's capital",
                source="MANUAL",
                postings=[
                    Posting(CASH, debit=Decimal("10.00")),
                    Posting(EQUITY, credit=Decimal("10.00")),
                ],
            )

    under_way = asyncio.create_task(posting())
    await checked.wait()
    close = asyncio.create_task(close_period(date(2026, 4, 30)))
    # Each look is a query, so the close gets to run until it waits on the lock row.
    while await waiting_on_a_lock() == 0:
        continue
    assert not close.done()

    release.set()
    await under_way
    assert await close == date(2026, 4, 30)

    assert await JournalEntry.filter(date=APRIL_15).count() == 1
    assert await closed_through() == date(2026, 4, 30)
    with pytest.raises(DomainError) as caught:
        await post_journal_entry(
            entry_date=APRIL_15,
            memo="Too late",
            source="MANUAL",
            postings=[
                Posting(CASH, debit=Decimal("1.00")),
                Posting(EQUITY, credit=Decimal("1.00")),
            ],
        )
    assert caught.value.code == ErrorCode.PERIOD_CLOSED
