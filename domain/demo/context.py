"""The demo's shared state: the seeded random source, the fixed anchor date and what is built."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

# Every demo date hangs off this Monday, so two seedings describe the same company. It lies
# in the past because case instants may not be in the future.
ANCHOR = date(2026, 11, 2)
# "Now" inside the demo: 15:00 in New York on the anchor day (EST, UTC−5).
ANCHOR_AT = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)
SEED = 2026


def day(offset: int) -> date:
    """The anchor date moved by `offset` days."""
    return ANCHOR + timedelta(days=offset)


def moment(days: float) -> datetime:
    """The demo's "now" moved by `days` (fractions allowed), to the minute."""
    return ANCHOR_AT + timedelta(minutes=round(days * 24 * 60))


def money(value: float | int | str) -> Decimal:
    """A money amount to cents from a literal of the demo's price lists."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass
class CustomerRef:
    id: int
    name: str
    tier: str
    contact_ids: list[int] = field(default_factory=list)


@dataclass
class DemoContext:
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    # When things happen (deals opened and closed, orders shipped): a source of its own, so
    # the company's contents do not depend on its dates.
    dates: random.Random = field(default_factory=lambda: random.Random(SEED + 1))
    customers: list[CustomerRef] = field(default_factory=list)
    suppliers: dict[str, int] = field(default_factory=dict)  # supplier key → account id
    products: dict[str, int] = field(default_factory=dict)  # sku → product id
    premium_policy_id: int = 0
    # Sales orders made by winning deals, in the order they were won.
    handover_order_ids: list[int] = field(default_factory=list)
    # The sales team (§13): owner name → user id, the service agents, the campaigns.
    user_ids: dict[str, int] = field(default_factory=dict)
    service_user_ids: list[int] = field(default_factory=list)
    campaign_ids: list[int] = field(default_factory=list)

    def product(self, sku: str) -> int:
        return self.products[sku]
