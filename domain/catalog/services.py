"""Product use cases: create, update and the product list (§5.1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.catalog.models import Procurement, Product, ProductKind
from domain.errors import DomainError, ErrorCode, not_found
from domain.inventory.models import StockLevel
from domain.validation import required_text

PRODUCT_FIELDS = (
    "sku",
    "name",
    "kind",
    "procurement",
    "uom",
    "list_price",
    "standard_cost",
    "tax_rate",
    "lead_time_days",
    "safety_stock",
    "min_order_quantity",
    "order_multiple",
)
# Decimal fields and the number of decimals their columns keep.
DECIMAL_PLACES = {
    "list_price": 2,
    "standard_cost": 4,
    "tax_rate": 4,
    "safety_stock": 4,
    "min_order_quantity": 4,
    "order_multiple": 4,
}


def _clean_decimal(key: str, value: Any) -> Decimal:
    if value is None:
        raise DomainError(ErrorCode.REQUIRED, f"{key} is required.", key)
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise DomainError(ErrorCode.INVALID, f"{key} must not be negative.", key)
    if key == "tax_rate" and amount > 100:
        raise DomainError(ErrorCode.INVALID, "tax_rate must be between 0 and 100.", key)
    places = DECIMAL_PLACES[key]
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise DomainError(ErrorCode.INVALID, f"{key} has more than {places} decimals.", key)
    if amount >= Decimal(10) ** 12:
        raise DomainError(ErrorCode.INVALID, f"{key} is too large.", key)
    return amount


def clean_product_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validates the given product fields (only those present) and returns them normalised."""
    unknown = set(changes) - set(PRODUCT_FIELDS)
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "sku":
            clean[key] = required_text(value, "sku", 64)
        elif key == "name":
            clean[key] = required_text(value, "name")
        elif key == "uom":
            clean[key] = required_text(value, "uom", 16)
        elif key == "kind":
            if value is None:
                raise DomainError(ErrorCode.REQUIRED, "kind is required.", key)
            clean[key] = ProductKind(value)
        elif key == "procurement":
            if value is None:
                raise DomainError(ErrorCode.REQUIRED, "procurement is required.", key)
            clean[key] = Procurement(value)
        elif key == "lead_time_days":
            if value is None:
                raise DomainError(ErrorCode.REQUIRED, "lead_time_days is required.", key)
            if not 0 <= int(value) <= 3650:
                raise DomainError(ErrorCode.INVALID, "lead_time_days must be 0–3650.", key)
            clean[key] = int(value)
        else:
            clean[key] = _clean_decimal(key, value)
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
        try:
            async with in_transaction():
                return await Product.create(**clean)
        except IntegrityError:
            raise DomainError(
                ErrorCode.DUPLICATE, f"A product with SKU {clean['sku']} exists.", "sku"
            ) from None


async def update_product(product_id: int, changes: Mapping[str, Any]) -> Product:
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


@dataclass(frozen=True)
class ProductFilter:
    search: str | None = None
    kind: ProductKind | None = None
    procurement: Procurement | None = None
    include_archived: bool = False


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
    return qs
