"""Dataloaders of customer returns."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.returns.models import Return, ReturnLine

ReturnByIdLoader = by_id_loader(Return)


class ReturnLinesByReturnIdLoader(ManyByKeyLoader):
    model = ReturnLine
    key = "rma_id"
    order_by = ("id",)
