"""GraphQL enums of activities (contract §4.1), each value described."""

from __future__ import annotations

from enum import Enum

from api.scalars import described_enum
from domain.activities.models import ActivityKind

__all__ = ["ActivityKind", "ActivityOrderField"]

described_enum(
    ActivityKind,
    name="ActivityKind",
    description="What kind of work an activity is.",
    values={
        "CALL": "A phone call.",
        "EMAIL": "An email sent or received.",
        "MEETING": "A meeting, in person or online.",
        "TASK": "Something to do, usually with a due time.",
        "NOTE": "A note for the record.",
    },
)


class ActivityOrderField(Enum):
    CREATED_AT = "created_at"
    DUE_AT = "due_at"
    COMPLETED_AT = "completed_at"


described_enum(
    ActivityOrderField,
    name="ActivityOrderField",
    description="What a list of activities can be sorted by.",
    values={
        "CREATED_AT": "When it was logged.",
        "DUE_AT": "When it is due; activities without a due time sort last ascending, first "
        "descending.",
        "COMPLETED_AT": "When it was completed; open activities sort last ascending, first "
        "descending.",
    },
)
