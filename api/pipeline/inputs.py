"""GraphQL inputs of leads and opportunities (§4.1): filters, orders, create and update inputs.

The filters and orders are also the arguments of `Account.opportunities`, so they live apart
from the object types: the accounts area imports them without importing this area's types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.external_data import (
    ExternalDataCreateInput,
    ExternalDataFilter,
    ExternalDataUpdateInput,
    metadata_pairs,
)
from api.pipeline.enums import (
    LeadOrderField,
    LeadStatus,
    OpportunityOrderField,
    OpportunityStatus,
    Stage,
)
from api.relay import filter_id, order_fields
from api.scalars import OrderDirection
from domain.pipeline import services

ORDER_DIRECTION = "ASC or DESC; ties are broken by id, in the same direction."


@strawberry.input(description="How to sort a lead list.")
class LeadOrder:
    field: LeadOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which leads a list shows; all conditions must hold.")
class LeadFilter(ExternalDataFilter):
    search: str | None = strawberry.field(
        default=None,
        description="Part of the company name, contact name or email, in any letter case.",
    )
    status: LeadStatus | None = strawberry.field(default=None, description="Only this status.")
    source: str | None = strawberry.field(
        default=None, description='Only this source, exactly (e.g. "webinar").'
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the leads this user (a User id) owns."
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the leads of this campaign (a Campaign id)."
    )


@strawberry.input(description="How to sort an opportunity list.")
class OpportunityOrder:
    field: OpportunityOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which opportunities a list shows; all conditions must hold.")
class OpportunityFilter(ExternalDataFilter):
    account_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this account's deals (an Account id)."
    )
    stage: Stage | None = strawberry.field(default=None, description="Only this stage.")
    status: OpportunityStatus | None = strawberry.field(
        default=None, description="Only this status (OPEN, WON or LOST)."
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the deals this user (a User id) owns."
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the deals of this campaign (a Campaign id)."
    )
    expected_close_from: date | None = strawberry.field(
        default=None, description="Expected to close on or after this day."
    )
    expected_close_to: date | None = strawberry.field(
        default=None, description="Expected to close on or before this day."
    )
    search: str | None = strawberry.field(
        default=None, description="Part of the deal's name, in any letter case."
    )


def lead_filter(flt: LeadFilter | None) -> services.LeadFilter:
    if flt is None:
        return services.LeadFilter()
    return services.LeadFilter(
        search=flt.search,
        status=flt.status,
        source=flt.source,
        owner_id=filter_id(flt.owner_id, "User", "ownerId"),
        campaign_id=filter_id(flt.campaign_id, "Campaign", "campaignId"),
        external_id=flt.external_id,
        metadata=metadata_pairs(flt),
    )


def lead_order(order: LeadOrder | None) -> tuple[str, ...]:
    """Newest first unless the client says otherwise."""
    return order_fields(order.field.value, order.direction) if order else ("-created_at",)


def opportunity_filter(flt: OpportunityFilter | None) -> services.OpportunityFilter:
    if flt is None:
        return services.OpportunityFilter()
    return services.OpportunityFilter(
        account_id=filter_id(flt.account_id, "Account", "accountId"),
        stage=flt.stage,
        status=flt.status,
        owner_id=filter_id(flt.owner_id, "User", "ownerId"),
        campaign_id=filter_id(flt.campaign_id, "Campaign", "campaignId"),
        expected_close_from=flt.expected_close_from,
        expected_close_to=flt.expected_close_to,
        search=flt.search,
        external_id=flt.external_id,
        metadata=metadata_pairs(flt),
    )


def opportunity_order(order: OpportunityOrder | None) -> tuple[str, ...]:
    """Oldest first unless the client says otherwise."""
    return order_fields(order.field.value, order.direction) if order else ("id",)


@strawberry.input(description="A new lead (leadCreate).")
class LeadCreateInput(ExternalDataCreateInput):
    company_name: str = strawberry.field(
        description="The prospect's company; blank → REQUIRED. Up to 255 characters."
    )
    contact_name: str = strawberry.field(
        description="The person to talk to; blank → REQUIRED. On conversion the first word "
        "becomes the contact's firstName, the rest lastName."
    )
    email: str | None = strawberry.field(
        default=None, description="Stored lower-case; a malformed address → INVALID."
    )
    phone: str | None = strawberry.field(default=None, description="Free text, e.g. +1 555 0100.")
    source: str | None = strawberry.field(
        default=None, description='Where the lead came from, e.g. "webinar".'
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who works it: an active User (INVALID otherwise); omitted: the token's "
        "user (none for a token issued for no one); null: no one.",
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="The Campaign it came from (NOT_FOUND when there is none)."
    )


@strawberry.input(description="Changes to a lead (leadUpdate); omitted fields stay as they are.")
class LeadUpdateInput(ExternalDataUpdateInput):
    id: strawberry.ID = strawberry.field(description="The Lead.")
    company_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Blank → REQUIRED."
    )
    contact_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Blank → REQUIRED."
    )
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="Stored lower-case; null clears it."
    )
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Null clears it.")
    source: str | None = strawberry.field(default=strawberry.UNSET, description="Null clears it.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who works it: an active User (INVALID otherwise); null: no one.",
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The Campaign it came from; null: none."
    )
    status: LeadStatus | None = strawberry.field(
        default=strawberry.UNSET,
        description="NEW, QUALIFIED or DISQUALIFIED; CONVERTED only through leadConvert "
        "(INVALID_TRANSITION).",
    )


@strawberry.input(description="Converting a lead (leadConvert, §4.1); a lead converts once.")
class LeadConvertInput:
    lead_id: strawberry.ID = strawberry.field(description="The Lead to convert.")
    account_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Convert into this account; otherwise the account of the contact with the "
        "lead's email, else a new PROSPECT account named after the company.",
    )
    opportunity_name: str | None = strawberry.field(
        default=None, description="Also create an opportunity with this name (PROSPECTING)."
    )
    amount: Decimal | None = strawberry.field(
        default=None,
        description="The new opportunity's amount in the account's currency (≥ 0, cents); "
        "only together with opportunityName.",
    )


@strawberry.input(description="One product line of an opportunity.")
class OpportunityLineInput:
    product_id: strawberry.ID = strawberry.field(description="The Product.")
    quantity: Decimal = strawberry.field(description="Greater than zero, up to 4 decimals.")
    unit_price: Decimal | None = strawberry.field(
        default=None,
        description="In the deal's currency, up to 4 decimals. Omitted: the price of §9 on "
        "the day (the account's or the default price list, else the product's list price), "
        "frozen on the line.",
    )
    discount_percent: Decimal | None = strawberry.field(
        default=None,
        description="0–100, e.g. 12.5. Omitted: the discount of the §9 price when unitPrice "
        "is omitted too, else 0.",
    )
    description: str | None = strawberry.field(
        default=None, description="Shown on the line and carried to the sales order."
    )


@strawberry.input(description="A new opportunity (opportunityCreate).")
class OpportunityCreateInput(ExternalDataCreateInput):
    account_id: strawberry.ID = strawberry.field(description="The Account the deal is with.")
    name: str = strawberry.field(description="The deal's name; blank → REQUIRED.")
    amount: Decimal | None = strawberry.field(
        default=None,
        description="In the account's currency (≥ 0, cents). With lines it is derived from "
        "them (Σ line nets, §5.4 rounding) and a different amount is refused (INVALID).",
    )
    expected_close_date: date | None = strawberry.field(
        default=None, description="When the deal should close; drives the forecast."
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who works it: an active User (INVALID otherwise); omitted: the token's "
        "user (none for a token issued for no one); null: no one.",
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="The Campaign it came from (NOT_FOUND when there is none)."
    )
    stage: Stage | None = strawberry.field(
        default=None, description="An open stage; PROSPECTING by default."
    )
    probability: int | None = strawberry.field(
        default=None, description="Percent 0–100; the stage's default when omitted."
    )
    lines: list[OpportunityLineInput] | None = strawberry.field(
        default=None, description="Product lines; the DRAFT order of a won deal copies them."
    )


@strawberry.input(
    description="Changes to an OPEN opportunity (opportunityUpdate); omitted fields stay."
)
class OpportunityUpdateInput(ExternalDataUpdateInput):
    id: strawberry.ID = strawberry.field(description="The Opportunity.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Blank → REQUIRED.")
    account_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Move the deal to another Account."
    )
    amount: Decimal | None = strawberry.field(
        default=strawberry.UNSET,
        description="Only for a deal without lines (else INVALID): its amount is their sum.",
    )
    expected_close_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="Null clears it."
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Who works it: an active User (INVALID otherwise); null: no one.",
    )
    campaign_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The Campaign it came from; null: none."
    )
    lines: list[OpportunityLineInput] | None = strawberry.field(
        default=strawberry.UNSET,
        description="When given, replaces all lines; [] removes them (the amount stays).",
    )


@strawberry.input(description="Moving an OPEN opportunity to another open stage.")
class OpportunityMoveStageInput:
    id: strawberry.ID = strawberry.field(description="The Opportunity.")
    stage: Stage = strawberry.field(
        description="An open stage, forwards or back; CLOSED_* → INVALID_TRANSITION (use "
        "opportunityMarkWon / opportunityMarkLost)."
    )
    probability: int | None = strawberry.field(
        default=None, description="Percent 0–100; the stage's default when omitted."
    )


@strawberry.input(description="Winning an opportunity: the handover to a sales order (§4.1).")
class OpportunityMarkWonInput:
    id: strawberry.ID = strawberry.field(description="The Opportunity.")
    requested_date: date | None = strawberry.field(
        default=None, description="The sales order's requested delivery date."
    )


@strawberry.input(description="Losing an opportunity.")
class OpportunityMarkLostInput:
    id: strawberry.ID = strawberry.field(description="The Opportunity.")
    reason: str = strawberry.field(
        description="Why it was lost (up to 500 characters); blank → REQUIRED."
    )
