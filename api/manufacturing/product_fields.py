"""Product fields of the manufacturing area: its bill of materials (§5.1)."""

from __future__ import annotations

import strawberry


@strawberry.type
class ProductManufacturingFields:
    """Mixed into `Product`; resolvers read the row as `self.record`."""
