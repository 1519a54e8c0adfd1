"""GraphQL types of cases, business calendars and SLA policies (contract §7)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader, ContactByIdLoader
from api.errors import payload_type
from api.jobs.types import JobRun
from api.relay import ModelNode
from api.scalars import OrderDirection
from api.service.loaders import (
    BusinessCalendarByIdLoader,
    EscalationsByCaseIdLoader,
    PolicyClockByPolicyIdLoader,
    SlaPolicyByIdLoader,
    SlaTargetsByPolicyIdLoader,
)
from domain import clock
from domain.service import models, sla_rules
from domain.service.services import case_sla_status

if TYPE_CHECKING:
    from api.accounts.types import Account, Contact

CasePriority = strawberry.enum(sla_rules.Priority, name="CasePriority")
CaseStatus = strawberry.enum(sla_rules.CaseStatus, name="CaseStatus")
SlaStatus = strawberry.enum(sla_rules.SlaStatus, name="SlaStatus")


@strawberry.type(description="Working wall-clock time on one weekday of a calendar.")
class WorkingHours:
    weekday: int = strawberry.field(description="1 = Monday … 7 = Sunday.")
    start: str = strawberry.field(description='"HH:MM" in the calendar\'s timezone.')
    end: str = strawberry.field(description='"HH:MM"; "24:00" is midnight at the day\'s end.')


@strawberry.type
class BusinessCalendar(ModelNode):
    """Working hours and holidays in an IANA timezone: what SLA targets count."""

    model_class = models.BusinessCalendar

    id: strawberry.relay.NodeID[int]
    name: str
    timezone: str
    created_at: datetime

    @strawberry.field
    def hours(self) -> list[WorkingHours]:
        return [
            WorkingHours(weekday=h["weekday"], start=h["start"], end=h["end"])
            for h in self.record.hours
        ]

    @strawberry.field
    def holidays(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.record.holidays]


@strawberry.type(description="What a policy promises for one priority, in business minutes.")
class SlaTarget:
    priority: CasePriority  # type: ignore[valid-type]
    first_response_minutes: int
    resolution_minutes: int


@strawberry.type
class SlaPolicy(ModelNode):
    model_class = models.SlaPolicy

    id: strawberry.relay.NodeID[int]
    name: str
    at_risk_percent: int
    is_default: bool
    created_at: datetime

    @strawberry.field
    async def calendar(self, info: Info) -> BusinessCalendar:
        row = await info.context.loaders[BusinessCalendarByIdLoader].load(self.record.calendar_id)
        return BusinessCalendar.from_model(row)

    @strawberry.field
    async def targets(self, info: Info) -> list[SlaTarget]:
        rows = await info.context.loaders[SlaTargetsByPolicyIdLoader].load(self.record.id)
        return [
            SlaTarget(
                priority=row.priority,
                first_response_minutes=row.first_response_minutes,
                resolution_minutes=row.resolution_minutes,
            )
            for row in rows
        ]


@strawberry.type(description="One escalation level a case reached, and why.")
class CaseEscalation:
    level: int
    reason: str
    at: datetime


@strawberry.type
class Case(ModelNode):
    """A support case and its SLA clocks."""

    model_class = models.Case

    id: strawberry.relay.NodeID[int]
    number: str
    subject: str
    description: str | None
    priority: CasePriority  # type: ignore[valid-type]
    status: CaseStatus  # type: ignore[valid-type]
    opened_at: datetime
    first_responded_at: datetime | None
    resolved_at: datetime | None
    first_response_due_at: datetime | None
    resolution_due_at: datetime | None
    escalation_level: int = strawberry.field(description="0, 1 (at risk) or 2 (breached).")
    paused_business_minutes: int = strawberry.field(
        description="Business minutes spent in finished WAITING_ON_CUSTOMER periods."
    )
    waiting_since: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="Computed from the SLA rules at the time of the request.")
    async def sla_status(self, info: Info) -> SlaStatus:  # type: ignore[valid-type]
        policy = None
        if self.record.sla_policy_id is not None:
            policy = await info.context.loaders[PolicyClockByPolicyIdLoader].load(
                self.record.sla_policy_id
            )
        return case_sla_status(self.record, policy, clock.utcnow())

    @strawberry.field
    async def escalations(self, info: Info) -> list[CaseEscalation]:
        rows = await info.context.loaders[EscalationsByCaseIdLoader].load(self.record.id)
        return [CaseEscalation(level=row.level, reason=row.reason, at=row.at) for row in rows]

    @strawberry.field(description="The policy captured when the case was opened.")
    async def sla_policy(self, info: Info) -> SlaPolicy | None:
        if self.record.sla_policy_id is None:
            return None
        row = await info.context.loaders[SlaPolicyByIdLoader].load(self.record.sla_policy_id)
        return SlaPolicy.from_optional(row)

    @strawberry.field
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        from api.accounts.types import Account

        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return Account.from_model(row)

    @strawberry.field
    async def contact(
        self, info: Info
    ) -> Annotated[Contact, strawberry.lazy("api.accounts.types")] | None:
        from api.accounts.types import Contact

        if self.record.contact_id is None:
            return None
        row = await info.context.loaders[ContactByIdLoader].load(self.record.contact_id)
        return Contact.from_optional(row)


@strawberry.enum
class CaseOrderField(Enum):
    NUMBER = "number"
    OPENED_AT = "opened_at"
    FIRST_RESPONSE_DUE_AT = "first_response_due_at"
    RESOLUTION_DUE_AT = "resolution_due_at"
    UPDATED_AT = "updated_at"


@strawberry.input
class CaseOrder:
    field: CaseOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class CaseFilter:
    account_id: strawberry.ID | None = None
    status: CaseStatus | None = None  # type: ignore[valid-type]
    priority: CasePriority | None = None  # type: ignore[valid-type]
    sla_status: SlaStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="As of the time of the request."
    )
    escalation_level: int | None = None
    search: str | None = strawberry.field(default=None, description="Matches the subject.")


@strawberry.input
class WorkingHoursInput:
    weekday: int
    start: str
    end: str


@strawberry.input
class BusinessCalendarCreateInput:
    name: str
    timezone: str
    hours: list[WorkingHoursInput]
    holidays: list[date] = strawberry.field(default_factory=list)


@strawberry.input
class SlaTargetInput:
    priority: CasePriority  # type: ignore[valid-type]
    first_response_minutes: int
    resolution_minutes: int


@strawberry.input
class SlaPolicyCreateInput:
    name: str
    calendar_id: strawberry.ID
    targets: list[SlaTargetInput]
    at_risk_percent: int = 80
    is_default: bool = False


@strawberry.input
class CaseCreateInput:
    subject: str
    account_id: strawberry.ID
    description: str | None = None
    contact_id: strawberry.ID | None = None
    priority: CasePriority = sla_rules.Priority.NORMAL  # type: ignore[valid-type]
    opened_at: datetime | None = strawberry.field(
        default=None, description="Defaults to now; may lie in the past (imports)."
    )


@strawberry.input
class CaseRecordResponseInput:
    id: strawberry.ID
    at: datetime | None = strawberry.field(default=None, description="Defaults to now.")


@strawberry.input
class CaseSetStatusInput:
    id: strawberry.ID
    status: CaseStatus  # type: ignore[valid-type]
    at: datetime | None = strawberry.field(default=None, description="Defaults to now.")


@strawberry.input
class CaseSetPriorityInput:
    id: strawberry.ID
    priority: CasePriority  # type: ignore[valid-type]


@strawberry.input
class SlaEscalationRunStartInput:
    as_of: datetime | None = strawberry.field(default=None, description="Defaults to now.")


BusinessCalendarCreatePayload = payload_type(
    "BusinessCalendarCreatePayload", "business_calendar", BusinessCalendar
)
SlaPolicyCreatePayload = payload_type("SlaPolicyCreatePayload", "sla_policy", SlaPolicy)
CaseCreatePayload = payload_type("CaseCreatePayload", "case", Case)
CaseRecordResponsePayload = payload_type("CaseRecordResponsePayload", "case", Case)
CaseSetStatusPayload = payload_type("CaseSetStatusPayload", "case", Case)
CaseSetPriorityPayload = payload_type("CaseSetPriorityPayload", "case", Case)
SlaEscalationRunStartPayload = payload_type("SlaEscalationRunStartPayload", "job_run", JobRun)
