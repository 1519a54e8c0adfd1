"""The JobRun type: how clients follow background work (contract §2)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.auth import principal_of
from api.manufacturing.job_run_fields import JobRunManufacturingFields
from api.permissions import visible_kinds
from api.relay import ModelNode
from domain.jobs import models

JobKind = strawberry.enum(models.JobKind, name="JobKind")
JobStatus = strawberry.enum(models.JobStatus, name="JobStatus")


def principal_role(info: Info) -> Any:
    principal = principal_of(info)
    return principal.role if principal is not None else None


@strawberry.type
class JobRun(JobRunManufacturingFields, ModelNode):
    model_class = models.JobRun

    id: strawberry.relay.NodeID[int]
    kind: JobKind  # type: ignore[valid-type]
    status: JobStatus  # type: ignore[valid-type]
    progress: float = strawberry.field(description="Fraction done, from 0.0 to 1.0.")
    attempts: int = strawberry.field(
        description="Tries so far, the first included (a lost worker's try counts)."
    )
    max_attempts: int = strawberry.field(
        description="After this many failed or lost tries the run is FAILED."
    )
    error: str | None = strawberry.field(
        description="The last try's error: `CODE: message` (e.g. `WORKER_LOST: …`)."
    )
    requested_by: str | None
    created_at: datetime
    started_at: datetime | None
    heartbeat_at: datetime | None = strawberry.field(
        description="The running try's last lease renewal; null unless RUNNING."
    )
    finished_at: datetime | None
    cancel_requested: bool = strawberry.field(
        description="jobRunCancel was asked while RUNNING: it stops at its next checkpoint."
    )

    @strawberry.field(description="What the job produced (its summary), once it succeeded.")
    def result(self) -> JSON | None:
        return self.record.result

    @strawberry.field
    def params(self) -> JSON:
        return self.record.params

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        """Runs of kinds the role may not start read as not found."""
        nodes = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        kinds = set(visible_kinds(principal_role(info)))
        return [node if node is not None and node.record.kind in kinds else None for node in nodes]
