"""A batch of PRODUCTS rows, set-based (§14): one SELECT of the batch's products by external id
and SKU, the catalog's validator per row, one multi-row INSERT of the new ones; a changed
product goes through `update_product` (a standard cost change revalues its stock)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise.functions import Upper

from domain.catalog.models import Product
from domain.catalog.services import clean_product_fields, update_product
from domain.errors import DomainError, ErrorCode
from domain.imports.bulk import insert_rows
from domain.imports.models import ImportRowStatus
from domain.imports.rows import PendingRow, RowOutcome, refused
from domain.imports.upserts import differs
from domain.validation import Checks, label


def _text_key(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


async def _existing(rows: Sequence[PendingRow]) -> tuple[dict[str, Product], dict[str, Product]]:
    """The batch's products by external id (the unique index), then by SKU only for the rows
    no external id matched: exact SKUs through the SKU index first, and only those still
    missing case-insensitively (a scan). A re-import matches every row by external id and
    never scans."""
    external_ids = {key for row in rows if (key := _text_key(row.fields.get("external_id")))}
    by_external: dict[str, Product] = {}
    if external_ids:
        found = await Product.filter(external_id__in=sorted(external_ids))
        by_external = {p.external_id: p for p in found if p.external_id is not None}
    skus = {
        key
        for row in rows
        if (key := _text_key(row.fields.get("sku")))
        and _text_key(row.fields.get("external_id")) not in by_external
    }
    if not skus:
        return by_external, {}
    exact = await Product.filter(sku__in=sorted(skus | {sku.upper() for sku in skus}))
    by_sku = {p.sku.upper(): p for p in exact}
    missing = sorted({sku.upper() for sku in skus} - set(by_sku))
    if missing:
        for product in await Product.annotate(sku_upper=Upper("sku")).filter(sku_upper__in=missing):
            by_sku.setdefault(product.sku.upper(), product)
    return by_external, by_sku


def _match(
    fields: dict[str, Any], by_external: dict[str, Product], by_sku: dict[str, Product]
) -> Product | None:
    """As `upserts.find_product`: by external id, else by SKU."""
    external_id = _text_key(fields.get("external_id"))
    sku = _text_key(fields.get("sku"))
    if external_id is not None and external_id in by_external:
        return by_external[external_id]
    if sku is None:
        return None
    product = by_sku.get(sku.upper())
    if product is not None and external_id is not None and product.external_id is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"SKU {sku} belongs to the product of externalId {product.external_id!r}.",
            "sku",
        )
    return product


def _check_new(clean: dict[str, Any]) -> None:
    checks = Checks()
    for name in ("sku", "name"):
        if clean.get(name) is None:
            checks.add(DomainError(ErrorCode.REQUIRED, f"{label(name)} is required.", name))
    checks.raise_if_any()


async def apply_products(rows: Sequence[PendingRow]) -> list[RowOutcome]:
    by_external, by_sku = await _existing([row for row in rows if row.refusal is None])
    outcomes: list[RowOutcome] = []
    new: list[dict[str, Any]] = []
    for row in rows:
        if row.refusal is not None:
            outcomes.append(refused(row.line, row.refusal))
            continue
        try:
            if row.fields.get("external_id") is None and row.fields.get("sku") is None:
                raise DomainError(
                    ErrorCode.REQUIRED, "externalId or sku is required.", "external_id"
                )
            clean = clean_product_fields(row.fields)
            existing = _match(row.fields, by_external, by_sku)
            if existing is None:
                _check_new(clean)
                new.append(clean)
                outcomes.append(RowOutcome(row.line, ImportRowStatus.CREATED))
            elif not differs(existing, clean):
                outcomes.append(RowOutcome(row.line, ImportRowStatus.UNCHANGED))
            else:
                await update_product(existing.id, row.fields)
                outcomes.append(RowOutcome(row.line, ImportRowStatus.UPDATED))
        except DomainError as error:
            outcomes.append(refused(row.line, error))
    await insert_rows(Product, new)
    return outcomes
