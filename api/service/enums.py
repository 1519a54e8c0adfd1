"""GraphQL enums of cases and SLAs (contract §7), each value described."""

from __future__ import annotations

from enum import Enum

from api.scalars import described_enum
from domain.service.sla_rules import CaseStatus, Priority, SlaStatus

__all__ = [
    "BusinessCalendarOrderField",
    "CaseOrderField",
    "CaseStatus",
    "Priority",
    "SlaPolicyOrderField",
    "SlaStatus",
]

described_enum(
    Priority,
    name="CasePriority",
    description="How urgent a case is; each priority has its own SLA targets (§7).",
    values={
        "LOW": "Lowest; a breach raises it to NORMAL.",
        "NORMAL": "The default; a breach raises it to HIGH.",
        "HIGH": "A breach raises it to URGENT.",
        "URGENT": "Highest; stays URGENT on a breach.",
    },
)
described_enum(
    CaseStatus,
    name="CaseStatus",
    description="Where a case stands (§7); CLOSED is final.",
    values={
        "NEW": "Opened, no response yet.",
        "OPEN": "Being worked (a response is recorded, or it was reopened).",
        "WAITING_ON_CUSTOMER": "The resolution clock is paused until the customer answers.",
        "RESOLVED": "Solved; may be reopened (OPEN) or CLOSED.",
        "CLOSED": "Done for good; no further changes.",
    },
)
described_enum(
    SlaStatus,
    name="SlaStatus",
    description="A case's SLA as of the moment asked (§7); the first that applies wins.",
    values={
        "NONE": "No policy target applies to the case.",
        "ON_TRACK": "Every pending target is below the policy's atRiskPercent.",
        "AT_RISK": "A pending target has used at least atRiskPercent of its business minutes.",
        "BREACHED": "A due time passed before its target was met (a late response keeps it).",
        "MET": "Resolved or closed with every target met in time.",
        "PAUSED": "WAITING_ON_CUSTOMER: the resolution clock stands still.",
    },
)


class CaseOrderField(Enum):
    NUMBER = "number"
    OPENED_AT = "opened_at"
    FIRST_RESPONSE_DUE_AT = "first_response_due_at"
    RESOLUTION_DUE_AT = "resolution_due_at"
    UPDATED_AT = "updated_at"


described_enum(
    CaseOrderField,
    name="CaseOrderField",
    description="What a case list can be sorted by.",
    values={
        "NUMBER": "The case number (CASE-YYYY-NNNNNN).",
        "OPENED_AT": "When the case was opened.",
        "FIRST_RESPONSE_DUE_AT": "When the first response is due; cases without an SLA sort "
        "last ascending, first descending.",
        "RESOLUTION_DUE_AT": "When the resolution is due; cases without an SLA sort last "
        "ascending, first descending.",
        "UPDATED_AT": "The last change.",
    },
)


class BusinessCalendarOrderField(Enum):
    NAME = "name"
    CREATED_AT = "created_at"


described_enum(
    BusinessCalendarOrderField,
    name="BusinessCalendarOrderField",
    description="What a calendar list can be sorted by.",
    values={"NAME": "The calendar's name, A→Z.", "CREATED_AT": "When it was created."},
)


class SlaPolicyOrderField(Enum):
    NAME = "name"
    CREATED_AT = "created_at"


described_enum(
    SlaPolicyOrderField,
    name="SlaPolicyOrderField",
    description="What a policy list can be sorted by.",
    values={"NAME": "The policy's name, A→Z.", "CREATED_AT": "When it was created."},
)
