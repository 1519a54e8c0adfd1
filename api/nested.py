"""Nested connections (`Account.contacts`, `MrpRun.plannedOrders`) paged for many parents
at once: the SQL count of a query depends on its depth, never on how many parents it lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.relay import Connection, connection_from_rows, paginate
from api.statements import fetch_rows

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """The page a nested connection field asks for: its paging arguments and its order
    (None: the loader's own order, see `PagesByKeyLoader.arrange`)."""

    first: int | None
    after: str | None
    last: int | None
    before: str | None
    order_by: tuple[str, ...] | None


PageKey = tuple[Hashable, Hashable, Window]


def _row(row: Any) -> Any:
    return row


class PagesByKeyLoader(DataLoader[PageKey, Connection[Any]]):
    """The page of rows of each parent: a key is (parent key value, filter, window), the
    filter being any hashable value `rows` turns into the list's query without the parent.

    A batch costs one query per distinct filter, whatever the parents and windows. A lone
    parent asking for one ordered window (a detail page) has its page cut by the database,
    so a long list (an MRP run's planned orders) is not read whole; otherwise the rows of
    all the filter's parents are read at once and each page is cut here."""

    key: ClassVar[str]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    def rows(self, flt: Any) -> QuerySet[Any]:
        """The children matching `flt`, of every parent (the loader adds the parent)."""
        raise NotImplementedError

    def arrange(self, rows: list[Any]) -> list[Any]:
        """One parent's rows in the list's own order, for a window without `order_by`."""
        return rows

    async def _load(self, keys: Sequence[PageKey]) -> list[Connection[Any] | GraphQLError]:
        groups: dict[Hashable, dict[PageKey, None]] = defaultdict(dict)
        for key in keys:
            groups[key[1]][key] = None
        pages: dict[PageKey, Connection[Any] | GraphQLError] = {}
        for flt, group in groups.items():
            if len(group) == 1:
                ((parent, _, window),) = group
                if window.order_by is not None:
                    pages[(parent, flt, window)] = await self._cut_by_database(
                        parent, flt, window, window.order_by
                    )
                    continue
            parents = list(dict.fromkeys(parent for parent, _, _ in group))
            query = self.rows(flt).filter(**{f"{self.key}__in": parents})
            children: dict[Hashable, list[Any]] = defaultdict(list)
            for row in await query.order_by("id"):
                children[getattr(row, self.key)].append(row)
            for key in group:
                pages[key] = self._cut_here(children[key[0]], key[2], query.model)
        return [pages[key] for key in keys]

    async def _cut_by_database(
        self, parent: Hashable, flt: Hashable, window: Window, order_by: tuple[str, ...]
    ) -> Connection[Any] | GraphQLError:
        def of_parent(key: Hashable) -> QuerySet[Any]:
            return self.rows(flt).filter(**{self.key: key})

        async def fetch(window_of: Callable[[QuerySet[Any]], QuerySet[Any]]) -> list[Any]:
            # The page's SQL is built once for every parent of this list, filter and window.
            return await fetch_rows(
                (type(self), flt, window), (parent,), lambda key: window_of(of_parent(key))
            )

        try:
            return await paginate(
                of_parent(parent),
                _row,
                first=window.first,
                after=window.after,
                last=window.last,
                before=window.before,
                order_by=order_by,
                fetch=fetch,
            )
        except GraphQLError as error:  # a bad cursor or size: this field's error only
            return error

    def _cut_here(
        self, rows: list[Any], window: Window, model: type[Model]
    ) -> Connection[Any] | GraphQLError:
        try:
            return connection_from_rows(
                rows if window.order_by is not None else self.arrange(rows),
                _row,
                first=window.first,
                after=window.after,
                last=window.last,
                before=window.before,
                order_by=window.order_by,
                model=model,
            )
        except GraphQLError as error:
            return error


async def nested_connection(
    info: Info,
    loader: type[PagesByKeyLoader],
    parent: Hashable,
    flt: Hashable,
    convert: Callable[[Any], T],
    window: Window,
) -> Connection[T]:
    """The `window` of `parent`'s rows matching `flt`, each row made a node by `convert`
    (which may carry what the parent knows, e.g. its currency)."""
    page = await info.context.loaders[loader].load((parent, flt, window))
    return Connection(
        edges=[edge.with_node(convert(edge.node)) for edge in page.edges],
        page_info=page.page_info,
        count_rows=page.count_rows,
    )
