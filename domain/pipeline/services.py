"""Lead and opportunity use cases: capture, convert, create, update, move, lose (§4.1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account, Contact
from domain.accounts.services import create_account, find_contact_by_email, get_account
from domain.campaigns.services import check_campaign, find_campaign
from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import lead_event_data, opportunity_event_data
from domain.events import record_event
from domain.external_data import (
    EXTERNAL_FIELDS,
    clean_external_value,
    filter_external,
    refuse_duplicate_external_id,
)
from domain.pipeline import stages
from domain.pipeline.lines import DealLine, check_lines, lines_amount
from domain.pipeline.models import (
    Lead,
    LeadStatus,
    Opportunity,
    OpportunityLine,
    OpportunityStatus,
    Stage,
)
from domain.users.services import check_active_users, default_owner_id
from domain.validation import (
    MONEY,
    Checks,
    optional_date,
    optional_decimal,
    optional_email,
    optional_text,
    required_text,
)

LEAD_FIELDS = (
    "company_name",
    "contact_name",
    "email",
    "phone",
    "source",
    "owner_id",
    "campaign_id",
    *EXTERNAL_FIELDS,
)
OPPORTUNITY_FIELDS = frozenset(
    {"name", "account_id", "amount", "expected_close_date", "owner_id", "campaign_id", "lines"}
    | set(EXTERNAL_FIELDS)
)

# ---------------------------------------------------------------------------------------------
# Leads


def _clean_lead_fields(checks: Checks, changes: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("company_name", "contact_name"):
            clean[key] = checks(required_text, value, key)
        elif key == "email":
            clean[key] = checks(optional_email, value, "email")
        elif key == "phone":
            clean[key] = checks(optional_text, value, key, 64)
        elif key == "source":
            clean[key] = checks(optional_text, value, key, 120)
        elif key in ("owner_id", "campaign_id"):
            clean[key] = None if value is None else int(value)
        elif key in EXTERNAL_FIELDS:
            clean[key] = clean_external_value(checks, key, value)
        elif key != "status":
            checks.add(DomainError(ErrorCode.INVALID, f"Unknown field {key}.", key))
    return clean


async def get_lead(lead_id: int, *, field: str = "id") -> Lead:
    lead = await Lead.get_or_none(id=lead_id)
    if lead is None:
        raise not_found("Lead", lead_id, field)
    return lead


async def _check_lead_references(clean: Mapping[str, Any], checks: Checks) -> None:
    with checks.collecting():
        await check_active_users({"owner_id": clean.get("owner_id")})
    with checks.collecting():
        await check_campaign(clean.get("campaign_id"))


async def create_lead(fields: Mapping[str, Any], *, email_required: bool = False) -> Lead:
    """A new lead (status NEW); the lead-capture hook requires an email (§4.2) and may name
    its campaign by name or id (`campaign`, §13). Without an owner the token's user owns it."""
    if "status" in fields:
        raise DomainError(ErrorCode.INVALID, "A new lead always starts as NEW.", "status")
    checks = Checks()
    fields = dict(fields)
    campaign_ref = fields.pop("campaign", None)
    clean = _clean_lead_fields(checks, {"company_name": None, "contact_name": None, **fields})
    email_refused = any(error.field == ("email",) for error in checks.errors)
    if email_required and not clean.get("email") and not email_refused:
        checks.add(DomainError(ErrorCode.REQUIRED, "email is required.", "email"))
    if campaign_ref is not None:
        if not isinstance(campaign_ref, str):
            checks.add(DomainError(ErrorCode.INVALID, "campaign must be a string.", "campaign"))
        else:
            with checks.collecting():
                clean["campaign_id"] = (await find_campaign(campaign_ref)).id
    if "owner_id" not in clean:
        clean["owner_id"] = default_owner_id()
    await _check_lead_references(clean, checks)
    checks.raise_if_any()
    async with in_transaction():
        await refuse_duplicate_external_id(Lead, clean.get("external_id"))
        lead = await Lead.create(**clean)
        await record_event("lead.created", lead_event_data(lead))
    return lead


async def update_lead(lead_id: int, changes: Mapping[str, Any]) -> Lead:
    """Edits a lead or qualifies/disqualifies it; CONVERTED is reached only by conversion."""
    checks = Checks()
    clean = _clean_lead_fields(checks, changes)
    status = changes.get("status")
    if "status" in changes:
        if status is None:
            checks.add(DomainError(ErrorCode.REQUIRED, "status is required.", "status"))
        elif LeadStatus(status) is LeadStatus.CONVERTED:
            checks.add(
                DomainError(
                    ErrorCode.INVALID_TRANSITION, "Use leadConvert to convert a lead.", "status"
                )
            )
        else:
            clean["status"] = LeadStatus(status)
    await _check_lead_references(clean, checks)
    checks.raise_if_any()
    async with in_transaction():
        lead = await Lead.filter(id=lead_id).select_for_update().first()
        if lead is None:
            raise not_found("Lead", lead_id, "id")
        if lead.status is LeadStatus.CONVERTED:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, "A converted lead can no longer change.", "id"
            )
        changed = {k: v for k, v in clean.items() if getattr(lead, k) != v}
        if "external_id" in changed:
            await refuse_duplicate_external_id(Lead, changed["external_id"], lead.id)
        for key, value in changed.items():
            setattr(lead, key, value)
        if changed:
            await lead.save(update_fields=[*changed, "updated_at"])
    return lead


def _split_name(full_name: str) -> tuple[str, str]:
    first, _, last = full_name.strip().partition(" ")
    return first, last.strip()


async def convert_lead(
    lead_id: int,
    *,
    account_id: int | None = None,
    opportunity_name: str | None = None,
    amount: Decimal | None = None,
) -> Lead:
    """§4.1: the lead becomes an account (given, found through a contact with the lead's
    email, or new), a contact, and optionally an opportunity; once only."""
    checks = Checks()
    name = checks(optional_text, opportunity_name, "opportunity_name")
    name_refused = bool(checks.errors)
    if amount is not None and name is None and not name_refused:
        checks.add(
            DomainError(
                ErrorCode.REQUIRED,
                "opportunityName is required with an amount.",
                "opportunity_name",
            )
        )
    amount = checks(optional_decimal, amount, "amount", MONEY)
    checks.raise_if_any()
    async with in_transaction():
        lead = await Lead.filter(id=lead_id).select_for_update().first()
        if lead is None:
            raise not_found("Lead", lead_id, "lead_id")
        if lead.status is LeadStatus.CONVERTED:
            raise DomainError(
                ErrorCode.ALREADY_PROCESSED, "The lead is already converted.", "lead_id"
            )
        if lead.status is LeadStatus.DISQUALIFIED:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, "A disqualified lead cannot be converted.", "lead_id"
            )
        existing = await find_contact_by_email(lead.email) if lead.email else None
        account: Account
        if account_id is not None:
            account = await get_account(account_id, field="account_id")
            if account.archived_at is not None:
                raise DomainError(ErrorCode.INVALID, "The account is archived.", "account_id")
            if existing is not None and existing.account_id != account.id:
                existing = None
        elif existing is not None:
            account = await get_account(existing.account_id)
        else:
            account = await create_account(
                {
                    "name": lead.company_name,
                    "email": lead.email,
                    "phone": lead.phone,
                    **({"owner_id": lead.owner_id} if lead.owner_id is not None else {}),
                }
            )
        contact = existing
        if contact is None:
            first_name, last_name = _split_name(lead.contact_name)
            contact = await Contact.create(
                account=account,
                first_name=first_name,
                last_name=last_name,
                email=lead.email,
                phone=lead.phone,
            )
        opportunity = None
        if name is not None:
            # The deal keeps the lead's campaign (§13: attribution) and owner.
            opportunity = await _create_opportunity(
                account,
                {
                    "name": name,
                    "campaign_id": lead.campaign_id,
                    **({"amount": amount} if amount is not None else {}),
                    **({"owner_id": lead.owner_id} if lead.owner_id is not None else {}),
                },
            )
        previous = {"status": lead.status}
        lead.status = LeadStatus.CONVERTED
        lead.converted_account_id = account.id
        lead.converted_contact_id = contact.id
        lead.converted_opportunity_id = opportunity.id if opportunity else None
        lead.converted_at = utcnow()
        await lead.save(
            update_fields=[
                "status",
                "converted_account_id",
                "converted_contact_id",
                "converted_opportunity_id",
                "converted_at",
                "updated_at",
            ]
        )
        await record_event("lead.converted", lead_event_data(lead, previous))
    return lead


@dataclass(frozen=True)
class LeadFilter:
    search: str | None = None
    status: LeadStatus | None = None
    source: str | None = None
    owner_id: int | None = None
    campaign_id: int | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_leads(flt: LeadFilter | None = None) -> QuerySet[Lead]:
    flt = flt or LeadFilter()
    qs = Lead.all()
    if flt.search:
        term = flt.search.strip()
        qs = qs.filter(
            Q(company_name__icontains=term)
            | Q(contact_name__icontains=term)
            | Q(email__icontains=term)
        )
    if flt.status:
        qs = qs.filter(status=flt.status)
    if flt.source:
        qs = qs.filter(source=flt.source)
    if flt.owner_id is not None:
        qs = qs.filter(owner_id=flt.owner_id)
    if flt.campaign_id is not None:
        qs = qs.filter(campaign_id=flt.campaign_id)
    return filter_external(qs, Lead, flt.external_id, flt.metadata)


# ---------------------------------------------------------------------------------------------
# Opportunities


@dataclass(frozen=True)
class CleanOpportunity:
    fields: dict[str, Any]
    lines: list[DealLine] | None  # None: lines not given


async def _clean_opportunity_fields(
    changes: Mapping[str, Any], account_id: int
) -> CleanOpportunity:
    """The given fields, checked; every invalid field (the lines' too) is reported at once.
    Lines without a unit price take the price of `account_id` (§9)."""
    unknown = set(changes) - OPPORTUNITY_FIELDS
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = checks(required_text, value, "name")
        elif key == "account_id":
            if value is None:
                checks.add(DomainError(ErrorCode.REQUIRED, "accountId is required.", key))
            else:
                clean[key] = int(value)
        elif key == "amount":
            if value is not None:
                clean[key] = checks(optional_decimal, value, key, MONEY)
        elif key == "expected_close_date":
            clean[key] = checks(optional_date, value, key)
        elif key in ("owner_id", "campaign_id"):
            clean[key] = None if value is None else int(value)
        elif key in EXTERNAL_FIELDS:
            clean[key] = clean_external_value(checks, key, value)
    with checks.collecting():
        await check_active_users({"owner_id": clean.get("owner_id")})
    with checks.collecting():
        await check_campaign(clean.get("campaign_id"))
    lines = None
    if "lines" in changes:
        with checks.collecting():
            lines = await check_lines(changes["lines"] or [], account_id)
    checks.raise_if_any()
    return CleanOpportunity(clean, lines)


def _settle_amount(clean: CleanOpportunity, current_lines: Sequence[OpportunityLine]) -> None:
    """With lines, the amount is derived from them; a different explicit amount is refused."""
    if clean.lines is not None:
        if not clean.lines:
            return
        derived = lines_amount(clean.lines)
    elif current_lines:
        derived = sum((Decimal(line.net_amount) for line in current_lines), Decimal(0))
    else:
        return
    given = clean.fields.get("amount")
    if given is not None and given != derived:
        raise DomainError(
            ErrorCode.INVALID,
            f"amount is the sum of the lines ({derived}) while the opportunity has lines.",
            "amount",
        )
    clean.fields["amount"] = derived


async def _active_account(account_id: int) -> Account:
    account = await get_account(account_id, field="account_id")
    if account.archived_at is not None:
        raise DomainError(
            ErrorCode.INVALID, "Opportunities cannot be added to an archived account.", "account_id"
        )
    return account


async def _write_lines(opportunity: Opportunity, lines: Sequence[DealLine]) -> None:
    await OpportunityLine.filter(opportunity_id=opportunity.id).delete()
    if lines:
        await OpportunityLine.bulk_create(
            [
                OpportunityLine(
                    opportunity_id=opportunity.id,
                    position=position,
                    product_id=line.product_id,
                    description=line.description,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    discount_percent=line.discount_percent,
                    net_amount=line.net,
                )
                for position, line in enumerate(lines)
            ]
        )


async def _create_opportunity(
    account: Account,
    fields: Mapping[str, Any],
    *,
    stage: Stage | None = None,
    probability: int | None = None,
) -> Opportunity:
    """Writes a checked opportunity inside the caller's transaction."""
    state = stages.open_state(stage, probability)
    if "owner_id" not in fields:
        fields = {**fields, "owner_id": default_owner_id()}
    clean = await _clean_opportunity_fields(fields, account.id)
    await refuse_duplicate_external_id(Opportunity, clean.fields.get("external_id"))
    if "name" not in clean.fields:
        raise DomainError(ErrorCode.REQUIRED, "name is required.", "name")
    _settle_amount(clean, [])
    values = {k: v for k, v in clean.fields.items() if k != "account_id"}
    opportunity = await Opportunity.create(
        **values,
        account_id=account.id,
        currency=account.currency,
        stage=state.stage,
        probability=state.probability,
        status=state.status,
    )
    if clean.lines:
        await _write_lines(opportunity, clean.lines)
    await record_event("opportunity.created", opportunity_event_data(opportunity))
    return opportunity


async def create_opportunity(
    fields: Mapping[str, Any], *, stage: Stage | None = None, probability: int | None = None
) -> Opportunity:
    if fields.get("account_id") is None:
        raise DomainError(ErrorCode.REQUIRED, "accountId is required.", "account_id")
    async with in_transaction():
        account = await _active_account(int(fields["account_id"]))
        return await _create_opportunity(account, fields, stage=stage, probability=probability)


async def lock_opportunity(opportunity_id: int) -> Opportunity:
    """The opportunity row, locked until the caller's transaction ends (PostgreSQL)."""
    opportunity = await Opportunity.filter(id=opportunity_id).select_for_update().first()
    if opportunity is None:
        raise not_found("Opportunity", opportunity_id, "id")
    return opportunity


def refuse_closed(opportunity: Opportunity) -> None:
    if opportunity.status is not OpportunityStatus.OPEN:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"The opportunity is {opportunity.status.value}; a closed deal cannot change.",
            "id",
        )


async def _pricing_account_id(opportunity_id: int, changes: Mapping[str, Any]) -> int:
    """The account whose prices new lines take (§9): the one the update moves the deal to,
    else its own."""
    if changes.get("account_id") is not None:
        return int(changes["account_id"])
    opportunity = await Opportunity.filter(id=opportunity_id).only("id", "account_id").first()
    if opportunity is None:
        raise not_found("Opportunity", opportunity_id, "id")
    return opportunity.account_id


async def update_opportunity(opportunity_id: int, changes: Mapping[str, Any]) -> Opportunity:
    """Edits an open opportunity; given lines replace the existing ones."""
    clean = await _clean_opportunity_fields(
        changes, await _pricing_account_id(opportunity_id, changes)
    )
    async with in_transaction():
        opportunity = await lock_opportunity(opportunity_id)
        refuse_closed(opportunity)
        current_lines = (
            await OpportunityLine.filter(opportunity_id=opportunity.id)
            if clean.lines is None
            else []
        )
        _settle_amount(clean, current_lines)
        if "account_id" in clean.fields:
            account = await _active_account(clean.fields["account_id"])
            clean.fields["currency"] = account.currency
        changed = {k: v for k, v in clean.fields.items() if getattr(opportunity, k) != v}
        if "external_id" in changed:
            await refuse_duplicate_external_id(Opportunity, changed["external_id"], opportunity.id)
        for key, value in changed.items():
            setattr(opportunity, key, value)
        if changed:
            await opportunity.save(update_fields=[*changed, "updated_at"])
        if clean.lines is not None:
            await _write_lines(opportunity, clean.lines)
    return opportunity


def _state(opportunity: Opportunity) -> stages.StageState:
    return stages.StageState(
        Stage(opportunity.stage), opportunity.probability, OpportunityStatus(opportunity.status)
    )


async def move_opportunity_stage(
    opportunity_id: int, stage: Stage, probability: int | None = None
) -> Opportunity:
    """Moves an open deal along the pipeline; moving to where it already is changes nothing."""
    stages.check_probability(probability)
    async with in_transaction():
        opportunity = await lock_opportunity(opportunity_id)
        before = _state(opportunity)
        after = stages.move_stage(before, stage, probability)
        if after == before:
            return opportunity
        opportunity.stage = after.stage
        opportunity.probability = after.probability
        await opportunity.save(update_fields=["stage", "probability", "updated_at"])
        await record_event(
            "opportunity.stage_changed",
            opportunity_event_data(
                opportunity, {"stage": before.stage, "probability": before.probability}
            ),
        )
    return opportunity


async def lose_opportunity(opportunity_id: int, reason: str | None) -> Opportunity:
    text = required_text(reason, "reason", 500, multiline=True)
    async with in_transaction():
        opportunity = await lock_opportunity(opportunity_id)
        before = _state(opportunity)
        after = stages.lose(before)
        opportunity.stage = after.stage
        opportunity.probability = after.probability
        opportunity.status = after.status
        opportunity.lost_reason = text
        opportunity.closed_at = utcnow()
        await opportunity.save(
            update_fields=[
                "stage",
                "probability",
                "status",
                "lost_reason",
                "closed_at",
                "updated_at",
            ]
        )
        await record_event("opportunity.lost", opportunity_event_data(opportunity, asdict(before)))
    return opportunity


@dataclass(frozen=True)
class OpportunityFilter:
    account_id: int | None = None
    stage: Stage | None = None
    status: OpportunityStatus | None = None
    owner_id: int | None = None
    campaign_id: int | None = None
    expected_close_from: date | None = None
    expected_close_to: date | None = None
    search: str | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_opportunities(flt: OpportunityFilter | None = None) -> QuerySet[Opportunity]:
    flt = flt or OpportunityFilter()
    qs = Opportunity.all()
    if flt.account_id is not None:
        qs = qs.filter(account_id=flt.account_id)
    if flt.stage:
        qs = qs.filter(stage=flt.stage)
    if flt.status:
        qs = qs.filter(status=flt.status)
    if flt.owner_id is not None:
        qs = qs.filter(owner_id=flt.owner_id)
    if flt.campaign_id is not None:
        qs = qs.filter(campaign_id=flt.campaign_id)
    if flt.expected_close_from:
        qs = qs.filter(expected_close_date__gte=flt.expected_close_from)
    if flt.expected_close_to:
        qs = qs.filter(expected_close_date__lte=flt.expected_close_to)
    if flt.search:
        qs = qs.filter(name__icontains=flt.search.strip())
    return filter_external(qs, Opportunity, flt.external_id, flt.metadata)
