"""The JobRun type: how clients follow background work (contract §2)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from api.manufacturing.job_run_fields import JobRunManufacturingFields
from api.relay import ModelNode
from domain.jobs import models

JobKind = strawberry.enum(models.JobKind, name="JobKind")
JobStatus = strawberry.enum(models.JobStatus, name="JobStatus")


@strawberry.type
class JobRun(JobRunManufacturingFields, ModelNode):
    model_class = models.JobRun

    id: strawberry.relay.NodeID[int]
    kind: JobKind  # type: ignore[valid-type]
    status: JobStatus  # type: ignore[valid-type]
    progress: float = strawberry.field(description="Fraction done, from 0.0 to 1.0.")
    error: str | None
    requested_by: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @strawberry.field(description="What the job produced (its summary), once it succeeded.")
    def result(self) -> JSON | None:
        return self.record.result

    @strawberry.field
    def params(self) -> JSON:
        return self.record.params
