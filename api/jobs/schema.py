"""jobRun(id:) and the account-figures job that proves the worker path."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.auth import ALL_ROLES, allow
from api.errors import payload_type, perform
from api.jobs.start import start_job
from api.jobs.types import JobRun
from api.relay import decode_id, node_by_global_id
from domain.accounts.services import get_account
from domain.jobs.models import JobKind

READ = allow(*ALL_ROLES)


@strawberry.type
class Query:
    @strawberry.field(permission_classes=[READ])
    async def job_run(self, info: Info, id: strawberry.ID) -> JobRun | None:
        return await node_by_global_id(JobRun, info, id)


@strawberry.input
class AccountFiguresRefreshInput:
    account_id: strawberry.ID


AccountFiguresRefreshPayload = payload_type("AccountFiguresRefreshPayload", "job_run", JobRun)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        permission_classes=[READ],
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
                info,
                JobKind.ACCOUNT_FIGURES,
                "refresh_account_figures",
                {"account_id": account.id},
            )

        return await perform(AccountFiguresRefreshPayload, "job_run", start, JobRun.from_model)
