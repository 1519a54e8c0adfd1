"""Customer returns (RMA, §15): what a customer sends back of a sales order, restocked or not,
and the credit note of its invoiced part."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import quantity_field


class ReturnStatus(str, Enum):
    AUTHORIZED = "AUTHORIZED"
    RECEIVED = "RECEIVED"
    CANCELLED = "CANCELLED"


class Return(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SalesOrder", related_name="returns", on_delete=fields.RESTRICT
    )
    order_id: int
    status = fields.CharEnumField(ReturnStatus, max_length=16, default=ReturnStatus.AUTHORIZED)
    # Where the goods came back to; set on receipt.
    warehouse: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Warehouse", related_name="returns", null=True, on_delete=fields.RESTRICT
    )
    warehouse_id: int | None
    # The credit note of the invoiced part of the returned quantity (the first one when the
    # returned quantity was invoiced on several invoices).
    credit_note: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.CreditNote", related_name="returns", null=True, on_delete=fields.RESTRICT
    )
    credit_note_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    received_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "returns"


class ReturnLine(Model):
    id = fields.IntField(primary_key=True)
    rma: fields.ForeignKeyRelation[Return] = fields.ForeignKeyField(
        "models.Return", related_name="lines", on_delete=fields.CASCADE
    )
    rma_id: int
    order_line: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.SalesOrderLine", related_name="return_lines", on_delete=fields.RESTRICT
    )
    order_line_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="return_lines", on_delete=fields.RESTRICT
    )
    product_id: int
    quantity = quantity_field()
    # Back into stock (Dr 1300 / Cr 5000 at standard) or not (scrapped, kept by the customer).
    restock = fields.BooleanField(default=True)
    # The lot it comes back into, for a lot-tracked product; None: the lot it was shipped from.
    lot_code = fields.CharField(max_length=64, null=True)
    stock_move_id = fields.IntField(null=True)

    class Meta:
        table = "return_lines"
