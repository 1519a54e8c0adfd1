"""GraphQL inputs of lots (§15)."""

from __future__ import annotations

import strawberry

from api.relay import filter_id
from domain.lots import services


@strawberry.input(description="Narrows `lots`.")
class LotFilter:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this Product's lots."
    )

    def query(self) -> services.LotFilter:
        pk = filter_id(self.product_id, "Product", "productId")
        return services.LotFilter(product_ids=None if pk is None else (pk,))


@strawberry.input(description="A lot to recall.")
class LotRecallInput:
    lot_id: strawberry.ID = strawberry.field(description="The Lot recalled.")
