"""GraphQL inputs of cases, calendars and SLA policies (§7): filters, orders, mutation inputs.

The case filter and order are also the arguments of `Account.cases`, so they live apart from
the object types: the accounts area imports them without importing this area's types."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from api.external_data import ExternalDataCreateInput, ExternalDataFilter, metadata_pairs
from api.relay import filter_id, order_fields
from api.scalars import OrderDirection
from api.service.enums import (
    BusinessCalendarOrderField,
    CaseOrderField,
    CaseStatus,
    Priority,
    SlaPolicyOrderField,
    SlaStatus,
)
from domain.service import services

ORDER_DIRECTION = "ASC or DESC; ties are broken by id, in the same direction."


@strawberry.input(description="How to sort a case list.")
class CaseOrder:
    field: CaseOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which cases a list shows; all conditions must hold.")
class CaseFilter(ExternalDataFilter):
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's cases (an Account id)."
    )
    status: CaseStatus | None = strawberry.field(default=None, description="Only this status.")
    priority: Priority | None = strawberry.field(default=None, description="Only this priority.")
    sla_status: SlaStatus | None = strawberry.field(
        default=None, description="Only cases with this slaStatus at the time of the request."
    )
    escalation_level: int | None = strawberry.field(
        default=None, description="Only this escalation level: 0, 1 (at risk) or 2 (breached)."
    )
    search: str | None = strawberry.field(
        default=None, description="Part of the subject, in any letter case."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the cases assigned to this user (a User id)."
    )


def case_filter(flt: CaseFilter | None) -> services.CaseFilter:
    if flt is None:
        return services.CaseFilter()
    return services.CaseFilter(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        status=flt.status,
        priority=flt.priority,
        escalation_level=flt.escalation_level,
        sla_status=flt.sla_status,
        search=flt.search,
        assignee_id=filter_id(flt.assignee_id, "User", "assigneeId"),
        external_id=flt.external_id,
        metadata=metadata_pairs(flt),
    )


def case_order(order: CaseOrder | None) -> tuple[str, ...]:
    """Newest first unless the client says otherwise."""
    return order_fields(order.field.value, order.direction) if order else ("-opened_at",)


@strawberry.input(description="How to sort a calendar list.")
class BusinessCalendarOrder:
    field: BusinessCalendarOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which business calendars a list shows.")
class BusinessCalendarFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the name, in any letter case."
    )


@strawberry.input(description="How to sort a policy list.")
class SlaPolicyOrder:
    field: SlaPolicyOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which SLA policies a list shows; all conditions must hold.")
class SlaPolicyFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the name, in any letter case."
    )
    calendar_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the policies counting this BusinessCalendar's hours."
    )
    is_default: bool | None = strawberry.field(
        default=None, description="true: only the default policy; false: all others."
    )


@strawberry.input(description="Working hours on one weekday.")
class WorkingHoursInput:
    weekday: int = strawberry.field(description="1 = Monday … 7 = Sunday.")
    start: str = strawberry.field(description='"HH:MM", 24-hour, in the calendar\'s timezone.')
    end: str = strawberry.field(
        description='"HH:MM" after start; "24:00" is midnight at the day\'s end.'
    )


@strawberry.input(description="A new business calendar (businessCalendarCreate).")
class BusinessCalendarCreateInput:
    name: str = strawberry.field(description="Unique (DUPLICATE otherwise), up to 120 characters.")
    timezone: str = strawberry.field(
        description='An IANA timezone, e.g. "Europe/Berlin"; hours and holidays are local to it.'
    )
    hours: list[WorkingHoursInput] = strawberry.field(
        description="The working periods of the week; several per weekday are allowed when "
        "they do not overlap."
    )
    holidays: list[date] = strawberry.field(
        default_factory=list, description="Days without working time."
    )


@strawberry.input(description="What a policy promises for one priority.")
class SlaTargetInput:
    priority: Priority = strawberry.field(description="One target per priority (DUPLICATE).")
    first_response_minutes: int = strawberry.field(
        description="Business minutes from opening to the first response."
    )
    resolution_minutes: int = strawberry.field(
        description="Business minutes from opening to resolution, not counting time waiting "
        "on the customer."
    )


@strawberry.input(description="A new SLA policy (slaPolicyCreate).")
class SlaPolicyCreateInput:
    name: str = strawberry.field(description="Unique (DUPLICATE otherwise), up to 120 characters.")
    calendar_id: strawberry.ID = strawberry.field(
        description="The BusinessCalendar whose working time the targets count."
    )
    targets: list[SlaTargetInput] = strawberry.field(
        description="At least one; a case of a priority without a target has no SLA."
    )
    at_risk_percent: int = strawberry.field(
        default=80, description="A target is AT_RISK once this percent of it is used (0–100)."
    )
    is_default: bool = strawberry.field(
        default=False,
        description="The policy of accounts without their own; a new default replaces the old.",
    )


@strawberry.input(description="A new case (caseCreate).")
class CaseCreateInput(ExternalDataCreateInput):
    subject: str = strawberry.field(description="What it is about; blank → REQUIRED.")
    account_id: strawberry.ID = strawberry.field(
        description="The Account; its slaPolicy, else the default policy, applies."
    )
    description: str | None = strawberry.field(
        default=None, description="The details, multi-line, up to 20,000 characters."
    )
    contact_id: strawberry.ID | None = strawberry.field(
        default=None, description="A Contact of that account (INVALID otherwise)."
    )
    priority: Priority = strawberry.field(default=Priority.NORMAL, description="NORMAL by default.")
    opened_at: datetime | None = strawberry.field(
        default=None,
        description="Defaults to now; may lie in the past (imports), not in the future. The "
        "case number carries its year.",
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who works it: an active User (INVALID otherwise); omitted: the token's "
        "user (none for a token issued for no one); null: no one.",
    )


@strawberry.input(description="Giving a case to another user (caseAssign, §13).")
class CaseAssignInput:
    id: strawberry.ID = strawberry.field(description="The Case.")
    assignee_id: strawberry.ID | None = strawberry.field(
        description="An active User (INVALID otherwise); null: no one."
    )


@strawberry.input(description="Recording a case's first response.")
class CaseRecordResponseInput:
    id: strawberry.ID = strawberry.field(description="The Case.")
    at: datetime | None = strawberry.field(
        default=None, description="When it was answered; defaults to now, never in the future."
    )


@strawberry.input(description="Moving a case to another status.")
class CaseSetStatusInput:
    id: strawberry.ID = strawberry.field(description="The Case.")
    status: CaseStatus = strawberry.field(
        description="The new status; a move the workflow forbids → INVALID_TRANSITION."
    )
    at: datetime | None = strawberry.field(
        default=None, description="When it happened; defaults to now, never in the future."
    )


@strawberry.input(description="Changing a case's priority; both due times are recomputed.")
class CaseSetPriorityInput:
    id: strawberry.ID = strawberry.field(description="The Case.")
    priority: Priority = strawberry.field(description="The new priority.")


@strawberry.input(description="Starting an SLA escalation run (§7).")
class SlaEscalationRunStartInput:
    as_of: datetime | None = strawberry.field(
        default=None, description="The instant to escalate at; defaults to now."
    )
