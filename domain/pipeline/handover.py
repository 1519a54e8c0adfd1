"""Winning a deal: the front-office to back-office handover of §4.1, in one transaction."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from tortoise.transactions import in_transaction

from domain.accounts.services import get_account, mark_customer
from domain.clock import utcnow
from domain.event_data import opportunity_event_data
from domain.events import record_event
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
        before = stages.StageState(
            Stage(opportunity.stage),
            opportunity.probability,
            OpportunityStatus(opportunity.status),
        )
        after = stages.win(before)
        lines = await OpportunityLine.filter(opportunity_id=opportunity.id).order_by(
            "position", "id"
        )
        account = await get_account(opportunity.account_id, field="account_id")
        order = await create_sales_order(
            account.id,
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
            notes=f"From opportunity {opportunity.name}",
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
        await record_event("opportunity.won", opportunity_event_data(opportunity, asdict(before)))
    return opportunity
