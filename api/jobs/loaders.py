"""Dataloaders of the jobs area."""

from __future__ import annotations

from api.loaders import by_id_loader
from domain.jobs.models import JobRun

JobRunByIdLoader = by_id_loader(JobRun)
