"""Account fields of the service area: cases and the SLA policy (contract §3, §7)."""

from __future__ import annotations

import strawberry


@strawberry.type
class AccountServiceFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""
