"""An import (§14): the file as given, stored once, and the result of each of its rows."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model


class ImportKind(str, Enum):
    ACCOUNTS = "ACCOUNTS"
    CONTACTS = "CONTACTS"
    PRODUCTS = "PRODUCTS"
    OPENING_STOCK = "OPENING_STOCK"
    OPEN_INVOICES = "OPEN_INVOICES"
    BOMS = "BOMS"


class FileFormat(str, Enum):
    CSV = "CSV"
    JSONL = "JSONL"


class ImportRowStatus(str, Enum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"
    ERROR = "ERROR"


class DataImport(Model):
    """One importRunStart: its JobRun reads the content from here (never from Redis)."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ImportKind, max_length=16)
    format = fields.CharEnumField(FileFormat, max_length=8)
    dry_run = fields.BooleanField(default=False)
    content = fields.TextField()
    # Data rows in the file (header and blank lines not counted).
    total_rows = fields.IntField(default=0)
    # Set with the import_run.completed event, in its transaction: a run taken over after
    # that records it no second time.
    completed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "data_imports"


class ImportRow(Model):
    """What one row of the file did, committed with what it wrote (its batch's transaction):
    a run taken over resumes after the last row recorded."""

    id = fields.IntField(primary_key=True)
    data_import: fields.ForeignKeyRelation[DataImport] = fields.ForeignKeyField(
        "models.DataImport", related_name="rows", on_delete=fields.CASCADE
    )
    data_import_id: int
    # The physical line the row starts on; the header is line 1.
    line = fields.IntField()
    status = fields.CharEnumField(ImportRowStatus, max_length=16)
    # [{"field": [...], "code": ..., "message": ...}] for an ERROR row.
    errors: list = fields.JSONField(default=list)

    class Meta:
        table = "import_rows"
        unique_together = (("data_import", "line"),)


class ImportedEntry(Model):
    """An external id given to an entry that has no column of its own for one (an opening
    stock move): a second import of it finds it here and changes nothing."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ImportKind, max_length=16)
    external_id = fields.CharField(max_length=100)
    # The entry written (the stock move's id) and what it was given, to compare with.
    target_id = fields.IntField()
    values: dict = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "imported_entries"
        unique_together = (("kind", "external_id"),)
