"""Demo quotes (§9): a quote in every status on the open deals, priced by the demo's price
lists, and a few lines that cannot be promised on the day asked (LATE)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from domain.clock import today
from domain.demo.context import DemoContext
from domain.pipeline.models import Opportunity, OpportunityStatus
from domain.quotes.services import (
    accept_quote,
    create_quote,
    expire_quotes,
    reject_quote,
    revise_quote,
    send_quote,
)

# Quote validity counts from the seeding day: a quote is sent and accepted only while valid.
REJECTIONS = ("Went with a cheaper fleet offer", "Budget moved to next year")


def _lines(ctx: DemoContext, *rows: tuple[str, int]) -> list[dict[str, Any]]:
    """Lines without a unit price: each takes the account's price of the day (§9)."""
    return [{"product_id": ctx.product(sku), "quantity": Decimal(n)} for sku, n in rows]


async def seed_quotes(ctx: DemoContext) -> None:
    """Eleven open deals get quotes: two DRAFTs, three SENT (one asking for cargo bikes and
    trikes within the week, which the stock cannot promise), a SENT revision of a SUPERSEDED
    version, two REJECTED, two EXPIRED and two ACCEPTED, which win their deals."""
    deals = list(await Opportunity.filter(status=OpportunityStatus.OPEN).order_by("id").limit(11))
    soon = today() + timedelta(days=3)

    await create_quote(deals[0].id, {})
    await create_quote(
        deals[1].id, {"lines": _lines(ctx, ("FG-CITY", 12), ("A-HELMET", 12), ("A-LOCK", 4))}
    )
    late = await create_quote(
        deals[2].id,
        {"requested_date": soon, "lines": _lines(ctx, ("FG-CARGO", 8), ("FG-TRIKE", 10))},
    )
    await send_quote(late.id)
    await send_quote((await create_quote(deals[3].id, {})).id)
    first = await create_quote(deals[4].id, {})
    await send_quote(first.id)
    await send_quote((await revise_quote(first.id)).id)
    for deal, reason in zip(deals[5:7], REJECTIONS, strict=True):
        quote = await create_quote(deal.id, {})
        await send_quote(quote.id)
        await reject_quote(quote.id, reason)
    for deal in deals[7:9]:
        quote = await create_quote(deal.id, {"valid_until": today()})
        await send_quote(quote.id)
    await expire_quotes(today() + timedelta(days=1))
    for deal in deals[9:11]:
        quote = await create_quote(deal.id, {"requested_date": today() + timedelta(days=14)})
        await send_quote(quote.id)
        await accept_quote(quote.id, f"PO-{ctx.rng.randint(10000, 99999)}")
