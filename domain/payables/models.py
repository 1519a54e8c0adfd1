"""Vendor bills, their lines and supplier payments: the payables side of procure-to-pay (§10)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import (
    exchange_rate_field,
    money_field,
    percent_field,
    quantity_field,
    unit_cost_field,
)


class VendorBillStatus(str, Enum):
    DRAFT = "DRAFT"
    POSTED = "POSTED"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    VOID = "VOID"


# Posted bills with something still owed: what supplier payments settle and AP ages.
OPEN_BILL_STATUSES = (VendorBillStatus.POSTED, VendorBillStatus.PARTIALLY_PAID)
# Bills whose quantities count as billed on their purchase order lines (§10 three-way match).
BILLED_STATUSES = (*OPEN_BILL_STATUSES, VendorBillStatus.PAID)


class MatchStatus(str, Enum):
    MATCHED = "MATCHED"
    EXCEPTION = "EXCEPTION"


class VendorBill(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    supplier: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="vendor_bills", on_delete=fields.RESTRICT
    )
    supplier_id: int
    supplier_reference = fields.CharField(max_length=120)
    status = fields.CharEnumField(
        VendorBillStatus, max_length=16, default=VendorBillStatus.DRAFT, db_index=True
    )
    bill_date = fields.DateField(db_index=True)
    due_date = fields.DateField(db_index=True)
    currency = fields.CharField(max_length=3)
    # Base units per unit of `currency` on the bill date, as posted (§12); 1 in the base.
    exchange_rate = exchange_rate_field(default=1)
    subtotal = money_field()
    tax_total = money_field()
    total = money_field()
    amount_paid = money_field(default=0)
    amount_due = money_field()
    match_status = fields.CharEnumField(MatchStatus, max_length=16)
    # [{"position": 1, "kind": "QUANTITY" | "PRICE", "message": "…"}], as last matched.
    match_exceptions: list = fields.JSONField(default=list)
    exceptions_approved = fields.BooleanField(default=False)
    journal_entry: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.JournalEntry", related_name="vendor_bills", null=True, on_delete=fields.RESTRICT
    )
    journal_entry_id: int | None
    posted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "vendor_bills"
        unique_together = (("supplier", "supplier_reference"),)


class VendorBillLine(Model):
    id = fields.IntField(primary_key=True)
    bill: fields.ForeignKeyRelation[VendorBill] = fields.ForeignKeyField(
        "models.VendorBill", related_name="lines", on_delete=fields.CASCADE
    )
    bill_id: int
    position = fields.IntField(default=0)
    purchase_order_line: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.PurchaseOrderLine", related_name="bill_lines", on_delete=fields.RESTRICT
    )
    purchase_order_line_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="bill_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    quantity = quantity_field()
    unit_cost = unit_cost_field()
    tax_rate = percent_field(default=0)
    net_amount = money_field()
    tax_amount = money_field()

    class Meta:
        table = "vendor_bill_lines"
        ordering = ["position", "id"]


class SupplierPayment(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    supplier: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Account", related_name="supplier_payments", on_delete=fields.RESTRICT
    )
    supplier_id: int
    date = fields.DateField(db_index=True)
    amount = money_field()
    reference = fields.CharField(max_length=120, null=True)
    currency = fields.CharField(max_length=3)
    # Base units per unit of `currency` on the payment date, as booked (§12).
    exchange_rate = exchange_rate_field(default=1)
    journal_entry: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.JournalEntry", related_name="supplier_payments", on_delete=fields.RESTRICT
    )
    journal_entry_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "supplier_payments"


class SupplierPaymentAllocation(Model):
    id = fields.IntField(primary_key=True)
    payment: fields.ForeignKeyRelation[SupplierPayment] = fields.ForeignKeyField(
        "models.SupplierPayment", related_name="allocations", on_delete=fields.RESTRICT
    )
    payment_id: int
    bill: fields.ForeignKeyRelation[VendorBill] = fields.ForeignKeyField(
        "models.VendorBill", related_name="allocations", on_delete=fields.RESTRICT
    )
    bill_id: int
    amount = money_field()

    class Meta:
        table = "supplier_payment_allocations"
        ordering = ["id"]
