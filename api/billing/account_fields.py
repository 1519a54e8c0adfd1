"""Account fields of the billing area: invoices, balance, creditAvailable, lifetimeRevenue (§3)."""

from __future__ import annotations

import strawberry


@strawberry.type
class AccountBillingFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""
