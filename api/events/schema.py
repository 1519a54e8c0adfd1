"""Subscriptions over graphql-transport-ws: `events(types:)` and `jobRunUpdated(id:)`."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from api.events.live import listening
from api.jobs.types import JobRun, principal_role
from api.permissions import visible_kinds
from api.relay import decode_id
from api.webhooks.types import Event
from domain.errors import DomainError, not_found
from domain.jobs import models as job_models
from domain.jobs.services import FINISHED
from domain.webhooks.broadcast import EVENTS, JOB_RUNS
from domain.webhooks.event_types import clean_patterns, matches


def _refusal(error: DomainError) -> GraphQLError:
    # Raised before the first result, a DomainError would reach the client without its code.
    return GraphQLError(error.message, extensions={"code": error.code.value})


def _state(run: job_models.JobRun) -> tuple[Any, ...]:
    return (run.status, run.progress, run.error, run.finished_at)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Domain events as they are dispatched (§8; ADMIN, INTEGRATION), the same "
        "ones webhooks deliver. Needs Redis (UNAVAILABLE otherwise); events of a moment the "
        "socket was closed are not replayed: webhooks are the durable channel."
    )
    async def events(
        self,
        info: Info,
        types: Annotated[
            list[str] | None,
            strawberry.argument(
                description="Exact types (`invoice.posted`) and wildcards (`invoice.*`, `*`); "
                "every event when omitted. An unknown type is INVALID."
            ),
        ] = None,
    ) -> AsyncGenerator[Event, None]:
        try:
            patterns = ["*"] if types is None else clean_patterns(types, "types")
        except DomainError as error:
            raise _refusal(error) from None
        async with listening(info, EVENTS) as messages:
            async for message in messages:
                if matches(patterns, message.get("type", "")):
                    yield Event.from_message(message)

    @strawberry.subscription(
        description="The JobRun as it is now, then after every status or progress change; "
        "completes once it has SUCCEEDED, FAILED or been CANCELLED (§2 Background work). "
        "Needs Redis (UNAVAILABLE otherwise)."
    )
    async def job_run_updated(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The JobRun's global id; NOT_FOUND for a run of a kind your role "
                "may not start."
            ),
        ],
    ) -> AsyncGenerator[JobRun, None]:
        try:
            pk = decode_id(id, "JobRun")
        except DomainError as error:
            raise _refusal(error) from None
        async with listening(info, JOB_RUNS) as messages:
            run = await job_models.JobRun.get_or_none(id=pk)
            if run is None or run.kind not in visible_kinds(principal_role(info)):
                raise _refusal(not_found("JobRun", id))
            yield JobRun.from_model(run)
            last = _state(run)
            if run.status in FINISHED:
                return
            async for message in messages:
                if message.get("id") != pk:
                    continue
                run = job_models.JobRun(**message)
                if _state(run) == last:
                    continue
                last = _state(run)
                yield JobRun.from_model(run)
                if run.status in FINISHED:
                    return
