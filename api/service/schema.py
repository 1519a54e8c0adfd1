"""Queries and mutations of cases, calendars, SLA policies and the escalation run (§7)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.errors import perform
from api.jobs.start import start_job
from api.jobs.types import JobRun
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from api.service.types import (
    BusinessCalendar,
    BusinessCalendarCreateInput,
    BusinessCalendarCreatePayload,
    Case,
    CaseCreateInput,
    CaseCreatePayload,
    CaseFilter,
    CaseOrder,
    CaseRecordResponseInput,
    CaseRecordResponsePayload,
    CaseSetPriorityInput,
    CaseSetPriorityPayload,
    CaseSetStatusInput,
    CaseSetStatusPayload,
    SlaEscalationRunStartInput,
    SlaEscalationRunStartPayload,
    SlaPolicy,
    SlaPolicyCreateInput,
    SlaPolicyCreatePayload,
)
from domain.errors import DomainError
from domain.jobs.kinds import SlaEscalationParams
from domain.jobs.models import JobKind
from domain.service import services
from domain.service.services import SlaTargetDraft, WorkingHoursDraft
from domain.validation import optional_moment


@strawberry.type
class Query:
    @strawberry.field
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        return await node_by_global_id(Case, info, id)

    @strawberry.field
    async def cases(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: CaseFilter | None = None,
        order_by: CaseOrder | None = None,
    ) -> Connection[Case]:
        flt = filter or CaseFilter()
        account_id = None
        if flt.account_id is not None:
            try:
                account_id = decode_id(flt.account_id, "Account", "account_id")
            except DomainError:
                account_id = 0  # an id of something else matches no case
        queryset = services.list_cases(
            services.CaseFilter(
                account_id=account_id,
                status=flt.status,
                priority=flt.priority,
                escalation_level=flt.escalation_level,
                sla_status=flt.sla_status,
                search=flt.search,
            )
        )
        order = (
            order_fields(order_by.field.value, order_by.direction) if order_by else ("-opened_at",)
        )
        return await paginate(
            queryset,
            Case.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def business_calendars(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[BusinessCalendar]:
        return await paginate(
            services.list_business_calendars(),
            BusinessCalendar.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("name",),
        )

    @strawberry.field
    async def sla_policies(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[SlaPolicy]:
        return await paginate(
            services.list_sla_policies(),
            SlaPolicy.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("name",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def business_calendar_create(
        self, input: BusinessCalendarCreateInput
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

    @strawberry.mutation
    async def sla_policy_create(self, input: SlaPolicyCreateInput) -> SlaPolicyCreatePayload:
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

    @strawberry.mutation
    async def case_create(self, input: CaseCreateInput) -> CaseCreatePayload:
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
            ),
            Case.from_model,
        )

    @strawberry.mutation
    async def case_record_response(
        self, input: CaseRecordResponseInput
    ) -> CaseRecordResponsePayload:
        return await perform(
            CaseRecordResponsePayload,
            "case",
            lambda: services.record_case_response(decode_id(input.id, "Case"), input.at),
            Case.from_model,
        )

    @strawberry.mutation
    async def case_set_status(self, input: CaseSetStatusInput) -> CaseSetStatusPayload:
        return await perform(
            CaseSetStatusPayload,
            "case",
            lambda: services.set_case_status(decode_id(input.id, "Case"), input.status, input.at),
            Case.from_model,
        )

    @strawberry.mutation
    async def case_set_priority(self, input: CaseSetPriorityInput) -> CaseSetPriorityPayload:
        return await perform(
            CaseSetPriorityPayload,
            "case",
            lambda: services.set_case_priority(decode_id(input.id, "Case"), input.priority),
            Case.from_model,
        )

    @strawberry.mutation(
        description="Escalates the cases due at asOf (default: now) in a worker (§7).",
    )
    async def sla_escalation_run_start(
        self, info: Info, input: SlaEscalationRunStartInput
    ) -> SlaEscalationRunStartPayload:
        async def start() -> object:
            as_of = optional_moment(input.as_of, "as_of")
            return await start_job(info, JobKind.SLA_ESCALATION, SlaEscalationParams(as_of))

        return await perform(SlaEscalationRunStartPayload, "job_run", start, JobRun.from_model)
