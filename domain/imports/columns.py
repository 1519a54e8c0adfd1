"""The columns of each import kind (§14): the field names of the kind's upsert input in
camelCase, `externalId` first, references by external id or SKU; how a cell becomes the
value the domain's validators take, and how a stored value is written back (exports)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from domain.errors import DomainError, ErrorCode, ValidationErrors
from domain.imports.models import ImportKind
from domain.validation import label

# How a column's cells read: text (decimals too: the validators take their text), a whole
# number, a JSON object (metadata, addresses: their JSON text in a CSV cell).
TEXT, INTEGER, OBJECT, ADDRESS, LIST = "text", "integer", "object", "address", "list"
# A day as YYYY-MM-DD (the validators take a date).
DATE = "date"

ADDRESS_KEYS = {
    "line1": "line1",
    "line2": "line2",
    "city": "city",
    "region": "region",
    "postalCode": "postal_code",
    "country": "country",
}


@dataclass(frozen=True)
class Column:
    name: str  # in the file: camelCase
    field: str  # the upsert's field
    kind: str = TEXT


def _columns(*names: str | tuple[str, str]) -> tuple[Column, ...]:
    columns = []
    for entry in names:
        name, kind = (entry, TEXT) if isinstance(entry, str) else entry
        field = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
        columns.append(Column(name, field, kind))
    return tuple(columns)


EXTERNAL = ("externalId",)
METADATA = (("metadata", OBJECT), ("privateMetadata", OBJECT))

COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.ACCOUNTS: _columns(
        *EXTERNAL,
        "name",
        "industry",
        "website",
        "email",
        "phone",
        "tier",
        "currency",
        ("paymentTermsDays", INTEGER),
        "creditLimit",
        ("billingAddress", ADDRESS),
        ("shippingAddress", ADDRESS),
        *METADATA,
    ),
    ImportKind.CONTACTS: _columns(
        *EXTERNAL,
        "accountExternalId",
        "firstName",
        "lastName",
        "email",
        "phone",
        "title",
        *METADATA,
    ),
    ImportKind.PRODUCTS: _columns(
        *EXTERNAL,
        "sku",
        "name",
        "kind",
        "procurement",
        "uom",
        "listPrice",
        "standardCost",
        "taxRate",
        ("leadTimeDays", INTEGER),
        "safetyStock",
        "minOrderQuantity",
        "orderMultiple",
        *METADATA,
    ),
    ImportKind.OPENING_STOCK: _columns(*EXTERNAL, "productSku", "warehouseCode", "quantity"),
    # One open customer invoice of the system before: posted Dr 1200 / Cr 3900 (§14).
    ImportKind.OPEN_INVOICES: _columns(
        *EXTERNAL,
        "accountExternalId",
        ("issueDate", DATE),
        ("dueDate", DATE),
        "amount",
        "currency",
        "memo",
        *METADATA,
    ),
    # One row per BOM, its lines a JSON list as bomSet takes them, components by SKU.
    ImportKind.BOMS: _columns("productSku", "phantom", ("lines", LIST)),
}

# Columns of fields that are never null: a blank cell leaves the field as it is (a new
# record takes the default).
BLANK_KEEPS = frozenset(
    {
        "currency",
        "paymentTermsDays",
        "kind",
        "procurement",
        "uom",
        "listPrice",
        "standardCost",
        "taxRate",
        "leadTimeDays",
        "safetyStock",
        "minOrderQuantity",
        "orderMultiple",
    }
)

# The columns a file must have (any one of them): what its rows are matched by.
KEY_COLUMNS: dict[ImportKind, tuple[str, ...]] = {
    **{kind: ("externalId",) for kind in ImportKind},
    ImportKind.PRODUCTS: ("externalId", "sku"),
    ImportKind.BOMS: ("productSku",),
}


def column_names(kind: ImportKind) -> list[str]:
    return [column.name for column in COLUMNS[kind]]


def _object(value: Any, column: Column) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value, parse_float=Decimal)
        except ValueError:
            raise DomainError(
                ErrorCode.INVALID, f"{column.name} is not a JSON object.", column.field
            ) from None
    if column.kind == ADDRESS and isinstance(value, dict):
        unknown = sorted(set(value) - set(ADDRESS_KEYS))
        if unknown:
            raise DomainError(
                ErrorCode.INVALID,
                f"{column.name} has unknown keys {unknown} (known: {', '.join(ADDRESS_KEYS)}).",
                column.field,
            )
        return {ADDRESS_KEYS[key]: item for key, item in value.items()}
    if value is not None and not isinstance(value, dict):
        raise DomainError(ErrorCode.INVALID, f"{column.name} is not a JSON object.", column.field)
    return value


def _list(value: Any, column: Column) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value, parse_float=Decimal)
        except ValueError:
            value = None
    if not isinstance(value, list):
        raise DomainError(ErrorCode.INVALID, f"{column.name} is not a JSON list.", column.field)
    return value


def _integer(value: Any, column: Column) -> Any:
    if isinstance(value, bool):
        return value  # the validator refuses it
    if isinstance(value, int):
        return value
    text = str(value).strip()
    try:
        number = Decimal(text)
        if number == number.to_integral_value():
            return int(number)
    except ArithmeticError:
        pass
    raise DomainError(ErrorCode.INVALID, f"{column.name} must be a whole number.", column.field)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any, column: Column) -> Any:
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if _DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise DomainError(
        ErrorCode.INVALID, f"{column.name} must be a date (YYYY-MM-DD).", column.field
    )


def _text(value: Any, column: Column) -> Any:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not isinstance(value, str):
        raise DomainError(ErrorCode.INVALID, f"{column.name} must be a text.", column.field)
    return value


def row_fields(kind: ImportKind, values: Mapping[str, Any]) -> dict[str, Any]:
    """The upsert's fields of one row (only the columns the file has; a blank cell is null),
    or every unreadable cell refused at once."""
    fields: dict[str, Any] = {}
    problems: list[DomainError] = []
    for column in COLUMNS[kind]:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is None and column.name in BLANK_KEEPS:
            continue
        try:
            if value is None:
                fields[column.field] = None
            elif column.kind in (OBJECT, ADDRESS):
                fields[column.field] = _object(value, column)
            elif column.kind == LIST:
                fields[column.field] = _list(value, column)
            elif column.kind == INTEGER:
                fields[column.field] = _integer(value, column)
            elif column.kind == DATE:
                fields[column.field] = _date(value, column)
            else:
                fields[column.field] = _text(value, column)
        except DomainError as error:
            problems.append(error)
    if problems:
        raise problems[0] if len(problems) == 1 else ValidationErrors(problems)
    return fields


def api_field(field: str | Sequence[str] | None) -> list[str] | None:
    """A refusal's field path in the API's (and the file's) names."""
    if field is None:
        return None
    path = [field] if isinstance(field, str) else list(field)
    return [part if part.isdigit() else label(part) for part in path]


# --- Writing values back (exports) -----------------------------------------------------------


def stored_value(column: Column, value: Any) -> Any:
    """A stored value as the import reads it back: JSON values for a JSONL line."""
    if value is None:
        return None
    if column.kind == ADDRESS:
        back = {api: value[field] for api, field in ADDRESS_KEYS.items() if field in value}
        return back or None
    if column.kind == OBJECT:
        return value or None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if column.kind == INTEGER:
        return int(value)
    return str(value)


def csv_cell(value: Any) -> str:
    """A JSONL value as a CSV cell: objects as their JSON text, null as blank."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
