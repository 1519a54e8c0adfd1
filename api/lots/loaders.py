"""Dataloaders of lots."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from strawberry.dataloader import DataLoader

from api.loaders import by_id_loader
from domain.lots.models import Lot
from domain.lots.services import on_hand_by_lot

LotByIdLoader = by_id_loader(Lot)


class LotOnHandByIdLoader(DataLoader[int, Decimal]):
    """Each lot's on hand over all warehouses, one query per batch."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[Decimal]:
        totals = await on_hand_by_lot(sorted(set(keys)))
        return [totals[key] for key in keys]
