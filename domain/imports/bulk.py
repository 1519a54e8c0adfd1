"""Multi-row INSERTs of plain values for an import's batches: building a model object per row
was most of what a batch of new products cost (see bench/import.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tortoise import connections
from tortoise.fields.base import Field
from tortoise.models import Model

from domain.clock import utcnow

# PostgreSQL takes at most 32,767 parameters per statement.
MAX_PARAMETERS = 30_000


def _columns(model: type[Model]) -> list[tuple[str, Field]]:
    """(column, field) of every stored field but the generated primary key."""
    meta = model._meta
    columns = []
    for name in meta.db_fields:
        field = meta.fields_map[meta.fields_db_projection_reverse[name]]
        if field.pk and field.generated:
            continue
        columns.append((name, field))
    return columns


def _default(model: type[Model], field: Field, now: Any) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now
    elif field.default is not None:
        value = field.default() if callable(field.default) else field.default
    else:
        return None  # a required field: every row must give it (the database says so)
    return field.to_db_value(value, model)


async def insert_rows(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """Inserts `rows` (model field names → values; the rest take their defaults, timestamps
    now) in as few statements as the dialect allows. Nothing is read back."""
    if not rows:
        return
    columns = _columns(model)
    for name, field in columns:
        if field.source_field and field.source_field != name:  # pragma: no cover
            raise TypeError(f"{model.__name__}.{name}: renamed columns are not supported")
    now = utcnow()
    given = {name for row in rows for name in row}
    defaults = [_default(model, field, now) for _, field in columns]
    plan = [
        (field.model_field_name, field if field.model_field_name in given else None, default)
        for (_, field), default in zip(columns, defaults, strict=True)
    ]
    values = [
        [
            default if field is None or name not in row else field.to_db_value(row[name], model)
            for name, field, default in plan
        ]
        for row in rows
    ]
    table = model._meta.db_table
    names = ", ".join(f'"{name}"' for name, _ in columns)
    connection = connections.get("default")
    if connection.capabilities.dialect != "postgres":
        marks = ", ".join("?" for _ in columns)
        await connection.execute_many(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
        return
    per_statement = max(1, MAX_PARAMETERS // len(columns))
    for start in range(0, len(values), per_statement):
        chunk = values[start : start + per_statement]
        groups = []
        for index in range(len(chunk)):
            base = index * len(columns)
            groups.append("(" + ", ".join(f"${base + n + 1}" for n in range(len(columns))) + ")")
        flat = [value for row in chunk for value in row]
        sql = f'INSERT INTO "{table}" ({names}) VALUES {", ".join(groups)}'
        await connection.execute_query(sql, flat)
