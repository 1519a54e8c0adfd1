"""Nested connections (`Product.stockLevels`, `MrpRun.plannedOrders`) paged for many parents
at once: the SQL count of a query depends on its depth, never on how many parents it lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from tortoise.models import Model
from tortoise.queryset import QuerySet

from api.relay import Connection, connection_from_rows, paginate, to_node


@dataclass(frozen=True)
class Window:
    """The page a nested connection field asks for: its paging arguments and its order."""

    first: int | None
    after: str | None
    last: int | None
    before: str | None
    order_by: tuple[str, ...]


class PagesByKeyLoader(DataLoader[tuple[Hashable, Hashable, Window], Connection[Any]]):
    """The page of children of each parent: a key is (parent key value, filter, window).

    Parents asking for the same filter and window share one query. A lone parent (a detail
    page) has its page cut by the database, so a long list (an MRP run's planned orders) is
    not read whole; several parents share one query for all their rows, cut here."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    def rows(self, flt: Any) -> QuerySet[Any]:
        """The children matching `flt`, of every parent (the loader adds the parent)."""
        raise NotImplementedError

    def node(self, row: Any) -> Any:
        return to_node(row)

    async def _load(
        self, keys: Sequence[tuple[Hashable, Hashable, Window]]
    ) -> list[Connection[Any] | GraphQLError]:
        groups: dict[tuple[Hashable, Window], list[Hashable]] = defaultdict(list)
        for parent, flt, window in keys:
            if parent not in groups[(flt, window)]:
                groups[(flt, window)].append(parent)
        pages: dict[tuple[Hashable, Hashable, Window], Connection[Any] | GraphQLError] = {}
        for (flt, window), parents in groups.items():
            try:
                for parent, page in zip(
                    parents, await self._pages(flt, window, parents), strict=True
                ):
                    pages[(parent, flt, window)] = page
            except GraphQLError as error:  # a bad cursor or size: this field's error only
                for parent in parents:
                    pages[(parent, flt, window)] = error
        return [pages[key] for key in keys]

    async def _pages(
        self, flt: Hashable, window: Window, parents: list[Hashable]
    ) -> list[Connection[Any]]:
        first, after, last, before = window.first, window.after, window.last, window.before
        if len(parents) == 1:
            queryset = self.rows(flt).filter(**{self.key: parents[0]})
            page = await paginate(
                queryset,
                self.node,
                first=first,
                after=after,
                last=last,
                before=before,
                order_by=window.order_by,
            )
            return [page]
        rows = await self.rows(flt).filter(**{f"{self.key}__in": parents})
        children: dict[Hashable, list[Any]] = defaultdict(list)
        for row in rows:
            children[getattr(row, self.key)].append(row)
        return [
            connection_from_rows(
                children[parent],
                self.node,
                first=first,
                after=after,
                last=last,
                before=before,
                order_by=window.order_by,
                model=self.model,
            )
            for parent in parents
        ]
