"""jobRun(id:), jobRuns, jobRunCancel, and the account-figures job that proves the worker path."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.errors import MutationInput, payload, perform
from api.jobs.start import start_job
from api.jobs.types import (
    AccountFiguresRefreshInput,
    JobRun,
    JobRunCancelInput,
    JobRunFilter,
    JobRunOrder,
    principal_role,
)
from api.permissions import visible_kinds
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    order_fields,
    paginate,
)
from domain.accounts.services import get_account
from domain.errors import not_found
from domain.jobs import models
from domain.jobs.kinds import AccountFiguresParams
from domain.jobs.services import cancel_job_run
from domain.querying import filter_given


@payload(
    "job_run",
    JobRun,
    key_description="The QUEUED run computing the figures; its `result` holds them once "
    "SUCCEEDED. Null when refused.",
)
class AccountFiguresRefreshPayload: ...


@payload("job_run", JobRun)
class JobRunCancelPayload: ...


@strawberry.type
class Query:
    @strawberry.field(
        description="One background run by its global id; null when it does not exist or is "
        "of a kind your role may not start."
    )
    async def job_run(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The JobRun's global id.")],
    ) -> JobRun | None:
        return await node_by_global_id(JobRun, info, id)

    @strawberry.field(
        description="Background runs of the kinds your role may start (§2), newest first "
        "unless `orderBy` says otherwise."
    )
    async def job_runs(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            JobRunFilter | None, strawberry.argument(description="Only the matching runs.")
        ] = None,
        order_by: Annotated[
            JobRunOrder | None, strawberry.argument(description="The order of the runs.")
        ] = None,
    ) -> Connection[JobRun]:
        flt = filter or JobRunFilter()
        query = filter_given(
            models.JobRun.filter(kind__in=visible_kinds(principal_role(info))),
            kind=flt.kind,
            status=flt.status,
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("-id",)
        return await paginate(
            query,
            JobRun.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Computes the account's figures in a worker (JobRun kind ACCOUNT_FIGURES); "
        "the run's `result` holds them. Every role but READONLY."
    )
    async def account_figures_refresh(
        self, info: Info, input: MutationInput[AccountFiguresRefreshInput]
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
        "(per order, per case…), keeps what it did, and becomes CANCELLED. A finished run is "
        "INVALID_TRANSITION. Your role must be one that may start the run's kind."
    )
    async def job_run_cancel(
        self, info: Info, input: MutationInput[JobRunCancelInput]
    ) -> JobRunCancelPayload:
        async def cancel() -> object:
            job_run_id = decode_id(input.id, "JobRun")
            row = await models.JobRun.get_or_none(id=job_run_id)
            if row is None or row.kind not in visible_kinds(principal_role(info)):
                raise not_found("JobRun", input.id, "id")
            return await cancel_job_run(job_run_id)

        return await perform(JobRunCancelPayload, "job_run", cancel, JobRun.from_model)
