"""Queries and mutations of cases, calendars, SLA policies and the escalation run (§7)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.errors import perform
from api.jobs.start import start_job
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    filter_id,
    node_by_global_id,
    order_fields,
    paginate,
    to_node,
)
from api.service.inputs import (
    BusinessCalendarCreateInput,
    BusinessCalendarFilter,
    BusinessCalendarOrder,
    CaseAssignInput,
    CaseCreateInput,
    CaseFilter,
    CaseOrder,
    CaseRecordResponseInput,
    CaseSetPriorityInput,
    CaseSetStatusInput,
    SlaEscalationRunStartInput,
    SlaPolicyCreateInput,
    SlaPolicyFilter,
    SlaPolicyOrder,
    case_filter,
    case_order,
)
from api.service.types import (
    BusinessCalendar,
    BusinessCalendarCreatePayload,
    Case,
    CaseAssignPayload,
    CaseCreatePayload,
    CaseRecordResponsePayload,
    CaseSetPriorityPayload,
    CaseSetStatusPayload,
    SlaEscalationRunStartPayload,
    SlaPolicy,
    SlaPolicyCreatePayload,
)
from domain.jobs.kinds import SlaEscalationParams
from domain.jobs.models import JobKind
from domain.service import services
from domain.service.services import SlaTargetDraft, WorkingHoursDraft
from domain.validation import optional_moment

NodeId = Annotated[strawberry.ID, strawberry.argument(description="The object's global id.")]


def _assignee(value: strawberry.ID | None) -> dict[str, int | None]:
    """create_case's assignee: omitted (UNSET) → the token's user; null → no one (§13)."""
    if value is strawberry.UNSET:
        return {}
    return {"assignee_id": None if value is None else decode_id(value, "User", "assignee_id")}


@strawberry.type
class Query:
    @strawberry.field(description="A case by its global id; null when there is none.")
    async def case(self, info: Info, id: NodeId) -> Case | None:
        return await node_by_global_id(Case, info, id)

    @strawberry.field(description="Cases, newest first unless orderBy says otherwise.")
    async def cases(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            CaseFilter | None, strawberry.argument(description="Which cases; all by default.")
        ] = None,
        order_by: Annotated[
            CaseOrder | None, strawberry.argument(description="Default: OPENED_AT DESC.")
        ] = None,
    ) -> Connection[Case]:
        return await paginate(
            services.list_cases(case_filter(filter)),
            Case.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=case_order(order_by),
        )

    @strawberry.field(description="The business calendars, by name unless orderBy says otherwise.")
    async def business_calendars(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            BusinessCalendarFilter | None,
            strawberry.argument(description="Which calendars; all by default."),
        ] = None,
        order_by: Annotated[
            BusinessCalendarOrder | None, strawberry.argument(description="Default: NAME ASC.")
        ] = None,
    ) -> Connection[BusinessCalendar]:
        queryset = services.list_business_calendars()
        if filter is not None and filter.search and filter.search.strip():
            queryset = queryset.filter(name__icontains=filter.search.strip())
        return await paginate(
            queryset,
            BusinessCalendar.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=(
                order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)
            ),
        )

    @strawberry.field(description="The SLA policies, by name unless orderBy says otherwise.")
    async def sla_policies(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            SlaPolicyFilter | None,
            strawberry.argument(description="Which policies; all by default."),
        ] = None,
        order_by: Annotated[
            SlaPolicyOrder | None, strawberry.argument(description="Default: NAME ASC.")
        ] = None,
    ) -> Connection[SlaPolicy]:
        queryset = services.list_sla_policies()
        if filter is not None:
            if filter.search and filter.search.strip():
                queryset = queryset.filter(name__icontains=filter.search.strip())
            calendar_id = filter_id(filter.calendar_id, "BusinessCalendar", "calendarId")
            if calendar_id is not None:
                queryset = queryset.filter(calendar_id=calendar_id)
            if filter.is_default is not None:
                queryset = queryset.filter(is_default=filter.is_default)
        return await paginate(
            queryset,
            SlaPolicy.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=(
                order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)
            ),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Creates a business calendar (ADMIN).")
    async def business_calendar_create(
        self,
        input: Annotated[
            BusinessCalendarCreateInput,
            strawberry.argument(description="The calendar's name, timezone, hours, holidays."),
        ],
    ) -> BusinessCalendarCreatePayload:
        return await perform(
            BusinessCalendarCreatePayload,
            "business_calendar",
            lambda: services.create_business_calendar(
                name=input.name,
                timezone=input.timezone,
                hours=[WorkingHoursDraft(h.weekday, h.start, h.end) for h in input.hours],
                holidays=input.holidays,
            ),
            BusinessCalendar.from_model,
        )

    @strawberry.mutation(description="Creates an SLA policy (ADMIN).")
    async def sla_policy_create(
        self,
        input: Annotated[
            SlaPolicyCreateInput,
            strawberry.argument(description="The policy's calendar and targets."),
        ],
    ) -> SlaPolicyCreatePayload:
        return await perform(
            SlaPolicyCreatePayload,
            "sla_policy",
            lambda: services.create_sla_policy(
                name=input.name,
                calendar_id=decode_id(input.calendar_id, "BusinessCalendar", "calendar_id"),
                targets=[
                    SlaTargetDraft(t.priority, t.first_response_minutes, t.resolution_minutes)
                    for t in input.targets
                ],
                at_risk_percent=input.at_risk_percent,
                is_default=input.is_default,
            ),
            SlaPolicy.from_model,
        )

    @strawberry.mutation(
        description="Opens a case, numbered CASE-YYYY-NNNNNN, with its due times computed "
        "from the account's policy (else the default policy)."
    )
    async def case_create(
        self,
        input: Annotated[CaseCreateInput, strawberry.argument(description="The case's fields.")],
    ) -> CaseCreatePayload:
        return await perform(
            CaseCreatePayload,
            "case",
            lambda: services.create_case(
                account_id=decode_id(input.account_id, "Account", "account_id"),
                contact_id=(
                    None
                    if input.contact_id is None
                    else decode_id(input.contact_id, "Contact", "contact_id")
                ),
                subject=input.subject,
                description=input.description,
                priority=input.priority,
                opened_at=input.opened_at,
                **_assignee(input.assignee_id),
                external={
                    "external_id": input.external_id,
                    "metadata": input.metadata,
                    "private_metadata": input.private_metadata,
                },
            ),
            Case.from_model,
        )

    @strawberry.mutation(
        description="Gives a case to another user, or to no one (§13); records case.assigned."
    )
    async def case_assign(
        self,
        input: Annotated[CaseAssignInput, strawberry.argument(description="The case and user.")],
    ) -> CaseAssignPayload:
        return await perform(
            CaseAssignPayload,
            "case",
            lambda: services.assign_case(
                decode_id(input.id, "Case"),
                None
                if input.assignee_id is None
                else decode_id(input.assignee_id, "User", "assignee_id"),
            ),
            Case.from_model,
        )

    @strawberry.mutation(
        description="Records the first response (a later one changes nothing); a NEW case "
        "becomes OPEN."
    )
    async def case_record_response(
        self,
        input: Annotated[
            CaseRecordResponseInput, strawberry.argument(description="The case and when.")
        ],
    ) -> CaseRecordResponsePayload:
        return await perform(
            CaseRecordResponsePayload,
            "case",
            lambda: services.record_case_response(decode_id(input.id, "Case"), input.at),
            Case.from_model,
        )

    @strawberry.mutation(
        description="Moves a case along its workflow; WAITING_ON_CUSTOMER pauses the "
        "resolution clock, RESOLVED stamps resolvedAt."
    )
    async def case_set_status(
        self,
        input: Annotated[
            CaseSetStatusInput, strawberry.argument(description="The case, its status, when.")
        ],
    ) -> CaseSetStatusPayload:
        return await perform(
            CaseSetStatusPayload,
            "case",
            lambda: services.set_case_status(decode_id(input.id, "Case"), input.status, input.at),
            Case.from_model,
        )

    @strawberry.mutation(
        description="Changes the priority; both due times are recomputed from openedAt."
    )
    async def case_set_priority(
        self,
        input: Annotated[
            CaseSetPriorityInput, strawberry.argument(description="The case and its priority.")
        ],
    ) -> CaseSetPriorityPayload:
        return await perform(
            CaseSetPriorityPayload,
            "case",
            lambda: services.set_case_priority(decode_id(input.id, "Case"), input.priority),
            Case.from_model,
        )

    @strawberry.mutation(
        description="Escalates the cases due at asOf (default: now) in a worker (§7); the "
        "cron job runs the same every TANDEM_SLA_SCAN_SECONDS.",
    )
    async def sla_escalation_run_start(
        self,
        info: Info,
        input: Annotated[
            SlaEscalationRunStartInput, strawberry.argument(description="When to escalate at.")
        ],
    ) -> SlaEscalationRunStartPayload:
        async def start() -> object:
            as_of = optional_moment(input.as_of, "as_of")
            return await start_job(info, JobKind.SLA_ESCALATION, SlaEscalationParams(as_of))

        return await perform(SlaEscalationRunStartPayload, "job_run", start, to_node)
