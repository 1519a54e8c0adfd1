"""Account and contact use cases: create, update, archive, and the account list (§3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account, Contact, Lifecycle
from domain.clock import utcnow
from domain.credit.services import note_credit_exposure
from domain.currencies.services import refuse_currency_change
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import account_change_data, account_event_data
from domain.events import record_event
from domain.external_data import (
    EXTERNAL_FIELDS,
    clean_external_value,
    filter_external,
    refuse_duplicate_external_id,
)
from domain.price_lists.services import check_account_price_list
from domain.service.models import SlaPolicy
from domain.settings import get_settings
from domain.users.services import check_active_users, default_owner_id
from domain.validation import (
    MONEY,
    Checks,
    currency_code,
    optional_decimal,
    optional_email,
    optional_text,
    optional_url,
    required_text,
    valid_integer,
)

ADDRESS_FIELDS = ("line1", "line2", "city", "region", "postal_code", "country")
ACCOUNT_FIELDS = [
    "name",
    "industry",
    "website",
    "email",
    "phone",
    "tier",
    "owner_id",
    "billing_address",
    "shipping_address",
    "currency",
    "payment_terms_days",
    "credit_limit",
    "sla_policy_id",
    "price_list_id",
    *EXTERNAL_FIELDS,
]
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "title", *EXTERNAL_FIELDS)


def _clean_address(checks: Checks, value: Mapping[str, Any] | None, field: str) -> Any:
    if value is None:
        return None
    address = {k: checks(optional_text, value.get(k), (field, k)) for k in ADDRESS_FIELDS}
    return {k: v for k, v in address.items() if v is not None} or None


def account_currency(value: Any, field: str = "currency") -> str:
    """An account deals in an ISO 4217 currency of the table (§12; else INVALID), the
    installation's when none is given."""
    return currency_code(value, field) or get_settings().currency


def clean_account_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validates the given account fields (only those present) and returns them normalised;
    every invalid field is reported at once."""
    unknown = set(changes) - set(ACCOUNT_FIELDS)
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = checks(required_text, value, "name")
        elif key in EXTERNAL_FIELDS:
            clean[key] = clean_external_value(checks, key, value)
        elif key == "email":
            clean[key] = checks(optional_email, value, "email")
        elif key == "website":
            clean[key] = checks(optional_url, value, "website")
        elif key in ("billing_address", "shipping_address"):
            clean[key] = _clean_address(checks, value, key)
        elif key == "currency":
            clean[key] = checks(account_currency, value)
        elif key == "payment_terms_days":
            clean[key] = checks(valid_integer, value, key, maximum=3650)
        elif key == "credit_limit":
            clean[key] = checks(optional_decimal, value, key, MONEY)
        elif key in ("sla_policy_id", "price_list_id", "owner_id"):
            clean[key] = None if value is None else int(value)
        elif key == "phone":
            clean[key] = checks(optional_text, value, key, 64)
        elif key == "tier":
            clean[key] = checks(optional_text, value, key, 32)
        else:
            clean[key] = checks(optional_text, value, key, 120)
    checks.raise_if_any()
    return clean


async def _check_sla_policy(clean: Mapping[str, Any]) -> None:
    policy_id = clean.get("sla_policy_id")
    if policy_id is not None and not await SlaPolicy.exists(id=policy_id):
        raise not_found("SlaPolicy", policy_id, "sla_policy_id")


async def get_account(account_id: int, *, field: str = "id") -> Account:
    account = await Account.get_or_none(id=account_id)
    if account is None:
        raise not_found("Account", account_id, field)
    return account


async def create_account(fields: Mapping[str, Any]) -> Account:
    clean = clean_account_fields({"currency": None, **fields})
    if "name" not in clean:
        raise DomainError(ErrorCode.REQUIRED, "name is required.", "name")
    if "owner_id" not in clean:
        clean["owner_id"] = default_owner_id()
    async with in_transaction():
        await _check_sla_policy(clean)
        await refuse_duplicate_external_id(Account, clean.get("external_id"))
        await check_active_users({"owner_id": clean.get("owner_id")})
        await check_account_price_list(clean.get("price_list_id"), clean["currency"])
        account = await Account.create(**clean)
        await record_event("account.created", account_event_data(account))
    return account


async def update_account(account_id: int, changes: Mapping[str, Any]) -> Account:
    clean = clean_account_fields(changes)
    async with in_transaction():
        account = await get_account(account_id)
        await _check_sla_policy(clean)
        await refuse_duplicate_external_id(Account, clean.get("external_id"), account.id)
        if clean.get("owner_id") not in (None, account.owner_id):
            await check_active_users({"owner_id": clean["owner_id"]})
        if "currency" in clean:
            await refuse_currency_change(account.id, account.currency, clean["currency"])
        if clean.get("price_list_id") is not None or "currency" in clean:
            await check_account_price_list(
                clean.get("price_list_id", account.price_list_id),
                clean.get("currency", account.currency),
            )
        changed = {k: v for k, v in clean.items() if getattr(account, k) != v}
        if not changed:
            return account
        previous = {key: getattr(account, key) for key in changed}
        for key, value in changed.items():
            setattr(account, key, value)
        await account.save(update_fields=[*changed, "updated_at"])
        await record_event("account.updated", account_change_data(account, previous))
        if "credit_limit" in changed:
            await note_credit_exposure([account.id])
    return account


async def archive_account(account_id: int) -> Account:
    """Archiving hides the account from default lists and marks it FORMER; history stays."""
    async with in_transaction():
        account = await get_account(account_id)
        if account.archived_at is not None:
            raise DomainError(ErrorCode.ALREADY_PROCESSED, "The account is already archived.", "id")
        previous = {"archived_at": None, "lifecycle": account.lifecycle}
        account.archived_at = utcnow()
        account.lifecycle = Lifecycle.FORMER
        await account.save(update_fields=["archived_at", "lifecycle", "updated_at"])
        await record_event("account.updated", account_change_data(account, previous))
    return account


async def mark_customer(account: Account) -> bool:
    """The §3 rule: an account becomes CUSTOMER when its first order is confirmed (or a deal
    is won). Call inside the caller's transaction; returns whether anything changed."""
    if account.lifecycle == Lifecycle.CUSTOMER:
        return False
    previous = {"lifecycle": account.lifecycle}
    account.lifecycle = Lifecycle.CUSTOMER
    await account.save(update_fields=["lifecycle", "updated_at"])
    await record_event("account.updated", account_change_data(account, previous))
    return True


@dataclass(frozen=True)
class AccountFilter:
    search: str | None = None
    lifecycle: Lifecycle | None = None
    tier: str | None = None
    owner_id: int | None = None
    include_archived: bool = False
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_accounts(flt: AccountFilter | None = None) -> QuerySet[Account]:
    flt = flt or AccountFilter()
    qs = Account.all()
    if not flt.include_archived:
        qs = qs.filter(archived_at__isnull=True)
    if flt.search:
        term = flt.search.strip()
        qs = qs.filter(Q(name__icontains=term) | Q(email__icontains=term))
    if flt.lifecycle:
        qs = qs.filter(lifecycle=flt.lifecycle)
    if flt.tier:
        qs = qs.filter(tier=flt.tier)
    if flt.owner_id is not None:
        qs = qs.filter(owner_id=flt.owner_id)
    return filter_external(qs, Account, flt.external_id, flt.metadata)


@dataclass(frozen=True)
class ContactFilter:
    account_id: int | None = None
    search: str | None = None
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_contacts(flt: ContactFilter | None = None) -> QuerySet[Contact]:
    """`search` matches a part of the first name, last name or email, in any letter case."""
    flt = flt or ContactFilter()
    qs = Contact.all()
    if flt.account_id is not None:
        qs = qs.filter(account_id=flt.account_id)
    if flt.search and flt.search.strip():
        term = flt.search.strip()
        qs = qs.filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(email__icontains=term)
        )
    return filter_external(qs, Contact, flt.external_id, flt.metadata)


def _clean_contact_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("first_name", "last_name"):
            clean[key] = checks(required_text, value, key, 120)
        elif key == "email":
            clean[key] = checks(optional_email, value, "email")
        elif key == "phone":
            clean[key] = checks(optional_text, value, key, 64)
        elif key in EXTERNAL_FIELDS:
            clean[key] = clean_external_value(checks, key, value)
        elif key in CONTACT_FIELDS:
            clean[key] = checks(optional_text, value, key, 120)
        else:
            raise DomainError(ErrorCode.INVALID, f"Unknown field {key}.", key)
    checks.raise_if_any()
    return clean


async def get_contact(contact_id: int, *, field: str = "id") -> Contact:
    contact = await Contact.get_or_none(id=contact_id)
    if contact is None:
        raise not_found("Contact", contact_id, field)
    return contact


async def create_contact(account_id: int, fields: Mapping[str, Any]) -> Contact:
    clean = _clean_contact_fields(fields)
    for required in ("first_name", "last_name"):
        if required not in clean:
            raise DomainError(ErrorCode.REQUIRED, f"{required} is required.", required)
    async with in_transaction():
        account = await get_account(account_id, field="account_id")
        if account.archived_at is not None:
            raise DomainError(
                ErrorCode.INVALID, "Contacts cannot be added to an archived account.", "account_id"
            )
        await refuse_duplicate_external_id(Contact, clean.get("external_id"))
        contact = await Contact.create(account=account, **clean)
    return contact


async def update_contact(contact_id: int, changes: Mapping[str, Any]) -> Contact:
    clean = _clean_contact_fields(changes)
    async with in_transaction():
        contact = await get_contact(contact_id)
        await refuse_duplicate_external_id(Contact, clean.get("external_id"), contact.id)
        changed = {k: v for k, v in clean.items() if getattr(contact, k) != v}
        for key, value in changed.items():
            setattr(contact, key, value)
        if changed:
            await contact.save(update_fields=[*changed, "updated_at"])
    return contact


async def find_contact_by_email(email: str) -> Contact | None:
    return await Contact.filter(email=email.strip().lower()).order_by("id").first()
