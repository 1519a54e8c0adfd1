"""Queries and mutations of accounts payable (contract §10)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth import has_role
from api.errors import MutationInput, perform
from api.payables.inputs import (
    SupplierPaymentFilter,
    SupplierPaymentOrder,
    SupplierPaymentRecordInput,
    VendorBillCreateInput,
    VendorBillFilter,
    VendorBillOrder,
    VendorBillPostInput,
)
from api.payables.types import (
    ApAging,
    SupplierPayment,
    SupplierPaymentRecordPayload,
    VendorBill,
    VendorBillCreatePayload,
    VendorBillPostPayload,
    ap_aging,
)
from api.permissions import AP_APPROVERS
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
)
from domain.payables import services

READERS = " ADMIN, FINANCE and OPERATIONS only."


@strawberry.type
class Query:
    @strawberry.field(description="A vendor bill by its id; null when there is none." + READERS)
    async def vendor_bill(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A VendorBill id.")],
    ) -> VendorBill | None:
        return await node_by_global_id(VendorBill, info, id)

    @strawberry.field(description="Vendor bills, newest first by default." + READERS)
    async def vendor_bills(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            VendorBillFilter | None, strawberry.argument(description="Only these bills.")
        ] = None,
        order_by: Annotated[
            VendorBillOrder | None, strawberry.argument(description="Default: newest first.")
        ] = None,
    ) -> Connection[VendorBill]:
        return await paginate(
            services.list_vendor_bills((filter or VendorBillFilter()).query()),
            VendorBill.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order_by.fields() if order_by else ("-id",),
        )

    @strawberry.field(
        description="A supplier payment by its id; null when there is none." + READERS
    )
    async def supplier_payment(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A SupplierPayment id.")],
    ) -> SupplierPayment | None:
        return await node_by_global_id(SupplierPayment, info, id)

    @strawberry.field(description="Payments to suppliers, newest first by default." + READERS)
    async def supplier_payments(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            SupplierPaymentFilter | None, strawberry.argument(description="Only these payments.")
        ] = None,
        order_by: Annotated[
            SupplierPaymentOrder | None,
            strawberry.argument(description="Default: newest first (by date)."),
        ] = None,
    ) -> Connection[SupplierPayment]:
        return await paginate(
            services.list_supplier_payments((filter or SupplierPaymentFilter()).query()),
            SupplierPayment.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order_by.fields() if order_by else ("-date", "-id"),
        )

    @strawberry.field(
        description="What is owed to suppliers by days past due as of a day, per supplier and "
        "in total (§10)." + READERS
    )
    async def ap_aging(
        self,
        as_of: Annotated[
            date,
            strawberry.argument(
                description="The report's day: later bills and supplier payments do not count yet."
            ),
        ],
    ) -> ApAging:
        return ap_aging(await services.ap_aging(as_of))


async def _create_bill(input: VendorBillCreateInput) -> Any:
    lines = [
        services.BillLineDraft(
            purchase_order_line_id=decode_id(
                line.purchase_order_line_id,
                "PurchaseOrderLine",
                ("lines", str(i), "purchase_order_line_id"),
            ),
            quantity=line.quantity,
            unit_cost=line.unit_cost,
            tax_rate=line.tax_rate,
        )
        for i, line in enumerate(input.lines)
    ]
    return await services.create_vendor_bill(
        decode_id(input.supplier_id, "Account", "supplier_id"),
        input.supplier_reference,
        input.bill_date,
        lines,
    )


async def _record_payment(input: SupplierPaymentRecordInput) -> Any:
    allocations = [
        services.BillAllocationDraft(
            bill_id=decode_id(
                item.vendor_bill_id, "VendorBill", ("allocations", str(i), "vendor_bill_id")
            ),
            amount=item.amount,
        )
        for i, item in enumerate(input.allocations or [])
    ]
    return await services.record_supplier_payment(
        decode_id(input.supplier_id, "Account", "supplier_id"),
        input.amount,
        input.date,
        input.reference,
        allocations or None,
        input.currency,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Enters a supplier's bill as a DRAFT numbered BILL-YYYY-NNNNNN, due "
        "billDate + the supplier's paymentTermsDays, and matches every line against its PO "
        "line (§10): exceptions are recorded, not refused. A supplierReference the supplier "
        "used before → DUPLICATE."
    )
    async def vendor_bill_create(
        self, input: MutationInput[VendorBillCreateInput]
    ) -> VendorBillCreatePayload:
        return await perform(
            VendorBillCreatePayload,
            "vendor_bill",
            lambda: _create_bill(input),
            VendorBill.from_model,
        )

    @strawberry.mutation(
        description="Matches a DRAFT bill again and posts it (§10): Dr 2050 / 5200 / Dr 1400 "
        "/ Cr 2000. A bill with match exceptions → MATCH_EXCEPTION naming its lines, unless "
        "approveExceptions from ADMIN or FINANCE. Posting twice → ALREADY_PROCESSED."
    )
    async def vendor_bill_post(
        self, info: Info, input: MutationInput[VendorBillPostInput]
    ) -> VendorBillPostPayload:
        may_approve = has_role(info, *AP_APPROVERS)

        async def post() -> Any:
            return await services.post_vendor_bill(
                decode_id(input.id, "VendorBill"),
                approve_exceptions=input.approve_exceptions,
                may_approve=may_approve,
            )

        return await perform(VendorBillPostPayload, "vendor_bill", post, VendorBill.from_model)

    @strawberry.mutation(
        description="Records money paid to a supplier (§10): Dr 2000 / Cr 1000, settling the "
        "given bills or the oldest due ones first. More than the supplier's posted bills owe → "
        "INVALID, nothing recorded."
    )
    async def supplier_payment_record(
        self, input: MutationInput[SupplierPaymentRecordInput]
    ) -> SupplierPaymentRecordPayload:
        return await perform(
            SupplierPaymentRecordPayload,
            "supplier_payment",
            lambda: _record_payment(input),
            SupplierPayment.from_model,
        )
