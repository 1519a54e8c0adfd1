"""Helpers of the data in/out tests: start an import through GraphQL, run the worker, read
the run back with its rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "import"

START = """
mutation($input: ImportRunStartInput!) {
  importRunStart(input: $input) { jobRun { id status kind } errors { field code message } }
}"""
RUN = """
query($id: ID!, $status: ImportRowStatus) {
  jobRun(id: $id) {
    id status error attempts progress result params
    importRows(first: 100, status: $status) {
      totalCount edges { node { line status errors { field code message } } }
    }
  }
}"""


def sample(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


async def start(
    gql: Any, kind: str, content: str, *, fmt: str = "CSV", dry_run: bool = False
) -> dict[str, Any]:
    body = await gql(
        START, {"input": {"kind": kind, "format": fmt, "content": content, "dryRun": dry_run}}
    )
    return body["data"]["importRunStart"]  # type: ignore[no-any-return]


async def read_run(gql: Any, run_id: str, status: str | None = None) -> dict[str, Any]:
    body = await gql(RUN, {"id": run_id, "status": status})
    return body["data"]["jobRun"]  # type: ignore[no-any-return]


async def imported(
    gql: Any, run_worker: Any, kind: str, content: str, *, fmt: str = "CSV", dry_run: bool = False
) -> dict[str, Any]:
    """The finished run of the file."""
    started = await start(gql, kind, content, fmt=fmt, dry_run=dry_run)
    assert started["errors"] == [], started
    await run_worker()
    return await read_run(gql, started["jobRun"]["id"])


def statuses(run: dict[str, Any]) -> list[tuple[int, str]]:
    return [(e["node"]["line"], e["node"]["status"]) for e in run["importRows"]["edges"]]


def row_errors(run: dict[str, Any]) -> dict[int, list[tuple[tuple[str, ...] | None, str]]]:
    return {
        e["node"]["line"]: [
            (tuple(err["field"]) if err["field"] else None, err["code"])
            for err in e["node"]["errors"]
        ]
        for e in run["importRows"]["edges"]
        if e["node"]["errors"]
    }
