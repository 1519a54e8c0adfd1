"""Invoices, payments and credit notes: the receivables side of order-to-cash (§5.4)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import (
    exchange_rate_field,
    external_id_field,
    metadata_field,
    money_field,
    percent_field,
    quantity_field,
    unit_cost_field,
)


class InvoiceStatus(str, Enum):
    POSTED = "POSTED"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    VOID = "VOID"


OPEN_INVOICE_STATUSES = (InvoiceStatus.POSTED, InvoiceStatus.PARTIALLY_PAID)


class Invoice(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="invoices", on_delete=fields.RESTRICT
    )
    account_id: int
    sales_order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SalesOrder", related_name="invoices", on_delete=fields.RESTRICT
    )
    sales_order_id: int
    status = fields.CharEnumField(
        InvoiceStatus, max_length=16, default=InvoiceStatus.POSTED, db_index=True
    )
    issue_date = fields.DateField(db_index=True)
    due_date = fields.DateField(db_index=True)
    currency = fields.CharField(max_length=3)
    # Base units per unit of `currency` on the issue date, as booked (§12); 1 in the base.
    exchange_rate = exchange_rate_field(default=1)
    subtotal = money_field()
    tax_total = money_field()
    total = money_field()
    amount_paid = money_field(default=0)
    # Reduced by credit notes, never below zero (the rest goes to the customer's credit).
    amount_credited = money_field(default=0)
    amount_due = money_field()
    # None only for a document of zero value: an entry without amounts is no entry.
    journal_entry: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.JournalEntry", related_name="invoices", null=True, on_delete=fields.RESTRICT
    )
    journal_entry_id: int | None
    # Another system's id and free data (§14).
    external_id = external_id_field()
    metadata: dict = metadata_field()
    private_metadata: dict = metadata_field()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "invoices"


class InvoiceLine(Model):
    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="lines", on_delete=fields.RESTRICT
    )
    invoice_id: int
    position = fields.IntField(default=0)
    sales_order_line: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SalesOrderLine", related_name="invoice_lines", on_delete=fields.RESTRICT
    )
    sales_order_line_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="invoice_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    description = fields.CharField(max_length=255, null=True)
    quantity = quantity_field()
    unit_price = unit_cost_field()
    discount_percent = percent_field(default=0)
    tax_rate = percent_field(default=0)
    net_amount = money_field()
    tax_amount = money_field()
    quantity_credited = quantity_field(default=0)
    net_credited = money_field(default=0)
    tax_credited = money_field(default=0)

    class Meta:
        table = "invoice_lines"
        ordering = ["position", "id"]


class Payment(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="payments", on_delete=fields.RESTRICT
    )
    account_id: int
    date = fields.DateField(db_index=True)
    amount = money_field()
    reference = fields.CharField(max_length=120, null=True)
    currency = fields.CharField(max_length=3)
    # Base units per unit of `currency` on the payment date, as booked (§12).
    exchange_rate = exchange_rate_field(default=1)
    # What was not allocated to an invoice: the customer's credit on 2100.
    unapplied_amount = money_field(default=0)
    journal_entry: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.JournalEntry", related_name="payments", on_delete=fields.RESTRICT
    )
    journal_entry_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "payments"


class PaymentAllocation(Model):
    id = fields.IntField(primary_key=True)
    payment: fields.ForeignKeyRelation[Payment] = fields.ForeignKeyField(
        "models.Payment", related_name="allocations", on_delete=fields.RESTRICT
    )
    payment_id: int
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="allocations", on_delete=fields.RESTRICT
    )
    invoice_id: int
    amount = money_field()

    class Meta:
        table = "payment_allocations"
        ordering = ["id"]


class CreditNote(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="credit_notes", on_delete=fields.RESTRICT
    )
    invoice_id: int
    account: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="credit_notes", on_delete=fields.RESTRICT
    )
    account_id: int
    issue_date = fields.DateField(db_index=True)
    subtotal = money_field()
    tax_total = money_field()
    total = money_field()
    # Part of the total that reduced the invoice's amount due; the rest is customer credit.
    applied_amount = money_field()
    unapplied_amount = money_field(default=0)
    # None only for a document of zero value: an entry without amounts is no entry.
    journal_entry: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.JournalEntry", related_name="credit_notes", null=True, on_delete=fields.RESTRICT
    )
    journal_entry_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "credit_notes"


class CreditNoteLine(Model):
    id = fields.IntField(primary_key=True)
    credit_note: fields.ForeignKeyRelation[CreditNote] = fields.ForeignKeyField(
        "models.CreditNote", related_name="lines", on_delete=fields.RESTRICT
    )
    credit_note_id: int
    invoice_line: fields.ForeignKeyRelation[InvoiceLine] = fields.ForeignKeyField(
        "models.InvoiceLine", related_name="credit_note_lines", on_delete=fields.RESTRICT
    )
    invoice_line_id: int
    quantity = quantity_field()
    net_amount = money_field()
    tax_amount = money_field()

    class Meta:
        table = "credit_note_lines"
        ordering = ["id"]
