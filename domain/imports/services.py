"""The IMPORT job's body (§14): the stored file read as a stream, its rows upserted in batches,
each batch in one transaction with the rows' results, so a run taken over resumes after the
last committed batch and imports each row once; a dry run rolls its writes back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from tortoise import connections
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode
from domain.events import record_event
from domain.global_ids import global_id
from domain.imports import columns as cols
from domain.imports.bulk import insert_rows
from domain.imports.files import RawRow, data_rows, file_problems
from domain.imports.invoices import apply_open_invoices
from domain.imports.models import DataImport, FileFormat, ImportKind, ImportRow, ImportRowStatus
from domain.imports.products import apply_products
from domain.imports.rows import PendingRow, RowOutcome, refused
from domain.imports.stock import apply_boms, apply_opening_stock
from domain.imports.upserts import Upserted, upsert_account, upsert_contact

BATCH_ROWS = 500
# Every this many rows (and before the first batch) a PostgreSQL run refreshes the planner's
# statistics of the tables its rows are looked up in: a fresh installation's tables were never
# analyzed, and the planner, taking them for empty while an import fills them, scans the
# whole table for each batch's 500 keys (50,000 products: 0.5 s a batch instead of 10 ms).
ANALYZE_EVERY_ROWS = 10_000
LOOKED_UP: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.ACCOUNTS: ("accounts",),
    ImportKind.CONTACTS: ("contacts", "accounts"),
    ImportKind.PRODUCTS: ("products",),
    ImportKind.OPENING_STOCK: ("imported_entries", "products"),
    ImportKind.OPEN_INVOICES: ("invoices", "accounts"),
    ImportKind.BOMS: ("products", "bills_of_materials"),
}

Progress = Callable[[int, int], Awaitable[None]]


class _DryRun(Exception):
    """Rolls a dry run's batch back once its outcomes are known."""


def _keys(kind: ImportKind, fields: dict[str, Any]) -> list[tuple[str, str]]:
    keys = []
    if isinstance(fields.get("external_id"), str) and fields["external_id"].strip():
        keys.append(("external_id", fields["external_id"].strip()))
    if kind is ImportKind.PRODUCTS and isinstance(fields.get("sku"), str):
        keys.append(("sku", fields["sku"].strip().upper()))
    if kind is ImportKind.BOMS and isinstance(fields.get("product_sku"), str):
        keys.append(("product_sku", fields["product_sku"].strip().upper()))
    return keys


def _pending(kind: ImportKind, raw: RawRow, seen: set[tuple[str, str]]) -> PendingRow:
    """The row's fields, or why it is refused before any lookup; a key (external id, SKU)
    a row above already had makes it a DUPLICATE."""
    if raw.problem is not None:
        return PendingRow(raw.line, {}, DomainError(ErrorCode.INVALID, raw.problem))
    try:
        fields = cols.row_fields(kind, raw.values)
    except DomainError as error:
        return PendingRow(raw.line, {}, error)
    for key in _keys(kind, fields):
        if key in seen:
            name = cols.api_field(key[0])
            return PendingRow(
                raw.line,
                fields,
                DomainError(
                    ErrorCode.DUPLICATE,
                    f"{name[0] if name else key[0]} {key[1]!r} is on an earlier line of the file.",
                    key[0],
                ),
            )
        seen.add(key)
    return PendingRow(raw.line, fields)


Upsert = Callable[[dict[str, Any]], Awaitable[Upserted[Any]]]
ROW_UPSERTS: dict[ImportKind, Upsert] = {
    ImportKind.ACCOUNTS: upsert_account,
    ImportKind.CONTACTS: upsert_contact,
}


async def _row_by_row(upsert: Upsert, rows: Sequence[PendingRow]) -> list[RowOutcome]:
    """Each row through the upsert mutation's own function (its transaction is a savepoint
    of the batch's: a refused row leaves nothing behind)."""
    outcomes = []
    for row in rows:
        if row.refusal is not None:
            outcomes.append(refused(row.line, row.refusal))
            continue
        try:
            upserted = await upsert(row.fields)
        except DomainError as error:
            outcomes.append(refused(row.line, error))
        else:
            outcomes.append(RowOutcome(row.line, upserted.status))
    return outcomes


async def apply_rows(kind: ImportKind, rows: Sequence[PendingRow]) -> list[RowOutcome]:
    if kind is ImportKind.PRODUCTS:
        return await apply_products(rows)
    if kind is ImportKind.OPENING_STOCK:
        return await apply_opening_stock(rows)
    if kind is ImportKind.OPEN_INVOICES:
        return await apply_open_invoices(rows)
    if kind is ImportKind.BOMS:
        return await apply_boms(rows)
    return await _row_by_row(ROW_UPSERTS[kind], rows)


async def _commit_batch(data: DataImport, rows: Sequence[PendingRow]) -> None:
    outcomes: list[RowOutcome] = []
    async with in_transaction():
        try:
            async with in_transaction():
                outcomes = await apply_rows(data.kind, rows)
                if data.dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        await insert_rows(
            ImportRow,
            [
                {
                    "data_import_id": data.id,
                    "line": outcome.line,
                    "status": outcome.status,
                    "errors": outcome.errors,
                }
                for outcome in outcomes
            ],
        )


async def refresh_statistics(kind: ImportKind) -> None:
    """ANALYZE the kind's look-up tables (PostgreSQL; SQLite plans by its indexes)."""
    connection = connections.get("default")
    if connection.capabilities.dialect != "postgres":
        return
    for table in LOOKED_UP[kind]:
        await connection.execute_script(f'ANALYZE "{table}"')


async def import_counts(data_import_id: int) -> dict[str, int]:
    rows = (
        await ImportRow.filter(data_import_id=data_import_id)
        .annotate(n=Count("id"))
        .group_by("status")
        .values("status", "n")
    )
    by_status = Counter({ImportRowStatus(row["status"]): row["n"] for row in rows})
    return {
        "created": by_status[ImportRowStatus.CREATED],
        "updated": by_status[ImportRowStatus.UPDATED],
        "unchanged": by_status[ImportRowStatus.UNCHANGED],
        "failed": by_status[ImportRowStatus.ERROR],
    }


def import_params(data: DataImport) -> dict[str, Any]:
    return {
        "import_id": data.id,
        "kind": data.kind.value,
        "format": data.format.value,
        "dry_run": data.dry_run,
        "rows": data.total_rows,
    }


async def run_import(job_run_id: int, import_id: int, progress: Progress) -> dict[str, Any]:
    """Resumes after the last row recorded: each batch commits its writes and its rows'
    results together; a cancel or takeover stops between batches."""
    data = await DataImport.get(id=import_id)
    columns = cols.column_names(data.kind)
    header, total = file_problems(
        data.content, FileFormat(data.format), columns, cols.KEY_COLUMNS[data.kind]
    )
    last = (
        await ImportRow.filter(data_import_id=data.id)
        .order_by("-line")
        .first()
        .values_list("line", flat=True)
    )
    resume_after = int(last) if last is not None else 0  # type: ignore[call-overload]
    done = await ImportRow.filter(data_import_id=data.id).count()
    seen: set[tuple[str, str]] = set()
    batch: list[PendingRow] = []
    since_analyze = ANALYZE_EVERY_ROWS
    for raw in data_rows(data.content, FileFormat(data.format), header):
        pending = _pending(data.kind, raw, seen)
        if raw.line <= resume_after:
            continue
        batch.append(pending)
        if len(batch) >= BATCH_ROWS:
            await progress(done, total)
            if since_analyze >= ANALYZE_EVERY_ROWS:
                await refresh_statistics(data.kind)
                since_analyze = 0
            await _commit_batch(data, batch)
            done += len(batch)
            since_analyze += len(batch)
            batch = []
    if batch:
        await progress(done, total)
        await _commit_batch(data, batch)
        done += len(batch)
    await progress(done, total)
    counts = await import_counts(data.id)
    result = {**counts, "kind": data.kind.value, "dry_run": data.dry_run, "rows": total}
    async with in_transaction():
        first = await DataImport.filter(id=data.id, completed_at__isnull=True).update(
            completed_at=utcnow()
        )
        if first:
            await record_event(
                "import_run.completed",
                {"id": global_id("JobRun", job_run_id), **cols_camel(result)},
            )
    return result


def cols_camel(result: dict[str, Any]) -> dict[str, Any]:
    return {(cols.api_field(key) or [key])[0]: value for key, value in result.items()}


async def store_import(
    kind: ImportKind, fmt: FileFormat, content: str, dry_run: bool
) -> DataImport:
    """Checks the whole file (size, encoding, header, columns: INVALID naming the lines) and
    stores it once for its run."""
    _, total = file_problems(content, fmt, cols.column_names(kind), cols.KEY_COLUMNS[kind])
    return await DataImport.create(
        kind=kind, format=fmt, content=content, dry_run=dry_run, total_rows=total
    )
