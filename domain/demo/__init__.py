"""`tandem seed --demo`: a realistic e-bike company built only through the domain use cases."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from domain.catalog.models import Product
from domain.clock import frozen_at
from domain.demo.accounts import seed_accounts
from domain.demo.billing import invoice_orders, record_payments
from domain.demo.catalog import FINISHED_GOODS, seed_catalog
from domain.demo.context import ANCHOR_AT, DemoContext, moment
from domain.demo.currencies import seed_currencies
from domain.demo.orders import create_orders, deliver_prepaid_services, fulfil_orders
from domain.demo.payables import seed_payables
from domain.demo.pipeline import seed_leads, seed_opportunities
from domain.demo.price_lists import seed_price_lists
from domain.demo.quotes import seed_quotes
from domain.demo.service_desk import seed_cases, seed_policies
from domain.demo.stock import seed_stock
from domain.demo.summary import demo_summary
from domain.demo.team import seed_team

__all__ = ["demo_present", "seed_demo"]

# The demo's first finished good: its presence means the demo was loaded (the seeding is one
# transaction, so it is there only when everything else is).
MARKER_SKU = FINISHED_GOODS[0].sku


async def demo_present() -> bool:
    return await Product.exists(sku=MARKER_SKU)


async def seed_demo() -> dict[str, int]:
    """Loads the demo company once (deterministic: random.Random(2026) and dates from a fixed
    anchor) and returns what the database holds; a second call writes nothing."""
    if not await demo_present():
        # One transaction: an interrupted seeding leaves nothing behind, and the use cases'
        # own transactions nest inside it as savepoints.
        async with in_transaction():
            await _seed(DemoContext())
    return await demo_summary()


async def _seed(ctx: DemoContext) -> None:
    """Each step happens at its own demo date (the clock frozen there), so every document,
    entry and event is dated inside the demo's past whenever it is loaded: the company set
    up and stocked months ago, deals opened and closed over the last quarter, orders shipped
    around their requested days, the service desk and quotes up to the demo's "now"."""
    with frozen_at(moment(-200)):
        await seed_policies(ctx)
        await seed_team(ctx)
        await seed_accounts(ctx)
        await seed_catalog(ctx)
    with frozen_at(moment(-120)):
        await seed_stock(ctx)
        await seed_leads(ctx)
    # Each deal opens and closes at its own moment (domain.demo.pipeline).
    await seed_opportunities(ctx)
    with frozen_at(moment(-45)):
        orders = await create_orders(ctx)
    # Each order ships on its own day (domain.demo.orders).
    await fulfil_orders(ctx, orders)
    with frozen_at(ANCHOR_AT):
        await invoice_orders(ctx, orders)
        await record_payments(ctx, orders)
        await deliver_prepaid_services(orders)
        await seed_cases(ctx)
        await seed_price_lists(ctx)
        await seed_quotes(ctx)
        await seed_payables(ctx)
        await seed_currencies(ctx)
