"""The general ledger: chart of accounts and immutable, balanced journal entries (§5.3)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import exchange_rate_field, money_field


class LedgerAccountType(str, Enum):
    ASSET = "ASSET"
    LIABILITY = "LIABILITY"
    EQUITY = "EQUITY"
    REVENUE = "REVENUE"
    EXPENSE = "EXPENSE"


class JournalSource(str, Enum):
    INVOICE = "INVOICE"
    SHIPMENT = "SHIPMENT"
    PAYMENT = "PAYMENT"
    STOCK_ADJUSTMENT = "STOCK_ADJUSTMENT"
    PO_RECEIPT = "PO_RECEIPT"
    CREDIT_NOTE = "CREDIT_NOTE"
    WORK_ORDER = "WORK_ORDER"
    VENDOR_BILL = "VENDOR_BILL"
    SUPPLIER_PAYMENT = "SUPPLIER_PAYMENT"
    REVALUATION = "REVALUATION"
    STOCK_COUNT = "STOCK_COUNT"
    RETURN = "RETURN"
    MANUAL = "MANUAL"


class LedgerAccount(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=8, unique=True)
    name = fields.CharField(max_length=120)
    type = fields.CharEnumField(LedgerAccountType, max_length=16)

    class Meta:
        table = "ledger_accounts"
        ordering = ["code"]


class JournalEntry(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    date = fields.DateField(db_index=True)
    memo = fields.CharField(max_length=255)
    source = fields.CharEnumField(JournalSource, max_length=20, db_index=True)
    # The business document behind the entry, e.g. "INV-2026-000001".
    reference = fields.CharField(max_length=64, null=True, db_index=True)
    reverses: fields.ForeignKeyNullableRelation[JournalEntry] = fields.ForeignKeyField(
        "models.JournalEntry", related_name="reversals", null=True, on_delete=fields.RESTRICT
    )
    reverses_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "journal_entries"


class JournalLine(Model):
    id = fields.IntField(primary_key=True)
    entry: fields.ForeignKeyRelation[JournalEntry] = fields.ForeignKeyField(
        "models.JournalEntry", related_name="lines", on_delete=fields.RESTRICT
    )
    entry_id: int
    ledger_account: fields.ForeignKeyRelation[LedgerAccount] = fields.ForeignKeyField(
        "models.LedgerAccount", related_name="journal_lines", on_delete=fields.RESTRICT
    )
    ledger_account_id: int
    # The customer or supplier of a 1200, 2100 or 2000 line (§5.3); null on the others.
    account: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Account",
        related_name="journal_lines",
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    account_id: int | None
    # In the base currency (§12): round_half_up(amount × rate) per line.
    debit = money_field(default=0)
    credit = money_field(default=0)
    # The document's side of the line (§12): `amount` of `currency` at `rate` base units each.
    # Null on lines posted before §12: those are in the base currency at rate 1.
    currency = fields.CharField(max_length=3, null=True)
    amount = money_field(null=True)
    rate = exchange_rate_field(null=True)

    class Meta:
        table = "journal_lines"
        ordering = ["id"]
