"""External ids and metadata in the API (§14): the input fields and list filters the nine record
types share, declared once and inherited by each type's create, update and filter inputs."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

EXTERNAL_ID = (
    "Another system's id for the record: unique per type, up to 100 characters; null when none."
)
METADATA = (
    "Free data: a JSON object of text values, at most 50 keys (letters, digits, `_ . : -`, up "
    "to 64 characters each); `{}` when none."
)
PRIVATE_METADATA = (
    "Like `metadata`, for integrations' own data: readable by ADMIN and INTEGRATION only "
    "(others get FORBIDDEN)."
)


@strawberry.input(description="One key of `metadata` and the value it must have.")
class MetadataFilter:
    key: str = strawberry.field(description="The metadata key.")
    value: str = strawberry.field(description="Its value, exactly.")


@strawberry.input(description="The external id and metadata of a new record (§14).")
class ExternalDataCreateInput:
    external_id: str | None = strawberry.field(
        default=None,
        description="Another system's id, unique per type (DUPLICATE otherwise), up to 100 "
        "characters.",
    )
    metadata: JSON | None = strawberry.field(
        default=None, description=METADATA + " INVALID otherwise."
    )
    private_metadata: JSON | None = strawberry.field(
        default=None, description="Like `metadata`; read back by ADMIN and INTEGRATION only."
    )


@strawberry.input(description="The external id and metadata of a record being changed (§14).")
class ExternalDataUpdateInput:
    external_id: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Another system's id, unique per type (DUPLICATE otherwise); null: none.",
    )
    metadata: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the whole metadata object; null: `{}`."
    )
    private_metadata: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the whole private metadata object."
    )


@strawberry.input(description="Narrows a list by external id and metadata (§14).")
class ExternalDataFilter:
    external_id: str | None = strawberry.field(
        default=None, description="Only the record with this external id, exactly."
    )
    metadata: list[MetadataFilter] | None = strawberry.field(
        default=None,
        description="Only records whose metadata has each of these keys with exactly that value "
        "(one `{key value}` or a list of them).",
    )


def metadata_pairs(flt: Any) -> tuple[tuple[str, str], ...]:
    """The `metadata` conditions of a filter input as (key, value) pairs."""
    return tuple((m.key, m.value) for m in (getattr(flt, "metadata", None) or ()))
