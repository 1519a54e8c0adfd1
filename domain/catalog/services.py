"""Product use cases: create, update and the product list (§5.1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.catalog.models import Procurement, Product, ProductKind, Tracking
from domain.clock import today
from domain.errors import DomainError, ErrorCode, not_found
from domain.external_data import (
    EXTERNAL_FIELDS,
    clean_external_value,
    filter_external,
    refuse_duplicate_external_id,
)
from domain.inventory.models import StockLevel
from domain.inventory.services import on_hand_by_product
from domain.ledger.postings import revaluation_postings, stock_value
from domain.ledger.services import post_journal_entry
from domain.money import ZERO
from domain.validation import (
    Checks,
    label,
    required_text,
    valid_integer,
    valid_money,
    valid_percent,
    valid_quantity,
    valid_unit_price,
)

E = TypeVar("E", bound=Enum)

PRODUCT_FIELDS = (
    "sku",
    "name",
    "kind",
    "procurement",
    "tracking",
    "uom",
    "list_price",
    "standard_cost",
    "tax_rate",
    "lead_time_days",
    "safety_stock",
    "min_order_quantity",
    "order_multiple",
    *EXTERNAL_FIELDS,
)


def _clean_decimal(key: str, value: Any) -> Decimal:
    if key == "list_price":
        return valid_money(value, key)
    if key == "standard_cost":
        return valid_unit_price(value, key)
    if key == "tax_rate":
        return valid_percent(value, key)
    return valid_quantity(value, key)


def _required_choice(kind: type[E], value: Any, key: str) -> E:
    if value is None:
        raise DomainError(ErrorCode.REQUIRED, f"{label(key)} is required.", key)
    return kind(value)


def clean_product_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validates the given product fields (only those present) and returns them normalised;
    every invalid field is reported at once."""
    unknown = set(changes) - set(PRODUCT_FIELDS)
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "sku":
            clean[key] = checks(required_text, value, "sku", 64)
        elif key in EXTERNAL_FIELDS:
            clean[key] = clean_external_value(checks, key, value)
        elif key == "name":
            clean[key] = checks(required_text, value, "name")
        elif key == "uom":
            clean[key] = checks(required_text, value, "uom", 16)
        elif key == "kind":
            clean[key] = checks(_required_choice, ProductKind, value, key)
        elif key == "procurement":
            clean[key] = checks(_required_choice, Procurement, value, key)
        elif key == "tracking":
            clean[key] = checks(_required_choice, Tracking, value, key)
        elif key == "lead_time_days":
            clean[key] = checks(valid_integer, value, key, maximum=3650)
        else:
            clean[key] = checks(_clean_decimal, key, value)
    checks.raise_if_any()
    return clean


async def _refuse_duplicate_sku(sku: str, product_id: int | None = None) -> None:
    qs = Product.filter(sku__iexact=sku)
    if product_id is not None:
        qs = qs.exclude(id=product_id)
    if await qs.exists():
        raise DomainError(ErrorCode.DUPLICATE, f"A product with SKU {sku} exists.", "sku")


async def get_product(product_id: int, *, field: str = "id") -> Product:
    product = await Product.get_or_none(id=product_id)
    if product is None:
        raise not_found("Product", product_id, field)
    return product


async def create_product(fields: Mapping[str, Any]) -> Product:
    clean = clean_product_fields(fields)
    for required in ("sku", "name"):
        if required not in clean:
            raise DomainError(ErrorCode.REQUIRED, f"{required} is required.", required)
    async with in_transaction():
        await _refuse_duplicate_sku(clean["sku"])
        await refuse_duplicate_external_id(Product, clean.get("external_id"))
        try:
            async with in_transaction():
                return await Product.create(**clean)
        except IntegrityError:
            raise DomainError(
                ErrorCode.DUPLICATE, f"A product with SKU {clean['sku']} exists.", "sku"
            ) from None


async def update_product(product_id: int, changes: Mapping[str, Any]) -> Product:
    """A change of `standardCost` revalues the stock on hand: Dr/Cr 1300 against 5400 for
    on-hand × (new − old) (§5.3), under the product's lock that every stock move takes."""
    clean = clean_product_fields(changes)
    async with in_transaction():
        product = await Product.filter(id=product_id).select_for_update().first()
        if product is None:
            raise not_found("Product", product_id, "id")
        changed = {k: v for k, v in clean.items() if getattr(product, k) != v}
        if not changed:
            return product
        if "sku" in changed:
            await _refuse_duplicate_sku(changed["sku"], product.id)
        if "external_id" in changed:
            await refuse_duplicate_external_id(Product, changed["external_id"], product.id)
        if changed.get("kind") == ProductKind.SERVICE:
            holds_stock = (
                await StockLevel.filter(product_id=product.id)
                .filter(Q(on_hand__gt=0) | Q(reserved__gt=0))
                .exists()
            )
            if holds_stock:
                raise DomainError(
                    ErrorCode.INVALID, "A product with stock cannot become a SERVICE.", "kind"
                )
        if "standard_cost" in changed:
            await _revalue(product, Decimal(changed["standard_cost"]))
        for key, value in changed.items():
            setattr(product, key, value)
        try:
            async with in_transaction():
                await product.save(update_fields=[*changed, "updated_at"])
        except IntegrityError:
            raise DomainError(
                ErrorCode.DUPLICATE, "A product with that SKU exists.", "sku"
            ) from None
    return product


async def _revalue(product: Product, new_cost: Decimal) -> None:
    on_hand = (await on_hand_by_product([product.id])).get(product.id, ZERO)
    value = stock_value(on_hand, new_cost) - stock_value(on_hand, Decimal(product.standard_cost))
    if value:
        await post_journal_entry(
            entry_date=today(),
            memo=f"Revaluation of {product.sku}: standard cost {Decimal(product.standard_cost)}"
            f" → {new_cost}",
            source="REVALUATION",
            reference=product.sku,
            postings=revaluation_postings(value),
        )


@dataclass(frozen=True)
class ProductFilter:
    search: str | None = None
    kind: ProductKind | None = None
    procurement: Procurement | None = None
    include_archived: bool = False
    external_id: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def list_products(flt: ProductFilter | None = None) -> QuerySet[Product]:
    flt = flt or ProductFilter()
    qs = Product.all()
    if not flt.include_archived:
        qs = qs.filter(archived_at__isnull=True)
    if flt.search:
        term = flt.search.strip()
        qs = qs.filter(Q(sku__icontains=term) | Q(name__icontains=term))
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.procurement:
        qs = qs.filter(procurement=flt.procurement)
    return filter_external(qs, Product, flt.external_id, flt.metadata)
