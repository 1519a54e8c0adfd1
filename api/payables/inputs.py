"""GraphQL inputs of accounts payable (contract §10): the lists' filters and orders, and the
mutations' inputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from api.payables.enums import MatchStatus, VendorBillStatus
from api.relay import filter_id, order_fields
from api.scalars import OrderDirection, described_enum
from domain.payables import services

DIRECTION = "ASC (the default) or DESC; ties are broken by creation order."


@strawberry.input(description="Narrows `vendorBills`; every given condition must hold.")
class VendorBillFilter:
    supplier_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this supplier's bills (an Account id)."
    )
    status: VendorBillStatus | None = strawberry.field(
        default=None, description="Only this status."
    )
    match_status: MatchStatus | None = strawberry.field(
        default=None, description="Only bills that matched (MATCHED) or not (EXCEPTION)."
    )
    purchase_order_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only bills with a line of this PurchaseOrder."
    )

    def query(self) -> services.VendorBillFilter:
        return services.VendorBillFilter(
            supplier_id=filter_id(self.supplier_id, "Account", "supplierId"),
            status=self.status,
            match_status=self.match_status,
            purchase_order_id=filter_id(self.purchase_order_id, "PurchaseOrder", "purchaseOrderId"),
        )


class VendorBillOrderField(Enum):
    NUMBER = "number"
    BILL_DATE = "bill_date"
    DUE_DATE = "due_date"
    TOTAL = "total"
    AMOUNT_DUE = "amount_due"


described_enum(
    VendorBillOrderField,
    name="VendorBillOrderField",
    description="What `vendorBills` can be sorted by.",
    values={
        "NUMBER": "The number, BILL-YYYY-NNNNNN.",
        "BILL_DATE": "The supplier's bill date.",
        "DUE_DATE": "The day payment is due.",
        "TOTAL": "The total incl. tax.",
        "AMOUNT_DUE": "What is still owed.",
    },
)


@strawberry.input(description="The order of `vendorBills`.")
class VendorBillOrder:
    field: VendorBillOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=DIRECTION)

    def fields(self) -> tuple[str, ...]:
        return order_fields(self.field.value, self.direction)


@strawberry.input(description="Narrows `supplierPayments`; every given condition must hold.")
class SupplierPaymentFilter:
    supplier_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only payments to this supplier (an Account id)."
    )
    from_: date | None = strawberry.field(
        default=None, name="from", description="Only payments dated on or after this day."
    )
    to: date | None = strawberry.field(
        default=None, description="Only payments dated on or before this day."
    )

    def query(self) -> services.SupplierPaymentFilter:
        return services.SupplierPaymentFilter(
            supplier_id=filter_id(self.supplier_id, "Account", "supplierId"),
            date_from=self.from_,
            date_to=self.to,
        )


class SupplierPaymentOrderField(Enum):
    NUMBER = "number"
    DATE = "date"
    AMOUNT = "amount"


described_enum(
    SupplierPaymentOrderField,
    name="SupplierPaymentOrderField",
    description="What `supplierPayments` can be sorted by.",
    values={
        "NUMBER": "The number, SPAY-YYYY-NNNNNN.",
        "DATE": "The day the money was paid.",
        "AMOUNT": "The amount paid.",
    },
)


@strawberry.input(description="The order of `supplierPayments`.")
class SupplierPaymentOrder:
    field: SupplierPaymentOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description=DIRECTION)

    def fields(self) -> tuple[str, ...]:
        return order_fields(self.field.value, self.direction)


@strawberry.input(description="One line of a vendor bill: what it charges for a PO line.")
class VendorBillLineInput:
    purchase_order_line_id: strawberry.ID = strawberry.field(
        description="The PurchaseOrderLine billed, on an order of the bill's supplier."
    )
    quantity: Decimal = strawberry.field(
        description="How many are billed, in the product's `uom`; > 0, at most 4 decimals. "
        "More than received − already billed is a match exception."
    )
    unit_cost: Decimal | None = strawberry.field(
        default=None,
        description="The supplier's price per unit in the bill's currency, at most 4 decimals. "
        "Default: the PO line's unit cost.",
    )
    tax_rate: Decimal | None = strawberry.field(
        default=None, description="Input tax in percent, 0–100. Default: 0."
    )


@strawberry.input(description="A supplier's bill, entered as a DRAFT and matched (§10).")
class VendorBillCreateInput:
    supplier_id: strawberry.ID = strawberry.field(
        description="The supplier (an Account); its currency is the bill's and its "
        "paymentTermsDays set the due date."
    )
    supplier_reference: str = strawberry.field(
        description="The supplier's own number for the bill, up to 120 characters; unique "
        "per supplier (DUPLICATE)."
    )
    bill_date: date = strawberry.field(
        description="The bill's date: its number's year, its due date's start and the date "
        "it posts on."
    )
    lines: list[VendorBillLineInput] = strawberry.field(
        description="What is billed: at least one line."
    )


@strawberry.input(description="Posting a DRAFT vendor bill (§10).")
class VendorBillPostInput:
    id: strawberry.ID = strawberry.field(description="The DRAFT VendorBill.")
    approve_exceptions: bool = strawberry.field(
        default=False,
        description="Post even though lines fail the match. ADMIN and FINANCE only: "
        "FORBIDDEN for other roles when the bill has exceptions.",
    )


@strawberry.input(description="How much of a supplier payment settles one bill.")
class SupplierPaymentAllocationInput:
    vendor_bill_id: strawberry.ID = strawberry.field(
        description="A POSTED or PARTIALLY_PAID VendorBill of the supplier."
    )
    amount: Decimal = strawberry.field(
        description="More than 0, at most the bill's amount due; in the bill's currency."
    )


@strawberry.input(description="Money paid to a supplier (§10).")
class SupplierPaymentRecordInput:
    supplier_id: strawberry.ID = strawberry.field(description="The supplier (an Account).")
    amount: Decimal = strawberry.field(
        description="More than 0, in the supplier's currency (to its minor units), at most "
        "what the supplier's posted bills owe (INVALID otherwise)."
    )
    date: date = strawberry.field(description="The day the money was paid: the posting's date.")
    reference: str | None = strawberry.field(
        default=None, description="Our reference (a transfer's text), up to 120 characters."
    )
    allocations: list[SupplierPaymentAllocationInput] | None = strawberry.field(
        default=None,
        description="Which bills it settles, adding up to the amount; omitted or empty: the "
        "oldest due bills first.",
    )
    currency: str | None = strawberry.field(
        default=None,
        description="ISO 4217 code of the money paid: omitted, the supplier's; another "
        "currency than the supplier's → INVALID (§12).",
    )
