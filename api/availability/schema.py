"""The availableToPromise query (§9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.availability.types import Availability
from api.errors import user_input_error
from api.relay import decode_id
from domain.availability.services import availability_of
from domain.errors import DomainError


@strawberry.type
class Query:
    @strawberry.field(
        description="What can be promised of a product (§9): the time-phased ATP over the 90 "
        "days from today, and capable-to-promise through the BOM for MAKE products. It "
        "reserves nothing. A quantity ≤ 0 (INVALID), an id that names no product or "
        "warehouse, or a date outside 1900-01-01…2999-12-31 → BAD_USER_INPUT."
    )
    async def available_to_promise(
        self,
        info: Info,
        product_id: Annotated[
            strawberry.ID, strawberry.argument(description="The product's global id.")
        ],
        quantity: Annotated[
            Decimal,
            strawberry.argument(description="How many are wanted; above 0, up to 4 decimals."),
        ],
        on: Annotated[
            date | None,
            strawberry.argument(
                name="date",
                description="When they are wanted; default today, a day before today counts "
                "as today.",
            ),
        ] = None,
        warehouse_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Count the stock of this warehouse only; default all warehouses. "
                "Demand and receipts are not per warehouse and always count."
            ),
        ] = None,
    ) -> Availability:
        try:
            answer: Any = await availability_of(
                decode_id(product_id, "Product", "product_id"),
                quantity,
                on,
                None
                if warehouse_id is None
                else decode_id(warehouse_id, "Warehouse", "warehouse_id"),
            )
        except DomainError as error:
            raise user_input_error(error.message) from None
        return answer
