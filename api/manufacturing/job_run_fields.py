"""JobRun fields of the manufacturing area: the MRP run it produced (§6)."""

from __future__ import annotations

import strawberry


@strawberry.type
class JobRunManufacturingFields:
    """Mixed into `JobRun`; resolvers read the row as `self.record`."""
