"""OPENING_STOCK and BOMS rows (§14; OPEN_INVOICES in `invoices.py`): opening stock is a stock
adjustment of the reason OPENING, posted at standard cost against 3900 Opening Balance Equity,
once per external id; a BOM row is one bomSet (the product's lines by component SKU)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from tortoise.functions import Upper

from domain.catalog.models import Product
from domain.errors import DomainError, ErrorCode
from domain.imports.models import ImportedEntry, ImportKind, ImportRowStatus
from domain.imports.rows import PendingRow, RowOutcome, in_savepoint
from domain.inventory.models import Warehouse
from domain.inventory.services import OPENING_REASON, adjust_stock, default_warehouse
from domain.manufacturing.models import BillOfMaterials, BomLine
from domain.manufacturing.services import BomLineDraft, set_bom
from domain.validation import Checks, label, required_text, valid_percent, valid_quantity


def _required(checks: Checks, fields: dict[str, Any], name: str) -> Any:
    value = fields.get(name)
    if value is None:
        checks.add(DomainError(ErrorCode.REQUIRED, f"{label(name)} is required.", name))
    return value


async def _opening_stock_row(fields: dict[str, Any]) -> ImportRowStatus:
    checks = Checks()
    external_id = checks(required_text, fields.get("external_id"), "external_id", 100)
    sku = _required(checks, fields, "product_sku")
    quantity = checks(valid_quantity, fields.get("quantity"), "quantity", positive=True)
    checks.raise_if_any()
    code = fields.get("warehouse_code")
    given = {"product_sku": sku, "warehouse_code": code, "quantity": format(quantity, "f")}
    entry = await ImportedEntry.get_or_none(kind=ImportKind.OPENING_STOCK, external_id=external_id)
    if entry is not None:
        if (
            entry.values.get("product_sku") == sku
            and Decimal(entry.values["quantity"]) == quantity
            and entry.values.get("warehouse_code") == code
        ):
            return ImportRowStatus.UNCHANGED
        raise DomainError(
            ErrorCode.INVALID,
            f"Opening stock {external_id!r} is posted already with other values; correct it "
            "with a stock adjustment.",
            "external_id",
        )
    product = await Product.filter(sku__iexact=str(sku).strip()).first()
    if product is None:
        raise DomainError(
            ErrorCode.NOT_FOUND, f"productSku {sku!r} names no product.", "product_sku"
        )
    if code is None:
        warehouse = await default_warehouse()
    else:
        found = await Warehouse.get_or_none(code=str(code).strip().upper())
        if found is None:
            raise DomainError(
                ErrorCode.NOT_FOUND, f"warehouseCode {code!r} names no warehouse.", "warehouse_code"
            )
        warehouse = found
    move = await adjust_stock(
        product_id=product.id, warehouse_id=warehouse.id, quantity=quantity, reason=OPENING_REASON
    )
    await ImportedEntry.create(
        kind=ImportKind.OPENING_STOCK, external_id=external_id, target_id=move.id, values=given
    )
    return ImportRowStatus.CREATED


async def apply_opening_stock(rows: Sequence[PendingRow]) -> list[RowOutcome]:
    return [await in_savepoint(row, _opening_stock_row) for row in rows]


_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


def _flag(value: Any, field: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise DomainError(ErrorCode.INVALID, f"{label(field)} must be true or false.", field)


LINE_KEYS = frozenset({"componentSku", "quantityPer", "scrapPercent"})


def _draft_lines(
    checks: Checks, lines: list[Any], components: dict[str, int]
) -> list[BomLineDraft]:
    drafts = []
    for index, line in enumerate(lines):
        at = ("lines", str(index))
        if not isinstance(line, dict) or set(line) - LINE_KEYS:
            checks.add(
                DomainError(
                    ErrorCode.INVALID,
                    f"lines {index} must be an object of {', '.join(sorted(LINE_KEYS))}.",
                    at,
                )
            )
            continue
        sku = str(line.get("componentSku") or "").strip().upper()
        if sku not in components:
            checks.add(
                DomainError(
                    ErrorCode.NOT_FOUND,
                    f"componentSku {line.get('componentSku')!r} names no product.",
                    (*at, "component_sku"),
                )
            )
            continue
        quantity = checks(valid_quantity, line.get("quantityPer"), (*at, "quantity_per"))
        scrap = line.get("scrapPercent")
        drafts.append(
            BomLineDraft(
                components[sku],
                quantity,
                Decimal(0)
                if scrap is None
                else checks(valid_percent, scrap, (*at, "scrap_percent")),
            )
        )
    return drafts


async def _bom_row(fields: dict[str, Any]) -> ImportRowStatus:
    """As bomSet: the product's BOM replaced by these lines, unless it has exactly them."""
    checks = Checks()
    sku = _required(checks, fields, "product_sku")
    phantom = checks(_flag, fields.get("phantom"), "phantom")
    lines = _required(checks, fields, "lines")
    checks.raise_if_any()
    wanted = {
        str(line.get("componentSku") or "").strip().upper()
        for line in lines
        if isinstance(line, dict)
    }
    products = await Product.annotate(sku_upper=Upper("sku")).filter(
        sku_upper__in=sorted(wanted | {str(sku).strip().upper()})
    )
    by_sku = {product.sku.upper(): product.id for product in products}
    product_id = by_sku.get(str(sku).strip().upper())
    if product_id is None:
        raise DomainError(
            ErrorCode.NOT_FOUND, f"productSku {sku!r} names no product.", "product_sku"
        )
    drafts = _draft_lines(checks, lines, by_sku)
    checks.raise_if_any()
    bom = await BillOfMaterials.get_or_none(product_id=product_id)
    if bom is not None:
        current = await BomLine.filter(bom_id=bom.id).order_by("position", "id")
        same = [
            (line.component_id, Decimal(line.quantity_per), Decimal(line.scrap_percent))
            for line in current
        ] == [(d.component_id, d.quantity_per, d.scrap_percent) for d in drafts]
        if same and bom.phantom == phantom:
            return ImportRowStatus.UNCHANGED
    await set_bom(product_id, drafts, phantom=phantom)
    return ImportRowStatus.CREATED if bom is None else ImportRowStatus.UPDATED


async def apply_boms(rows: Sequence[PendingRow]) -> list[RowOutcome]:
    return [await in_savepoint(row, _bom_row) for row in rows]
