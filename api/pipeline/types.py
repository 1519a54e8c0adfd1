"""GraphQL types of leads, opportunities, their lines and the forecast (contract §4.1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader, ContactByIdLoader
from api.activities.lists import ActivityFilter, ActivityOrder, opportunity_activities
from api.availability.loaders import line_availability
from api.campaigns.loaders import CampaignByIdLoader
from api.catalog.loaders import ProductByIdLoader
from api.errors import payload
from api.external_data import EXTERNAL_ID, METADATA, PRIVATE_METADATA
from api.orders.loaders import SalesOrderByIdLoader
from api.pipeline.enums import LeadStatus, OpportunityStatus, Stage
from api.pipeline.loaders import (
    OpportunityByIdLoader,
    OpportunityLinesByOpportunityIdLoader,
)
from api.quotes.figures import MARGIN_ROLES, lines_margin, opportunity_fulfillment
from api.quotes.inputs import QuoteFilter, QuoteOrder
from api.quotes.loaders import opportunity_quotes
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    to_node,
    to_optional_node,
)
from api.scalars import Money, money, unit_money
from api.users.loaders import UserByIdLoader
from domain.pipeline import models
from domain.pipeline.forecast import weighted_amount

if TYPE_CHECKING:
    from api.accounts.types import Account, Contact
    from api.activities.types import Activity
    from api.availability.types import Availability
    from api.campaigns.types import Campaign
    from api.catalog.types import Product
    from api.orders.types import SalesOrder
    from api.quotes.figures import Margin, OpportunityFulfillment
    from api.quotes.types import Quote
    from api.users.types import User


async def _account(info: Info, account_id: int | None) -> Any:
    if account_id is None:
        return None
    return to_optional_node(await info.context.loaders[AccountByIdLoader].load(account_id))


async def _user(info: Info, user_id: int | None) -> Any:
    if user_id is None:
        return None
    return to_optional_node(await info.context.loaders[UserByIdLoader].load(user_id))


async def _campaign(info: Info, campaign_id: int | None) -> Any:
    if campaign_id is None:
        return None
    return to_optional_node(await info.context.loaders[CampaignByIdLoader].load(campaign_id))


async def _contact(info: Info, contact_id: int | None) -> Any:
    if contact_id is None:
        return None
    return to_optional_node(await info.context.loaders[ContactByIdLoader].load(contact_id))


async def _opportunity(info: Info, opportunity_id: int | None) -> Opportunity | None:
    if opportunity_id is None:
        return None
    row = await info.context.loaders[OpportunityByIdLoader].load(opportunity_id)
    return Opportunity.from_optional(row)


async def _sales_order(info: Info, sales_order_id: int | None) -> Any:
    if sales_order_id is None:
        return None
    return to_optional_node(await info.context.loaders[SalesOrderByIdLoader].load(sales_order_id))


@strawberry.type(
    description="A prospective customer captured before it is qualified and converted into "
    "an account, a contact and maybe an opportunity (§4.1, §4.2). Readable by every role."
)
class Lead(ModelNode):
    model_class = models.Lead

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    company_name: str = strawberry.field(description="The prospect's company.")
    contact_name: str = strawberry.field(description="The person to talk to.")
    email: str | None = strawberry.field(description="Lower-case; matched against contacts.")
    phone: str | None = strawberry.field(description="Free text.")
    source: str | None = strawberry.field(description='Where it came from, e.g. "webinar".')
    status: LeadStatus = strawberry.field(description="NEW → QUALIFIED/DISQUALIFIED → CONVERTED.")
    converted_at: datetime | None = strawberry.field(
        description="When leadConvert ran; null until then."
    )
    created_at: datetime = strawberry.field(description="When the lead was captured.")
    updated_at: datetime = strawberry.field(description="The last change.")

    @strawberry.field(description="The account the lead became (or was linked to).")
    async def converted_account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")] | None:
        return await _account(info, self.record.converted_account_id)

    @strawberry.field(description="The contact the lead became, or the one its email matched.")
    async def converted_contact(
        self, info: Info
    ) -> Annotated[Contact, strawberry.lazy("api.accounts.types")] | None:
        return await _contact(info, self.record.converted_contact_id)

    @strawberry.field(description="The opportunity created on conversion, if one was named.")
    async def converted_opportunity(self, info: Info) -> Opportunity | None:
        return await _opportunity(info, self.record.converted_opportunity_id)

    @strawberry.field(
        description="Who works the lead (§13); created without ownerId, the token's user."
    )
    async def owner(self, info: Info) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        return await _user(info, self.record.owner_id)

    @strawberry.field(
        description="The campaign that brought the lead (§13); its deal on conversion keeps it."
    )
    async def campaign(
        self, info: Info
    ) -> Annotated[Campaign, strawberry.lazy("api.campaigns.types")] | None:
        return await _campaign(info, self.record.campaign_id)


@strawberry.type(
    description="One product line of an opportunity, at the deal's price; the DRAFT order "
    "of a won deal copies it (§4.1)."
)
class OpportunityLine(ModelNode):
    model_class = models.OpportunityLine

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="The line's place, from 0.")
    description: str | None = strawberry.field(description="Free text, carried to the order.")
    quantity: Decimal = strawberry.field(description="Up to 4 decimals, no padding zeros.")
    discount_percent: Decimal = strawberry.field(description="Percent, e.g. 12.5.")
    # The deal's currency and close date, given by the opportunity that builds its lines: no
    # query per line.
    currency: strawberry.Private[str]
    close_date: strawberry.Private[date | None]

    @classmethod
    async def nodes_of_rows(
        cls, info: Info, rows: Sequence[models.OpportunityLine | None]
    ) -> list[Any | None]:
        """`node(id:)` reaches lines without their opportunity: one load for the batch."""
        deal_ids = [row.opportunity_id for row in rows if row is not None]
        deals = await info.context.loaders[OpportunityByIdLoader].load_many(deal_ids)
        by_id = {deal.id: deal for deal in deals if deal is not None}
        return [
            None
            if row is None
            else cls.from_model(
                row,
                currency=by_id[row.opportunity_id].currency,
                close_date=by_id[row.opportunity_id].expected_close_date,
            )
            for row in rows
        ]

    @strawberry.field(description="Price per unit in the deal's currency, up to 4 decimals.")
    def unit_price(self) -> Money:
        return unit_money(self.record.unit_price, self.currency)

    @strawberry.field(
        description="quantity × unitPrice × (1 − discountPercent/100), half-up to cents (§5.4)."
    )
    def net_amount(self) -> Money:
        return money(self.record.net_amount, self.currency)

    @strawberry.field(description="The product sold.")
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return to_node(row)

    @strawberry.field(
        description="Whether the line's quantity can be promised on the deal's "
        "expectedCloseDate (today when it has none or it has passed), and when (§9). One "
        "batch for all the lines of a page."
    )
    async def availability(
        self, info: Info
    ) -> Annotated[Availability, strawberry.lazy("api.availability.types")]:
        return await line_availability(
            info, self.record.product_id, self.record.quantity, self.close_date
        )


@strawberry.type(
    description="A deal in the pipeline (§4.1); winning it hands it over as a DRAFT sales "
    "order. Readable by every role; written by ADMIN and SALES."
)
class Opportunity(ModelNode):
    model_class = models.Opportunity

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    name: str = strawberry.field(description="The deal's name.")
    stage: Stage = strawberry.field(description="Where the deal is in the pipeline.")
    probability: int = strawberry.field(
        description="Percent 0–100; set with the stage (its default) or explicitly."
    )
    status: OpportunityStatus = strawberry.field(description="OPEN, WON or LOST.")
    currency: str = strawberry.field(description="The account's currency (ISO 4217).")
    expected_close_date: date | None = strawberry.field(
        description="When the deal should close; the forecast buckets by it."
    )
    lost_reason: str | None = strawberry.field(description="Why it was lost; null unless LOST.")
    closed_at: datetime | None = strawberry.field(description="When it was won or lost.")
    created_at: datetime = strawberry.field(description="When the deal was created.")
    updated_at: datetime = strawberry.field(description="The last change.")

    @strawberry.field(
        description="The deal's value; with lines, the sum of their net amounts (§5.4 "
        "rounding), else as entered."
    )
    def amount(self) -> Money:
        return money(self.record.amount, self.record.currency)

    @strawberry.field(
        description="Who works the deal (§13); created without ownerId, the token's user (the "
        "lead's owner on conversion)."
    )
    async def owner(self, info: Info) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        return await _user(info, self.record.owner_id)

    @strawberry.field(
        description="The campaign the deal is attributed to (§13): its lead's, on conversion."
    )
    async def campaign(
        self, info: Info
    ) -> Annotated[Campaign, strawberry.lazy("api.campaigns.types")] | None:
        return await _campaign(info, self.record.campaign_id)

    @strawberry.field(description="The account the deal is with.")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return to_node(row)

    @strawberry.field(description="The product lines, in position order (a small fixed list).")
    async def lines(self, info: Info) -> list[OpportunityLine]:
        rows = await info.context.loaders[OpportunityLinesByOpportunityIdLoader].load(
            self.record.id
        )
        return [
            OpportunityLine.from_model(
                row, currency=self.record.currency, close_date=self.record.expected_close_date
            )
            for row in rows
        ]

    @strawberry.field(
        description="The DRAFT sales order the won deal was handed over as; null until WON."
    )
    async def sales_order(
        self, info: Info
    ) -> Annotated[SalesOrder, strawberry.lazy("api.orders.types")] | None:
        return await _sales_order(info, self.record.sales_order_id)

    @strawberry.field(
        description="Calls, meetings, tasks… logged on the deal, in timeline order (due time, "
        "else when logged)."
    )
    async def activities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ActivityFilter | None,
            strawberry.argument(description="Which activities to list."),
        ] = None,
        order_by: Annotated[
            ActivityOrder | None,
            strawberry.argument(description="The sort; default: the timeline."),
        ] = None,
    ) -> Connection[Annotated[Activity, strawberry.lazy("api.activities.types")]]:
        return await opportunity_activities(
            info,
            self.record.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(
        description="The deal's quote versions (§9), newest version first unless `orderBy` "
        "says otherwise."
    )
    async def quotes(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            QuoteFilter | None, strawberry.argument(description="Which versions to list.")
        ] = None,
        order_by: Annotated[
            QuoteOrder | None, strawberry.argument(description="Default: VERSION DESC.")
        ] = None,
    ) -> Connection[Annotated[Quote, strawberry.lazy("api.quotes.types")]]:
        return await opportunity_quotes(
            info,
            self.record.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(description="amount × probability / 100, half-up to cents (§4.1).")
    def weighted_amount(self) -> Money:
        return money(
            weighted_amount(self.record.amount, self.record.probability), self.record.currency
        )

    @strawberry.field(
        description="What the won deal's sales order has shipped, invoiced and been paid, in "
        "step with the order (§9); null until the deal is won."
    )
    async def fulfillment(
        self, info: Info
    ) -> Annotated[OpportunityFulfillment, strawberry.lazy("api.quotes.figures")] | None:
        return await opportunity_fulfillment(info, self.record.id, self.record.currency)

    @strawberry.field(
        description="Σ line nets against Σ quantity × today's standardCost (§9); null for a "
        "deal without lines. " + MARGIN_ROLES
    )
    async def margin(
        self, info: Info
    ) -> Annotated[Margin, strawberry.lazy("api.quotes.figures")] | None:
        rows = await info.context.loaders[OpportunityLinesByOpportunityIdLoader].load(
            self.record.id
        )
        return await lines_margin(info, rows, self.record.currency) if rows else None


@strawberry.type(description="One bucket of pipelineForecast (§4.1).")
class ForecastBucket:
    key: str = strawberry.field(
        description='"YYYY-MM" by month, the stage name by stage, the owner\'s User id (or '
        "UNASSIGNED) by owner."
    )
    count: int = strawberry.field(description="How many OPEN opportunities fall in it.")
    amount: Money = strawberry.field(description="Σ their amounts.")
    weighted_amount: Money = strawberry.field(
        description="Σ of each deal's amount × probability / 100, each rounded half-up to "
        "cents before summing."
    )


@payload("lead", Lead, key_description="The new lead (NEW); null when refused.")
class LeadCreatePayload:
    pass


@payload("lead", Lead)
class LeadUpdatePayload:
    pass


async def _converted_account(root: LeadConvertPayload, info: Info) -> Any:
    return (
        None if root.lead is None else await _account(info, root.lead.record.converted_account_id)
    )


async def _converted_contact(root: LeadConvertPayload, info: Info) -> Any:
    return (
        None if root.lead is None else await _contact(info, root.lead.record.converted_contact_id)
    )


async def _converted_opportunity(root: LeadConvertPayload, info: Info) -> Opportunity | None:
    if root.lead is None:
        return None
    return await _opportunity(info, root.lead.record.converted_opportunity_id)


@payload(
    "lead",
    Lead,
    description="The result of leadConvert: the CONVERTED lead and what it became — the "
    "account (new or reused), the contact (new or the one its email matched) and the "
    "opportunity (when one was named) — or the errors that refused it.",
)
class LeadConvertPayload:
    lead: Lead | None
    account: Annotated[Account, strawberry.lazy("api.accounts.types")] | None = strawberry.field(
        resolver=_converted_account,
        description="The account the lead became or was linked to; null when refused.",
    )
    contact: Annotated[Contact, strawberry.lazy("api.accounts.types")] | None = strawberry.field(
        resolver=_converted_contact,
        description="The contact the lead became, or the one its email matched; null when refused.",
    )
    opportunity: Opportunity | None = strawberry.field(
        resolver=_converted_opportunity,
        description="The opportunity created; null when none was named or when refused.",
    )


@payload("opportunity", Opportunity)
class OpportunityCreatePayload:
    pass


@payload("opportunity", Opportunity)
class OpportunityUpdatePayload:
    pass


@payload("opportunity", Opportunity)
class OpportunityMoveStagePayload:
    pass


@payload("opportunity", Opportunity)
class OpportunityMarkLostPayload:
    pass


async def _handed_over_order(root: OpportunityMarkWonPayload, info: Info) -> Any:
    if root.opportunity is None:
        return None
    return await _sales_order(info, root.opportunity.record.sales_order_id)


@payload(
    "opportunity",
    Opportunity,
    description="The result of opportunityMarkWon: the WON opportunity and the DRAFT sales "
    "order it was handed over as (the same one on every repeat), or the errors that refused it.",
)
class OpportunityMarkWonPayload:
    opportunity: Opportunity | None
    sales_order: Annotated[SalesOrder, strawberry.lazy("api.orders.types")] | None = (
        strawberry.field(
            resolver=_handed_over_order,
            description="The DRAFT sales order: the deal's lines at its prices, or no lines for "
            "a deal closed on an amount alone (complete it with salesOrderUpdate).",
        )
    )
