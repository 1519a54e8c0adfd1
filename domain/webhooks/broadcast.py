"""The messages workers publish on Redis pub/sub after commit, for GraphQL subscriptions."""

from __future__ import annotations

from typing import Any

import orjson

from domain.jobs.models import JobRun
from domain.jsonable import jsonable
from domain.outbox.models import Event
from domain.webhooks.signing import iso_timestamp

EVENTS = "events"
JOB_RUNS = "job_runs"
JOB_RUN_FIELDS = (
    "id",
    "kind",
    "status",
    "progress",
    "params",
    "result",
    "error",
    "requested_by",
    "attempts",
    "max_attempts",
    "cancel_requested",
    "heartbeat_at",
    "created_at",
    "started_at",
    "finished_at",
)


def channel(queue_name: str, name: str) -> str:
    """Namespaced like job ids, so installations sharing one Redis never hear each other."""
    return f"{queue_name}:{name}"


def event_message(event: Event) -> bytes:
    return orjson.dumps(
        {
            "id": event.public_id,
            "type": event.type,
            "occurredAt": iso_timestamp(event.occurred_at),
            "payload": event.payload,
        }
    )


def job_run_message(run: JobRun) -> bytes:
    return orjson.dumps(jsonable({name: getattr(run, name) for name in JOB_RUN_FIELDS}))


def decode(data: bytes | str) -> dict[str, Any]:
    decoded = orjson.loads(data)
    if not isinstance(decoded, dict):
        raise ValueError("not a message object")
    return decoded
