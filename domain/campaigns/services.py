"""Campaign use cases: create, update, the list, and finding the campaign a lead names (§13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.campaigns.models import Campaign
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import campaign_event_data
from domain.events import record_event
from domain.global_ids import parse_global_id
from domain.settings import get_settings
from domain.validation import (
    MONEY,
    Checks,
    optional_date,
    optional_decimal,
    optional_text,
    required_text,
)

CAMPAIGN_FIELDS = ("name", "channel", "start_date", "end_date", "budget")


def clean_campaign_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The given campaign fields, checked together (every invalid field at once)."""
    unknown = set(changes) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = checks(required_text, value, key, 120)
        elif key == "channel":
            clean[key] = checks(optional_text, value, key, 64)
        elif key in ("start_date", "end_date"):
            clean[key] = checks(optional_date, value, key)
        else:
            clean[key] = checks(optional_decimal, value, key, MONEY)
    checks.raise_if_any()
    return clean


def _check_dates(campaign: Campaign) -> None:
    if campaign.start_date and campaign.end_date and campaign.end_date < campaign.start_date:
        raise DomainError(ErrorCode.INVALID, "endDate must not be before startDate.", "end_date")


async def _check_name_free(name: str | None, campaign_id: int | None = None) -> None:
    if name is None:
        return
    taken = Campaign.filter(name=name)
    if campaign_id is not None:
        taken = taken.exclude(id=campaign_id)
    if await taken.exists():
        raise DomainError(ErrorCode.DUPLICATE, f"A campaign named {name!r} exists.", "name")


async def get_campaign(campaign_id: int, *, field: str = "id") -> Campaign:
    campaign = await Campaign.get_or_none(id=campaign_id)
    if campaign is None:
        raise not_found("Campaign", campaign_id, field)
    return campaign


async def create_campaign(fields: Mapping[str, Any]) -> Campaign:
    clean = clean_campaign_fields({"name": None, **fields})
    campaign = Campaign(**clean, currency=get_settings().currency)
    _check_dates(campaign)
    async with in_transaction():
        await _check_name_free(clean["name"])
        try:
            await campaign.save()
        except IntegrityError:  # the same name created concurrently
            raise DomainError(
                ErrorCode.DUPLICATE, f"A campaign named {clean['name']!r} exists.", "name"
            ) from None
        await record_event("campaign.created", campaign_event_data(campaign))
    return campaign


async def update_campaign(campaign_id: int, changes: Mapping[str, Any]) -> Campaign:
    clean = clean_campaign_fields(changes)
    async with in_transaction():
        campaign = await Campaign.filter(id=campaign_id).select_for_update().first()
        if campaign is None:
            raise not_found("Campaign", campaign_id, "id")
        await _check_name_free(clean.get("name"), campaign.id)
        changed = {k: v for k, v in clean.items() if getattr(campaign, k) != v}
        if not changed:
            return campaign
        previous = {key: getattr(campaign, key) for key in changed}
        campaign.update_from_dict(changed)
        _check_dates(campaign)
        await campaign.save(update_fields=[*changed, "updated_at"])
        await record_event("campaign.updated", campaign_event_data(campaign, previous))
    return campaign


def list_campaigns(*, search: str | None = None, channel: str | None = None) -> QuerySet[Campaign]:
    qs = Campaign.all()
    if search and search.strip():
        qs = qs.filter(name__icontains=search.strip())
    if channel:
        qs = qs.filter(channel=channel)
    return qs


async def check_campaign(campaign_id: int | None, field: str = "campaign_id") -> None:
    """A campaign a lead or deal names must exist (NOT_FOUND otherwise); None is none."""
    if campaign_id is not None and not await Campaign.exists(id=campaign_id):
        raise not_found("Campaign", campaign_id, field)


async def find_campaign(reference: str, field: str = "campaign") -> Campaign:
    """The campaign `POST /hooks/leads` names: its global id or its exact name (INVALID when
    neither matches, so a typo in a web form is reported, not silently dropped)."""
    try:
        type_name, pk = parse_global_id(reference)
    except ValueError:
        type_name, pk = "", 0
    campaign = None
    if type_name == "Campaign":
        campaign = await Campaign.get_or_none(id=pk)
    if campaign is None:
        campaign = await Campaign.get_or_none(name=reference.strip())
    if campaign is None:
        raise DomainError(
            ErrorCode.INVALID, f"campaign {reference!r} names no campaign (a name or an id).", field
        )
    return campaign
