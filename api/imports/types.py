"""GraphQL types of imports and exports (§14): the kinds and formats, the row results of an
IMPORT run, and the inputs of importRunStart and exportRunStart."""

from __future__ import annotations

from typing import Any

import strawberry

from api.errors import UserError
from api.external_data import ExternalDataFilter
from api.scalars import described_enum
from domain.errors import DomainError, ErrorCode
from domain.imports.models import FileFormat, ImportKind, ImportRowStatus

described_enum(
    ImportKind,
    name="ImportKind",
    description="What an import (or export) file holds; its columns are the field names of the "
    "kind's upsert input, `externalId` first (§14).",
    values={
        "ACCOUNTS": "Accounts: externalId name industry website email phone tier currency "
        "paymentTermsDays creditLimit billingAddress shippingAddress metadata privateMetadata.",
        "CONTACTS": "Contacts: externalId accountExternalId firstName lastName email phone title "
        "metadata privateMetadata.",
        "PRODUCTS": "Products, matched by externalId, else by sku: externalId sku name kind "
        "procurement uom listPrice standardCost taxRate leadTimeDays safetyStock "
        "minOrderQuantity orderMultiple metadata privateMetadata.",
        "OPENING_STOCK": "Opening stock, posted at standard cost against 3900 Opening Balance "
        "Equity, once per externalId: externalId productSku warehouseCode quantity.",
        "OPEN_INVOICES": "Open customer invoices of the system before, posted Dr 1200 / Cr 3900 "
        "Opening Balance Equity (not 4000), once per externalId, in the account's currency: "
        "externalId accountExternalId issueDate dueDate amount currency memo metadata "
        "privateMetadata.",
        "BOMS": "Bills of materials, one row per product as bomSet takes them: productSku "
        "phantom lines (a JSON list of componentSku quantityPer scrapPercent).",
    },
)
described_enum(
    FileFormat,
    name="FileFormat",
    description="How an import or export file is written.",
    values={
        "CSV": "Comma-separated values with a header row of column names (line 1); objects "
        "(metadata, addresses) as their JSON text in a cell, a blank cell as null.",
        "JSONL": "One JSON object per line, keyed by column name.",
    },
)
described_enum(
    ImportRowStatus,
    name="ImportRowStatus",
    description="What one row of an import did (or, in a dry run, would do).",
    values={
        "CREATED": "A new record.",
        "UPDATED": "An existing record (same externalId) changed.",
        "UNCHANGED": "The record exists with exactly these values: nothing written.",
        "ERROR": "Refused, as the upsert mutation would refuse it; `errors` say why. Nothing of "
        "the row is written.",
    },
)


@strawberry.type(description="One row of an import file and what it did (§14).")
class ImportRow:
    line: int = strawberry.field(
        description="The physical line the row starts on; the header row is line 1."
    )
    status: ImportRowStatus = strawberry.field(description="What the row did.")
    errors: list[UserError] = strawberry.field(
        description="Why an ERROR row was refused, each naming its column (`field`) as the "
        "upsert mutation names it; empty otherwise."
    )

    @classmethod
    def from_model(cls, row: Any) -> ImportRow:
        errors = [
            UserError.from_domain(
                DomainError(
                    ErrorCode(entry["code"]),
                    entry["message"],
                    tuple(entry["field"]) if entry.get("field") else None,
                )
            )
            for entry in row.errors or []
        ]
        return cls(line=row.line, status=ImportRowStatus(row.status), errors=errors)


@strawberry.input(description="A file to import (importRunStart, §14).")
class ImportRunStartInput:
    kind: ImportKind = strawberry.field(description="What the file holds.")
    format: FileFormat = strawberry.field(description="CSV (with a header row) or JSONL.")
    content: str = strawberry.field(
        description="The file's text, up to 20 MB of UTF-8. A missing header, an unknown "
        "column, another encoding or a larger file → INVALID (field content) naming the lines."
    )
    dry_run: bool = strawberry.field(
        default=False,
        description="Report what a real run would do (every row's status) and write nothing.",
    )


@strawberry.input(description="Which records to export (§14).")
class ExportFilter(ExternalDataFilter):
    search: str | None = strawberry.field(
        default=None, description="As the kind's list filter `search`."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also archived accounts or products; default false."
    )


@strawberry.input(description="An export to write (exportRunStart, §14).")
class ExportRunStartInput:
    kind: ImportKind = strawberry.field(
        description="ACCOUNTS, CONTACTS or PRODUCTS (others are INVALID)."
    )
    format: FileFormat = strawberry.field(default=FileFormat.CSV, description="Default CSV.")
    filter: ExportFilter | None = strawberry.field(
        default=None, description="Which records; default: all (archived ones left out)."
    )


def export_filter(flt: ExportFilter | None) -> dict[str, Any]:
    """The filter in the domain's names, as the EXPORT run stores it."""
    if flt is None:
        return {}
    shown: dict[str, Any] = {}
    if flt.search is not None:
        shown["search"] = flt.search
    if flt.external_id is not None:
        shown["external_id"] = flt.external_id
    if flt.metadata:
        shown["metadata"] = [[m.key, m.value] for m in flt.metadata]
    if flt.include_archived:
        shown["include_archived"] = True
    return shown
