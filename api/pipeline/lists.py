"""Connections over rows a dataloader already fetched, so nested lists cost no query per row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from api.relay import DEFAULT_PAGE_SIZE, Connection, Edge, PageInfo, _cursor, _offset, _page_size

T = TypeVar("T")


def connection_from_rows(
    rows: Sequence[Any],
    convert: Callable[[Any], T],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[T]:
    """The same cursors and page rules as `api.relay.paginate`, sliced in memory."""
    _page_size(first, "first")
    _page_size(last, "last")
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    start = _offset(after) + 1 if after else 0
    stop = min(_offset(before), len(rows)) if before else len(rows)
    if first is not None:
        stop = min(start + first, stop)
    if last is not None:
        start = max(start, stop - last)
    start = min(start, len(rows))
    stop = max(stop, start)
    edges = [
        Edge(cursor=_cursor(start + i), node=convert(row)) for i, row in enumerate(rows[start:stop])
    ]
    total = len(rows)

    async def count_rows() -> int:
        return total

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=stop < total,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_rows=count_rows,
    )
