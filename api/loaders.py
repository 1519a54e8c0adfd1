"""Per-request dataloaders: one query per relation and request depth, never per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode
from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.models import Model

from api.statements import fetch_rows

L = TypeVar("L", bound=DataLoader[Any, Any])


class ByIdLoader(DataLoader[int, Any]):
    """Loads rows of `model` by primary key; a missing id yields None."""

    model: ClassVar[type[Model]]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[int]) -> list[Any]:
        model = self.model
        rows = await fetch_rows(
            (ByIdLoader, model), list(set(ids)), lambda *batch: model.filter(id__in=batch)
        )
        by_id = {row.pk: row for row in rows}
        return [by_id.get(i) for i in ids]


class OneByKeyLoader(DataLoader[int, Any]):
    """Loads the one row of `model` whose unique `key` is in the batch; None when missing."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[Any]:
        model, lookup = self.model, f"{self.key}__in"
        rows = await fetch_rows(
            (type(self),), list(set(keys)), lambda *batch: model.filter(**{lookup: batch})
        )
        by_key = {getattr(row, self.key): row for row in rows}
        return [by_key.get(key) for key in keys]


class ManyByKeyLoader(DataLoader[int, list[Any]]):
    """Loads the children of many parents at once: `model` rows whose `key` is in the batch."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]
    order_by: ClassVar[tuple[str, ...]] = ("id",)
    filters: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[Any]]:
        model, lookup, filters = self.model, f"{self.key}__in", self.filters
        rows = await fetch_rows(
            (type(self),),
            list(set(keys)),
            lambda *batch: model.filter(**{lookup: batch}, **filters),
        )
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


class AccountFigureLoader(DataLoader[int, Decimal]):
    """A figure of each account (a balance, a revenue): `figures` sums it for the whole
    batch in one grouped query."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def figures(self, account_ids: list[int]) -> Mapping[int, Decimal]:
        raise NotImplementedError

    async def _load(self, account_ids: Sequence[int]) -> list[Decimal]:
        figures = await self.figures(sorted(set(account_ids)))
        return [figures[account_id] for account_id in account_ids]


def selects(info: Info, *path: str) -> bool:
    """Whether the field being resolved selects the subfield at `path` (GraphQL names, one
    per level: `selects(info, "edges", "node", "lines")`), fragments included: a resolver
    loads what its children will read, with the batch it is part of, so those children
    answer without awaiting (`SalesOrder.lines` loads the lines' products when `product`
    is asked for)."""
    raw = info._raw_info
    fragments = raw.fragments

    def children(selection_set: SelectionSetNode | None, name: str) -> Iterator[FieldNode]:
        seen: set[str] = set()
        pending = [selection_set]
        while pending:
            current = pending.pop()
            for selection in current.selections if current else ():
                if isinstance(selection, FieldNode):
                    if selection.name.value == name:
                        yield selection
                elif isinstance(selection, InlineFragmentNode):
                    pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    spread = selection.name.value
                    if spread not in seen and spread in fragments:
                        seen.add(spread)
                        pending.append(fragments[spread].selection_set)

    level: list[FieldNode] = list(raw.field_nodes)
    for name in path:
        level = [child for node in level for child in children(node.selection_set, name)]
        if not level:
            return False
    return True


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
