"""Upserts by external id (§14): `accountUpsert`, `contactUpsert`, `productUpsert` (by external
id, else by SKU) and `leadUpsert`, and the rows of an import, which go through the same
functions, so a row is refused exactly as the mutation would refuse it.

Each compares before it writes: repeating an upsert changes nothing and records no event."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.accounts.models import Account, Contact
from domain.accounts.services import (
    _clean_contact_fields,
    clean_account_fields,
    create_account,
    create_contact,
    update_account,
    update_contact,
)
from domain.catalog.models import Product
from domain.catalog.services import clean_product_fields, create_product, update_product
from domain.errors import DomainError, ErrorCode
from domain.imports.models import ImportRowStatus
from domain.pipeline.models import Lead
from domain.pipeline.services import _clean_lead_fields, create_lead, update_lead
from domain.validation import Checks, optional_external_id

T = TypeVar("T")


@dataclass(frozen=True)
class Upserted(Generic[T]):
    record: T
    status: ImportRowStatus

    @property
    def created(self) -> bool:
        return self.status is ImportRowStatus.CREATED


def _checked_external_id(
    fields: Mapping[str, Any],
    clean: Callable[[dict[str, Any]], Any],
    *,
    required: bool = True,
    references: Mapping[str, Any] | None = None,
) -> str | None:
    """The upsert's external id, checked with the other fields (`clean`, the create's
    validator): every invalid field is reported at once (§2)."""
    checks = Checks()
    external_id = checks(optional_external_id, fields.get("external_id"))
    # A reference to another record by its external id is checked as one (contactUpsert's
    # account): a malformed one is INVALID with the rest, before it is looked up.
    for reference, value in (references or {}).items():
        checks(optional_external_id, value, reference)
    if required and external_id is None and not checks.errors:
        checks.add(DomainError(ErrorCode.REQUIRED, "externalId is required.", "external_id"))
    with checks.collecting():
        clean({key: value for key, value in fields.items() if key != "external_id"})
    checks.raise_if_any()
    return external_id


def _lead_fields(changes: dict[str, Any]) -> None:
    checks = Checks()
    _clean_lead_fields(checks, changes)
    checks.raise_if_any()


_CONTACT_REFERENCES = ("account_id", "account_external_id")


def differs(record: Any, clean: Mapping[str, Any]) -> bool:
    return any(getattr(record, key) != value for key, value in clean.items())


async def create_unless_raced(
    create: Callable[[], Awaitable[T]], find: Callable[[], Awaitable[T | None]]
) -> tuple[T | None, T | None]:
    """(the record created, None), or (None, the record) when another upsert of the same
    external id created it meanwhile: the create, in a savepoint, then fails on the unique
    index (or its own duplicate check, once the other committed) and the caller updates the
    record found instead. Under READ COMMITTED the look-up after the failure sees the other
    upsert's committed row; SQLite's writers queue up whole, so the race never starts there."""
    try:
        async with in_transaction():
            return await create(), None
    except (IntegrityError, DomainError) as error:
        if isinstance(error, DomainError) and error.code is not ErrorCode.DUPLICATE:
            raise
        found = await find()
        if found is None:
            raise
        return None, found


async def upsert_account(fields: Mapping[str, Any]) -> Upserted[Account]:
    """Creates the account with this external id, or changes the fields given of it."""
    external_id = _checked_external_id(fields, clean_account_fields)
    changes = {**fields, "external_id": external_id}
    async with in_transaction():
        existing = await Account.filter(external_id=external_id).first()
        if existing is None:
            created, existing = await create_unless_raced(
                lambda: create_account(changes),
                lambda: Account.filter(external_id=external_id).first(),
            )
            if created is not None:
                return Upserted(created, ImportRowStatus.CREATED)
        assert existing is not None
        if not differs(existing, clean_account_fields(changes)):
            return Upserted(existing, ImportRowStatus.UNCHANGED)
        return Upserted(await update_account(existing.id, changes), ImportRowStatus.UPDATED)


async def _account_id(fields: Mapping[str, Any]) -> int | None:
    if fields.get("account_id") is not None:
        return int(fields["account_id"])
    reference = fields.get("account_external_id")
    if reference is None:
        return None
    account_id = await Account.filter(external_id=reference).first().values_list("id", flat=True)
    if account_id is None:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            f"accountExternalId {reference!r} names no account.",
            "account_external_id",
        )
    return int(account_id)  # type: ignore[call-overload]


async def upsert_contact(fields: Mapping[str, Any]) -> Upserted[Contact]:
    """By external id; `account_id` or `account_external_id` names the account of a new one
    (a contact never moves: another account than its own is INVALID)."""
    changes = {key: value for key, value in fields.items() if key not in _CONTACT_REFERENCES}
    external_id = _checked_external_id(
        changes,
        _clean_contact_fields,
        references={"account_external_id": fields.get("account_external_id")},
    )
    changes["external_id"] = external_id
    async with in_transaction():
        account_id = await _account_id(fields)
        existing = await Contact.filter(external_id=external_id).first()
        if existing is None:
            if account_id is None:
                raise DomainError(ErrorCode.REQUIRED, "accountId is required.", "account_id")
            new_account_id = account_id
            created, existing = await create_unless_raced(
                lambda: create_contact(new_account_id, changes),
                lambda: Contact.filter(external_id=external_id).first(),
            )
            if created is not None:
                return Upserted(created, ImportRowStatus.CREATED)
        assert existing is not None
        if account_id is not None and account_id != existing.account_id:
            field = "account_id" if fields.get("account_id") is not None else "account_external_id"
            raise DomainError(ErrorCode.INVALID, "A contact cannot move to another account.", field)
        if not differs(existing, _clean_contact_fields(changes)):
            return Upserted(existing, ImportRowStatus.UNCHANGED)
        return Upserted(await update_contact(existing.id, changes), ImportRowStatus.UPDATED)


async def find_product(external_id: str | None, sku: str | None) -> Product | None:
    """By external id; else by SKU (a product of another external id is then DUPLICATE)."""
    if external_id is not None:
        product = await Product.filter(external_id=external_id).first()
        if product is not None:
            return product
    if sku is None:
        return None
    product = await Product.filter(sku__iexact=sku.strip()).first()
    if product is not None and external_id is not None and product.external_id is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"SKU {sku} belongs to the product of externalId {product.external_id!r}.",
            "sku",
        )
    return product


async def upsert_product(fields: Mapping[str, Any]) -> Upserted[Product]:
    """By external id, else by SKU: one of them is required."""
    external_id = _checked_external_id(fields, clean_product_fields, required=False)
    sku = fields.get("sku")
    if external_id is None and sku is None:
        raise DomainError(ErrorCode.REQUIRED, "externalId or sku is required.", "external_id")
    changes = dict(fields)
    if external_id is not None:
        changes["external_id"] = external_id
    async with in_transaction():
        by_sku = sku if isinstance(sku, str) else None
        existing = await find_product(external_id, by_sku)
        if existing is None:
            created, existing = await create_unless_raced(
                lambda: create_product(changes), lambda: find_product(external_id, by_sku)
            )
            if created is not None:
                return Upserted(created, ImportRowStatus.CREATED)
        assert existing is not None
        if not differs(existing, clean_product_fields(changes)):
            return Upserted(existing, ImportRowStatus.UNCHANGED)
        return Upserted(await update_product(existing.id, changes), ImportRowStatus.UPDATED)


async def upsert_lead(fields: Mapping[str, Any]) -> Upserted[Lead]:
    """By external id; a new lead is NEW, a converted one can no longer change."""
    external_id = _checked_external_id(fields, _lead_fields)
    changes = {**fields, "external_id": external_id}
    async with in_transaction():
        existing = await Lead.filter(external_id=external_id).first()
        if existing is None:
            lead, existing = await create_unless_raced(
                lambda: create_lead(changes),
                lambda: Lead.filter(external_id=external_id).first(),
            )
            if lead is not None:
                return Upserted(lead, ImportRowStatus.CREATED)
        assert existing is not None
        checks = Checks()
        clean = _clean_lead_fields(checks, changes)
        checks.raise_if_any()
        if "status" in changes and changes["status"] is not None:
            clean["status"] = changes["status"]
        if not differs(existing, clean):
            return Upserted(existing, ImportRowStatus.UNCHANGED)
        return Upserted(await update_lead(existing.id, changes), ImportRowStatus.UPDATED)
