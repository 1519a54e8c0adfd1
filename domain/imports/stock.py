"""OPENING_STOCK, OPEN_INVOICES and BOMS rows (§14): opening stock is a stock adjustment of
the reason OPENING, posted at standard cost against 3900 Opening Balance Equity, once per
external id."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from domain.catalog.models import Product
from domain.errors import DomainError, ErrorCode
from domain.imports.models import ImportedEntry, ImportKind, ImportRowStatus
from domain.imports.rows import PendingRow, RowOutcome, in_savepoint, refused
from domain.inventory.models import Warehouse
from domain.inventory.services import OPENING_REASON, adjust_stock, default_warehouse
from domain.validation import Checks, label, required_text, valid_quantity


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


def _not_available(kind: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, f"{kind} imports are not available yet.")


async def apply_open_invoices(rows: Sequence[PendingRow]) -> list[RowOutcome]:
    return [refused(row.line, row.refusal or _not_available("OPEN_INVOICES")) for row in rows]


async def apply_boms(rows: Sequence[PendingRow]) -> list[RowOutcome]:
    return [refused(row.line, row.refusal or _not_available("BOMS")) for row in rows]
