"""The EXPORT job's body (§14): a kind's rows, in the columns of its import, written as CSV or
JSON lines under the var dir, and fetched from `/exports/<token>` by the bearer of the API
token that started it, for one hour."""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.accounts.models import Account
from domain.accounts.services import AccountFilter, ContactFilter, list_accounts, list_contacts
from domain.catalog.services import ProductFilter, list_products
from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode
from domain.exports.models import DataExport
from domain.imports.columns import COLUMNS, Column, csv_cell, stored_value
from domain.imports.models import FileFormat, ImportKind
from domain.settings import get_settings
from domain.validation import Checks, optional_external_id, optional_text

EXPORT_HOURS = 1
BATCH_ROWS = 1000
EXPORTABLE = (ImportKind.ACCOUNTS, ImportKind.CONTACTS, ImportKind.PRODUCTS)
# The filter keys each kind's list takes (the domain's names).
FILTER_KEYS = ("search", "external_id", "metadata", "include_archived")

Progress = Callable[[int, int], Awaitable[None]]


def export_dir() -> Path:
    return get_settings().var_dir / "exports"


def check_export(kind: str, fmt: str, flt: Mapping[str, Any]) -> None:
    if ImportKind(kind) not in EXPORTABLE:
        raise DomainError(
            ErrorCode.INVALID,
            f"kind {kind} cannot be exported (one of {', '.join(k.value for k in EXPORTABLE)}).",
            "kind",
        )
    FileFormat(fmt)
    unknown = sorted(set(flt) - set(FILTER_KEYS))
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown filter keys {unknown}.", "filter")
    checks = Checks()
    checks(optional_text, flt.get("search"), ("filter", "search"))
    checks(optional_external_id, flt.get("external_id"), ("filter", "external_id"))
    for index, (key, value) in enumerate(flt.get("metadata") or []):
        checks(optional_text, key, ("filter", "metadata", str(index), "key"), 64)
        checks(optional_text, value, ("filter", "metadata", str(index), "value"), 2000)
    checks.raise_if_any()


def _queryset(kind: ImportKind, flt: Mapping[str, Any]) -> QuerySet[Any]:
    metadata = tuple((str(k), str(v)) for k, v in (flt.get("metadata") or []))
    common = {"search": flt.get("search"), "external_id": flt.get("external_id")}
    if kind is ImportKind.ACCOUNTS:
        return list_accounts(
            AccountFilter(
                **common,
                metadata=metadata,
                include_archived=bool(flt.get("include_archived")),
            )
        )
    if kind is ImportKind.PRODUCTS:
        return list_products(
            ProductFilter(
                **common,
                metadata=metadata,
                include_archived=bool(flt.get("include_archived")),
            )
        )
    return list_contacts(ContactFilter(**common, metadata=metadata))


async def _batches(qs: QuerySet[Any]) -> AsyncIterator[list[Any]]:
    """The rows by id, a keyset page at a time."""
    last = 0
    while True:
        rows = await qs.filter(id__gt=last).order_by("id").limit(BATCH_ROWS)
        if not rows:
            return
        yield rows
        last = rows[-1].id


async def _references(kind: ImportKind, rows: list[Model]) -> dict[int, Any]:
    if kind is not ImportKind.CONTACTS:
        return {}
    ids = sorted({row.account_id for row in rows})  # type: ignore[attr-defined]
    pairs = await Account.filter(id__in=ids).values_list("id", "external_id")
    return dict(pairs)


def _value(column: Column, row: Any, references: Mapping[int, Any]) -> Any:
    if column.field == "account_external_id":
        return references.get(row.account_id)
    return stored_value(column, getattr(row, column.field))


class _Writer:
    def __init__(self, out: TextIO, fmt: FileFormat, columns: tuple[Column, ...]) -> None:
        self.out, self.fmt, self.columns = out, fmt, columns
        self.csv = csv.writer(out, lineterminator="\n") if fmt is FileFormat.CSV else None
        if self.csv is not None:
            self.csv.writerow([column.name for column in columns])

    def write(self, values: list[Any]) -> None:
        if self.csv is not None:
            self.csv.writerow([csv_cell(value) for value in values])
        else:
            line = {c.name: v for c, v in zip(self.columns, values, strict=True) if v is not None}
            self.out.write(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n")


def _result(export: DataExport) -> dict[str, Any]:
    return {
        "url": f"/exports/{export.token}",
        "rows": export.rows,
        "format": export.format,
        "expires_at": export.expires_at.isoformat(),
    }


async def run_export(
    job_run_id: int,
    kind: str,
    fmt: str,
    flt: Mapping[str, Any],
    api_token_id: int | None,
    progress: Progress,
) -> dict[str, Any]:
    """Writes the file to a temporary name and renames it when whole; a run taken over
    writes it again, and a run whose export is recorded answers with it."""
    done = await DataExport.get_or_none(job_run_id=job_run_id)
    if done is not None:
        return _result(done)
    check_export(kind, fmt, flt)
    import_kind, file_format = ImportKind(kind), FileFormat(fmt)
    qs = _queryset(import_kind, flt)
    total = await qs.count()
    token = secrets.token_urlsafe(32)
    suffix = "csv" if file_format is FileFormat.CSV else "jsonl"
    folder = export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{token}.{suffix}"
    partial = folder / f".{token}.{suffix}.part"
    columns = COLUMNS[import_kind]
    written = 0
    with partial.open("w", encoding="utf-8", newline="") as out:
        writer = _Writer(out, file_format, columns)
        async for rows in _batches(qs):
            references = await _references(import_kind, rows)
            for row in rows:
                writer.write([_value(column, row, references) for column in columns])
            written += len(rows)
            await progress(written, total)
    os.replace(partial, final)
    export = await DataExport.create(
        job_run_id=job_run_id,
        token=token,
        api_token_id=api_token_id,
        kind=import_kind.value,
        format=file_format.value,
        file_name=final.name,
        rows=written,
        expires_at=utcnow() + timedelta(hours=EXPORT_HOURS),
    )
    return _result(export)


async def export_file(token: str, api_token_id: int | None) -> tuple[Path, str] | None:
    """The file of `/exports/<token>` and its media type, for the token that started the
    export and for one hour; None (a 404) otherwise."""
    export = await DataExport.get_or_none(token=token)
    if export is None or api_token_id is None or export.api_token_id != api_token_id:
        return None
    if export.expires_at <= utcnow():
        return None
    path = export_dir() / export.file_name
    if not path.is_file():
        return None
    media = "text/csv" if export.format == FileFormat.CSV.value else "application/x-ndjson"
    return path, media
