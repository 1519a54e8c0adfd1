"""Per-request dataloaders: one query per relation and request depth, never per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, ClassVar, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model
from tortoise.queryset import QuerySet

L = TypeVar("L", bound=DataLoader[Any, Any])


class ByIdLoader(DataLoader[int, Any]):
    """Loads rows of `model` by primary key; a missing id yields None."""

    model: ClassVar[type[Model]]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[int]) -> list[Any]:
        rows = await self.model.filter(id__in=list(set(ids)))
        by_id = {row.pk: row for row in rows}
        return [by_id.get(i) for i in ids]


class ManyByKeyLoader(DataLoader[int, list[Any]]):
    """Loads the children of many parents at once: `model` rows whose `key` is in the batch."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]
    order_by: ClassVar[tuple[str, ...]] = ("id",)
    filters: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[Any]]:
        rows = await self.model.filter(**{f"{self.key}__in": list(set(keys))}, **self.filters)
        grouped: dict[int, list[Any]] = defaultdict(list)
        for row in sorted(rows, key=self._sort_key):
            grouped[getattr(row, self.key)].append(row)
        return [grouped.get(k, []) for k in keys]

    def _sort_key(self, row: Any) -> tuple[Any, ...]:
        # Sorted in Python so the order matches `order_by` without a query per parent;
        # a leading "-" sorts that field descending (numbers and datetimes only).
        parts: list[Any] = []
        for name in self.order_by:
            if name.startswith("-"):
                value = getattr(row, name[1:])
                parts.append(-value.timestamp() if hasattr(value, "timestamp") else -value)
            else:
                value = getattr(row, name)
                parts.append((value is None, value))
        return tuple(parts)


class ChildrenByKeyLoader(DataLoader[tuple[int, Hashable], list[Any]]):
    """The rows behind a nested connection (`SalesOrder.invoices(filter:)`) for many parents
    at once. A key is (parent id, filter), the filter being any hashable value `rows` turns
    into the list's query without the parent condition; a batch costs one query per
    distinct filter (all parents of one field share theirs), never one per parent."""

    key: ClassVar[str]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    def rows(self, flt: Any) -> QuerySet[Any]:
        raise NotImplementedError

    async def _load(self, keys: Sequence[tuple[int, Hashable]]) -> list[list[Any]]:
        parents: dict[Hashable, set[int]] = defaultdict(set)
        for parent_id, flt in keys:
            parents[flt].add(parent_id)
        grouped: dict[tuple[int, Hashable], list[Any]] = defaultdict(list)
        for flt, parent_ids in parents.items():
            query = self.rows(flt).filter(**{f"{self.key}__in": sorted(parent_ids)})
            for row in await query.order_by("id"):
                grouped[(getattr(row, self.key), flt)].append(row)
        return [grouped.get(key, []) for key in keys]


class Loaders:
    """The request's loaders, created on first use: `info.context.loaders[AccountByIdLoader]`."""

    def __init__(self) -> None:
        self._loaders: dict[Callable[[], DataLoader[Any, Any]], Any] = {}

    def __getitem__(self, loader_class: Callable[[], L]) -> L:
        # A loader class is called without arguments: it passes its own load_fn.
        loader: L | None = self._loaders.get(loader_class)
        if loader is None:
            loader = self._loaders[loader_class] = loader_class()
        return loader

    def by_id(self, model: type[Model]) -> ByIdLoader:
        """A by-id loader for any model (used by `node(id:)`)."""
        cls = _by_id_loader_class(model)
        return self[cls]


_BY_ID_CLASSES: dict[type[Model], type[ByIdLoader]] = {}


def _by_id_loader_class(model: type[Model]) -> type[ByIdLoader]:
    cls = _BY_ID_CLASSES.get(model)
    if cls is None:
        cls = _BY_ID_CLASSES[model] = type(
            f"{model.__name__}ByIdLoader", (ByIdLoader,), {"model": model}
        )
    return cls


def by_id_loader(model: type[Model]) -> type[ByIdLoader]:
    """The one by-id loader class of `model`, shared by node(id:) and relation fields."""
    return _by_id_loader_class(model)
