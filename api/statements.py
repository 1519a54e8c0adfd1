"""Read querysets whose SQL is built once per shape and then only sent again with new values.

The loaders send the same few queries on every request, differing only in their ids (an
account's contacts, the products of a batch of lines). tortoise builds each one afresh —
the queryset's clones, pypika's query tree, its SQL text — which cost more CPU than the
database spent answering it (about 0.3 ms a statement, a third of a small account's 360°
answer). Here the first query of a shape is built by tortoise as usual and also once with
probe ids; comparing the two parameter lists shows which parameters are the ids, and later
queries of that shape reuse the SQL with their own ids, sent by tortoise's client and
turned into model instances as tortoise's executor does it. A queryset that does not compile
cleanly (the probes change its SQL or move other values, prefetches, joins, locks) is simply
awaited every time, as before.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.router import router

M = TypeVar("M", bound=Model)

# Ids are never negative: a probe cannot be mistaken for a value of the query's own.
_PROBE = -7_316_000_000
_MAX_SHAPES = 1024


@dataclass(frozen=True)
class _Statement:
    model: type[Model]
    dialect: str
    sql: str
    values: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (parameter position, argument position)
    custom_fields: tuple[str, ...]


# A shape's statement, or None when its queryset does not compile (it is then awaited).
_STATEMENTS: OrderedDict[Hashable, _Statement | None] = OrderedDict()
_UNKNOWN: Any = object()


async def fetch_rows(
    shape: Hashable, ids: Sequence[Any], build: Callable[..., QuerySet[M]]
) -> list[M]:
    """`await build(*ids)`, with the SQL built once for `shape`: every call with one shape
    must build the same query of one model but for `ids` (their number may vary)."""
    key = (shape, len(ids))
    statement = _STATEMENTS.get(key, _UNKNOWN)
    if statement is None:
        return list(await build(*ids))
    if statement is not _UNKNOWN:
        model = statement.model
        db = router.db_for_read(model) or model._meta.db
        # SQL of one dialect is never sent to another (a process that opened both).
        if db.capabilities.dialect != statement.dialect:
            statement = _UNKNOWN
    if statement is _UNKNOWN:
        queryset = build(*ids)
        _remember(key, _compile(queryset, build, ids))
        return list(await queryset)
    values = list(statement.values)
    for position, argument in statement.slots:
        values[position] = ids[argument]
    _, rows = await db.execute_query(statement.sql, values)
    # What tortoise's executor does with a plain select's rows (without constructing an
    # executor, which cost a third of a one-row statement).
    make = model._init_from_db
    custom = statement.custom_fields
    instances: list[Any] = []
    for row in rows:
        instance = make(**row)
        for name in custom:
            object.__setattr__(instance, name, row[name])
        instances.append(instance)
    return instances


def _remember(key: Hashable, statement: _Statement | None) -> None:
    _STATEMENTS[key] = statement
    if len(_STATEMENTS) > _MAX_SHAPES:
        _STATEMENTS.popitem(last=False)


def _parameterized(queryset: QuerySet[Any]) -> tuple[str, list[Any]] | None:
    if (
        queryset._prefetch_map
        or queryset._prefetch_queries
        or queryset._select_related
        or queryset._select_for_update
        or queryset._single
        or queryset._fields_for_select
    ):
        return None
    queryset._make_query()
    sql, values = queryset.query.get_parameterized_sql()
    return sql, list(values)


def _compile(
    queryset: QuerySet[Any], build: Callable[..., QuerySet[Any]], ids: Sequence[Any]
) -> _Statement | None:
    if any(type(value) is not int for value in ids):
        return None
    probes = [_PROBE - index for index in range(len(ids))]
    real = _parameterized(queryset)
    probed = _parameterized(build(*probes))
    if real is None or probed is None or real[0] != probed[0] or len(real[1]) != len(probed[1]):
        return None
    slots: list[tuple[int, int]] = []
    for position, (value, probe) in enumerate(zip(real[1], probed[1], strict=True)):
        argument = _PROBE - probe if type(probe) is int else -1
        if 0 <= argument < len(ids):  # the probe of the id at `argument`
            if value != ids[argument]:
                return None
            slots.append((position, argument))
        elif value != probe:  # a value that follows the ids otherwise than by being them
            return None
    if {argument for _, argument in slots} != set(range(len(ids))):
        return None
    template = list(real[1])
    for position, _ in slots:
        template[position] = None
    return _Statement(
        model=queryset.model,
        dialect=queryset._choose_db().capabilities.dialect,
        sql=real[0],
        values=tuple(template),
        slots=tuple(slots),
        custom_fields=tuple(queryset._annotations.keys()),
    )
