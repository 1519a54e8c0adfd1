"""Queries and mutations of segments (contract §13)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info
from strawberry.utils.str_converters import to_camel_case

from api.errors import MutationInput, perform
from api.inputs import provided
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
)
from api.segments.types import (
    Segment,
    SegmentCreateInput,
    SegmentCreatePayload,
    SegmentDeleteInput,
    SegmentDeletePayload,
    SegmentUpdateInput,
    SegmentUpdatePayload,
)
from domain.errors import DomainError, ErrorCode
from domain.segments import services
from domain.segments.rules import RULE_NAMES

# The rules arrive as one JSON object so that an unknown rule is the INVALID UserError §13
# asks for (a typed input would refuse it in validation, before the mutation could answer).
RULE_KEYS = {to_camel_case(name): name for name in RULE_NAMES}


def _rules(rules: JSON | None) -> dict[str, Any]:
    """The rules given, in the domain's names; ownerId decoded to the user's database id; an
    unknown key is passed on as given, for the domain to refuse by its name."""
    if rules is None:
        return {}
    if not isinstance(rules, dict):
        raise DomainError(ErrorCode.INVALID, "rules must be an object of rules.", ("rules",))
    clean: dict[str, Any] = {
        RULE_KEYS.get(str(key), str(key)): value
        for key, value in rules.items()
        if value is not None
    }
    if "owner_id" in clean:
        owner = clean["owner_id"]
        if not isinstance(owner, str):
            raise DomainError(ErrorCode.INVALID, "ownerId must be a User id.", ("rules", "ownerId"))
        clean["owner_id"] = decode_id(owner, "User", ("rules", "owner_id"))
    return clean


def _changes(input: SegmentUpdateInput) -> dict[str, Any]:
    changes = provided(input)
    if "rules" in changes:
        changes["rules"] = _rules(input.rules)
    return changes


@strawberry.type
class Query:
    @strawberry.field(description="A segment by its id; null when there is none.")
    async def segment(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Segment id.")],
    ) -> Segment | None:
        return await node_by_global_id(Segment, info, id)

    @strawberry.field(description="The saved segments, by name (§13).")
    async def segments(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Segment]:
        return await paginate(
            services.list_segments(),
            Segment.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("name",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Saves a segment: a name and rules over accounts; `segment.created` fires "
        "(ADMIN, SALES)."
    )
    async def segment_create(
        self, input: MutationInput[SegmentCreateInput]
    ) -> SegmentCreatePayload:
        return await perform(
            SegmentCreatePayload,
            "segment",
            lambda: services.create_segment(input.name, _rules(input.rules)),
            Segment.from_model,
        )

    @strawberry.mutation(
        description="Renames a segment or replaces its rules; `segment.updated` fires when "
        "anything changed (ADMIN, SALES)."
    )
    async def segment_update(
        self, input: MutationInput[SegmentUpdateInput]
    ) -> SegmentUpdatePayload:
        return await perform(
            SegmentUpdatePayload,
            "segment",
            lambda: services.update_segment(decode_id(input.id, "Segment"), _changes(input)),
            Segment.from_model,
        )

    @strawberry.mutation(
        description="Deletes a segment (its accounts stay as they are); `segment.deleted` "
        "fires (ADMIN, SALES)."
    )
    async def segment_delete(
        self, input: MutationInput[SegmentDeleteInput]
    ) -> SegmentDeletePayload:
        return await perform(
            SegmentDeletePayload,
            "segment",
            lambda: services.delete_segment(decode_id(input.id, "Segment")),
            Segment.from_model,
        )
