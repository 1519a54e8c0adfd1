"""A SIGKILLed worker mid-import with real `tandem` processes (§2, §14): the run is taken over
by the other worker and finishes with each row imported once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.processes import (
    installation,
    kill_its_worker,
    postgres,
    start_run,
    wait_for_workers,
)

ROWS = 5_000
START = """
mutation Start($content: String!) {
  importRunStart(input: {kind: ACCOUNTS, format: CSV, content: $content}) {
    jobRun { id status attempts } errors { code }
  }
}"""


@pytest.fixture
def needs_postgres() -> None:
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("needs PostgreSQL (set TEST_DATABASE_URL): worker processes racing")


async def test_an_import_whose_worker_is_killed_imports_each_row_once(
    needs_postgres: None, tmp_path: Path, redis_url: str
) -> None:
    content = "externalId,name\n" + "".join(f"a-{n},Account {n}\n" for n in range(1, ROWS + 1))
    async with installation(tmp_path, redis_url, postgres=True) as setup:
        await setup.worker()
        await setup.worker()
        api = await setup.serve()
        await wait_for_workers(setup, 2)
        run_id = await start_run(api, START, "importRunStart", {"content": content})

        takeover = await kill_its_worker(
            setup, api, run_id, kill_when=lambda run: run["progress"] >= 0.2
        )

        assert takeover.run["status"] == "SUCCEEDED", takeover.run
        assert takeover.run["attempts"] == 2
        result = takeover.run["result"]
        assert (result["created"], result["updated"], result["unchanged"], result["failed"]) == (
            ROWS, 0, 0, 0,
        )  # fmt: skip
        async with postgres(setup.database_url) as db:
            accounts = await db.fetchval("SELECT count(*) FROM accounts")
            distinct = await db.fetchval("SELECT count(DISTINCT external_id) FROM accounts")
            created = await db.fetchval(
                "SELECT count(*) FROM events WHERE type = 'account.created'"
            )
            rows = await db.fetch(
                "SELECT line FROM import_rows r JOIN data_imports d ON d.id = r.data_import_id"
                " ORDER BY line"
            )
            completed = await db.fetchval(
                "SELECT count(*) FROM events WHERE type = 'import_run.completed'"
            )
        # each of the 5,000 rows (lines 2 … 5,001) once, each account and its event once
        assert accounts == distinct == created == ROWS
        assert [row["line"] for row in rows] == list(range(2, ROWS + 2))
        assert completed == 1
