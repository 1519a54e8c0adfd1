"""GraphQL enums of activities (contract §4.1), each value described."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.scalars import described_enum
from domain.activities import models

ActivityKind = described_enum(
    models.ActivityKind,
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


@strawberry.enum(description="What a list of activities can be sorted by.")
class ActivityOrderField(Enum):
    CREATED_AT = strawberry.enum_value("created_at", description="When it was logged.")
    DUE_AT = strawberry.enum_value(
        "due_at",
        description="When it is due; activities without a due time sort last ascending, "
        "first descending.",
    )
    COMPLETED_AT = strawberry.enum_value(
        "completed_at",
        description="When it was completed; open activities sort last ascending, first descending.",
    )
