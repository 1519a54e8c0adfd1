"""JobRun fields of the manufacturing area: the MRP run it produced (§6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.manufacturing.loaders import MrpRunByJobRunIdLoader

if TYPE_CHECKING:
    from api.manufacturing.types import MrpRun


@strawberry.type
class JobRunManufacturingFields:
    """Mixed into `JobRun`; resolvers read the row as `self.record`."""

    @strawberry.field(description="The MRP run of an MRP job, once it has started planning.")
    async def mrp_run(
        self, info: strawberry.Info
    ) -> Annotated[MrpRun, strawberry.lazy("api.manufacturing.types")] | None:
        from api.manufacturing.types import MrpRun

        row = await info.context.loaders[MrpRunByJobRunIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return MrpRun.from_optional(row)
