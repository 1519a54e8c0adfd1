"""External ids and metadata on the nine record types of §14: cleaning them with the one
validator of each kind, refusing a duplicate external id, and filtering lists by both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from tortoise import connections
from tortoise.expressions import RawSQL
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.errors import DomainError, ErrorCode
from domain.validation import METADATA_KEY, Checks, optional_external_id, valid_metadata

M = TypeVar("M", bound=Model)

EXTERNAL_FIELDS = ("external_id", "metadata", "private_metadata")


def clean_external_value(checks: Checks, key: str, value: Any) -> Any:
    """One of EXTERNAL_FIELDS, validated (a refusal is kept in `checks`)."""
    if key == "external_id":
        return checks(optional_external_id, value, key)
    return checks(valid_metadata, value, key)


def clean_external_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The EXTERNAL_FIELDS among `changes`, validated together."""
    checks = Checks()
    clean = {
        key: clean_external_value(checks, key, value)
        for key, value in changes.items()
        if key in EXTERNAL_FIELDS
    }
    checks.raise_if_any()
    return clean


def duplicate_external_id(type_name: str, external_id: str) -> DomainError:
    return DomainError(
        ErrorCode.DUPLICATE,
        f"externalId {external_id!r} belongs to another {type_name}.",
        "external_id",
    )


async def refuse_duplicate_external_id(
    model: type[Model], external_id: str | None, own_id: int | None = None
) -> None:
    """DUPLICATE when another row of the type has the external id."""
    if external_id is None:
        return
    qs = model.filter(external_id=external_id)
    if own_id is not None:
        qs = qs.exclude(id=own_id)
    if await qs.exists():
        raise duplicate_external_id(model.__name__, external_id)


def _metadata_value_sql(table: str, key: str) -> str:
    if not METADATA_KEY.match(key):  # the key is spliced into SQL: identifiers only
        raise DomainError(ErrorCode.INVALID, f"metadata key {key!r} is not valid.", "metadata")
    column = f'"{table}"."metadata"'
    if connections.get("default").capabilities.dialect == "postgres":
        return f"{column}->>'{key}'"
    return f"json_extract({column}, '$.\"{key}\"')"


def filter_external(
    qs: QuerySet[M],
    model: type[M],
    external_id: str | None = None,
    metadata: Iterable[tuple[str, str]] = (),
) -> QuerySet[M]:
    """Rows whose external id is `external_id` and whose metadata has every (key, value)."""
    if external_id is not None:
        qs = qs.filter(external_id=external_id)
    table = model._meta.db_table
    for n, (key, value) in enumerate(metadata):
        name = f"_metadata_{n}"
        qs = qs.annotate(**{name: RawSQL(_metadata_value_sql(table, key))}).filter(**{name: value})
    return qs
