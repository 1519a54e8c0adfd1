"""The availability of many lines in one batch (§9): a page of quote or opportunity lines
costs the same few statements as one line.

Other areas' line types call `line_availability` and annotate the field lazily with
`Annotated["Availability", strawberry.lazy("api.availability.types")]`: the domain answer
is the object the GraphQL type reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from domain.availability.atp import Availability
from domain.availability.services import AvailabilityQuery, availability_of_lines


class AvailabilityByQueryLoader(DataLoader[AvailabilityQuery, Availability]):
    """One batch of questions answered by one `availability_of_lines` call."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, queries: Sequence[AvailabilityQuery]) -> list[Availability]:
        return await availability_of_lines(queries)


async def line_availability(info: Info, product_id: int, quantity: Decimal, on: date | None) -> Any:
    """A line's availability for its quantity on `on` (None: today), all warehouses."""
    return await info.context.loaders[AvailabilityByQueryLoader].load(
        AvailabilityQuery(product_id, quantity, on)
    )
