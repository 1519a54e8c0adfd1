"""Winning a deal: the front-office to back-office handover of §4.1 (and of an accepted quote,
§9), in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from domain.accounts.services import get_account, mark_customer
from domain.billing.pricing import line_net
from domain.clock import utcnow
from domain.event_data import opportunity_event_data
from domain.events import record_event
from domain.fulfillment.services import open_fulfillment
from domain.money import ZERO
from domain.orders.models import SalesOrder
from domain.orders.services import OrderLineDraft, create_sales_order
from domain.pipeline import stages
from domain.pipeline.models import Opportunity, OpportunityLine, OpportunityStatus, Stage
from domain.pipeline.services import lock_opportunity


async def win_opportunity(opportunity_id: int, requested_date: date | None = None) -> Opportunity:
    """Sets WON, makes the account a CUSTOMER and creates the DRAFT sales order with the
    deal's lines at the deal's prices. A deal closed on an amount alone gets an order with no
    lines, which sales completes with the order's update (§4.1). Winning a won deal returns it
    unchanged, with the same order: the row lock serialises concurrent calls, and the second
    sees the first's order once it commits."""
    async with in_transaction():
        opportunity = await lock_opportunity(opportunity_id)
        if opportunity.status is OpportunityStatus.WON:
            return opportunity
        lines = await OpportunityLine.filter(opportunity_id=opportunity.id).order_by(
            "position", "id"
        )
        await _hand_over(
            opportunity,
            [
                OrderLineDraft(
                    product_id=line.product_id,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    discount_percent=line.discount_percent,
                    description=line.description,
                )
                for line in lines
            ],
            requested_date=requested_date,
        )
    return opportunity


async def win_with_lines(
    opportunity: Opportunity,
    lines: Sequence[OrderLineDraft],
    *,
    requested_date: date | None,
    customer_reference: str | None = None,
    promised_date: date | None = None,
) -> SalesOrder:
    """An accepted quote's handover (§9), inside the caller's transaction with the open deal
    locked: the deal's lines become `lines` (each with its price, discount and tax rate), its
    amount their sum, and the deal is won with them."""
    if any(line.unit_price is None for line in lines):
        raise ValueError("an accepted quote's lines carry their prices")
    await OpportunityLine.filter(opportunity_id=opportunity.id).delete()
    rows = [
        OpportunityLine(
            opportunity_id=opportunity.id,
            position=position,
            product_id=line.product_id,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent or ZERO,
            net_amount=line_net(
                line.quantity, Decimal(line.unit_price or ZERO), line.discount_percent or ZERO
            ),
        )
        for position, line in enumerate(lines)
    ]
    if rows:
        await OpportunityLine.bulk_create(rows)
    opportunity.amount = sum((row.net_amount for row in rows), ZERO)
    await opportunity.save(update_fields=["amount", "updated_at"])
    return await _hand_over(
        opportunity,
        lines,
        requested_date=requested_date,
        customer_reference=customer_reference,
        promised_date=promised_date,
    )


async def _hand_over(
    opportunity: Opportunity,
    lines: Sequence[OrderLineDraft],
    *,
    requested_date: date | None,
    customer_reference: str | None = None,
    promised_date: date | None = None,
) -> SalesOrder:
    before = stages.StageState(
        Stage(opportunity.stage),
        opportunity.probability,
        OpportunityStatus(opportunity.status),
    )
    after = stages.win(before)
    account = await get_account(opportunity.account_id, field="account_id")
    order = await create_sales_order(
        account.id,
        lines,
        requested_date=requested_date,
        notes=f"From opportunity {opportunity.name}",
        customer_reference=customer_reference,
    )
    await mark_customer(account)
    opportunity.stage = after.stage
    opportunity.probability = after.probability
    opportunity.status = after.status
    opportunity.closed_at = utcnow()
    opportunity.sales_order_id = order.id
    await opportunity.save(
        update_fields=[
            "stage",
            "probability",
            "status",
            "closed_at",
            "sales_order_id",
            "updated_at",
        ]
    )
    await open_fulfillment(opportunity.id, order, promised_date or requested_date)
    await record_event("opportunity.won", opportunity_event_data(opportunity, asdict(before)))
    return order
