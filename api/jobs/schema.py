"""jobRun(id:), jobRuns, jobRunCancel, and the account-figures job that proves the worker path."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.errors import payload_type, perform
from api.jobs.start import start_job
from api.jobs.types import JobKind, JobRun, JobStatus, principal_role
from api.permissions import visible_kinds
from api.relay import Connection, decode_id, node_by_global_id, paginate
from domain.accounts.services import get_account
from domain.errors import not_found
from domain.jobs import models
from domain.jobs.kinds import AccountFiguresParams
from domain.jobs.services import cancel_job_run


@strawberry.input(description="Narrows jobRuns; every given field must match.")
class JobRunFilter:
    kind: JobKind | None = None  # type: ignore[valid-type]
    status: JobStatus | None = None  # type: ignore[valid-type]


@strawberry.type
class Query:
    @strawberry.field
    async def job_run(self, info: Info, id: strawberry.ID) -> JobRun | None:
        return await node_by_global_id(JobRun, info, id)

    @strawberry.field(
        description="Background runs of the kinds your role may start, newest first.",
    )
    async def job_runs(
        self,
        info: Info,
        filter: JobRunFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[JobRun]:
        query = models.JobRun.filter(kind__in=visible_kinds(principal_role(info)))
        if filter is not None and filter.kind is not None:
            query = query.filter(kind=filter.kind)
        if filter is not None and filter.status is not None:
            query = query.filter(status=filter.status)
        return await paginate(
            query,
            JobRun.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-id",),
        )


@strawberry.input
class AccountFiguresRefreshInput:
    account_id: strawberry.ID


@strawberry.input
class JobRunCancelInput:
    id: strawberry.ID


AccountFiguresRefreshPayload = payload_type("AccountFiguresRefreshPayload", "job_run", JobRun)
JobRunCancelPayload = payload_type("JobRunCancelPayload", "job_run", JobRun)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Computes the account's figures in a worker; the JobRun's result holds them.",
    )
    async def account_figures_refresh(
        self, info: Info, input: AccountFiguresRefreshInput
    ) -> AccountFiguresRefreshPayload:
        async def start() -> object:
            account = await get_account(
                decode_id(input.account_id, "Account", "account_id"), field="account_id"
            )
            return await start_job(
                info, models.JobKind.ACCOUNT_FIGURES, AccountFiguresParams(account.id)
            )

        return await perform(AccountFiguresRefreshPayload, "job_run", start, JobRun.from_model)

    @strawberry.mutation(
        description="A QUEUED run becomes CANCELLED; a RUNNING one stops at its next checkpoint "
        "(per order, per case…), keeps what it did, and becomes CANCELLED. Your role must be "
        "one that may start the run's kind.",
    )
    async def job_run_cancel(self, info: Info, input: JobRunCancelInput) -> JobRunCancelPayload:
        async def cancel() -> object:
            job_run_id = decode_id(input.id, "JobRun")
            row = await models.JobRun.get_or_none(id=job_run_id)
            if row is None or row.kind not in visible_kinds(principal_role(info)):
                raise not_found("JobRun", input.id, "id")
            return await cancel_job_run(job_run_id)

        return await perform(JobRunCancelPayload, "job_run", cancel, JobRun.from_model)
