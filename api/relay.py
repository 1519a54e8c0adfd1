"""Relay global ids, the Node base for model-backed types, and offset-cursor connections."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.types import Info
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.auth import has_role
from api.errors import user_input_error
from api.permissions import type_readers
from domain.errors import DomainError, ErrorCode

T = TypeVar("T")
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def decode_id(value: str | relay.GlobalID, type_name: str, field: str = "id") -> int:
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
    model_class: ClassVar[type[Model]]

    @classmethod
    def from_model(cls, row: Any) -> Any:
        kwargs: dict[str, Any] = {}
        for field in cls.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            if field.base_resolver is None:
                kwargs[field.python_name] = getattr(row, field.python_name)
        node = cls(**kwargs)
        node.record = row
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
        found = iter(rows)
        result = [cls.from_optional(next(found)) if i is not None else None for i in ids]
        if required and any(node is None for node in result):
            raise GraphQLError("Object not found.", extensions={"code": "NOT_FOUND"})
        return result


async def node_by_global_id(node_cls: type[ModelNode], info: Info, global_id: str) -> Any | None:
    """The `x(id:)` root fields: None for an unknown id or an id of another type."""
    type_name = node_cls.__strawberry_definition__.name  # type: ignore[attr-defined]
    try:
        pk = decode_id(global_id, type_name)
    except DomainError:
        return None
    nodes = await node_cls.resolve_nodes(info=info, node_ids=[str(pk)])
    return nodes[0]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count_rows: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All rows matching the filter, across pages.")
    async def total_count(self) -> int:
        return await self.count_rows()


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    try:
        kind, _, raw = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        if kind != "offset":
            raise ValueError
        offset = int(raw)
        if offset < 0:
            raise ValueError
        return offset
    except (ValueError, UnicodeDecodeError):
        raise user_input_error(f"{cursor!r} is not a valid cursor.") from None


def _page_size(value: int | None, name: str) -> None:
    if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
        raise user_input_error(f"`{name}` must be between 0 and {MAX_PAGE_SIZE}.")


def _window(
    first: int | None, after: str | None, last: int | None, before: str | None, total: int | None
) -> tuple[int, int]:
    """The [start, stop) offsets of a page; `total` is needed only for `last` without `before`."""
    _page_size(first, "first")
    _page_size(last, "last")
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    start = _offset(after) + 1 if after else 0
    end = _offset(before) if before else None
    if total is not None:
        end = total if end is None else min(end, total)
    stop = end
    if first is not None:
        stop = start + first if end is None else min(start + first, end)
    assert stop is not None
    if last is not None:
        start = max(start, stop - last)
    return start, stop


def _connection(
    rows: Sequence[Any],
    start: int,
    convert: Callable[[Any], T],
    has_next: bool,
    count_rows: Callable[[], Awaitable[int]],
) -> Connection[T]:
    edges = [Edge(cursor=_cursor(start + i), node=convert(row)) for i, row in enumerate(rows)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=start > 0,
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
) -> Connection[T]:
    """One page of `queryset` as a Relay connection (offset cursors, stable `id` tiebreak)."""
    needs_total = last is not None and not before
    _page_size(first, "first")  # refused page sizes cost no query
    _page_size(last, "last")
    start, stop = _window(
        first, after, last, before, await queryset.count() if needs_total else None
    )
    ordering = [*order_by, *(["id"] if "id" not in order_by and "-id" not in order_by else [])]
    limit = max(0, stop - start)
    rows = await queryset.order_by(*ordering).offset(start).limit(limit + 1) if limit else []
    has_next = len(rows) > limit
    if not limit:
        has_next = await queryset.offset(start).limit(1).exists()

    async def count_rows() -> int:
        return await queryset.count()

    return _connection(rows[:limit], start, convert, has_next, count_rows)


def connection_from_rows(
    rows: Sequence[Any],
    convert: Callable[[Any], T],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[T]:
    """`paginate`'s cursors and page rules over rows a dataloader already fetched, so nested
    lists cost no query per row."""
    total = len(rows)
    start, stop = _window(first, after, last, before, total)

    async def count_rows() -> int:
        return total

    # As `paginate`: an empty window has a next page when a row exists at its start.
    return _connection(rows[start:stop], start, convert, max(start, stop) < total, count_rows)


def order_fields(field: str, direction: Any) -> tuple[str, ...]:
    """`name` / `-name` for an order input's field and ASC/DESC direction."""
    prefix = "-" if getattr(direction, "value", direction) == "DESC" else ""
    return (f"{prefix}{field}",)
