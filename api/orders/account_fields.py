"""Account fields of the orders area: salesOrders (contract §3, §5.2)."""

from __future__ import annotations

import strawberry


@strawberry.type
class AccountOrderFields:
    """Mixed into `Account`; resolvers read the row as `self.record`."""
