"""SalesOrder fields of the pipeline area: the opportunity it came from (§5.2)."""

from __future__ import annotations

import strawberry


@strawberry.type
class SalesOrderPipelineFields:
    """Mixed into `SalesOrder`; resolvers read the row as `self.record`."""
