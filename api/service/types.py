"""GraphQL types of cases, business calendars and SLA policies (contract §7)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader, ContactByIdLoader
from api.errors import payload
from api.external_data import EXTERNAL_ID, METADATA, PRIVATE_METADATA
from api.relay import ModelNode, to_node, to_optional_node
from api.service.enums import CaseStatus, Priority, SlaStatus
from api.service.loaders import (
    BusinessCalendarByIdLoader,
    EscalationsByCaseIdLoader,
    PolicyClockByPolicyIdLoader,
    SlaPolicyByIdLoader,
    SlaTargetsByPolicyIdLoader,
)
from api.users.loaders import UserByIdLoader
from domain import clock
from domain.service import models
from domain.service.services import case_sla_status

if TYPE_CHECKING:
    from api.accounts.types import Account, Contact
    from api.jobs.types import JobRun
    from api.users.types import User


@strawberry.type(description="Working wall-clock time on one weekday of a calendar.")
class WorkingHours:
    weekday: int = strawberry.field(description="1 = Monday … 7 = Sunday.")
    start: str = strawberry.field(description='"HH:MM" in the calendar\'s timezone.')
    end: str = strawberry.field(description='"HH:MM"; "24:00" is midnight at the day\'s end.')


@strawberry.type(
    description="Working hours and holidays in an IANA timezone: the business minutes SLA "
    "targets count (§7). Readable by every role; created by ADMIN."
)
class BusinessCalendar(ModelNode):
    model_class = models.BusinessCalendar

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(description="Unique.")
    timezone: str = strawberry.field(description='IANA, e.g. "Europe/Berlin".')
    created_at: datetime = strawberry.field(description="When it was created.")

    @strawberry.field(description="The working periods, by weekday then start time.")
    def hours(self) -> list[WorkingHours]:
        return [
            WorkingHours(weekday=h["weekday"], start=h["start"], end=h["end"])
            for h in self.record.hours
        ]

    @strawberry.field(description="Days without working time, in date order.")
    def holidays(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.record.holidays]


@strawberry.type(description="What a policy promises for one priority, in business minutes.")
class SlaTarget:
    priority: Priority = strawberry.field(description="The cases it applies to.")
    first_response_minutes: int = strawberry.field(
        description="Business minutes from opening to the first response."
    )
    resolution_minutes: int = strawberry.field(
        description="Business minutes from opening to resolution, time waiting on the "
        "customer not counted."
    )


@strawberry.type(
    description="Response and resolution targets per priority over a business calendar "
    "(§7). A case takes its account's policy, else the default one, when it is opened."
)
class SlaPolicy(ModelNode):
    model_class = models.SlaPolicy

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(description="Unique.")
    at_risk_percent: int = strawberry.field(
        description="A target is AT_RISK (escalation level 1) once this percent of it is used."
    )
    is_default: bool = strawberry.field(
        description="The policy of accounts without their own; at most one."
    )
    created_at: datetime = strawberry.field(description="When it was created.")

    @strawberry.field(description="The calendar whose working time the targets count.")
    async def calendar(self, info: Info) -> BusinessCalendar:
        row = await info.context.loaders[BusinessCalendarByIdLoader].load(self.record.calendar_id)
        return BusinessCalendar.from_model(row)

    @strawberry.field(description="One per covered priority, LOW to URGENT.")
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


@strawberry.type(description="One escalation level a case reached, and why (§7).")
class CaseEscalation:
    level: int = strawberry.field(description="1 = at risk, 2 = breached.")
    reason: str = strawberry.field(description="Which target and when it was (or is) due.")
    at: datetime = strawberry.field(description="The instant the scan escalated it.")


@strawberry.type(
    description="A support case and its SLA clocks (§7). Readable by every role; opened by "
    "ADMIN, SERVICE and INTEGRATION, worked by ADMIN and SERVICE."
)
class Case(ModelNode):
    model_class = models.Case

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    number: str = strawberry.field(
        description="CASE-YYYY-NNNNNN, gapless per year of opening (cases numbered before "
        "the year was added keep their CASE-NNNNNN)."
    )
    subject: str = strawberry.field(description="What it is about.")
    description: str | None = strawberry.field(description="The details, multi-line.")
    priority: Priority = strawberry.field(
        description="Picks the SLA targets; a breach raises it one step."
    )
    status: CaseStatus = strawberry.field(description="Where the case stands.")
    opened_at: datetime = strawberry.field(description="When the clocks started.")
    first_responded_at: datetime | None = strawberry.field(
        description="The first recorded response; null until then."
    )
    resolved_at: datetime | None = strawberry.field(
        description="When it was RESOLVED (or CLOSED without resolving); null while open."
    )
    first_response_due_at: datetime | None = strawberry.field(
        description="openedAt + the first-response target in business minutes; null without an SLA."
    )
    resolution_due_at: datetime | None = strawberry.field(
        description="openedAt + the resolution target in business minutes + the business "
        "minutes spent WAITING_ON_CUSTOMER; null without an SLA."
    )
    escalation_level: int = strawberry.field(
        description="0, 1 (at risk) or 2 (breached); each is reached once."
    )
    paused_business_minutes: int = strawberry.field(
        description="Business minutes spent in finished WAITING_ON_CUSTOMER periods."
    )
    waiting_since: datetime | None = strawberry.field(
        description="When the current WAITING_ON_CUSTOMER period began; null otherwise."
    )
    created_at: datetime = strawberry.field(description="When the row was written.")
    updated_at: datetime = strawberry.field(description="The last change.")

    @strawberry.field(description="The customer account.")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        return to_node(await info.context.loaders[AccountByIdLoader].load(self.record.account_id))

    @strawberry.field(description="The contact who raised it, if known.")
    async def contact(
        self, info: Info
    ) -> Annotated[Contact, strawberry.lazy("api.accounts.types")] | None:
        if self.record.contact_id is None:
            return None
        row = await info.context.loaders[ContactByIdLoader].load(self.record.contact_id)
        return to_optional_node(row)

    @strawberry.field(
        description="Who works the case (§13); opened without assigneeId, the token's user."
    )
    async def assignee(
        self, info: Info
    ) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.record.assignee_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.record.assignee_id)
        return to_optional_node(row)

    @strawberry.field(description="The policy captured when the case was opened.")
    async def sla_policy(self, info: Info) -> SlaPolicy | None:
        if self.record.sla_policy_id is None:
            return None
        row = await info.context.loaders[SlaPolicyByIdLoader].load(self.record.sla_policy_id)
        return SlaPolicy.from_optional(row)

    @strawberry.field(description="The levels reached, lowest first (at most two).")
    async def escalations(self, info: Info) -> list[CaseEscalation]:
        rows = await info.context.loaders[EscalationsByCaseIdLoader].load(self.record.id)
        return [CaseEscalation(level=row.level, reason=row.reason, at=row.at) for row in rows]

    @strawberry.field(description="The SLA as of the moment of the request.")
    async def sla_status(self, info: Info) -> SlaStatus:
        policy = None
        if self.record.sla_policy_id is not None:
            policy = await info.context.loaders[PolicyClockByPolicyIdLoader].load(
                self.record.sla_policy_id
            )
        return case_sla_status(self.record, policy, clock.utcnow())


@payload("business_calendar", BusinessCalendar)
class BusinessCalendarCreatePayload:
    pass


@payload("sla_policy", SlaPolicy)
class SlaPolicyCreatePayload:
    pass


@payload("case", Case, key_description="The new case (NEW) with its due times.")
class CaseCreatePayload:
    pass


@payload("case", Case)
class CaseRecordResponsePayload:
    pass


@payload("case", Case, key_description="The case with its new assignee; null when refused.")
class CaseAssignPayload:
    pass


@payload("case", Case)
class CaseSetStatusPayload:
    pass


@payload("case", Case)
class CaseSetPriorityPayload:
    pass


@payload(
    "job_run",
    Annotated["JobRun", strawberry.lazy("api.jobs.types")],
    key_description="The QUEUED run (kind SLA_ESCALATION); follow it with jobRun(id:).",
)
class SlaEscalationRunStartPayload:
    pass
