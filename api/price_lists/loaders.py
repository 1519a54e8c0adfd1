"""Dataloaders of price lists: lists by id and each list's page of items."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import by_id_loader
from api.nested import PagesByKeyLoader
from domain.price_lists import services
from domain.price_lists.models import PriceList

PriceListByIdLoader = by_id_loader(PriceList)


class PriceListItemPagesByPriceListIdLoader(PagesByKeyLoader):
    """`PriceList.items(filter:, orderBy:)`: the filter is a `services.PriceListItemFilter`."""

    key = "price_list_id"

    def rows(self, flt: Any) -> QuerySet[Any]:
        return services.list_price_list_items(flt)
