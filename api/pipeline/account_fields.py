"""Account fields of the pipeline area: opportunities, activities, openPipeline (§3, §4)."""

from __future__ import annotations

import strawberry


@strawberry.type
class AccountPipelineFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""
