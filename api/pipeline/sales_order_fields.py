"""SalesOrder fields of the pipeline area: the opportunity it came from (§5.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.pipeline.loaders import OpportunityBySalesOrderIdLoader

if TYPE_CHECKING:
    from api.pipeline.types import Opportunity


@strawberry.type
class SalesOrderPipelineFields:
    """Mixed into `SalesOrder`; resolvers read the row as `self.record`."""

    @strawberry.field(description="The won opportunity this order was handed over from.")
    async def opportunity(
        self, info: Info
    ) -> Annotated[Opportunity, strawberry.lazy("api.pipeline.types")] | None:
        from api.pipeline.types import Opportunity

        row = await info.context.loaders[OpportunityBySalesOrderIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return Opportunity.from_optional(row)
