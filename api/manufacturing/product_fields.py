"""Product fields of the manufacturing area: its bill of materials (§5.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.manufacturing.loaders import BomByProductIdLoader

if TYPE_CHECKING:
    from api.manufacturing.types import BillOfMaterials


@strawberry.type
class ProductManufacturingFields:
    """Mixed into `Product`; resolvers read the row as `self.record`."""

    @strawberry.field(description="What the product is made of; null when it has no BOM.")
    async def bom(
        self, info: strawberry.Info
    ) -> Annotated[BillOfMaterials, strawberry.lazy("api.manufacturing.types")] | None:
        from api.manufacturing.types import BillOfMaterials

        row = await info.context.loaders[BomByProductIdLoader].load(
            self.record.id  # type: ignore[attr-defined]
        )
        return BillOfMaterials.from_optional(row)
