"""What a won deal's sales order has done so far, kept on the opportunity for the CRM (§9)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.fields import money_field
from domain.orders.models import DeliveryStatus, InvoiceStatus, PaymentStatus


class OpportunityFulfillment(Model):
    """Written in the transaction of every shipment, invoice, payment and credit note of the
    order, so the deal never reads another state than its order's."""

    id = fields.IntField(primary_key=True)
    opportunity: fields.OneToOneRelation = fields.OneToOneField(
        "models.Opportunity", related_name="fulfillment", on_delete=fields.CASCADE
    )
    opportunity_id: int
    sales_order: fields.OneToOneRelation = fields.OneToOneField(
        "models.SalesOrder", related_name="fulfillment", on_delete=fields.CASCADE
    )
    sales_order_id: int
    delivery_status = fields.CharEnumField(
        DeliveryStatus, max_length=16, default=DeliveryStatus.NOT_SHIPPED
    )
    invoice_status = fields.CharEnumField(
        InvoiceStatus, max_length=16, default=InvoiceStatus.NOT_INVOICED
    )
    payment_status = fields.CharEnumField(
        PaymentStatus, max_length=16, default=PaymentStatus.UNPAID
    )
    shipped_amount = money_field(default=0)
    invoiced_amount = money_field(default=0)
    paid_amount = money_field(default=0)
    promised_date = fields.DateField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "opportunity_fulfillments"
