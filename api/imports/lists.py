"""The rows of an IMPORT run (`JobRun.importRows`, §14), as a keyset connection."""

from __future__ import annotations

from typing import Any

from api.imports.types import ImportRow
from api.relay import Connection, paginate
from domain.imports.models import ImportRow as ImportRowModel
from domain.imports.models import ImportRowStatus


async def import_rows(
    params: dict[str, Any],
    *,
    first: int | None = None,
    after: str | None = None,
    status: ImportRowStatus | None = None,
) -> Connection[ImportRow]:
    """`params` are the run's (they name its stored file)."""
    rows = ImportRowModel.filter(data_import_id=int(params["import_id"]))
    if status is not None:
        rows = rows.filter(status=status)
    return await paginate(rows, ImportRow.from_model, first=first, after=after, order_by=("line",))
