"""SalesOrder fields of the billing area: its invoices (§5.2)."""

from __future__ import annotations

import strawberry


@strawberry.type
class SalesOrderBillingFields:
    """Mixed into `SalesOrder`; resolvers read the row as `self.record`."""
