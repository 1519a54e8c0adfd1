"""Account fields of the billing area: salesOrders, invoices, balance, credit, revenue (§3, §5)."""

from __future__ import annotations

import strawberry


@strawberry.type
class AccountBillingFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""
