"""Relay global ids, the Node base for model-backed types, and keyset-cursor connections."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import inspect
import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cmp_to_key
from typing import Annotated, Any, ClassVar, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.types import Info
from strawberry.types.field import StrawberryField
from tortoise.expressions import Case, Q, When
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.auth import has_role
from api.errors import user_input_error
from api.permissions import type_readers
from api.scalars import plain_decimal
from domain.errors import DomainError, ErrorCode

T = TypeVar("T")
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def decode_id(
    value: str | relay.GlobalID, type_name: str, field: str | tuple[str, ...] = "id"
) -> int:
    """The database id inside a global id of `type_name`; a DomainError on anything else."""
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(str(value))
        if gid.type_name != type_name:
            raise ValueError
        return int(gid.node_id)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise DomainError(
            ErrorCode.NOT_FOUND, f"{value!r} is not the id of a {type_name}.", field
        ) from None


def filter_id(value: str | relay.GlobalID | None, type_name: str, field: str) -> int | None:
    """The one rule for ids in a list's `filter` (§2): none → no condition; an id of the
    right type → its rows (none if it names nothing); anything else → BAD_USER_INPUT naming
    the filter field, so a typo never silently reads as "no rows" or "all rows"."""
    if value is None:
        return None
    try:
        return decode_id(value, type_name, field)
    except DomainError:
        raise user_input_error(
            f"`filter.{field}` takes the id of a {type_name}; {str(value)!r} is not one."
        ) from None


def encode_id(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


def forbidden(message: str = "Your role may not read this object.") -> GraphQLError:
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


class ModelNode(relay.Node):
    """A Node backed by one tortoise model row, kept privately as `record`.

    Plain fields are copied from the row by name; fields that need a rule (money,
    relations) are resolvers reading `self.record`.
    """

    record: Any  # set by from_model; not a schema field (ModelNode itself is no strawberry type)
    # A related row the parent loaded with its batch, so a relation field awaits nothing
    # (SalesOrder.lines hands each line its product); None: the field loads it.
    preloaded: Any = None
    model_class: ClassVar[type[Model]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Strawberry lists annotated fields before resolver fields; annotating each resolver
        # field where the class declares it keeps the schema in the class's reading order
        # (id and own fields, relations, figures). Fields without a default come first.
        super().__init_subclass__(**kwargs)
        own = inspect.get_annotations(cls)
        ordered = {name: kind for name, kind in own.items() if name not in cls.__dict__}
        for name, value in cls.__dict__.items():
            if name in own:
                ordered[name] = own[name]
            elif isinstance(value, StrawberryField) and value.type_annotation is not None:
                ordered[name] = value.type_annotation.annotation
            elif isinstance(value, StrawberryField) and value.base_resolver is not None:
                ordered[name] = value.base_resolver.type_annotation
        cls.__annotations__ = {**ordered, **own}

    @classmethod
    def from_model(cls, row: Any, **context: Any) -> Any:
        """`context` sets the type's private attributes: what its parent already knows (an
        order's currency for its lines), so the fields need no loader to find it again."""
        # Built without the dataclass __init__ (a keyword argument per field, a check of each
        # by strawberry): this runs for every row of every page.
        names, required = _layout(cls)
        node = cls.__new__(cls)
        values = node.__dict__
        for name in names:
            if name in context:  # a private attribute (a string annotation keeps it a field)
                continue
            value = getattr(row, name)
            # A plain Decimal is a quantity or percentage: no padding zeros (§2); amounts
            # are Money and go through `api.scalars.money`.
            values[name] = plain_decimal(value) if isinstance(value, Decimal) else value
        if context:
            values.update(context)
        if required and not required <= context.keys():
            missing = ", ".join(sorted(required - context.keys()))
            raise TypeError(f"{cls.__name__}.from_model needs {missing}")
        values["record"] = row
        return node

    @classmethod
    def from_optional(cls, row: Any | None) -> Any | None:
        return None if row is None else cls.from_model(row)

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        type_name = cls.__strawberry_definition__.name  # type: ignore[attr-defined]
        if not has_role(info, *type_readers(type_name)):
            raise forbidden()
        ids: list[int | None] = []
        for node_id in node_ids:
            try:
                ids.append(int(node_id))
            except ValueError:
                ids.append(None)
        loader = info.context.loaders.by_id(cls.model_class)
        rows = await loader.load_many([i for i in ids if i is not None])
        found = iter(await cls.nodes_of_rows(info, rows))
        result = [next(found) if i is not None else None for i in ids]
        if required and any(node is None for node in result):
            raise GraphQLError("Object not found.", extensions={"code": "NOT_FOUND"})
        return result

    @classmethod
    async def nodes_of_rows(cls, info: Info, rows: Sequence[Any | None]) -> list[Any | None]:
        """The nodes of the rows `node(id:)` loaded. A type built with a parent's context
        (see `from_model`) overrides this to load that context for the whole batch."""
        return [cls.from_optional(row) for row in rows]


_LAYOUT = "_tandem_layout"


def _layout(node_cls: type[ModelNode]) -> tuple[tuple[str, ...], frozenset[str]]:
    """A node type's plain fields (copied from the row) and the dataclass fields without a
    default that only `from_model`'s context can give; kept on the class itself."""
    layout = node_cls.__dict__.get(_LAYOUT)
    if layout is None:
        definition = node_cls.__strawberry_definition__  # type: ignore[attr-defined]
        names = tuple(f.python_name for f in definition.fields if f.base_resolver is None)
        required = frozenset(
            f.name
            for f in dataclasses.fields(node_cls)
            if f.init
            and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
            and f.name not in names
        )
        layout = (names, required)
        setattr(node_cls, _LAYOUT, layout)
    return layout


_NODE_OF_MODEL: dict[type[Model], type[ModelNode]] = {}


def node_type_of(model: type[Model]) -> type[ModelNode]:
    """The GraphQL type of a model's rows: a field returning another area's object converts
    its rows through this instead of importing that area's types (no import cycles)."""
    node_cls = _NODE_OF_MODEL.get(model)
    if node_cls is None:
        pending: list[type[ModelNode]] = [ModelNode]
        while pending:
            cls = pending.pop()
            pending.extend(cls.__subclasses__())
            if cls.__dict__.get("model_class") is model:
                node_cls = cls
        if node_cls is None:
            raise LookupError(f"No GraphQL type shows {model.__name__} rows.")
        _NODE_OF_MODEL[model] = node_cls
    return node_cls


def to_node(row: Any) -> Any:
    """`row` as the node of its GraphQL type (see `node_type_of`)."""
    return node_type_of(type(row)).from_model(row)


def to_optional_node(row: Any | None) -> Any | None:
    return None if row is None else to_node(row)


async def node_by_global_id(node_cls: type[ModelNode], info: Info, global_id: str) -> Any | None:
    """The `x(id:)` root fields: None for an unknown id or an id of another type."""
    type_name = node_cls.__strawberry_definition__.name  # type: ignore[attr-defined]
    try:
        pk = decode_id(global_id, type_name)
    except DomainError:
        return None
    nodes = await node_cls.resolve_nodes(info=info, node_ids=[str(pk)])
    return nodes[0]


@strawberry.type(description="Where a page sits in its list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="More rows follow the last edge (in the list's order)."
    )
    has_previous_page: bool = strawberry.field(
        description="Rows precede the first edge (in the list's order)."
    )
    start_cursor: str | None = strawberry.field(
        description="The first edge's cursor; null on an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="The last edge's cursor; null on an empty page."
    )


@strawberry.type(description="One row of a page and its opaque cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque; pass it as `after`/`before` to page from this row."
    )
    node: T = strawberry.field(description="The row.")

    def with_node(self, node: Any) -> Edge[Any]:
        """The same row's edge holding another node (the parent's conversion of it)."""
        return Edge(cursor=self.cursor, node=node)


class KeyedEdge(Edge[Any]):
    """An edge whose cursor is encoded only when it is read: most answers never ask for
    it, and encoding one (the row's sort values as JSON, then base64) cost about as much as
    reading the row's plain fields. Built without the dataclass `__init__`, so `cursor` is
    this property and never an attribute of the instance."""

    def __init__(self, row: Any, keys: Sequence[SortKey], node: Any) -> None:
        self.node = node
        self._row = row
        self._keys = keys

    @property
    def cursor(self) -> str:  # type: ignore[override]
        return _cursor(self._row, self._keys)

    def with_node(self, node: Any) -> Edge[Any]:
        return KeyedEdge(self._row, self._keys, node)


@strawberry.type(
    description="A page of a list (Relay connection); `first`/`last` ≤ 100, default 20."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The page's rows, in the list's order.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more rows exist.")
    count_rows: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All rows matching the filter, across pages.")
    async def total_count(self) -> int:
        return await self.count_rows()


@dataclass(frozen=True)
class SortKey:
    """One ordering term: a model field, its direction, and whether it may be NULL.

    NULL sorts after every value in both directions' "largest" sense (ASC: last, DESC:
    first), on PostgreSQL and SQLite alike, because the query orders by `field IS NULL`
    explicitly instead of trusting each dialect's default."""

    field: str
    descending: bool
    nullable: bool


def _sort_keys(model: type[Model], order_by: Sequence[str]) -> list[SortKey]:
    names = [*order_by]
    if "id" not in names and "-id" not in names:
        names.append("id")
    keys = []
    for name in names:
        field = name.lstrip("-")
        meta = model._meta.fields_map.get(field)
        keys.append(SortKey(field, name.startswith("-"), bool(meta is not None and meta.null)))
    return keys


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, Enum):
        return value.value
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag == "t":
            return datetime.fromisoformat(raw)
        if tag == "d":
            return date.fromisoformat(raw)
        if tag == "n":
            return Decimal(raw)
        raise ValueError(tag)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError(value)


def _row_key(row: Any, keys: Sequence[SortKey]) -> list[Any]:
    return [getattr(row, key.field) for key in keys]


def _cursor(row: Any, keys: Sequence[SortKey]) -> str:
    payload = json.dumps([_encode_value(v) for v in _row_key(row, keys)], separators=(",", ":"))
    return base64.urlsafe_b64encode(f"k1:{payload}".encode()).decode()


def _cursor_values(cursor: str, keys: Sequence[SortKey]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        tag, _, payload = raw.partition(":")
        values = json.loads(payload)
        if tag != "k1" or not isinstance(values, list) or len(values) != len(keys):
            raise ValueError
        return [_decode_value(v) for v in values]
    except (ValueError, UnicodeDecodeError, binascii.Error, TypeError):
        raise user_input_error(
            f"{cursor!r} is not a cursor of this list (in this order)."
        ) from None


def _where(lookup: str, value: Any) -> Q:
    condition: dict[str, Any] = {lookup: value}
    return Q(**condition)


def _beyond(keys: Sequence[SortKey], values: Sequence[Any], forward: bool) -> Q:
    """Rows strictly after (`forward`) or before the row whose sort values are `values`."""
    key, value = keys[0], values[0]
    rest = _beyond(keys[1:], values[1:], forward) if len(keys) > 1 else None
    ascending_dir = forward != key.descending  # does "beyond" mean larger on this field?
    if value is None:
        same = _where(f"{key.field}__isnull", True)
        other = None if ascending_dir else _where(f"{key.field}__isnull", False)
    else:
        same = _where(key.field, value)
        other = _where(f"{key.field}__{'gt' if ascending_dir else 'lt'}", value)
        if key.nullable and ascending_dir:
            other = other | _where(f"{key.field}__isnull", True)
    parts = [q for q in (other, same & rest if rest is not None else None) if q is not None]
    if not parts:
        return Q(id__in=[])
    result = parts[0]
    for part in parts[1:]:
        result = result | part
    return result


def _ordering(keys: Sequence[SortKey], reverse: bool) -> tuple[list[str], dict[str, Any]]:
    terms: list[str] = []
    annotations: dict[str, Any] = {}
    for key in keys:
        descending = key.descending != reverse
        sign = "-" if descending else ""
        if key.nullable:
            name = f"_null_{key.field}"
            # Constants as strings: '0' < '1' orders the same and is what `When` is typed for.
            annotations[name] = Case(
                When(_where(f"{key.field}__isnull", True), then="1"), default="0"
            )
            terms.append(f"{sign}{name}")
        terms.append(f"{sign}{key.field}")
    return terms, annotations


def _check_window(first: int | None, last: int | None) -> int:
    if first is not None and last is not None:
        raise user_input_error("Pass `first` or `last`, not both.")
    for value, name in ((first, "first"), (last, "last")):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise user_input_error(f"`{name}` must be between 0 and {MAX_PAGE_SIZE}.")
    if first is None and last is None:
        return DEFAULT_PAGE_SIZE
    return first if first is not None else last  # type: ignore[return-value]


def _connection(
    rows: Sequence[Any],
    keys: Sequence[SortKey],
    convert: Callable[[Any], T],
    has_next: bool,
    has_previous: bool,
    count_rows: Callable[[], Awaitable[int]],
) -> Connection[T]:
    edges: list[Edge[T]] = [KeyedEdge(row, keys, convert(row)) for row in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_rows=count_rows,
    )


async def paginate(
    queryset: QuerySet[Any],
    convert: Callable[[Any], T],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    order_by: Sequence[str] = ("id",),
    fetch: Callable[[Callable[[QuerySet[Any]], QuerySet[Any]]], Awaitable[list[Any]]] | None = None,
) -> Connection[T]:
    """One page of `queryset` in `order_by` (plus an `id` tiebreak) as a Relay connection.

    Keyset paging: a cursor holds the row's sort values, and the next page is the rows beyond
    them, so rows inserted or deleted meanwhile never make a page repeat or skip a row.

    `fetch`, for a page without cursors, reads the rows itself: it is given what makes the
    page's query of any queryset like this one (a nested list's loader sends the SQL it
    built once for all parents, `api.statements`)."""
    size = _check_window(first, last)
    keys = _sort_keys(queryset.model, order_by)
    backward = last is not None

    def window_of(rows: QuerySet[Any]) -> QuerySet[Any]:
        return _window(rows, keys, size, backward, after, before)[1]

    if fetch is not None and size and not after and not before:
        rows = await fetch(window_of)
        more = len(rows) > size
    else:
        page, query = _window(queryset, keys, size, backward, after, before)
        rows = list(await query) if size else []
        more = len(rows) > size if size else await page.exists()
    rows = rows[:size]
    # A page holding every row there is (no cursor, nothing more) already knows the count.
    whole = not more and not after and not before and bool(size)
    total = len(rows)
    if backward:
        rows.reverse()
        has_next, has_previous = before is not None, more
    else:
        has_next, has_previous = more, after is not None

    async def count_rows() -> int:
        return total if whole else await queryset.count()

    return _connection(rows, keys, convert, has_next, has_previous, count_rows)


def _window(
    queryset: QuerySet[Any],
    keys: Sequence[SortKey],
    size: int,
    backward: bool,
    after: str | None,
    before: str | None,
) -> tuple[QuerySet[Any], QuerySet[Any]]:
    """The rows of a window (beyond its cursors) and the query of its page (ordered, one row
    more than it shows, to tell whether more follow)."""
    page = queryset
    if after:
        page = page.filter(_beyond(keys, _cursor_values(after, keys), forward=True))
    if before:
        page = page.filter(_beyond(keys, _cursor_values(before, keys), forward=False))
    terms, annotations = _ordering(keys, reverse=backward)
    if annotations:
        page = page.annotate(**annotations)
    return page, page.order_by(*terms).limit(size + 1)


def _compare(a: list[Any], b: list[Any], keys: Sequence[SortKey]) -> int:
    for x, y, key in zip(a, b, keys, strict=True):
        if x == y:
            continue
        # NULL is the largest value.
        order = 1 if (y is None if x is None or y is None else x > y) else -1
        return -order if key.descending else order
    return 0


def connection_from_rows(
    rows: Sequence[Any],
    convert: Callable[[Any], T],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    order_by: Sequence[str] | None = None,
    model: type[Model] | None = None,
) -> Connection[T]:
    """`paginate`'s cursors and rules over rows a dataloader already fetched: nested lists
    cost no query per parent. With `order_by` the rows are sorted here (`model` tells which
    sort fields may be NULL); without it they keep the loader's order (e.g. a timeline) and
    a cursor holds the row's id, which stays put when rows are inserted around it."""
    size = _check_window(first, last)
    if order_by is None:
        keys = [SortKey("id", False, False)]
        ordered = list(rows)
        position = {row.id: index for index, row in enumerate(ordered)}

        def locate(cursor: str) -> int:
            (row_id,) = _cursor_values(cursor, keys)
            if row_id not in position:
                raise user_input_error(f"{cursor!r} names a row no longer in this list.")
            return position[row_id]

        start = locate(after) + 1 if after else 0
        stop = locate(before) if before else len(ordered)
    else:
        keys = (
            _sort_keys(model, order_by)
            if model is not None
            else [SortKey(n.lstrip("-"), n.startswith("-"), True) for n in order_by]
            + ([] if "id" in order_by or "-id" in order_by else [SortKey("id", False, False)])
        )

        def compare_rows(a: Any, b: Any) -> int:
            return _compare(_row_key(a, keys), _row_key(b, keys), keys)

        ordered = sorted(rows, key=cmp_to_key(compare_rows))
        start, stop = 0, len(ordered)
        if after:
            mark = _cursor_values(after, keys)
            while start < stop and _compare(_row_key(ordered[start], keys), mark, keys) <= 0:
                start += 1
        if before:
            mark = _cursor_values(before, keys)
            while stop > start and _compare(_row_key(ordered[stop - 1], keys), mark, keys) >= 0:
                stop -= 1
    stop = max(start, stop)
    if last is not None:
        page = ordered[max(start, stop - size) : stop]
        has_next, has_previous = before is not None, stop - start > size
    else:
        page = ordered[start : start + size]
        has_next, has_previous = stop - start > size, after is not None
    total = len(rows)

    async def count_rows() -> int:
        return total

    return _connection(page, keys, convert, has_next, has_previous, count_rows)


def order_fields(field: str, direction: Any) -> tuple[str, ...]:
    """`name` / `-name` for an order input's field and ASC/DESC direction."""
    prefix = "-" if getattr(direction, "value", direction) == "DESC" else ""
    return (f"{prefix}{field}",)


# The paging arguments of every connection field, described once (§2 Lists):
# `def things(self, first: First = None, after: After = None, last: Last = None, …)`.
First = Annotated[
    int | None,
    strawberry.argument(
        description="Page forward: at most this many rows (0–100, default 20), after `after` "
        "when given. Not together with `last`."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(
        description="The rows after this cursor (an edge's `cursor` from this list, in the "
        "same filter and order)."
    ),
]
Last = Annotated[
    int | None,
    strawberry.argument(
        description="Page backward: at most this many rows (0–100), before `before` when "
        "given. Not together with `first`."
    ),
]
Before = Annotated[
    str | None,
    strawberry.argument(
        description="The rows before this cursor (an edge's `cursor` from this list, in the "
        "same filter and order)."
    ),
]
